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

use super::sanitize::{DisplayText, escape};
use super::{Findings, Reporter};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::{FileId, SourceFile, Span};

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
        let contents = self.text.text.as_ref().read_span(span, before, after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            contents.line(),
            contents.column(),
            contents.line_count(),
        )))
    }
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
    let s = shown.span(span);
    SourceSpan::new((s.start as usize).into(), s.len())
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
