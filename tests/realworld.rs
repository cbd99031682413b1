//! Real ownership and SLO documents from public repositories, read in place from
//! `../shared/realworld`. They are not part of this repository, so the test skips (with a
//! message) where they are absent. ownlint must read each without panicking and report what
//! is really wrong in it, nothing else.

use std::path::Path;

use assert_cmd::Command;

#[test]
fn real_world_documents() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/realworld");
    if !dir.is_dir() {
        eprintln!(
            "skipped: {} is absent (the shared real-world documents are not in this checkout)",
            dir.display()
        );
        return;
    }
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .filter(|p| ownlint::source::Format::from_path(p).is_some())
        .collect();
    paths.sort();
    // Where the documents are is this machine's: the nothing-to-lint error names the absolute
    // path it looked in.
    let absolute = dir.canonicalize().unwrap().display().to_string();
    let mut report = String::new();
    for path in paths {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let out = Command::cargo_bin("ownlint")
            .unwrap()
            .current_dir(&dir)
            .args(["check", "--format", "concise", &name])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        report.push_str(&format!(
            "== {name} (exit {})\n{}{}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stdout),
            stderr.replace(&absolute, "<realworld>")
        ));
    }
    insta::assert_snapshot!(report);
}
