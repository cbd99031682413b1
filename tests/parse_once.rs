//! Every command reads each file once: the documents are parsed by the one pipeline, the
//! cross-file rules work from the facts of documents already parsed, and the commands that
//! read documents (`who`, `stats`, `export`) take them from the same run.
//!
//! One test in its own binary, because the parser's counter is shared by the whole process.

use std::path::Path;
use std::sync::atomic::Ordering;

use clap::Parser;
use ownlint::app::cli::{Cli, Command};
use ownlint::app::inputs::Inputs;
use ownlint::parse::FILES_PARSED;

/// Run a command in this process; return how many files it read and how many it parsed.
fn parsed_by(args: &[&str]) -> (usize, usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(root).unwrap();
    let mut argv = vec!["ownlint"];
    argv.extend_from_slice(args);
    let cli = Cli::try_parse_from(argv).unwrap();
    let input = match &cli.command {
        Command::Check(a) => &a.input,
        Command::Who(a) => &a.input,
        Command::Stats(a) => &a.input,
        Command::Export(a) => &a.input,
        other => panic!("not a reading command: {other:?}"),
    };
    let files = Inputs::load(input).unwrap().files.len();
    let before = FILES_PARSED.load(Ordering::SeqCst);
    with_stdout_in_a_file(|| ownlint::run(cli).unwrap());
    (files, FILES_PARSED.load(Ordering::SeqCst) - before)
}

/// Run `f` with the process's standard output sent to a temporary file, so that the reports
/// of the commands run here do not fill the test log (standard error stays, for a panic's
/// message).
#[cfg(unix)]
fn with_stdout_in_a_file<T>(f: impl FnOnce() -> T) -> T {
    use std::io::Write;
    use std::os::fd::AsRawFd;
    let sink = tempfile::tempfile().unwrap();
    std::io::stdout().flush().unwrap();
    // SAFETY: plain descriptor calls on descriptors this process owns; standard output is
    // restored before returning.
    let saved = unsafe { libc::dup(1) };
    assert!(saved >= 0);
    assert!(unsafe { libc::dup2(sink.as_raw_fd(), 1) } >= 0);
    let out = f();
    std::io::stdout().flush().unwrap();
    assert!(unsafe { libc::dup2(saved, 1) } >= 0);
    unsafe { libc::close(saved) };
    out
}

#[cfg(not(unix))]
fn with_stdout_in_a_file<T>(f: impl FnOnce() -> T) -> T {
    f()
}

#[test]
fn no_command_parses_a_file_twice() {
    // A duplicate domain, names written twice, shared ownership across files: every
    // cross-file rule has candidates to look at.
    let folders = [
        "fixtures/duplicate-domain/fail-files",
        "fixtures/variations",
        "fixtures/seed",
    ];
    for folder in folders {
        for command in [
            vec!["check", "--format", "json", folder],
            vec!["stats", "--format", "json", folder],
            vec!["export", "--allow-errors", "--format", "json", folder],
            vec!["who", "--format", "json", "payments", folder],
        ] {
            let (files, parsed) = parsed_by(&command);
            assert!(files > 0, "{command:?} read no file");
            assert_eq!(
                parsed, files,
                "{command:?} parsed {parsed} times {files} files"
            );
        }
    }
}
