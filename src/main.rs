use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let result = match ownlint::app::cli::Cli::try_parse() {
        Ok(cli) => ownlint::run(cli),
        Err(err) if ownlint::app::is_help(&err) => err.exit(),
        Err(err) => Err(err.into()),
    };
    match result {
        Ok(status) => status.into(),
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) => {
            ownlint::print_error(&err);
            ExitCode::from(2)
        }
    }
}
