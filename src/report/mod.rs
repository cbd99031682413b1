//! Reporters: the same findings as a miette report for people, one line each for tools,
//! or JSON for scripts. Reporters only format; they never decide what is a finding.

mod concise;
mod human;
mod json;
pub mod sanitize;

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

pub use concise::Concise;
pub use human::{Human, HumanOptions, ShownFiles};
pub use json::Json;

/// Counts for the summary line and the JSON summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub domains: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Findings silenced by suppression comments.
    pub suppressed: usize,
}

impl Summary {
    pub fn count(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
        }
    }

    /// `2 errors, 13 warnings in 3 files, 9 domains` (and `, 1 suppressed` when some are).
    pub fn line(&self) -> String {
        let mut line = format!(
            "{}, {} in {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files, "file"),
            plural(self.domains, "domain"),
        );
        if self.suppressed > 0 {
            line.push_str(&format!(" ({} suppressed)", self.suppressed));
        }
        line
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// What a reporter is given.
pub struct Findings<'a> {
    pub files: &'a [SourceFile],
    pub diagnostics: &'a [Diagnostic],
    pub summary: Summary,
}

impl<'a> Findings<'a> {
    pub fn file(&self, d: &Diagnostic) -> &'a SourceFile {
        &self.files[d.file.index()]
    }
}

pub trait Reporter {
    fn report(&mut self, findings: &Findings<'_>, out: &mut dyn Write) -> io::Result<()>;
}
