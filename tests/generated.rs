//! ownlint on repositories from its own generator (`bench/corpus.rs`, the benchmark's): the
//! findings are exactly the seeded defects, a clean repository is silent, and the output is
//! the same bytes on one thread as on many.

#[path = "../bench/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::collections::BTreeMap;
use std::path::Path;

use corpus::{Format, Options};
use serde_json::Value;

fn options(domains: usize, format: Format, defects: f64, seed: u64) -> Options {
    Options {
        domains,
        per_file: 50,
        format,
        defects,
        seed,
        codeowners: false,
    }
}

fn generate(dir: &Path, options: &Options) -> corpus::Corpus {
    let corpus = corpus::generate(options);
    corpus::write(&corpus, dir).unwrap();
    corpus
}

/// Run `ownlint check` in `dir` with `threads` worker threads; returns exit code and stdout.
fn check(dir: &Path, format: &str, threads: Option<&str>) -> (i32, Vec<u8>) {
    let mut cmd = assert_cmd::Command::cargo_bin("ownlint").unwrap();
    cmd.current_dir(dir)
        .args(["check", "--format", format, "--color", "never", "."]);
    match threads {
        Some(n) => cmd.env("RAYON_NUM_THREADS", n),
        None => cmd.env_remove("RAYON_NUM_THREADS"),
    };
    let out = cmd.output().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout)
}

fn findings(stdout: &[u8]) -> BTreeMap<(String, String, usize), usize> {
    let report: Value = serde_json::from_slice(stdout).unwrap();
    let mut map = BTreeMap::new();
    for d in report["diagnostics"].as_array().unwrap() {
        let key = (
            d["rule"].as_str().unwrap().to_owned(),
            d["file"].as_str().unwrap().to_owned(),
            d["span"]["start"]["line"].as_u64().unwrap() as usize,
        );
        *map.entry(key).or_default() += 1;
    }
    map
}

fn expected(corpus: &corpus::Corpus) -> BTreeMap<(String, String, usize), usize> {
    let mut map = BTreeMap::new();
    for (rule, file, line) in &corpus.expected {
        *map.entry((rule.to_string(), file.clone(), *line))
            .or_default() += 1;
    }
    map
}

#[test]
fn findings_are_exactly_the_seeded_defects() {
    for (format, seed) in [(Format::Markdown, 3), (Format::Mixed, 4)] {
        let dir = tempfile::tempdir().unwrap();
        let corpus = generate(dir.path(), &options(2_000, format, 0.05, seed));
        assert_eq!(corpus.expected.len(), 100);
        assert!(corpus.shared_declarations > 50);
        let (code, stdout) = check(dir.path(), "json", None);
        assert_eq!(code, 1);
        assert_eq!(findings(&stdout), expected(&corpus), "{format:?}");
    }
}

#[test]
fn a_clean_repository_is_silent() {
    for format in [Format::Markdown, Format::Mixed] {
        let dir = tempfile::tempdir().unwrap();
        generate(dir.path(), &options(1_500, format, 0.0, 5));
        let (code, stdout) = check(dir.path(), "json", None);
        assert_eq!(findings(&stdout), BTreeMap::new(), "{format:?}");
        assert_eq!(code, 0);
    }
}

/// `--codeowners` (the benchmark of the codeowners rules): every domain lists a folder, the
/// team registry gives each owner a handle, and CODEOWNERS is what `ownlint export` writes
/// from the documents, byte for byte; checked from the root, where CODEOWNERS is read, the
/// findings are still exactly the seeded defects: the codeowners rules find nothing.
#[test]
fn a_generated_codeowners_matches_the_documents() {
    for (format, seed) in [(Format::Markdown, 6), (Format::Mixed, 7)] {
        let dir = tempfile::tempdir().unwrap();
        let options = Options {
            codeowners: true,
            ..options(1_000, format, 0.05, seed)
        };
        let corpus = generate(dir.path(), &options);
        let written = std::fs::read_to_string(dir.path().join(".github/CODEOWNERS")).unwrap();
        assert_eq!(
            written.lines().filter(|l| l.starts_with("src/")).count(),
            1_000
                - corpus
                    .expected
                    .iter()
                    .filter(|(rule, ..)| ["orphaned-domain", "multiple-owners"].contains(rule))
                    .count()
        );
        let export = assert_cmd::Command::cargo_bin("ownlint")
            .unwrap()
            .current_dir(dir.path())
            .args(["export", "--format", "codeowners", "--allow-errors"])
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8(export.stdout).unwrap(),
            written,
            "{format:?}"
        );
        let out = assert_cmd::Command::cargo_bin("ownlint")
            .unwrap()
            .current_dir(dir.path())
            .args(["check", "--format", "json", "--color", "never"])
            .output()
            .unwrap();
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        // CODEOWNERS was read: it is one of the files checked.
        assert_eq!(
            report["summary"]["files"],
            corpus.files.len() - 1,
            "{format:?}"
        );
        assert_eq!(findings(&out.stdout), expected(&corpus), "{format:?}");
    }
}

#[test]
fn the_generator_is_deterministic() {
    let a = corpus::generate(&options(500, Format::Mixed, 0.1, 9));
    let b = corpus::generate(&options(500, Format::Mixed, 0.1, 9));
    assert_eq!(a.files, b.files);
    assert_eq!(a.expected, b.expected);
    let c = corpus::generate(&options(500, Format::Mixed, 0.1, 10));
    assert_ne!(a.files, c.files);
}

#[test]
fn output_is_the_same_on_one_thread_and_many() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), &options(3_000, Format::Mixed, 0.05, 11));
    for format in ["json", "human", "sarif"] {
        let (code, one) = check(dir.path(), format, Some("1"));
        assert_eq!(code, 1);
        assert!(!one.is_empty());
        for threads in [Some("2"), Some("7"), None] {
            let (_, many) = check(dir.path(), format, threads);
            assert!(
                one == many,
                "{format} output differs between 1 and {threads:?} threads"
            );
        }
    }
}
