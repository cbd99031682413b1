//! `ownlint init` end to end: what it writes passes `ownlint check`, and it never overwrites.

mod common;

use common::{output as run, ownlint};

use std::path::Path;

/// Every file under `dir`, relative and sorted, with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path.strip_prefix(root).unwrap().to_string_lossy();
                out.push((name.replace('\\', "/"), std::fs::read(&path).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[test]
fn init_in_an_empty_folder_writes_files_that_check_clean() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(ownlint(dir.path()).arg("init"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "created .ownlint.yaml\ncreated ownership/OWNERSHIP.md\n"
    );
    assert!(dir.path().join(".ownlint.yaml").is_file());
    assert!(dir.path().join("ownership/OWNERSHIP.md").is_file());

    let check = run(ownlint(dir.path()).arg("check"));
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
    check.stdout_has("0 errors, 0 warnings");
    let strict = run(ownlint(dir.path()).args(["check", "--deny-warnings"]));
    assert_eq!(strict.code, 0, "{}{}", strict.stdout, strict.stderr);
}

#[test]
fn the_starter_document_shows_every_part_of_the_format() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run(ownlint(dir.path()).arg("init")).code, 0);
    let doc = std::fs::read_to_string(dir.path().join("ownership/OWNERSHIP.md")).unwrap();
    for part in [
        "## Domain Ownership",
        "**Owner:**",
        "**Escalation Contact:**",
        "**SLO Responsibility:**",
        "**Incident Authority:**",
        "**Responsibilities:**",
        "## Escalation Ladder",
        "## Shared Ownership (Exception)",
        "Shared SLA:",
        "Escalation path:",
        "Sync:",
    ] {
        assert!(doc.contains(part), "the starter lacks {part}");
    }
    // The model must find two domains, as the shared-ownership example names two.
    let json = run(ownlint(dir.path()).args(["check", "--format", "json"]));
    let report: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(report["summary"]["domains"], 2, "{}", json.stdout);
}

#[test]
fn init_into_a_named_folder_creates_it_and_prints_paths_under_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(ownlint(dir.path()).args(["init", "repo"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "created repo/.ownlint.yaml\ncreated repo/ownership/OWNERSHIP.md\n"
    );
    let check = run(ownlint(&dir.path().join("repo")).arg("check"));
    assert_eq!(check.code, 0, "{}{}", check.stdout, check.stderr);
}

#[test]
fn init_again_writes_nothing_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(run(ownlint(dir.path()).arg("init")).code, 0);
    let before = tree(dir.path());
    let out = run(ownlint(dir.path()).arg("init"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    out.stderr_has(".ownlint.yaml already exists");
    out.stderr_has("ownership/ already exists");
    out.stderr_has("nothing to do");
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn an_existing_configuration_is_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let custom = b"# mine\r\nrules:\n  OWN305: off\n".to_vec();
    std::fs::write(dir.path().join(".ownlint.yaml"), &custom).unwrap();
    let out = run(ownlint(dir.path()).arg("init"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "created ownership/OWNERSHIP.md\n");
    out.stderr_has(".ownlint.yaml already exists");
    assert_eq!(
        std::fs::read(dir.path().join(".ownlint.yaml")).unwrap(),
        custom
    );
}

#[test]
fn an_existing_yml_configuration_counts_as_a_configuration() {
    // A new `.ownlint.yaml` would silently take precedence over it.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".ownlint.yml"), "teams: [A]\n").unwrap();
    let out = run(ownlint(dir.path()).arg("init"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!dir.path().join(".ownlint.yaml").exists());
    out.stderr_has(".ownlint.yml already exists");
}

#[test]
fn an_existing_ownership_folder_gets_no_starter_document() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("ownership")).unwrap();
    std::fs::write(dir.path().join("ownership/teams.yaml"), "domains: []\n").unwrap();
    let out = run(ownlint(dir.path()).arg("init"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "created .ownlint.yaml\n");
    out.stderr_has("ownership/ already exists");
    assert!(!dir.path().join("ownership/OWNERSHIP.md").exists());
    assert_eq!(
        tree(&dir.path().join("ownership")),
        vec![("teams.yaml".to_owned(), b"domains: []\n".to_vec())]
    );
}

#[test]
fn a_folder_that_cannot_be_written_exits_2_with_the_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("file"), "not a folder").unwrap();
    let out = run(ownlint(dir.path()).args(["init", "file/sub"]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    out.stderr_has("could not write file/sub");
    assert_eq!(
        std::fs::read(dir.path().join("file")).unwrap(),
        b"not a folder"
    );
}

#[cfg(unix)]
#[test]
fn printed_paths_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(ownlint(dir.path()).args(["init", "a\x1b[31mb"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains('\x1b'), "{:?}", out.stdout);
    out.stdout_has("a\\u{1b}[31mb/.ownlint.yaml");
}
