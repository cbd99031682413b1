//! `docs/ownlint.1`, the man page, is generated from the command line definition; this test
//! fails when it is stale, and rewrites it with `OWNLINT_BLESS=1`.

use std::path::Path;

use clap::CommandFactory;

/// The man page: `ownlint` itself, then each subcommand's page, in the order `--help` lists
/// them, in one file so that one `man` shows everything.
fn man_page() -> Vec<u8> {
    // As `clap_mangen::generate_to` does: no page for the built-in `help` subcommand, and
    // built so that subcommands carry their full names (`ownlint-check`) and the version.
    // The page is committed, so it names the release, not the commit `--version` adds.
    let mut command = ownlint::app::cli::Cli::command()
        .version(env!("CARGO_PKG_VERSION"))
        .disable_help_subcommand(true);
    command.build();
    // Every page names the program, not the subcommand, as its source: `ownlint 0.1.0`.
    let source = format!("ownlint {}", command.get_version().unwrap_or_default());
    let mut page = Vec::new();
    render(&command, &source, &mut page);
    page
}

fn render(command: &clap::Command, source: &str, page: &mut Vec<u8>) {
    clap_mangen::Man::new(command.clone())
        .source(source)
        .render(page)
        .expect("rendering into memory cannot fail");
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        render(sub, source, page);
    }
}

#[test]
fn docs_ownlint_1_is_generated_from_the_command_line() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/ownlint.1");
    let generated = man_page();
    let current = std::fs::read(&path).unwrap_or_default();
    if current != generated {
        if std::env::var_os("OWNLINT_BLESS").is_some_and(|v| v == "1") {
            std::fs::write(&path, generated).unwrap();
            return;
        }
        panic!(
            "docs/ownlint.1 is stale: regenerate it with \
             `OWNLINT_BLESS=1 cargo test --test docs_man`"
        );
    }
}

#[test]
fn the_man_page_covers_every_subcommand() {
    let page = String::from_utf8(man_page()).unwrap();
    for sub in ownlint::app::cli::Cli::command().get_subcommands() {
        let title = format!(".TH ownlint-{} ", sub.get_name());
        assert!(page.contains(&title), "no page for `{}`", sub.get_name());
    }
}
