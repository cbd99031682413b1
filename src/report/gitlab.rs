//! GitLab Code Quality: a JSON array of issues with a description, the check's name, a
//! fingerprint, a severity and where the issue is.

use std::io::{self, Write};

use serde::Serialize;

use super::{Findings, Reporter, write_json};
use crate::diagnostic::Severity;

pub struct Gitlab;

#[derive(Serialize)]
struct Issue<'a> {
    description: String,
    check_name: &'static str,
    fingerprint: String,
    severity: &'static str,
    location: Location<'a>,
}

#[derive(Serialize)]
struct Location<'a> {
    path: &'a str,
    lines: Lines,
}

#[derive(Serialize)]
struct Lines {
    begin: usize,
}

impl Reporter for Gitlab {
    fn report(&mut self, findings: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
        let issues: Vec<Issue<'_>> = findings
            .diagnostics
            .iter()
            .zip(findings.fingerprints.iter().cloned())
            .map(|(d, fingerprint)| {
                let file = findings.file(d);
                Issue {
                    description: format!("{} {}: {}", d.rule.code, d.rule.name, d.message),
                    check_name: d.rule.name,
                    fingerprint,
                    severity: match d.severity {
                        Severity::Error => "major",
                        Severity::Warning => "minor",
                    },
                    location: Location {
                        path: &file.path,
                        lines: Lines {
                            begin: file.line_col(d.span.start as usize).line,
                        },
                    },
                }
            })
            .collect();
        write_json(out, &issues, true)
    }
}
