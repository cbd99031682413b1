//! `ownlint completions SHELL` prints a script for every shell clap_complete supports.

use assert_cmd::Command;

fn completions(shell: &str) -> String {
    let out = Command::cargo_bin("ownlint")
        .unwrap()
        .args(["completions", shell])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_shell_gets_a_script_that_knows_the_subcommands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = completions(shell);
        assert!(!script.trim().is_empty(), "{shell}: empty script");
        for word in ["check", "who"] {
            assert!(script.contains(word), "{shell}: no `{word}` in the script");
        }
    }
}

/// The text of `script` from the first `start` after `after` to the next `end`.
fn section<'a>(script: &'a str, after: &str, start: &str, end: &str) -> &'a str {
    let from = script.find(after).unwrap_or_else(|| panic!("no {after:?}")) + after.len();
    let from = from
        + script[from..]
            .find(start)
            .unwrap_or_else(|| panic!("no {start:?}"));
    let to = from
        + script[from..]
            .find(end)
            .unwrap_or_else(|| panic!("no {end:?}"));
    &script[from..to]
}

/// `explain`, `--select` and `--ignore` complete every rule's name and code.
#[test]
fn rule_names_and_codes_complete_where_a_rule_is_typed() {
    let bash = completions("bash");
    let zsh = completions("zsh");
    let sections = [
        (
            "bash explain",
            section(&bash, "ownlint__subcmd__explain)", "opts=", "\n"),
        ),
        (
            "bash --select",
            section(&bash, "ownlint__subcmd__check)", "--select)", ";;"),
        ),
        (
            "bash --ignore",
            section(&bash, "ownlint__subcmd__check)", "--ignore)", ";;"),
        ),
        ("zsh explain", section(&zsh, "(explain)", "':rule", "))'")),
        (
            "zsh --select",
            section(&zsh, "(check)", "'*--select=", "))'"),
        ),
        (
            "zsh --ignore",
            section(&zsh, "(check)", "'*--ignore=", "))'"),
        ),
    ];
    for (what, text) in sections {
        for rule in ownlint::rules::ALL {
            let meta = rule.meta();
            for word in [meta.name, meta.code] {
                assert!(text.contains(word), "{what}: no `{word}` in\n{text}");
            }
        }
    }
}

#[test]
fn the_bash_script_is_valid_bash() {
    let script = completions("bash");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ownlint.bash");
    std::fs::write(&path, script).unwrap();
    // Without bash there is nothing to check the syntax with.
    let Ok(status) = std::process::Command::new("bash")
        .arg("-n")
        .arg(&path)
        .status()
    else {
        return;
    };
    assert!(status.success(), "bash -n rejected the completion script");
}

#[test]
fn an_unknown_shell_is_a_usage_error() {
    let out = Command::cargo_bin("ownlint")
        .unwrap()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
