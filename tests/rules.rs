//! Every rule against its fixtures: `fixtures/<rule-name>/{pass,fail}.{md,yaml}`, run with only
//! that rule enabled and rendered as the human report. Pass fixtures must produce nothing and
//! fail fixtures something, before any snapshot is compared; and the registry must be
//! consistent with the fixtures and the documentation.

mod common;

use std::collections::HashSet;
use std::path::Path;

use ownlint::rules::ALL;

/// Folders under `fixtures/` that are not a rule's.
const NOT_RULES: &[&str] = &["seed", "variations", "cli"];

#[test]
fn rule_fixtures() {
    insta::glob!("../fixtures", "*/{pass,fail}.{md,yaml}", |path| {
        let dir = path.parent().unwrap();
        let name = dir.file_name().unwrap().to_str().unwrap();
        let rule = ownlint::rules::find(name).unwrap_or_else(|| panic!("no rule named {name}"));
        let files = vec![common::source(path)];
        let config = common::config_for(dir);
        let found = common::run(&files, &config, &[(rule, rule.meta().default_severity)]);
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let rendered = common::render(&files, &found);
        if stem == "pass" {
            assert!(
                found.is_empty(),
                "{} must produce nothing:\n{rendered}",
                path.display()
            );
        } else {
            assert!(
                !found.is_empty(),
                "{} must produce findings",
                path.display()
            );
        }
        insta::assert_snapshot!(rendered);
    });
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
        };
        assert!(
            has("pass") && has("fail"),
            "fixtures/{} needs pass and fail",
            rule.meta().name
        );
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
fn variations_and_the_seed_raise_nothing_but_the_seeds_placeholders() {
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
