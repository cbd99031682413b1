//! Errors that stop ownlint from doing its job (exit code 2). Lint findings are not errors:
//! they are [`crate::diagnostic::Diagnostic`]s.
//!
//! The errors are data; `app::message` is the one place that says them, in ownlint's voice.

use std::io;
use std::ops::Range;
use std::path::PathBuf;

/// A configuration file that ownlint cannot accept: every problem found in it, each at its
/// place, so that one run shows them all.
#[derive(Debug)]
pub struct ConfigErrors {
    /// The file's path and text as shown, with control characters escaped.
    pub path: String,
    pub text: String,
    /// In the order of the file; never empty.
    pub problems: Vec<ConfigProblem>,
}

/// One thing wrong in a configuration file.
#[derive(Debug)]
pub struct ConfigProblem {
    pub message: String,
    /// The bytes of [`ConfigErrors::text`] that are wrong.
    pub span: Range<usize>,
    /// What the underline says.
    pub label: String,
    pub help: Option<String>,
}

/// A run that found nothing to lint, with what it knows of why: where it looked and what it
/// left out.
#[derive(Debug)]
pub struct NothingToLint {
    /// The paths looked in: as given, and as absolute paths.
    pub looked_in: Vec<(String, String)>,
    /// Whether one of them is a folder, walked.
    pub walked_folders: bool,
    /// Markdown and YAML files read.
    pub files_read: usize,
    /// Of those, the ones that hold no ownership content.
    pub without_ownership_content: usize,
    /// Files met in a walk that are neither Markdown nor YAML.
    pub not_markdown_or_yaml: usize,
    /// Files met in a walk that the configuration's `include` and `exclude` leave out.
    pub left_out_by_configuration: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("invalid configuration: {}", .0.problems.first().map_or("", |p| p.message.as_str()))]
    Config(Box<ConfigErrors>),

    #[error("could not read configuration file {}", path.display())]
    ConfigRead {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// A command line clap rejected; kept whole, for its suggestions and usage line.
    #[error("{}", .0.kind())]
    CommandLine(clap::Error),

    #[error("{message}")]
    Usage {
        message: String,
        help: Option<String>,
    },

    #[error("no domain found in {}", looked_in(.0))]
    NothingToLint(Box<NothingToLint>),

    #[error("could not write the report")]
    Write(#[source] io::Error),

    #[error("could not write {}", path.display())]
    Output {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

fn looked_in(nothing: &NothingToLint) -> String {
    let paths: Vec<&str> = nothing.looked_in.iter().map(|(p, _)| p.as_str()).collect();
    paths.join(", ")
}

impl Error {
    /// A report or baseline that could not be written to `path`.
    pub fn output(path: &std::path::Path) -> impl FnOnce(io::Error) -> Error + '_ {
        move |source| Error::Output {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn usage(message: impl Into<String>) -> Error {
        Error::Usage {
            message: message.into(),
            help: None,
        }
    }

    /// Whether the error is a closed pipe on output (`ownlint check | head -1`), which is
    /// not a failure.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Write(e) if e.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl From<clap::Error> for Error {
    fn from(err: clap::Error) -> Error {
        Error::CommandLine(err)
    }
}

/// A file or folder that could not be read; reported on stderr, the rest of the run goes on.
#[derive(Debug, serde::Serialize)]
pub struct IoProblem {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for IoProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}
