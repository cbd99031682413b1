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
