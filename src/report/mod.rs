//! Reporters: the same findings as a miette report for people, one line each for tools,
//! or JSON, SARIF, JUnit and GitLab documents for other programs. Reporters only format; they
//! never decide what is a finding.
//!
//! May import: `diagnostic`, `source`, `error` (unreadable files), `util`. Never the rules
//! (the rule metadata a report needs comes in [`Findings`]), the parser, or the command line.

mod concise;
mod github;
mod gitlab;
mod human;
mod json;
mod junit;
mod sarif;

use std::io::{self, Write};

pub use crate::diagnostic::Summary;
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::source::SourceFile;
pub use crate::util::plural;

pub use concise::Concise;
pub use github::{Github, annotation};
pub use gitlab::Gitlab;
pub use human::{Human, HumanOptions};
pub use json::Json;
pub use junit::Junit;
pub use sarif::{Sarif, uri};

/// The output formats; the command line offers them as they are (their doc comments are
/// `--format`'s help).
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Source snippets with the value underlined, and a summary.
    Human,
    /// `path:line:col: severity[CODE rule] message`, one finding per line.
    Concise,
    /// A JSON document for scripts (a stable contract).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands: one annotation per finding.
    Github,
    /// JUnit XML: a test suite per file, a test case per rule.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

impl Format {
    /// Every format, so that a test of every format cannot miss a new one.
    pub const ALL: [Format; 7] = [
        Format::Human,
        Format::Concise,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Gitlab,
    ];

    /// The name `--format` takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Human => "human",
            Format::Concise => "concise",
            Format::Json => "json",
            Format::Sarif => "sarif",
            Format::Github => "github",
            Format::Junit => "junit",
            Format::Gitlab => "gitlab",
        }
    }
}

/// The reporter for an output format. `human` applies to human output, `rules` (the rules
/// that ran) to JUnit's test cases.
pub fn reporter(
    format: Format,
    human: HumanOptions,
    rules: Vec<&'static RuleMeta>,
) -> Box<dyn Reporter> {
    match format {
        Format::Human => Box::new(Human::new(human)),
        Format::Concise => Box::new(Concise),
        Format::Json => Box::new(Json),
        Format::Sarif => Box::new(Sarif),
        Format::Github => Box::new(Github),
        Format::Junit => Box::new(Junit { rules }),
        Format::Gitlab => Box::new(Gitlab),
    }
}

/// What a reporter is given.
pub struct Findings<'a> {
    pub files: &'a [SourceFile],
    /// Every rule ownlint knows, in code order (SARIF describes them all).
    pub catalog: &'a [&'static RuleMeta],
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

#[cfg(test)]
mod tests {
    use clap::ValueEnum;

    use super::Format;

    #[test]
    fn every_format_is_listed_once_under_the_name_the_command_line_takes() {
        assert_eq!(Format::value_variants(), Format::ALL);
        for format in Format::ALL {
            let name = format.to_possible_value().expect("no hidden format");
            assert_eq!(name.get_name(), format.as_str());
        }
    }
}
