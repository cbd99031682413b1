//! Errors that stop ownlint from doing its job (exit code 2). Lint findings are not errors:
//! they are [`crate::diagnostic::Diagnostic`]s.

use std::io;
use std::path::PathBuf;

use miette::{NamedSource, SourceSpan};

/// A configuration file that ownlint cannot accept, with the place that is wrong.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("invalid configuration: {message}")]
#[diagnostic(code(ownlint::config::invalid))]
pub struct ConfigError {
    pub message: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label("{label}")]
    pub span: SourceSpan,
    pub label: String,
    #[help]
    pub help: Option<String>,
}

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum Error {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<ConfigError>),

    #[error("could not read configuration file {}", path.display())]
    #[diagnostic(code(ownlint::config::read))]
    ConfigRead {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    #[error("{message}")]
    #[diagnostic(code(ownlint::usage))]
    Usage {
        message: String,
        #[help]
        help: Option<String>,
    },

    #[error("could not write the report")]
    #[diagnostic(code(ownlint::io::write))]
    Write(#[source] io::Error),

    #[error("could not write {}", path.display())]
    #[diagnostic(code(ownlint::io::output))]
    Output {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
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
