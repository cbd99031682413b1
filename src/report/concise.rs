use std::io::{self, Write};

use super::{Findings, Reporter};
use crate::util::sanitize::escape;

/// `path:line:col: severity[CODE rule] message`, one finding per line.
pub struct Concise;

impl Reporter for Concise {
    fn report(&mut self, findings: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
        for d in findings.diagnostics {
            let file = findings.file(d);
            let at = file.line_col(d.span.start as usize);
            writeln!(
                out,
                "{}:{}:{}: {}[{} {}] {}",
                escape(&file.path),
                at.line,
                at.column,
                d.severity.as_str(),
                d.rule.code,
                d.rule.name,
                escape(&d.message)
            )?;
        }
        writeln!(out, "{}", findings.summary.line())
    }
}
