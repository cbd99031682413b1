//! JUnit XML for CI test reports: one test suite per file, one test case per rule and file,
//! and a failure carrying the findings of that rule in that file.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Findings, Reporter};
use crate::diagnostic::RuleMeta;
use crate::diagnostic::{Diagnostic, Severity};
use crate::util::sanitize::escape;

pub struct Junit {
    /// The rules that ran, each a test case in every file.
    pub rules: Vec<&'static RuleMeta>,
}

impl Reporter for Junit {
    fn report(&mut self, findings: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
        let mut by_file: Vec<Vec<&Diagnostic>> = vec![Vec::new(); findings.files.len()];
        for d in findings.diagnostics {
            by_file[d.file.index()].push(d);
        }
        let failures_total = findings.diagnostics.len();
        let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            xml,
            "<testsuites name=\"ownlint\" tests=\"{}\" failures=\"{}\">",
            self.rules.len() * findings.linted.len(),
            failures_total
        );
        for &index in &findings.linted {
            let file = &findings.files[index];
            let diags = &by_file[index];
            let failing = self
                .rules
                .iter()
                .filter(|r| diags.iter().any(|d| d.rule.code == r.code))
                .count();
            let _ = writeln!(
                xml,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{}\">",
                attr(&file.path),
                self.rules.len(),
                failing
            );
            for rule in &self.rules {
                let _ = write!(
                    xml,
                    "    <testcase name=\"{} {}\" classname=\"{}\"",
                    rule.code,
                    rule.name,
                    attr(&file.path)
                );
                let found: Vec<&&Diagnostic> =
                    diags.iter().filter(|d| d.rule.code == rule.code).collect();
                if found.is_empty() {
                    xml.push_str("/>\n");
                    continue;
                }
                let severity = if found.iter().any(|d| d.severity == Severity::Error) {
                    "error"
                } else {
                    "warning"
                };
                let _ = writeln!(
                    xml,
                    ">\n      <failure type=\"{severity}\" message=\"{} finding{}\">",
                    found.len(),
                    if found.len() == 1 { "" } else { "s" }
                );
                for d in found {
                    let at = file.line_col(d.span.start as usize);
                    let line = format!(
                        "{}:{}:{}: {} {}",
                        file.path,
                        at.line,
                        at.column,
                        d.severity.as_str(),
                        d.message
                    );
                    let _ = writeln!(xml, "{}", text(&line));
                }
                xml.push_str("      </failure>\n    </testcase>\n");
            }
            xml.push_str("  </testsuite>\n");
        }
        xml.push_str("</testsuites>\n");
        out.write_all(xml.as_bytes())
    }
}

/// Text as XML 1.0 can hold it: control characters (which XML forbids even as references)
/// shown escaped, markup characters as references, and a `:` opening a line as a reference
/// so that no line of the report reads as a CI workflow command.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in escape(s).chars().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            ':' if i == 0 => out.push_str("&#58;"),
            '[' if out.ends_with("##") => out.push_str("&#91;"),
            c => out.push(c),
        }
    }
    out
}

fn attr(s: &str) -> String {
    text(s).replace('"', "&quot;")
}
