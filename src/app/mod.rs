//! The face of ownlint: the command line, one module per command, finding the inputs, writing
//! the output, and the exit policy. Everything a person types or reads on a terminal starts
//! or ends here; the layers below never print.
//!
//! May import: every other module.

pub mod catalog;
pub mod check;
pub mod cli;
pub mod export;
pub mod fix;
pub mod init;
pub mod inputs;
pub mod message;
pub mod output;
pub mod schema;
pub mod server;
pub mod stats;
pub mod who;

use std::process::ExitCode;

use crate::error::Error;
pub use message::print_error;

/// How a run ended, as an exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitStatus {
    /// No error-severity finding (warnings allowed): 0.
    Success,
    /// At least one error-severity finding, or a warning with `--deny-warnings`: 1.
    Failure,
    /// ownlint could not do its job: bad usage, bad configuration, an unreadable path, or
    /// nothing to lint: 2.
    Error,
}

impl ExitStatus {
    /// The exit policy of a run that did its job: failure on an error-severity finding, or on
    /// a warning with `--deny-warnings`.
    pub fn of(summary: &crate::report::Summary, deny_warnings: bool) -> ExitStatus {
        if summary.errors > 0 || (deny_warnings && summary.warnings > 0) {
            ExitStatus::Failure
        } else {
            ExitStatus::Success
        }
    }
}

impl ExitStatus {
    /// Success when every file could be read, else an error: for commands whose job is done
    /// once they have written their output.
    pub fn read_all(problems: &[crate::error::IoProblem]) -> ExitStatus {
        if problems.is_empty() {
            ExitStatus::Success
        } else {
            ExitStatus::Error
        }
    }
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        match status {
            ExitStatus::Success => ExitCode::SUCCESS,
            ExitStatus::Failure => ExitCode::from(1),
            ExitStatus::Error => ExitCode::from(2),
        }
    }
}

/// Whether clap's answer to a command line is for clap to print as it is: `--help` and
/// `--version` (exit 0), and the help shown when no command is given (exit 2). Every other
/// is a usage error, which ownlint says in its own voice.
pub fn is_help(err: &clap::Error) -> bool {
    use clap::error::ErrorKind;
    matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    )
}

/// Run a parsed command line.
pub fn run(cli: cli::Cli) -> Result<ExitStatus, Error> {
    match cli.command {
        cli::Command::Check(args) => check::run(&args),
        cli::Command::Rules(args) => catalog::list(args.format),
        cli::Command::Explain(args) => catalog::explain(&args.rule),
        cli::Command::Who(args) => who::run(&args),
        cli::Command::Export(args) => export::run(&args),
        cli::Command::Schema => schema::run(),
        cli::Command::Init(args) => init::run(&args),
        cli::Command::Completions(args) => {
            cli::print_completions(args.shell);
            Ok(ExitStatus::Success)
        }
        cli::Command::Stats(args) => stats::run(&args),
        cli::Command::Server => server::run(),
    }
}

/// The width to render human output at: `COLUMNS`, else the terminal's, else 100.
pub fn terminal_width(is_terminal: bool) -> usize {
    if let Some(cols) = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok()) {
        return cols;
    }
    if is_terminal && let Some((terminal_size::Width(w), _)) = terminal_size::terminal_size() {
        return w as usize;
    }
    100
}
