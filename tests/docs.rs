//! Documentation that cannot drift: what README.md and docs/*.md show is what the repository
//! does.
//!
//! - The GitHub Actions workflow and the pre-commit configuration the README shows are
//!   docs/integrations.md's, character for character; their pins are this repository's own
//!   workflow's, their inputs action.yml's, their hook this repository's. (`.ci/run` lints
//!   that workflow with zizmor and actionlint, and the configuration with pre-commit.)

use std::path::Path;

use pulldown_cmark::{CodeBlockKind, Event, Options, Tag, TagEnd};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}
/// A fenced code block of a Markdown file.
struct Block {
    /// The first word of its info string (`console`, `sh`), empty when there is none.
    lang: String,
    text: String,
}

fn blocks(path: &Path) -> Vec<Block> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for event in pulldown_cmark::Parser::new_ext(&text, Options::all()) {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                open = Some(Block {
                    lang: info.split([' ', ',']).next().unwrap_or("").to_owned(),
                    text: String::new(),
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
    // The action is this repository too.
    let action = pins(&workflow())
        .into_iter()
        .find(|(a, _)| a.starts_with("ownlint/"))
        .unwrap()
        .0;
    assert!(env!("CARGO_PKG_REPOSITORY").ends_with(&format!("/{action}")));
}
