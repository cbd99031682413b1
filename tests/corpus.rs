//! Precision at scale against the reference generator `../shared/bench/gen_corpus.py`: on a
//! generated ownership repository with seeded defects, ownlint reports exactly the findings the
//! generator lists (rule, file, line) and nothing else; on a clean one, nothing. The generator
//! is not part of this repository, so the test skips (with a message) where it or Python is
//! absent.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn generator() -> Option<PathBuf> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/gen_corpus.py");
    if !script.is_file() {
        eprintln!(
            "skipped: {} is absent (the shared reference generator is not in this checkout)",
            script.display()
        );
        return None;
    }
    if Command::new("python3").arg("--version").output().is_err() {
        eprintln!("skipped: python3 is not installed, and the reference generator needs it");
        return None;
    }
    Some(script)
}

fn generate(script: &Path, out: &Path, args: &[&str]) -> Value {
    let status = Command::new("python3")
        .arg(script)
        .arg(out)
        .args(args)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(out.join("expected.json")).unwrap()).unwrap()
}

fn lint(corpus: &Path) -> Value {
    let out = assert_cmd::Command::cargo_bin("ownlint")
        .unwrap()
        .current_dir(corpus)
        .args(["check", "--format", "json", "."])
        .output()
        .unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (rule, file, line) → how many times, from a list of JSON objects with the line at `line`.
fn count(items: &Value, line: &[&str]) -> BTreeMap<(String, String, u64), usize> {
    let mut map = BTreeMap::new();
    for item in items.as_array().unwrap() {
        let at = line.iter().fold(item, |v, k| &v[k]);
        let key = (
            item["rule"].as_str().unwrap().to_owned(),
            item["file"].as_str().unwrap().to_owned(),
            at.as_u64().unwrap(),
        );
        *map.entry(key).or_default() += 1;
    }
    map
}

#[test]
fn seeded_defects_are_found_exactly() {
    let Some(script) = generator() else { return };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    let expected = generate(
        &script,
        &corpus,
        &[
            "--domains",
            "2000",
            "--format",
            "mixed",
            "--defects",
            "0.02",
            "--seed",
            "11",
        ],
    );
    let report = lint(&corpus);
    let want = count(&expected["defects"], &["line"]);
    let got = count(&report["diagnostics"], &["span", "start", "line"]);
    let missing: Vec<_> = want
        .iter()
        .filter(|(k, n)| got.get(*k) != Some(n))
        .collect();
    let extra: Vec<_> = got
        .iter()
        .filter(|(k, n)| want.get(*k) != Some(n))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "missing: {missing:#?}\nextra: {extra:#?}"
    );
    assert_eq!(report["summary"]["domains"], 2000);
    assert!(
        want.len() > 20,
        "the corpus should seed defects of many rules"
    );
}

#[test]
fn a_clean_corpus_gives_nothing() {
    let Some(script) = generator() else { return };
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    generate(
        &script,
        &corpus,
        &[
            "--domains",
            "2000",
            "--format",
            "mixed",
            "--defects",
            "0",
            "--seed",
            "5",
        ],
    );
    let report = lint(&corpus);
    assert_eq!(
        report["diagnostics"].as_array().unwrap().len(),
        0,
        "{}",
        report["diagnostics"]
    );
    assert_eq!(report["summary"]["domains"], 2000);
}
