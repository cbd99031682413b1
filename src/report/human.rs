//! The report for people: each finding rendered by miette's graphical handler with the
//! source line, the value underlined, the message and the help, then a summary line.
//!
//! Only this module knows about miette: it adapts a [`Diagnostic`] and its source file to
//! `miette::Diagnostic`, with the file seen through an [`Excerpt`]: the lines to show, escaped
//! so that document text cannot control the terminal, long lines cut to the report's width.

mod excerpt;

use std::fmt;
use std::io::{self, Write};

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, SourceCode};

use super::{Findings, Reporter};
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;
use crate::util::sanitize::escape;
use excerpt::{CONTEXT_LINES, Excerpt, Mark, TAB_WIDTH};

#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    pub color: bool,
    pub width: usize,
}

pub struct Human {
    handler: GraphicalReportHandler,
    width: usize,
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
            .with_context_lines(CONTEXT_LINES)
            .tab_width(TAB_WIDTH)
            .without_syntax_highlighting();
        Human {
            handler,
            width: options.width,
        }
    }

    /// Render one finding (used by the fixture tests as well).
    pub fn render(&self, files: &[SourceFile], d: &Diagnostic) -> String {
        let adapter = Adapter::new(files, d, self.width);
        let mut out = String::new();
        if self.handler.render_report(&mut out, &adapter).is_err() {
            out = format!("{}: {}\n", d.rule.code, escape(&d.message));
        }
        out
    }
}

impl Reporter for Human {
    fn report(&mut self, findings: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
        for d in findings.diagnostics {
            let rendered = self.render(findings.files, d);
            out.write_all(rendered.as_bytes())?;
            writeln!(out)?;
        }
        writeln!(out, "{}", findings.summary.line())
    }
}

/// A finding as miette sees it.
struct Adapter<'a> {
    message: String,
    code: String,
    severity: miette::Severity,
    help: Option<String>,
    source: Excerpt<'a>,
    labels: Vec<LabeledSpan>,
    related: Vec<Adapter<'a>>,
}

impl<'a> Adapter<'a> {
    fn new(files: &'a [SourceFile], d: &Diagnostic, width: usize) -> Adapter<'a> {
        // The primary label first: its lines are shown first, under the finding's own place.
        let mut labelled = vec![(d.span, d.label.as_deref().map(|l| escape(l).into_owned()))];
        let mut related = Vec::new();
        for l in &d.secondary {
            if l.file == d.file {
                labelled.push((l.span, Some(escape(&l.message).into_owned())));
            } else {
                let file = &files[l.file.index()];
                let (source, spans) = Excerpt::new(
                    file,
                    escape(&file.path).into_owned(),
                    &[(l.span, None)],
                    width,
                );
                related.push(Adapter {
                    message: escape(&l.message).into_owned(),
                    code: String::new(),
                    severity: miette::Severity::Advice,
                    help: None,
                    source,
                    labels: vec![LabeledSpan::new_primary_with_span(None, spans[0])],
                    related: Vec::new(),
                });
            }
        }
        let marks: Vec<Mark<'_>> = labelled
            .iter()
            .map(|(span, text)| (*span, text.as_deref()))
            .collect();
        let file = &files[d.file.index()];
        let (source, spans) = Excerpt::new(file, escape(&file.path).into_owned(), &marks, width);
        let labels = labelled
            .into_iter()
            .zip(spans)
            .enumerate()
            .map(|(i, ((_, text), span))| {
                if i == 0 {
                    LabeledSpan::new_primary_with_span(text, span)
                } else {
                    LabeledSpan::new_with_span(text, span)
                }
            })
            .collect();
        Adapter {
            message: escape(&d.message).into_owned(),
            code: format!("{} {}", d.rule.code, d.rule.name),
            severity: match d.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            },
            help: d.help.as_deref().map(|h| escape(h).into_owned()),
            source,
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
