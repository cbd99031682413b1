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
    ownlint::run(cli).unwrap();
    (files, FILES_PARSED.load(Ordering::SeqCst) - before)
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
