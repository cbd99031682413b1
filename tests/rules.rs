//! Every rule against its fixtures: `fixtures/<rule-name>/{pass,fail}.{md,yaml}`, run with only
//! that rule enabled and rendered as the human report. Pass fixtures must produce nothing and
//! fail fixtures something, before any snapshot is compared; and the registry must be
//! consistent with the fixtures and the documentation.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use ownlint::rules::ALL;
use ownlint::source::{Flavor, Format};

/// Folders under `fixtures/` that are not a rule's.
const NOT_RULES: &[&str] = &["seed", "variations", "cli", "export"];

/// Rules that judge other rules' findings, and so run with the whole catalog.
const NEEDS_CATALOG: &[&str] = &["unused-suppression"];

/// Lint fixture files as one run with only `rule_dir`'s rule (or, for the rules that judge
/// the others, the whole catalog, keeping only the rule's findings), and render them.
fn check_fixture(rule_dir: &Path, paths: &[PathBuf], expect_findings: bool) -> String {
    check_files(rule_dir, common::sources(paths), paths, expect_findings)
}

fn check_files(
    rule_dir: &Path,
    files: Vec<ownlint::source::SourceFile>,
    paths: &[PathBuf],
    expect_findings: bool,
) -> String {
    let name = rule_dir.file_name().unwrap().to_str().unwrap();
    let rule = ownlint::rules::find(name).unwrap_or_else(|| panic!("no rule named {name}"));
    let config = common::config_for(rule_dir);
    let rules = if NEEDS_CATALOG.contains(&name) {
        ownlint::lint::enabled_rules(&config.settings)
    } else {
        vec![(rule, rule.meta().default_severity)]
    };
    let found: Vec<_> = common::run(&files, &config, &rules)
        .into_iter()
        .filter(|d| d.rule.code == rule.meta().code)
        .collect();
    let rendered = common::render(&files, &found);
    let what: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    if expect_findings {
        assert!(
            !found.is_empty(),
            "{} must produce findings",
            what.join(", ")
        );
    } else {
        assert!(
            found.is_empty(),
            "{} must produce nothing:\n{rendered}",
            what.join(", ")
        );
    }
    rendered
}

#[test]
fn rule_fixtures() {
    insta::glob!("../fixtures", "*/{pass,fail}.{md,yaml}", |path| {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let rendered = check_fixture(
            path.parent().unwrap(),
            &[path.to_path_buf()],
            stem == "fail",
        );
        insta::assert_snapshot!(rendered);
    });
}

/// Cross-file fixtures: `fixtures/<rule>/{pass,fail}-files/` are linted as one run; in
/// `{pass,fail}-gitlab-files/`, the CODEOWNERS file is read as GitLab reads it.
#[test]
fn cross_file_fixtures() {
    let mut dirs = Vec::new();
    for rule in std::fs::read_dir(common::fixtures()).unwrap() {
        let rule = rule.unwrap().path();
        for kind in [
            "pass-files",
            "fail-files",
            "pass-gitlab-files",
            "fail-gitlab-files",
        ] {
            if rule.join(kind).is_dir() {
                dirs.push(rule.join(kind));
            }
        }
    }
    dirs.sort();
    assert!(!dirs.is_empty(), "no cross-file fixtures found");
    for dir in dirs {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        let kind = dir.file_name().unwrap().to_str().unwrap();
        let rule_dir = dir.parent().unwrap();
        let mut files = common::sources(&paths);
        if kind.contains("gitlab") {
            for file in &mut files {
                if let Format::Codeowners(flavor) = &mut file.format {
                    *flavor = Flavor::GitLab;
                }
            }
        }
        let rendered = check_files(rule_dir, files, &paths, kind.starts_with("fail"));
        let name = format!(
            "{}__{kind}",
            rule_dir.file_name().unwrap().to_str().unwrap()
        );
        insta::assert_snapshot!(name, rendered);
    }
}

/// Change fixtures: `fixtures/<rule>/{pass,fail}-change/{base,head}/`, compared as `--base`
/// compares a revision with the working tree.
#[test]
fn change_fixtures() {
    let mut dirs = Vec::new();
    for rule in std::fs::read_dir(common::fixtures()).unwrap() {
        let rule = rule.unwrap().path();
        for kind in ["pass-change", "fail-change"] {
            if rule.join(kind).is_dir() {
                dirs.push(rule.join(kind));
            }
        }
    }
    dirs.sort();
    assert!(dirs.len() >= 4, "no change fixtures found");
    for dir in dirs {
        let list = |side: &str| {
            let mut paths: Vec<PathBuf> = std::fs::read_dir(dir.join(side))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            paths.sort();
            paths
        };
        let (head, base) = (list("head"), list("base"));
        let mut all = head.clone();
        all.extend(base.iter().cloned());
        let files = common::sources(&all);
        let config = ownlint::config::Config::default();
        let rule_dir = dir.parent().unwrap();
        let name = rule_dir.file_name().unwrap().to_str().unwrap();
        let rule = ownlint::rules::find(name).unwrap();
        // The change rule alone, through the pipeline as `ownlint check --base main` runs it.
        let rules = [(rule, rule.meta().default_severity)];
        let run = ownlint::lint::Run {
            base: Some(("main", head.len())),
            ..ownlint::lint::Run::new(&config.settings, &rules)
        };
        let found = ownlint::lint::run(&files, &run).diagnostics;
        let rendered = common::render(&files, &found);
        let kind = dir.file_name().unwrap().to_str().unwrap();
        if kind == "fail-change" {
            assert!(!found.is_empty(), "{} must produce findings", dir.display());
        } else {
            assert!(
                found.is_empty(),
                "{} must produce nothing:\n{rendered}",
                dir.display()
            );
        }
        insta::assert_snapshot!(format!("{name}__{kind}"), rendered);
    }
}

#[test]
fn codes_are_unique_sorted_and_grouped_by_category() {
    let codes: Vec<&str> = ALL.iter().map(|r| r.meta().code).collect();
    let mut sorted = codes.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(codes, sorted, "codes must be unique and ALL sorted by code");
    for rule in ALL {
        let m = rule.meta();
        assert!(m.code.len() == 6 && m.code.starts_with("OWN"), "{}", m.code);
        assert!(
            m.code[3..].chars().all(|c| c.is_ascii_digit()),
            "{}",
            m.code
        );
    }
}

#[test]
fn names_are_unique_kebab_case() {
    let mut seen = HashSet::new();
    for rule in ALL {
        let name = rule.meta().name;
        assert!(seen.insert(name), "duplicate rule name {name}");
        assert!(
            name.split('-')
                .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase())),
            "{name} is not kebab-case"
        );
        assert!(
            !name.starts_with("no-") || name == "no-domains",
            "name the smell, not the ban: {name}"
        );
    }
}

#[test]
fn every_rule_is_documented() {
    for rule in ALL {
        let m = rule.meta();
        let docs = m.documentation();
        for heading in ["## What it does", "## Why is this bad?", "## Example"] {
            assert!(docs.contains(heading), "{} lacks `{heading}`", m.name);
        }
        assert!(!m.summary().is_empty(), "{} has no summary", m.name);
    }
}

#[test]
fn every_rule_has_one_fixture_folder_and_every_folder_a_rule() {
    let fixtures = common::fixtures();
    for rule in ALL {
        let dir = fixtures.join(rule.meta().name);
        assert!(
            dir.is_dir(),
            "{} has no fixtures/{}/",
            rule.meta().name,
            rule.meta().name
        );
        let has = |stem: &str| {
            ["md", "yaml"]
                .iter()
                .any(|e| dir.join(format!("{stem}.{e}")).exists())
                || dir.join(format!("{stem}-change")).is_dir()
                || dir.join(format!("{stem}-files")).is_dir()
        };
        assert!(
            has("pass") && has("fail"),
            "fixtures/{} needs pass and fail",
            rule.meta().name
        );
        // A CODEOWNERS rule is shown on GitLab's file as well as GitHub's.
        if rule.meta().category == ownlint::rules::Category::Codeowners {
            for stem in ["pass-gitlab-files", "fail-gitlab-files"] {
                assert!(
                    dir.join(stem).is_dir(),
                    "fixtures/{} needs {stem}/",
                    rule.meta().name
                );
            }
        }
    }
    for entry in std::fs::read_dir(&fixtures).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().into_string().unwrap();
        if entry.path().is_dir() && !NOT_RULES.contains(&name.as_str()) {
            assert!(
                ownlint::rules::find(&name).is_some(),
                "fixtures/{name}/ belongs to no rule"
            );
        }
    }
}

#[test]
fn the_variations_raise_nothing_with_the_whole_catalog() {
    let fixtures = common::fixtures();
    let mut paths: Vec<_> = std::fs::read_dir(fixtures.join("variations"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    for path in paths {
        let files = vec![common::source(&path)];
        let config = ownlint::config::Config::default();
        let rules = ownlint::lint::enabled_rules(&config.settings);
        let found = common::run(&files, &config, &rules);
        assert!(
            found.is_empty(),
            "{}:\n{}",
            path.display(),
            common::render(&files, &found)
        );
        let _ = Path::new(&path);
    }
}

#[test]
fn docs_rules_md_is_generated_from_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    let generated = ownlint::app::catalog::markdown();
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    if current != generated {
        if std::env::var_os("OWNLINT_BLESS").is_some() {
            std::fs::write(&path, generated).unwrap();
            return;
        }
        panic!(
            "docs/rules.md is stale: regenerate it with `cargo run -- rules --format markdown > docs/rules.md` \
             (or run the tests with OWNLINT_BLESS=1)"
        );
    }
}
