//! GitHub Actions workflow commands, one line per finding:
//! `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=OWN101 orphaned-domain::message`.
//!
//! Escaped exactly as the Actions toolkit escapes: in data `%`, `\r` and `\n`; in properties
//! also `:` and `,`. Text from documents can therefore never start a second command line.

use std::io::{self, Write};

use super::{Findings, Reporter};
use crate::diagnostic::Severity;
use crate::util::sanitize::{escape, is_unsafe};

pub struct Github;

impl Reporter for Github {
    fn report(&mut self, findings: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
        for d in findings.diagnostics {
            writeln!(out, "{}", annotation(findings, d))?;
        }
        Ok(())
    }
}

/// One finding as a workflow command.
pub fn annotation(findings: &Findings<'_>, d: &crate::diagnostic::Diagnostic) -> String {
    let file = findings.file(d);
    let start = file.line_col(d.span.start as usize);
    let end = file.line_col(d.span.end as usize);
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!(
        "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
        property(&file.path),
        start.line,
        start.column,
        end.line,
        end.column,
        property(&format!("{} {}", d.rule.code, d.rule.name)),
        data(&message)
    )
}

/// A command's data, escaped as `escapeData` in `@actions/core` escapes it, after other
/// control characters are shown escaped (a log viewer would render them).
fn data(s: &str) -> String {
    escape_keeping_newlines(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A command's property value, escaped as `escapeProperty` escapes it.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Control characters shown escaped, but for line breaks, which the command escaping
/// encodes itself.
fn escape_keeping_newlines(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_unsafe(c) && c != '\r' {
            out.push_str(&escape(c.encode_utf8(&mut [0; 4])));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_toolkit_does() {
        assert_eq!(data("50% done\r\nnext"), "50%25 done%0D%0Anext");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
        assert_eq!(data("x\n::error::pwned"), "x%0A::error::pwned");
        assert_eq!(data("%0A"), "%250A");
        assert_eq!(data("a\u{1b}b"), "a\\u{1b}b");
    }
}
