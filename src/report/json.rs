use std::io::{self, Write};

use serde::Serialize;

use super::{Findings, Reporter, Summary, write_json};
use crate::source::{LineCol, SourceFile, Span};

/// The JSON report, a stable contract (`version` changes when it does not stay compatible).
pub struct Json;

#[derive(Serialize)]
struct Report<'a> {
    version: u32,
    tool: Tool,
    summary: Summary,
    diagnostics: Vec<JsonDiagnostic<'a>>,
    /// Files that could not be read: `path` and `message`.
    unreadable: &'a [crate::error::IoProblem],
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    code: &'static str,
    rule: &'static str,
    severity: &'static str,
    message: &'a str,
    file: &'a str,
    span: JsonSpan,
    labels: Vec<JsonLabel<'a>>,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    file: &'a str,
    span: JsonSpan,
}

#[derive(Serialize)]
pub struct JsonSpan {
    start: LineCol,
    end: LineCol,
    offset: u32,
    length: u32,
}

impl JsonSpan {
    pub fn new(file: &SourceFile, span: Span) -> JsonSpan {
        JsonSpan {
            start: file.line_col(span.start as usize),
            end: file.line_col(span.end as usize),
            offset: span.start,
            length: span.end - span.start,
        }
    }
}

impl Reporter for Json {
    fn report(&mut self, findings: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
        let diagnostics = findings
            .diagnostics
            .iter()
            .map(|d| {
                let file = findings.file(d);
                JsonDiagnostic {
                    code: d.rule.code,
                    rule: d.rule.name,
                    severity: d.severity.as_str(),
                    message: &d.message,
                    file: &file.path,
                    span: JsonSpan::new(file, d.span),
                    labels: d
                        .secondary
                        .iter()
                        .map(|l| {
                            let f = &findings.files[l.file.index()];
                            JsonLabel {
                                message: &l.message,
                                file: &f.path,
                                span: JsonSpan::new(f, l.span),
                            }
                        })
                        .collect(),
                    help: d.help.as_deref(),
                }
            })
            .collect();
        let report = Report {
            version: 1,
            tool: Tool {
                name: "ownlint",
                version: env!("CARGO_PKG_VERSION"),
            },
            summary: findings.summary,
            diagnostics,
            unreadable: findings.unreadable,
        };
        write_json(out, &report, false)
    }
}
