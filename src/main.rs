use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = ownlint::app::cli::Cli::parse();
    match ownlint::run(cli) {
        Ok(status) => status.into(),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            ownlint::print_error(&err);
            ExitCode::from(2)
        }
    }
}
