//! Reporters: the same findings as a miette report for people, one line each for tools,
//! or JSON for scripts. Reporters only format; they never decide what is a finding.

mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
pub mod sanitize;
mod sarif;

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::source::SourceFile;

pub use concise::Concise;
pub use github::{Github, annotation};
pub use gitlab::Gitlab;
pub use human::{Human, HumanOptions, ShownFiles};
pub use json::Json;
pub use junit::Junit;
pub use sarif::{Sarif, uri};

/// Counts for the summary line and the JSON summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub domains: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Findings silenced by suppression comments.
    pub suppressed: usize,
    /// Findings left out because the baseline lists them.
    pub baselined: usize,
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
        let mut notes = Vec::new();
        if self.suppressed > 0 {
            notes.push(format!("{} suppressed", self.suppressed));
        }
        if self.baselined > 0 {
            notes.push(format!("{} in the baseline", self.baselined));
        }
        if !notes.is_empty() {
            line.push_str(&format!(" ({})", notes.join(", ")));
        }
        line
    }
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The reporter for an output format. `human` applies to human output, `rules` (the rules
/// that ran) to JUnit's test cases.
pub fn reporter(
    format: crate::cli::OutputFormat,
    human: HumanOptions,
    rules: Vec<&'static crate::rules::RuleMeta>,
) -> Box<dyn Reporter> {
    use crate::cli::OutputFormat;
    match format {
        OutputFormat::Human => Box::new(Human::new(human)),
        OutputFormat::Concise => Box::new(Concise),
        OutputFormat::Json => Box::new(Json),
        OutputFormat::Sarif => Box::new(Sarif),
        OutputFormat::Github => Box::new(Github),
        OutputFormat::Junit => Box::new(Junit { rules }),
        OutputFormat::Gitlab => Box::new(Gitlab),
    }
}

/// What a reporter is given.
pub struct Findings<'a> {
    pub files: &'a [SourceFile],
    /// The files that were linted (others were read and skipped, or are older versions).
    pub linted: Vec<usize>,
    pub diagnostics: &'a [Diagnostic],
    /// The fingerprint of each finding, in the same order.
    pub fingerprints: &'a [String],
    pub summary: Summary,
    /// Files that could not be read (the run exits 2); machine-readable reports carry them
    /// so that a CI consumer sees why, not only stderr.
    pub unreadable: &'a [crate::error::IoProblem],
}

impl<'a> Findings<'a> {
    pub fn file(&self, d: &Diagnostic) -> &'a SourceFile {
        &self.files[d.file.index()]
    }
}

/// Write a JSON document. `##[` (the legacy workflow-command marker, which a CI runner
/// honours anywhere on a line) only occurs inside strings, where `##\u005b` means the same.
pub fn write_json(
    out: &mut dyn Write,
    value: &impl serde::Serialize,
    pretty: bool,
) -> io::Result<()> {
    let bytes = if pretty {
        serde_json::to_vec_pretty(value)
    } else {
        serde_json::to_vec(value)
    }
    .map_err(io::Error::from)?;
    let text = String::from_utf8_lossy(&bytes).replace("##[", "##\\u005b");
    out.write_all(text.as_bytes())?;
    writeln!(out)
}

pub trait Reporter {
    fn report(&mut self, findings: &Findings<'_>, out: &mut dyn Write) -> io::Result<()>;
}
