//! The report for people: each finding rendered by miette's graphical handler with the
//! source line, the value underlined, the message and the help, then a summary line.
//!
//! Only this module knows about miette: it adapts a [`Diagnostic`] and its source file to
//! `miette::Diagnostic`, with document text escaped so it cannot control the terminal.

use std::fmt;
use std::io::{self, Write};

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use super::{Findings, Reporter};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceFile, Span};
use crate::util::sanitize::{DisplayText, escape};

#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

pub struct Human {
    handler: GraphicalReportHandler,
}

impl Human {
    pub fn new(options: HumanOptions) -> Human {
        let theme = if options.color {
            GraphicalTheme::unicode()
        } else {
            GraphicalTheme::unicode_nocolor()
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(options.width)
            .with_links(false)
            .with_urls(false)
            .without_syntax_highlighting();
        Human { handler }
    }

    /// Render one finding (used by the fixture tests as well).
    pub fn render<'a>(
        &self,
        files: &[SourceFile],
        shown: &mut ShownFiles<'a>,
        d: &Diagnostic,
    ) -> String {
        let adapter = Adapter::new(files, shown, d);
        let mut out = String::new();
        if self.handler.render_report(&mut out, &adapter).is_err() {
            out = format!("{}: {}\n", d.rule.code, escape(&d.message));
        }
        out
    }
}

impl Reporter for Human {
    fn report(&mut self, findings: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut shown = ShownFiles::new(findings.files);
        for d in findings.diagnostics {
            let rendered = self.render(findings.files, &mut shown, d);
            out.write_all(rendered.as_bytes())?;
            writeln!(out)?;
        }
        writeln!(out, "{}", findings.summary.line())
    }
}

/// Files as shown on a terminal, escaped once each, when first needed.
pub struct ShownFiles<'a> {
    files: &'a [SourceFile],
    shown: Vec<Option<std::sync::Arc<DisplayText<'a>>>>,
}

impl<'a> ShownFiles<'a> {
    pub fn new(files: &'a [SourceFile]) -> ShownFiles<'a> {
        ShownFiles {
            files,
            shown: (0..files.len()).map(|_| None).collect(),
        }
    }

    fn get(&mut self, id: FileId) -> std::sync::Arc<DisplayText<'a>> {
        let slot = &mut self.shown[id.index()];
        slot.get_or_insert_with(|| {
            std::sync::Arc::new(DisplayText::new(&self.files[id.index()].text))
        })
        .clone()
    }
}

/// One file's displayed text under its name.
struct Source<'a> {
    name: String,
    text: std::sync::Arc<DisplayText<'a>>,
}

impl SourceCode for Source<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        // miette reads from the start of the text to the span; hand it only the lines around
        // the span, and count the lines before them here, where memchr does it fast.
        let text = self.text.text.as_bytes();
        let start = span.offset().min(text.len());
        let end = (start + span.len()).min(text.len());
        // One line more than asked for: where the span starts a line, miette looks at the
        // line break before it.
        let mut from = line_start(text, start);
        for _ in 0..=before {
            if from == 0 {
                break;
            }
            from = line_start(text, from - 1);
        }
        // And after: the line break that ends the span's line does not count as context.
        let mut to = end;
        for _ in 0..after + 2 {
            match memchr::memchr(b'\n', &text[to.min(text.len())..]) {
                Some(i) => to += i + 1,
                None => {
                    to = text.len();
                    break;
                }
            }
        }
        let window = &text[from..to.min(text.len())];
        let local = SourceSpan::new((start - from).into(), end - start);
        let contents = window.read_span(&local, before, after)?;
        let lines_before = line_breaks(&text[..from]);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            SourceSpan::new(
                (contents.span().offset() + from).into(),
                contents.span().len(),
            ),
            contents.line() + lines_before,
            contents.column(),
            // miette's line count runs from the start of the text.
            contents.line_count() + lines_before,
        )))
    }
}

/// Where the line holding `offset` starts.
fn line_start(text: &[u8], offset: usize) -> usize {
    memchr::memrchr(b'\n', &text[..offset]).map_or(0, |i| i + 1)
}

/// Line breaks the way miette counts them: `\n`, `\r\n` and a lone `\r` are one each.
fn line_breaks(text: &[u8]) -> usize {
    let lone_cr = memchr::memchr_iter(b'\r', text)
        .filter(|&i| text.get(i + 1) != Some(&b'\n'))
        .count();
    memchr::memchr_iter(b'\n', text).count() + lone_cr
}

/// A finding as miette sees it.
struct Adapter<'a> {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Source<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<Adapter<'a>>,
}

fn source_span(shown: &DisplayText<'_>, span: Span) -> SourceSpan {
    let s = shown.range(span.range());
    SourceSpan::new(s.start.into(), s.len())
}

impl<'a> Adapter<'a> {
    fn new(files: &[SourceFile], shown: &mut ShownFiles<'a>, d: &Diagnostic) -> Adapter<'a> {
        let text = shown.get(d.file);
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            d.label.as_deref().map(|l| escape(l).into_owned()),
            source_span(&text, d.span),
        )];
        let mut related = Vec::new();
        for l in &d.secondary {
            if l.file == d.file {
                labels.push(LabeledSpan::new_with_span(
                    Some(escape(&l.message).into_owned()),
                    source_span(&text, l.span),
                ));
            } else {
                let other = shown.get(l.file);
                let span = source_span(&other, l.span);
                related.push(Adapter {
                    message: escape(&l.message).into_owned(),
                    code: String::new(),
                    severity: miette::Severity::Advice,
                    help: None,
                    source: Source {
                        name: escape(&files[l.file.index()].path).into_owned(),
                        text: other,
                    },
                    labels: vec![LabeledSpan::new_primary_with_span(None, span)],
                    related: Vec::new(),
                });
            }
        }
        Adapter {
            message: escape(&d.message).into_owned(),
            code: format!("{} {}", d.rule.code, d.rule.name),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            },
            help: d.help.as_deref().map(|h| escape(h).into_owned()),
            source: Source {
                name: escape(&files[d.file.index()].path).into_owned(),
                text,
            },
            labels,
            related,
        }
    }
}

impl fmt::Debug for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Adapter<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Adapter<'_> {}

impl miette::Diagnostic for Adapter<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        (!self.code.is_empty()).then(|| Box::new(&self.code) as Box<dyn fmt::Display>)
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        Some(Box::new(self.labels.iter().cloned()))
    }

    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The windowed `read_span` gives what miette's own gives on the whole text.
    #[test]
    fn windowed_spans_read_as_miette_reads_them() {
        let texts = [
            "one\ntwo\nthree\n\nfive\nsix\nseven\neight\n",
            "a\r\nbb\r\nccc\rdddd\r\n\r\neeeee\nf",
            "no line break at all",
            "\n\n\nx\n\n\n",
            "- Zürich ≤ 5ms\n- 東京: P95 ≤ 1s\n\n## Ünïcode\n",
        ];
        for raw in texts {
            let source = Source {
                name: "f".to_owned(),
                text: std::sync::Arc::new(DisplayText::new(raw)),
            };
            let text: &str = &source.text.text;
            for start in 0..=text.len() {
                for len in [0, 1, 3, 9, 20] {
                    let len = len.min(text.len() - start);
                    for (before, after) in [(0, 0), (1, 1), (2, 0), (0, 3), (3, 3), (5, 5)] {
                        if !text.is_char_boundary(start) || !text.is_char_boundary(start + len) {
                            continue;
                        }
                        let span = SourceSpan::new(start.into(), len);
                        let ours = source.read_span(&span, before, after);
                        let theirs = text.as_bytes().read_span(&span, before, after);
                        match (ours, theirs) {
                            (Ok(a), Ok(b)) => {
                                let at = (text, start, len, before, after);
                                assert_eq!(a.data(), b.data(), "{at:?}");
                                assert_eq!(a.span(), b.span(), "{at:?}");
                                assert_eq!(a.line(), b.line(), "{at:?}");
                                assert_eq!(a.column(), b.column(), "{at:?}");
                                assert_eq!(a.line_count(), b.line_count(), "{at:?}");
                            }
                            (Err(_), Err(_)) => {}
                            (a, b) => {
                                panic!("{text:?} {start} {len}: {:?} / {:?}", a.is_ok(), b.is_ok())
                            }
                        }
                    }
                }
            }
        }
    }
}
