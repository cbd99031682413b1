//! Documentation that cannot drift: what README.md and docs/*.md show is what the binary
//! does.
//!
//! - Every ```` ```console ```` block of README.md and docs/*.md is run by trycmd, from the
//!   repository root, on the files of the repository: each `$ ownlint …` line is run, and what
//!   it prints (stdout and stderr together) is compared with the lines below it, up to the
//!   next `$` line or the end of the block. `...` on a line of its own stands for any lines,
//!   `[..]` for any text within a line; `? 1` right after the command says the exit code is 1
//!   (without it, 0 is expected). The output is ownlint's when it writes to a pipe: 100
//!   columns, no colour, outside GitHub Actions.
//! - Blocks that are not run (installation, `pre-commit install`, commands that write files or
//!   need a network) are ```` ```sh ````; the `ownlint` commands in them must still be ones the
//!   command line accepts. A console block holds `ownlint` commands only, without pipes or
//!   redirections, each accepted by the command line, so that a blessed example can never be
//!   a usage error; and it starts at the beginning of a line, since trycmd does not see one in
//!   a list item.
//! - The GitHub Actions workflow and the pre-commit configuration the README shows are
//!   docs/integrations.md's, character for character; their pins are this repository's own
//!   workflow's, their inputs action.yml's, their hook this repository's. (`.ci/run` lints
//!   that workflow with zizmor and actionlint, and the configuration with pre-commit.)
//!
//! Bless: after a deliberate change of what ownlint prints,
//!
//! ```sh
//! TRYCMD=overwrite cargo test --locked --test docs
//! ```
//!
//! rewrites the expected output in the Markdown files in place; review the diff before
//! committing it. `[..]` and `...` are kept where they still match; a `...` whose next line
//! no longer matches is written out in full, to be put back by hand. One file only:
//! `TRYCMD=overwrite cargo test --locked --test docs -- documented_commands trycmd=README`.

use std::path::{Path, PathBuf};

use clap::Parser;
use pulldown_cmark::{CodeBlockKind, Event, Options, Tag, TagEnd};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The Markdown files whose console blocks run: README.md and docs/*.md, as trycmd is told.
fn documented_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

#[test]
fn documented_commands_print_what_the_docs_show() {
    trycmd::TestCases::new()
        .register_bin("ownlint", Path::new(env!("CARGO_BIN_EXE_ownlint")))
        .env("COLUMNS", "100")
        .env("NO_COLOR", "1")
        .env("GITHUB_ACTIONS", "false")
        .timeout(std::time::Duration::from_secs(60))
        .case("README.md")
        .case("docs/*.md");
}

/// A fenced code block of a Markdown file.
struct Block {
    /// `README.md:42`, where its opening fence is.
    place: String,
    /// The first word of its info string (`console`, `sh`), empty when there is none.
    lang: String,
    text: String,
    /// Whether its fence is not at the start of a line (in a list item or a block quote).
    indented: bool,
}

fn blocks(path: &Path) -> Vec<Block> {
    // Lossy: a fixture may be invalid UTF-8 on purpose.
    let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
    let name = path
        .strip_prefix(root())
        .unwrap()
        .to_string_lossy()
        .replace('\\', "/");
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for (event, range) in pulldown_cmark::Parser::new_ext(&text, Options::all()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
                open = Some(Block {
                    place: format!("{name}:{}", text[..range.start].lines().count() + 1),
                    lang: info.split([' ', ',']).next().unwrap_or("").to_owned(),
                    text: String::new(),
                    indented: line_start != range.start,
                });
            }
            Event::Text(t) => {
                if let Some(block) = open.as_mut() {
                    block.text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => blocks.extend(open.take()),
            _ => {}
        }
    }
    blocks
}

/// The words of a shell line as trycmd splits a command (shlex: quotes honoured, a `#` word
/// starts a comment).
fn words(line: &str) -> Vec<String> {
    shlex::Shlex::new(line).collect()
}

/// The command line accepts `args` (`ownlint` and its arguments).
#[track_caller]
fn assert_accepted(args: &[String], place: &str) {
    if let Err(e) = ownlint::app::cli::Cli::try_parse_from(args) {
        panic!("{place}: `{}` is not a valid command:\n{e}", args.join(" "));
    }
}

const SHELL_OPERATORS: &[&str] = &["|", "||", "&&", ";", "&", ">", ">>", "<", "2>", "2>&1"];

#[test]
fn console_blocks_run_ownlint_and_nothing_else() {
    let mut commands = 0;
    for path in documented_files() {
        for block in blocks(&path) {
            assert!(
                !block.lang.is_empty(),
                "{}: a fence without a language is run by trycmd as a console block; \
                 name its language (```text, ```sh, ```console)",
                block.place
            );
            if block.lang != "console" {
                // A transcript, a command with what it prints, is run or it drifts.
                assert!(
                    !block.text.lines().any(|l| l.starts_with("$ ownlint")),
                    "{}: a `$ ownlint …` transcript in a ```{} block is never run; make it \
                     ```console, or drop the `$` prompt in a ```sh block",
                    block.place,
                    block.lang
                );
                continue;
            }
            assert!(
                !block.indented,
                "{}: trycmd runs only console blocks whose fence starts its line",
                block.place
            );
            let lines: Vec<&str> = block.text.lines().collect();
            assert!(
                lines.first().is_some_and(|l| l.starts_with("$ ")),
                "{}: a console block starts with a `$ ownlint …` line",
                block.place
            );
            for line in lines {
                let Some(command) = line.strip_prefix("$ ") else {
                    assert!(
                        !line.starts_with("> "),
                        "{}: continue the command on one line",
                        block.place
                    );
                    continue;
                };
                let args = words(command);
                assert_eq!(
                    args.first().map(String::as_str),
                    Some("ownlint"),
                    "{}: `{command}`: console blocks run ownlint only; other commands go in \
                     a ```sh block",
                    block.place
                );
                if let Some(op) = args.iter().find(|a| SHELL_OPERATORS.contains(&a.as_str())) {
                    panic!(
                        "{}: `{command}`: trycmd runs no shell, so `{op}` would be an argument \
                         to ownlint; show it in a ```sh block",
                        block.place
                    );
                }
                assert_accepted(&args, &block.place);
                commands += 1;
            }
        }
    }
    // The README's examples at least: check, who, stats.
    assert!(commands >= 5, "only {commands} documented commands found");
}

#[test]
fn ownlint_commands_in_shell_blocks_are_valid() {
    let mut commands = 0;
    for path in documented_files() {
        for block in blocks(&path) {
            if !matches!(block.lang.as_str(), "sh" | "bash" | "shell") {
                continue;
            }
            for line in block.text.lines() {
                let args = words(line);
                for segment in args.split(|a| ["|", "||", "&&", ";"].contains(&a.as_str())) {
                    let command: Vec<String> = segment
                        .iter()
                        .skip_while(|a| a.contains('=') && !a.starts_with('-'))
                        .take_while(|a| !a.starts_with('>') && !a.starts_with('<') && *a != "2>")
                        .cloned()
                        .collect();
                    if command.first().is_some_and(|c| c == "ownlint") {
                        assert_accepted(&command, &block.place);
                        commands += 1;
                    }
                }
            }
        }
    }
    assert!(
        commands >= 10,
        "only {commands} ownlint commands in sh blocks"
    );
}

#[test]
fn every_markdown_file_with_console_blocks_is_run() {
    let documented = documented_files();
    let walk = ignore::WalkBuilder::new(root())
        .hidden(false)
        .filter_entry(|e| e.file_name() != ".git")
        .build();
    let mut seen = 0;
    for entry in walk {
        let path = entry.unwrap().into_path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        seen += 1;
        if documented.contains(&path) {
            continue;
        }
        for block in blocks(&path) {
            assert!(
                block.lang != "console",
                "{}: a console block outside README.md and docs/*.md is never run; \
                 add its file to `documented_commands_print_what_the_docs_show`",
                block.place
            );
        }
    }
    assert!(seen > documented.len(), "the walk found no other Markdown");
}

/// The YAML blocks of a file that mention `needle`.
fn yaml_blocks(path: &str, needle: &str) -> Vec<String> {
    blocks(&root().join(path))
        .into_iter()
        .filter(|b| b.lang == "yaml" && b.text.contains(needle))
        .map(|b| b.text)
        .collect()
}

fn one(mut found: Vec<String>, what: &str) -> String {
    assert_eq!(found.len(), 1, "expected one {what}, found {}", found.len());
    found.remove(0)
}

fn workflow() -> String {
    one(
        yaml_blocks("docs/integrations.md", "uses: ownlint/ownlint@"),
        "workflow in docs/integrations.md",
    )
}

fn hook_configuration() -> String {
    one(
        yaml_blocks("docs/integrations.md", "repos:"),
        "pre-commit configuration in docs/integrations.md",
    )
}

#[test]
fn the_readme_shows_the_workflow_and_the_hook_of_docs_integrations() {
    // docs/integrations.md is the source of truth; the README shows the same, or nothing.
    for (shown, truth) in [
        (
            yaml_blocks("README.md", "uses: ownlint/ownlint"),
            workflow(),
        ),
        (yaml_blocks("README.md", "repos:"), hook_configuration()),
    ] {
        assert!(!shown.is_empty(), "the README shows no copy of:\n{truth}");
        for block in shown {
            assert_eq!(
                block, truth,
                "the README's copy differs from docs/integrations.md"
            );
        }
    }
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap()
}

/// `actions/checkout` → `3d3c…1 # v7.0.1`: what each `uses:` line of `text` pins.
fn pins(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .strip_prefix("uses: ")
        })
        .filter_map(|u| u.split_once('@'))
        .map(|(action, pin)| (action.to_owned(), pin.trim().to_owned()))
        .collect()
}

#[test]
fn the_documented_workflow_pins_what_this_repository_runs() {
    let ours: Vec<(String, String)> = [".github/workflows/ci.yml", "action.yml"]
        .iter()
        .flat_map(|p| pins(&read(p)))
        .collect();
    let documented = pins(&workflow());
    assert!(documented.len() >= 3, "{documented:?}");
    for (action, pin) in documented {
        if action == "ownlint/ownlint" {
            assert_eq!(
                pin, "<ref>",
                "the action's own ref is the reader's to choose"
            );
            continue;
        }
        let Some((_, our_pin)) = ours.iter().find(|(a, _)| *a == action) else {
            panic!(
                "{action} is used by neither ci.yml nor action.yml: nothing keeps its pin fresh"
            );
        };
        assert_eq!(
            &pin, our_pin,
            "{action}: docs/integrations.md pins another version than this repository uses"
        );
        assert!(
            pin.len() > 41 && pin[..40].bytes().all(|b| b.is_ascii_hexdigit()),
            "{action}@{pin}: pin actions by full commit SHA"
        );
    }
}

fn yaml(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("the block is YAML")
}

#[test]
fn the_documented_workflow_uses_the_inputs_of_action_yml_and_uploads_only_what_exists() {
    let workflow = yaml(&workflow());
    let action = yaml(&read("action.yml"));
    let inputs = action["inputs"].as_object().unwrap();
    let jobs = workflow["jobs"].as_object().unwrap();
    let (_, job) = jobs.iter().next().unwrap();
    let steps = job["steps"].as_array().unwrap();
    let step = |prefix: &str| {
        steps
            .iter()
            .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with(prefix)))
            .unwrap_or_else(|| panic!("no step uses {prefix}"))
    };

    let ownlint = step("ownlint/ownlint@");
    for key in ownlint["with"].as_object().unwrap().keys() {
        assert!(
            inputs.contains_key(key),
            "`{key}` is not an input of action.yml"
        );
    }
    let sarif = ownlint["with"]["sarif-file"].as_str().unwrap();

    let upload = step("github/codeql-action/upload-sarif@");
    assert_eq!(upload["with"]["sarif_file"].as_str(), Some(sarif));
    let condition = upload["if"].as_str().unwrap();
    // Not `always()`: after a failed install there is no file, and the upload would fail too.
    for part in ["!cancelled()", &format!("hashFiles('{sarif}') != ''")] {
        assert!(
            condition.contains(part),
            "the upload runs only when {part}: {condition}"
        );
    }
    assert_eq!(
        job["permissions"]["security-events"].as_str(),
        Some("write"),
        "upload-sarif needs security-events: write"
    );
}

#[test]
fn the_documented_hook_is_this_repository_at_this_version() {
    let configuration = yaml(&hook_configuration());
    let repo = &configuration["repos"][0];
    assert_eq!(repo["repo"].as_str(), Some(env!("CARGO_PKG_REPOSITORY")));
    assert_eq!(
        repo["rev"].as_str(),
        Some(format!("v{}", env!("CARGO_PKG_VERSION")).as_str())
    );
    let hooks = yaml(&read(".pre-commit-hooks.yaml"));
    let id = repo["hooks"][0]["id"].as_str().unwrap();
    assert!(
        hooks
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"].as_str() == Some(id)),
        "no hook `{id}` in .pre-commit-hooks.yaml"
    );
    // That hook installs the `ownlint` wheel of this version: the root pyproject.toml, its
    // shim, pins it.
    let shim = read("pyproject.toml");
    let version = env!("CARGO_PKG_VERSION");
    for line in [
        format!("version = \"{version}\""),
        format!("dependencies = [\"ownlint=={version}\"]"),
    ] {
        assert!(
            shim.lines().any(|l| l == line),
            "pyproject.toml (the hook's shim) lacks `{line}`"
        );
    }
    // The action is this repository too.
    let action = pins(&workflow())
        .into_iter()
        .find(|(a, _)| a.starts_with("ownlint/"))
        .unwrap()
        .0;
    assert!(env!("CARGO_PKG_REPOSITORY").ends_with(&format!("/{action}")));
}
