//! `ownlint schema`: a draft-07 JSON Schema that accepts every valid YAML fixture and the
//! YAML export, and rejects YAML that is structurally wrong for the format.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn ownlint_stdout(args: &[&str]) -> String {
    let out = Command::cargo_bin("ownlint")
        .unwrap()
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn schema() -> Value {
    serde_json::from_str(&ownlint_stdout(&["schema"])).expect("the schema is JSON")
}

fn validator() -> jsonschema::Validator {
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .build(&schema())
        .expect("the schema compiles")
}

fn yaml_value(text: &str) -> Value {
    serde_saphyr::from_str(text).expect("the fixture is YAML")
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

/// Every YAML file of the pass fixtures (single files, `pass-files/`, both sides of
/// `pass-change/`) and of `fixtures/variations/`.
fn valid_yaml_fixtures() -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![root().join("fixtures")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let relative = path.strip_prefix(root().join("fixtures")).unwrap();
            let in_valid_place = relative.components().any(|c| {
                let c = c.as_os_str().to_string_lossy();
                c.starts_with("pass") || c == "variations"
            });
            if path.is_dir() {
                stack.push(path);
            } else if in_valid_place && path.extension().is_some_and(|e| e == "yaml" || e == "yml")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn the_schema_is_a_valid_draft_07_schema() {
    let schema = schema();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    jsonschema::draft7::meta::validate(&schema).expect("a valid draft-07 schema");
    assert_eq!(
        schema["definitions"]["OwnershipFile"]["additionalProperties"],
        false
    );
    assert_eq!(
        schema["definitions"]["DomainEntry"]["additionalProperties"],
        false
    );
    assert_eq!(schema["oneOf"].as_array().unwrap().len(), 3);
}

#[test]
fn the_schema_accepts_every_valid_yaml_fixture() {
    let validator = validator();
    let fixtures = valid_yaml_fixtures();
    assert!(fixtures.len() >= 25, "{}", fixtures.len());
    for path in fixtures {
        // A stream validates when each of its documents does (an editor validates each).
        let text = std::fs::read_to_string(&path).unwrap();
        let documents: Vec<Value> = serde_saphyr::from_multiple(&text).expect("YAML");
        for instance in documents {
            let found = errors(&validator, &instance);
            assert!(found.is_empty(), "{}: {found:?}", path.display());
        }
    }
}

#[test]
fn the_schema_accepts_the_yaml_export() {
    let validator = validator();
    let exported = ownlint_stdout(&["export", "--format", "yaml", "fixtures/seed/OWNERSHIP.md"]);
    let found = errors(&validator, &yaml_value(&exported));
    assert!(found.is_empty(), "{found:?}");
}

/// Fixtures whose YAML is wrong for the format itself, not only for a rule:
/// - `unknown-field/fail.yaml`: the keys `ownr`, `pager_duty_service` and `objectve`;
/// - `multiple-owners/fail.yaml`: an owner written as a list of two;
/// - `orphaned-domain/fail.yaml`: a domain without `owner`, and `owner:` with no value;
/// - `orphaned-domain/fail-files/domains-mapping.yaml`: the same in the mapping form;
/// - `shared-ownership-without-sla/fail.yaml`: a declaration without `sla`;
/// - `no-domains/fail.yaml`: a Kubernetes manifest, neither this format nor a Backstage
///   entity;
/// - `catalog-invalid-name/fail.yaml`: entity names, a namespace and a kind Backstage refuses;
/// - `catalog-missing-owner/fail.yaml`: Components, an API and a System without an owner.
#[test]
fn the_schema_rejects_structurally_wrong_fixtures() {
    let validator = validator();
    for fixture in [
        "unknown-field/fail.yaml",
        "multiple-owners/fail.yaml",
        "orphaned-domain/fail.yaml",
        "orphaned-domain/fail-files/domains-mapping.yaml",
        "shared-ownership-without-sla/fail.yaml",
        "no-domains/fail.yaml",
    ] {
        let text = std::fs::read_to_string(root().join("fixtures").join(fixture)).unwrap();
        assert!(
            !validator.is_valid(&yaml_value(&text)),
            "{fixture} should not validate"
        );
    }
    // Streams: every entity is wrong.
    for fixture in [
        "catalog-invalid-name/fail.yaml",
        "catalog-missing-owner/fail.yaml",
    ] {
        let text = std::fs::read_to_string(root().join("fixtures").join(fixture)).unwrap();
        let documents: Vec<Value> = serde_saphyr::from_multiple(&text).expect("YAML");
        for (i, entity) in documents.iter().enumerate() {
            assert!(
                !validator.is_valid(entity),
                "{fixture}: entity {i} should not validate"
            );
        }
    }
}

#[test]
fn the_schema_rejects_a_misspelled_key() {
    let validator = validator();
    let good = "domains:\n  - name: Payments\n    owner: Payment Service Team\n    escalation_contact: \"@payments-oncall\"\n";
    assert!(validator.is_valid(&yaml_value(good)));
    for (right, wrong) in [
        ("escalation_contact", "escalation_contcat"),
        ("owner", "ownr"),
        ("domains", "domans"),
    ] {
        let misspelled = good.replacen(right, wrong, 1);
        assert!(
            !validator.is_valid(&yaml_value(&misspelled)),
            "`{wrong}` should not validate"
        );
    }
}

#[test]
fn the_schema_accepts_the_aliases_and_forms_the_reader_accepts() {
    let validator = validator();
    let text = r##"
# yaml-language-server: $schema=./ownlint.schema.json
version: 1
x-team-notes: anything
domains:
  - domain: Search
    team: [Search Team]
    on_call: "#search-oncall"
    slo: "Search latency: P95 ≤ 200ms"
    authority: Can disable search suggestions
    scope: Indexing
    backup: Platform Team
    runbook: https://example.com/runbook
    transfer: {from: Finance Team, date: 2026-10-01}
escalation_ladder:
  - level: 1
    role: Domain Owner
shared_ownership:
  - domains: [Search, Payments]
    shared_sla: {name: Payment search, objective: "P95 ≤ 300ms", description: together}
    boundaries: ["Search: Query serving", "Payments: Payment indexing"]
    escalation_path: Payments on-call
    sync_cadence: weekly
"##;
    let found = errors(&validator, &yaml_value(text));
    assert!(found.is_empty(), "{found:?}");
}

#[test]
fn the_schema_accepts_domains_keyed_by_name_and_checks_their_fields() {
    let validator = validator();
    let keyed = r##"
domains:
  Storefront:
    owner: Storefront Team
    escalation_contact: "#storefront-oncall"
  Checkout:
    name: Checkout
    owner: Checkout Team
    slos: ["Checkout latency: P95 ≤ 300ms"]
"##;
    let found = errors(&validator, &yaml_value(keyed));
    assert!(found.is_empty(), "{found:?}");
    for wrong in [
        keyed.replacen("owner: Storefront", "ownr: Storefront", 1),
        keyed.replacen(
            "owner: Checkout Team",
            "owner: [Checkout Team, Platform Team]",
            1,
        ),
        "domains:\n  Storefront: Storefront Team\n".to_owned(),
        "domains:\n  Storefront:\n".to_owned(),
    ] {
        assert!(
            !validator.is_valid(&yaml_value(&wrong)),
            "should not validate:\n{wrong}"
        );
    }
}
