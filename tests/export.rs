//! `ownlint export`: the YAML export reads back to the same model (every valid fixture, both
//! formats), JSON has every domain, export refuses a model with errors unless told, and the
//! OpenSLO export validates against the OpenSLO v1 schema (`tests/openslo/`) and the rules the
//! specification states beyond it.

mod common;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::{Value, json};

use ownlint::config::Config;
use ownlint::diagnostic::Severity;
use ownlint::export::{ownership_file, to_yaml};
use ownlint::lint::{self, Run, enabled_rules};
use ownlint::model::{Document, Field};
use ownlint::parse::labels::LabelTable;
use ownlint::parse::parse;
use ownlint::source::{FileId, Format, Origin, SourceFile};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn seed() -> PathBuf {
    root().join("fixtures/seed/OWNERSHIP.md")
}

fn ownlint() -> Command {
    let mut cmd = Command::cargo_bin("ownlint").unwrap();
    cmd.current_dir(root())
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS");
    cmd
}

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Output {
    let out = ownlint().args(args).output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

// ---------------------------------------------------------------------------------------
// The round trip.

/// A fixture that is one run: a file, or a folder of files read together.
struct Unit {
    name: String,
    files: Vec<PathBuf>,
    /// Where its configuration is looked for.
    dir: PathBuf,
}

fn ownership_files_in(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| Format::from_path(p).is_some() && p.is_file())
        .collect();
    files.sort();
    files
}

/// The seed, every `fixtures/*/pass*` (files, `pass-files/` folders, the two sides of
/// `pass-change/`) and every `fixtures/variations/` file.
fn valid_fixture_candidates() -> Vec<Unit> {
    let fixtures = common::fixtures();
    let mut units = vec![Unit {
        name: "seed/OWNERSHIP.md".into(),
        files: vec![seed()],
        dir: root().join("fixtures/seed"),
    }];
    let mut rule_dirs: Vec<PathBuf> = std::fs::read_dir(&fixtures)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    rule_dirs.sort();
    for dir in rule_dirs {
        let dir_name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for entry in entries {
            let entry_name = entry.file_name().unwrap().to_string_lossy().into_owned();
            let name = format!("{dir_name}/{entry_name}");
            if dir_name == "variations" && entry.is_file() {
                units.push(Unit {
                    name,
                    files: vec![entry.clone()],
                    dir: dir.clone(),
                });
            } else if !entry_name.starts_with("pass") {
            } else if entry.is_file() {
                units.push(Unit {
                    name,
                    files: vec![entry.clone()],
                    dir: dir.clone(),
                });
            } else if entry_name == "pass-change" {
                for side in ["base", "head"] {
                    units.push(Unit {
                        name: format!("{name}/{side}"),
                        files: ownership_files_in(&entry.join(side)),
                        dir: dir.clone(),
                    });
                }
            } else {
                units.push(Unit {
                    name,
                    files: ownership_files_in(&entry),
                    dir: dir.clone(),
                });
            }
        }
    }
    units
}

fn error_count(files: &[SourceFile], config: &Config) -> usize {
    let rules = enabled_rules(&config.settings);
    lint::run(files, &Run::new(&config.settings, &rules))
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count()
}

/// What the round trip must keep: every value the model holds, as text, with the spans and
/// the places (Markdown or YAML, heading or table row) left out. Repeated fields are
/// flattened into one list of values: YAML cannot repeat a key.
#[derive(Debug, PartialEq)]
struct Projection {
    domains: Vec<DomainProjection>,
    /// Each level: its number, roles, the links in its roles (text and target), duties.
    ladder: Vec<LevelProjection>,
    shared: Vec<SharedProjection>,
}

#[derive(Debug, PartialEq)]
struct DomainProjection {
    name: String,
    owners: Vec<String>,
    escalation_contacts: Vec<String>,
    /// The links of the owner and contact fields: text and target.
    links: Vec<(String, String)>,
    slos: Vec<(String, String)>,
    incident_authority: Vec<String>,
    responsibilities: Vec<String>,
    transfer: Option<String>,
}

type LevelProjection = (Option<u32>, Vec<String>, Vec<(String, String)>, Vec<String>);

#[derive(Debug, PartialEq)]
struct SharedProjection {
    domains: Vec<String>,
    scope: Option<String>,
    sla: Option<(String, String)>,
    boundaries: Vec<(String, String)>,
    escalation: Option<String>,
    sync: Option<String>,
}

/// A field's values: the list under it, or its inline value, or both. A YAML list is read as
/// its items plus their joined text, which counts once.
fn values(field: &Field<'_>) -> Vec<String> {
    let items: Vec<String> = field.items.iter().map(|t| t.to_string()).collect();
    if items.is_empty() {
        return vec![field.value.to_string()];
    }
    if field.value.is_empty() || field.value.as_str() == items.join(", ") {
        items
    } else {
        std::iter::once(field.value.to_string())
            .chain(items)
            .collect()
    }
}

fn project(documents: &[Document<'_>]) -> Projection {
    let text = |t: &ownlint::model::Text<'_>| t.to_string();
    Projection {
        domains: documents
            .iter()
            .flat_map(|d| &d.domains)
            .map(|d| DomainProjection {
                name: text(&d.name),
                owners: d.owners.iter().flat_map(values).collect(),
                escalation_contacts: d.escalation_contacts.iter().flat_map(values).collect(),
                links: (d.owners.iter().chain(&d.escalation_contacts))
                    .flat_map(|f| &f.links)
                    .map(|l| (text(&l.text), text(&l.target)))
                    .collect(),
                slos: d
                    .slos
                    .iter()
                    .map(|s| (text(&s.name), text(&s.objective)))
                    .collect(),
                incident_authority: d.incident_authority.iter().map(text).collect(),
                responsibilities: d.responsibilities.iter().map(text).collect(),
                transfer: d.transfer.as_ref().map(|f| values(f).join(", ")),
            })
            .collect(),
        ladder: documents
            .iter()
            .flat_map(|d| &d.ladders)
            .flat_map(|l| &l.levels)
            .map(|l| {
                (
                    l.number,
                    l.roles.iter().map(text).collect(),
                    l.links
                        .iter()
                        .map(|link| (text(&link.text), text(&link.target)))
                        .collect(),
                    l.duties.iter().map(text).collect(),
                )
            })
            .collect(),
        shared: documents
            .iter()
            .flat_map(|d| &d.shared)
            .map(|s| SharedProjection {
                domains: s.domains.iter().map(text).collect(),
                scope: s.scope.as_ref().map(text),
                sla: s
                    .sla
                    .as_ref()
                    .map(|sla| (text(&sla.name), text(&sla.objective))),
                boundaries: s
                    .boundaries
                    .iter()
                    .map(|b| (text(&b.party), text(&b.part)))
                    .collect(),
                escalation: s.escalation.as_ref().map(text),
                sync: s.sync.as_ref().map(text),
            })
            .collect(),
    }
}

fn yaml_source(text: &str) -> SourceFile {
    SourceFile::new(
        FileId(0),
        "exported.yaml".into(),
        PathBuf::from("exported.yaml"),
        Format::Yaml,
        Origin::Explicit,
        text.as_bytes().to_vec(),
    )
}

/// Export a fixture's documents as YAML, read the YAML back, and compare the two models.
fn assert_round_trip(unit: &Unit, files: &[SourceFile], config: &Config) {
    let documents: Vec<Document<'_>> = files
        .iter()
        .map(|f| parse(f, &config.settings.labels))
        .collect();
    let yaml = to_yaml(&ownership_file(&documents));

    let exported = yaml_source(&yaml);
    let reread = parse(&exported, &config.settings.labels);
    assert!(
        reread.problems.is_empty() && reread.unknown_fields.is_empty(),
        "{}: the export does not read cleanly: {:?} {:?}\n{yaml}",
        unit.name,
        reread.problems,
        reread.unknown_fields
    );
    assert_eq!(
        project(&documents),
        project(std::slice::from_ref(&reread)),
        "{}: the export reads back differently:\n{yaml}",
        unit.name
    );
}

#[test]
fn the_yaml_export_of_every_valid_fixture_reads_back_to_the_same_model() {
    let mut round_tripped = Vec::new();
    let mut skipped = Vec::new();
    for unit in valid_fixture_candidates() {
        let files = common::sources(&unit.files);
        let config = common::config_for(&unit.dir);
        // A pass fixture passes its own rule; other rules may still find errors in it
        // (a fixture for one rule leaves out what it does not need), and export refuses those.
        if error_count(&files, &config) > 0 {
            skipped.push(unit.name);
            continue;
        }
        assert_round_trip(&unit, &files, &config);
        round_tripped.push(unit.name);
    }
    eprintln!(
        "round trip: {} valid fixtures ({}); left out for error-severity findings: {} ({})",
        round_tripped.len(),
        round_tripped.join(", "),
        skipped.len(),
        skipped.join(", ")
    );
    for format in [".md", ".yaml"] {
        assert!(
            round_tripped.iter().any(|n| n.ends_with(format)),
            "no {format} fixture round-tripped"
        );
    }
    // The stream and the mapping form of `domains` are read, written as one list, and read
    // back the same.
    // Links keep their targets: written as Markdown links, read back as links.
    for fixture in [
        "variations/stream.yaml",
        "variations/domains-mapping.yaml",
        "variations/links.md",
        "variations/table-links.md",
    ] {
        assert!(round_tripped.iter().any(|n| n == fixture), "{fixture}");
    }
    assert!(round_tripped.len() >= 40, "{}", round_tripped.len());
}

/// What `--allow-errors` exports reads back to the same model as well: the model does not
/// depend on the findings.
#[test]
fn the_yaml_export_of_pass_fixtures_with_other_errors_reads_back_too() {
    let mut round_tripped = 0;
    for unit in valid_fixture_candidates() {
        let files = common::sources(&unit.files);
        let config = common::config_for(&unit.dir);
        if error_count(&files, &config) > 0 {
            assert_round_trip(&unit, &files, &config);
            round_tripped += 1;
        }
    }
    eprintln!("round trip with --allow-errors: {round_tripped} fixtures");
    assert!(round_tripped > 0);
}

#[test]
fn text_that_yaml_would_read_as_something_else_is_quoted() {
    let awkward = [
        "≥ 99.9%",
        "a: b",
        "@payments-oncall",
        "#search-oncall",
        "[Engineering Manager]",
        "yes",
        "no",
        "null",
        "~",
        "1",
        "1.5",
        "true",
        "",
        " leading",
        "trailing ",
        "- dash",
        "* star",
        "&anchor",
        "*alias",
        "!tag",
        "|",
        ">",
        "%percent",
        "`code`",
        "a #comment",
        "two\nlines",
        "'single'",
        "\"double\"",
        "{brace}",
        "2026-10-01",
        "---",
        "? key",
        "tab\tinside",
    ];
    let file = ownlint::export::OwnershipFile {
        domains: awkward
            .iter()
            .enumerate()
            .map(|(i, a)| ownlint::export::ownership_file::DomainEntry {
                name: format!("Domain {i} {a}"),
                owner: Some((*a).to_owned()),
                escalation_contact: Some(ownlint::export::ownership_file::TextOrList::Text(
                    (*a).to_owned(),
                )),
                slos: vec![ownlint::export::ownership_file::SloEntry {
                    name: (*a).to_owned(),
                    objective: (*a).to_owned(),
                }],
                incident_authority: Vec::new(),
                responsibilities: vec![(*a).to_owned()],
                paths: vec![(*a).to_owned()],
                ownership_transfer: Some((*a).to_owned()),
            })
            .collect(),
        ..Default::default()
    };
    let yaml = to_yaml(&file);
    let source = yaml_source(&yaml);
    let reread = parse(&source, &Config::default().settings.labels);
    assert!(reread.problems.is_empty(), "{:?}\n{yaml}", reread.problems);
    assert_eq!(reread.domains.len(), awkward.len());
    for (domain, a) in reread.domains.iter().zip(awkward) {
        assert_eq!(domain.owners[0].value.as_str(), a, "{yaml}");
        assert_eq!(domain.escalation_contacts[0].value.as_str(), a);
        assert_eq!(domain.slos[0].name.as_str(), a);
        assert_eq!(domain.slos[0].objective.as_str(), a);
        assert_eq!(domain.transfer.as_ref().unwrap().value.as_str(), a);
        // Empty list items are dropped by the reader, as they are in Markdown.
        let expected: Vec<&str> = if a.is_empty() { vec![] } else { vec![a] };
        let read: Vec<&str> = domain.responsibilities.iter().map(|t| t.as_str()).collect();
        assert_eq!(read, expected);
    }
}

#[test]
fn domains_keyed_by_name_and_a_stream_are_exported_as_one_list() {
    for (fixture, names) in [
        (
            "fixtures/variations/domains-mapping.yaml",
            ["Payments", "Search"],
        ),
        ("fixtures/variations/stream.yaml", ["Payments", "Search"]),
    ] {
        let out = run(&["export", "--format", "yaml", fixture]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stdout.starts_with("domains:\n- name: "),
            "{}",
            out.stdout
        );
        assert!(!out.stdout.contains("---"), "{}", out.stdout);
        let exported = yaml_source(&out.stdout);
        let reread = parse(&exported, &LabelTable::default());
        let read: Vec<&str> = reread.domains.iter().map(|d| d.name.as_str()).collect();
        assert_eq!(read, names, "{fixture}");
    }
}

// ---------------------------------------------------------------------------------------
// JSON and the refusal.

#[test]
fn the_json_export_of_the_seed_has_its_nine_domains() {
    let out = run(&["export", "--format", "json", "fixtures/seed/OWNERSHIP.md"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let model: Value = serde_json::from_str(&out.stdout).expect("valid JSON");
    let domains = model["domains"].as_array().unwrap();
    assert_eq!(domains.len(), 9);
    assert_eq!(domains[1]["name"], "Payments Domain");
    assert_eq!(domains[1]["owner"], "Payment Service Team");
    assert_eq!(
        domains[1]["slos"][0],
        json!({"name": "Payment processing", "objective": "P95 ≤ 500ms"})
    );
    assert_eq!(model["escalation_ladder"].as_array().unwrap().len(), 4);
    assert_eq!(model["shared_ownership"].as_array().unwrap().len(), 1);
}

#[test]
fn export_refuses_a_model_with_errors_unless_allowed() {
    let fixture = "fixtures/multiple-owners/fail.md";
    let refused = run(&["export", "--format", "yaml", fixture]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(refused.stdout.is_empty(), "{}", refused.stdout);
    assert!(refused.stderr.contains("error"), "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("run `ownlint check` to see them, or pass --allow-errors"),
        "{}",
        refused.stderr
    );

    let allowed = run(&["export", "--format", "yaml", "--allow-errors", fixture]);
    assert_eq!(allowed.code, 0, "{}", allowed.stderr);
    assert!(allowed.stdout.starts_with("domains:"), "{}", allowed.stdout);
}

#[test]
fn export_stops_with_exit_2_on_an_unreadable_file() {
    let out = run(&[
        "export",
        "fixtures/seed/OWNERSHIP.md",
        "fixtures/seed/missing.md",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("missing.md"), "{}", out.stderr);
    assert!(out.stdout.is_empty());
}

// ---------------------------------------------------------------------------------------
// OpenSLO.

const OPENSLO_SCHEMAS: &[&str] = &[
    "parts/header.schema.json",
    "parts/metadata.schema.json",
    "parts/name.schema.json",
    "parts/description.schema.json",
    "parts/duration-shorthand.schema.json",
    "parts/metricsource.schema.json",
    "parts/specs/sli-spec.schema.json",
    "parts/specs/slo-spec.schema.json",
];

/// The `SLO` branch of OpenSLO's root schema (`schemas/v1/openslo.schema.json`): the header,
/// `kind: SLO`, and the SLO spec; the other kinds' branches cannot match an SLO.
fn openslo_validator() -> jsonschema::Validator {
    let resources = OPENSLO_SCHEMAS.iter().map(|path| {
        let text = std::fs::read_to_string(root().join("tests/openslo").join(path)).unwrap();
        let schema: Value = serde_json::from_str(&text).unwrap();
        let id = schema["$id"].as_str().unwrap().to_owned();
        (
            id,
            jsonschema::Resource::from_contents(schema).expect("a schema resource"),
        )
    });
    let slo_branch = json!({
        "$schema": "http://json-schema.org/draft-07/schema",
        "allOf": [
            {"$ref": "https://openslo.com/schemas/v1/parts/header.schema.json"},
            {
                "type": "object",
                "properties": {
                    "kind": {"const": "SLO"},
                    "spec": {"$ref": "https://openslo.com/schemas/v1/parts/specs/slo-spec.schema.json"}
                }
            }
        ]
    });
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft7)
        .with_resources(resources)
        .build(&slo_branch)
        .unwrap()
}

fn schema_errors(validator: &jsonschema::Validator, document: &Value) -> Vec<String> {
    validator
        .iter_errors(document)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect()
}

fn is_dns_label(s: &str) -> bool {
    let bytes = s.as_bytes();
    !s.is_empty()
        && s.len() <= 63
        && bytes
            .iter()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && bytes[0] != b'-'
        && bytes[bytes.len() - 1] != b'-'
}

/// The rules the OpenSLO v1 specification (README, "SLO" and "Objectives") states that its
/// schema does not check, as `oslo validate` would hold them.
fn specification_problems(document: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |ok: bool, what: &str| {
        if !ok {
            problems.push(what.to_owned());
        }
    };
    let metadata = &document["metadata"];
    let spec = &document["spec"];
    let name = metadata["name"].as_str().unwrap_or("");
    check(is_dns_label(name), "metadata.name is an RFC 1123 label");
    check(
        spec["service"].as_str().is_some_and(is_dns_label),
        "spec.service is an RFC 1123 label",
    );
    check(
        spec["indicator"]["metadata"]["name"]
            .as_str()
            .is_some_and(is_dns_label),
        "the indicator's name is an RFC 1123 label",
    );
    for (key, value) in metadata["labels"].as_object().into_iter().flatten() {
        check(
            key.len() <= 63
                && value
                    .as_str()
                    .is_some_and(|v| !v.is_empty() && v.len() <= 63),
            "labels are at most 63 characters",
        );
    }
    check(
        spec["budgetingMethod"] == "Occurrences",
        "budgetingMethod is Occurrences",
    );
    let windows = spec["timeWindow"].as_array();
    check(
        windows.is_some_and(|w| w.len() == 1),
        "timeWindow has exactly one item",
    );
    check(
        spec["timeWindow"][0]["isRolling"] == true,
        "the window is rolling (a calendar window needs a calendar)",
    );
    let objectives = spec["objectives"].as_array().cloned().unwrap_or_default();
    let threshold = spec["indicator"]["spec"].get("thresholdMetric").is_some();
    if threshold {
        check(
            objectives.len() == 1,
            "a thresholdMetric allows exactly one objective",
        );
    }
    for objective in &objectives {
        let target = objective["target"].as_f64();
        check(
            target.is_some_and(|t| (0.0..1.0).contains(&t)),
            "target is in [0, 1)",
        );
        if threshold {
            check(
                ["lt", "lte", "gt", "gte"].contains(&objective["op"].as_str().unwrap_or("")),
                "a threshold objective has op lt, lte, gt or gte",
            );
            check(
                objective["value"].is_number(),
                "a threshold objective has a numeric value",
            );
        } else {
            check(
                objective.get("op").is_none() && objective.get("value").is_none(),
                "a ratio objective has no op or value",
            );
        }
    }
    problems
}

fn seed_openslo() -> Output {
    run(&[
        "export",
        "--format",
        "openslo",
        "fixtures/seed/OWNERSHIP.md",
    ])
}

#[test]
fn the_openslo_export_of_the_seed_validates() {
    let out = seed_openslo();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let documents: Vec<Value> =
        serde_saphyr::from_multiple(&out.stdout).expect("a YAML stream of documents");
    // 27 SLOs; five `100%` and one rate cannot be expressed.
    assert_eq!(documents.len(), 21, "{}", out.stdout);
    assert_eq!(out.stderr.matches("not exported to OpenSLO").count(), 7);
    assert_eq!(out.stderr.matches(": 100%`").count(), 5, "{}", out.stderr);
    assert!(out.stderr.contains("Worker throughput: ≥ 1000 ops/hour"));
    assert!(out.stderr.contains("a shared SLA"), "{}", out.stderr);

    let validator = openslo_validator();
    let mut names = HashSet::new();
    for document in &documents {
        let name = document["metadata"]["name"].as_str().unwrap().to_owned();
        let errors = schema_errors(&validator, document);
        assert!(errors.is_empty(), "{name}: {}", errors.join("\n"));
        let problems = specification_problems(document);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        assert!(names.insert(name.clone()), "{name} twice");
    }
}

#[test]
fn the_openslo_check_catches_what_it_should() {
    let validator = openslo_validator();
    let out = seed_openslo();
    let documents: Vec<Value> = serde_saphyr::from_multiple(&out.stdout).unwrap();
    let mut broken = documents[0].clone();
    broken["spec"]["objectives"][0]["target"] = json!(1.0);
    assert!(!schema_errors(&validator, &broken).is_empty());
    let mut broken = documents[0].clone();
    broken["metadata"]["name"] = json!("Not A Label");
    assert!(!schema_errors(&validator, &broken).is_empty());
    let mut broken = documents[0].clone();
    broken["spec"]["indicator"]["spec"]["thresholdMetric"]["metricSource"] = json!({});
    assert!(!schema_errors(&validator, &broken).is_empty());
    let mut broken = documents[0].clone();
    broken["metadata"]["name"] = json!("a".repeat(64));
    assert!(!specification_problems(&broken).is_empty());
}

#[test]
fn openslo_objectives_translate_as_documented() {
    let out = seed_openslo();
    let documents: Vec<Value> = serde_saphyr::from_multiple(&out.stdout).unwrap();
    let named = |name: &str| {
        documents
            .iter()
            .find(|d| d["metadata"]["name"] == name)
            .unwrap_or_else(|| panic!("no document {name}"))
    };

    let latency = named("subscriptions-subscription-creation");
    assert_eq!(
        latency["spec"]["objectives"],
        json!([{"displayName": "P95 ≤ 300ms", "op": "lte", "value": 300, "target": 0.95}])
    );
    assert_eq!(
        latency["metadata"]["annotations"],
        json!({"ownlint-percentile": "95", "ownlint-unit": "ms"})
    );
    assert!(latency["spec"]["indicator"]["spec"]["thresholdMetric"].is_object());
    assert_eq!(latency["spec"]["service"], "subscriptions");
    assert_eq!(
        latency["metadata"]["labels"],
        json!({"owner": "subscription-service-team", "domain": "subscriptions"})
    );
    assert_eq!(
        latency["spec"]["timeWindow"],
        json!([{"duration": "28d", "isRolling": true}])
    );

    let availability = named("vpn-api-availability");
    assert_eq!(
        availability["spec"]["objectives"],
        json!([{"displayName": "≥ 99.9%", "target": 0.999}])
    );
    let ratio = &availability["spec"]["indicator"]["spec"]["ratioMetric"];
    assert!(ratio["good"].is_object() && ratio["total"].is_object());
    // The same SLO name in another domain gets its own name.
    named("infrastructure-vpn-api-availability");
    assert_eq!(
        named("infrastructure-database-availability")["spec"]["objectives"][0]["target"],
        json!(0.9995)
    );
    assert_eq!(
        named("background-workers-worker-latency")["spec"]["objectives"][0]["value"],
        json!(5)
    );
}

#[test]
fn the_openslo_export_of_the_seed_is_stable() {
    let out = seed_openslo();
    insta::assert_snapshot!("seed_openslo", out.stdout);
}

#[test]
fn a_link_is_exported_as_a_markdown_link_and_kept_in_the_openslo_description() {
    let links = "fixtures/variations/links.md";
    let out = run(&["export", "--format", "yaml", links]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "[PagerDuty: card-payments-primary](https://acme.pagerduty.com/schedules/P8K2J1Q)"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("[#payments-oncall](https://acme.slack.com/archives/C024BE91L)"),
        "{}",
        out.stdout
    );
    let out = run(&["export", "--format", "json", links]);
    let json: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        json["domains"][0]["escalation_contact"],
        "[PagerDuty: card-payments-primary](https://acme.pagerduty.com/schedules/P8K2J1Q)"
    );
    let out = run(&["export", "--format", "openslo", links]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "escalation PagerDuty: card-payments-primary \
             <https://acme.pagerduty.com/schedules/P8K2J1Q>"
        ),
        "{}",
        out.stdout
    );
}

#[test]
fn a_link_in_a_table_cell_is_exported_as_a_field_s_link_is() {
    let table = "fixtures/variations/table-links.md";
    let out = run(&["export", "--format", "yaml", table]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    for written in [
        "owner: \"[Card Payments Team](https://acme.example/teams/card-payments)\"",
        "escalation_contact: \"[PagerDuty: card-payments-primary](https://acme.pagerduty.com/schedules/P8K2J1Q)\"",
        "escalation_contact: \"[#payments-oncall](https://acme.slack.com/archives/C024BE91L), \
         Jane Doe ([PagerDuty](https://acme.pagerduty.com/users/PXPGF42))\"",
        // A ladder role keeps its link, each role apart.
        "  roles:\n  - CTO\n  - \"[VP Engineering](https://acme.example/people/vp-engineering)\"\n",
        "  - \"[Board liaison](https://acme.example/people/board-liaison)\"\n",
    ] {
        assert!(out.stdout.contains(written), "{written}\n{}", out.stdout);
    }
    // The JSON export writes the cell as it writes the same contact given as a field.
    let domain = |file: &str| {
        let out = run(&["export", "--format", "json", file]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        serde_json::from_str::<Value>(&out.stdout).unwrap()["domains"][0].clone()
    };
    let (cell, field) = (domain(table), domain("fixtures/variations/links.md"));
    assert_eq!(cell["owner"], field["owner"]);
    assert_eq!(cell["escalation_contact"], field["escalation_contact"]);
    assert_eq!(
        cell["escalation_contact"],
        "[PagerDuty: card-payments-primary](https://acme.pagerduty.com/schedules/P8K2J1Q)"
    );
}

/// Every objective of `fixtures/export/objectives.md` (the spellings of `tests/objectives.rs`
/// that read) is exported with its whole reading — comparator, value, percentile or share,
/// error rates as bad events, window — or named in a note; never exported half.
#[test]
fn every_objective_read_is_exported_whole_or_named_in_a_note() {
    use ownlint::export::openslo;
    use ownlint::model::{Comparator, ObjectiveKind, Unit};
    let path = "fixtures/export/objectives.md";
    let bytes = std::fs::read(root().join(path)).unwrap();
    let file = SourceFile::new(
        FileId(0),
        path.into(),
        PathBuf::from(path),
        Format::Markdown,
        Origin::Explicit,
        bytes,
    );
    let config = Config::default();
    let doc = parse(&file, &config.settings.labels);
    let export = openslo(std::slice::from_ref(&doc), &config.settings);
    let validator = openslo_validator();
    let documents: Vec<Value> = export
        .documents
        .iter()
        .map(|d| serde_json::to_value(d).unwrap())
        .collect();
    for document in &documents {
        let errors = schema_errors(&validator, document);
        assert!(errors.is_empty(), "{document}: {}", errors.join("\n"));
    }
    let mut used = vec![false; documents.len()];
    let (mut exported, mut noted) = (0, 0);
    for slo in &doc.domains[0].slos {
        let objectives = slo.parsed.as_ref().expect("every objective reads");
        for objective in objectives {
            let text = slo.objective_text(objective);
            let found = documents.iter().enumerate().find(|(i, d)| {
                !used[*i]
                    && d["metadata"]["displayName"] == slo.name.as_str()
                    && d["spec"]["objectives"][0]["displayName"] == text
            });
            let Some((i, document)) = found else {
                let note = export
                    .skipped
                    .iter()
                    .any(|s| s.slo.ends_with(text) && s.slo.starts_with(slo.name.as_str()));
                assert!(note, "`{}: {text}` is neither exported nor noted", slo.name);
                noted += 1;
                continue;
            };
            used[i] = true;
            exported += 1;
            let entry = &document["spec"]["objectives"][0];
            let spec = &document["spec"]["indicator"]["spec"];
            let cmp = objective.comparator.value;
            match objective.unit.value {
                Unit::Time(_) => {
                    let p = objective
                        .percentile
                        .expect("a latency exported has a percentile");
                    let op = match cmp {
                        Comparator::Lt => "lt",
                        Comparator::Le => "lte",
                        Comparator::Gt => "gt",
                        Comparator::Ge => "gte",
                        Comparator::Eq => unreachable!(),
                    };
                    assert_eq!(entry["op"], op, "{text}");
                    assert_eq!(
                        entry["value"].as_f64(),
                        Some(objective.value.value),
                        "{text}"
                    );
                    let target = entry["target"].as_f64().unwrap();
                    assert!((target - p.value / 100.0).abs() < 1e-9, "{text}");
                    assert!(spec["thresholdMetric"].is_object(), "{text}");
                }
                Unit::Percent => {
                    let ratio = &spec["ratioMetric"];
                    let bad = objective.kind == ObjectiveKind::ErrorRate;
                    assert_eq!(ratio["bad"].is_object(), bad, "{text}");
                    assert_eq!(ratio["good"].is_object(), !bad, "{text}");
                    let share = objective.value.value / 100.0;
                    let good = if bad { 1.0 - share } else { share };
                    let target = entry["target"].as_f64().unwrap();
                    assert!((target - good).abs() < 1e-9, "{text}: {target}");
                }
                Unit::Rate { .. } => panic!("a rate without a percentile is exported: {text}"),
            }
            let window = &document["spec"]["timeWindow"][0];
            match objective.window {
                Some(w) => {
                    let duration = format!("{}{}", w.amount, w.unit.shorthand());
                    assert_eq!(window["duration"], duration, "{text}");
                    assert_eq!(window["isRolling"], w.rolling, "{text}");
                    assert_eq!(window["calendar"].is_object(), !w.rolling, "{text}");
                }
                None => assert_eq!(window, &json!({"duration": "28d", "isRolling": true})),
            }
        }
    }
    assert!(used.iter().all(|u| *u), "a document for no objective");
    // 28 objectives on 26 lines: the two-objective lines give two documents each; `≤ 5ms`,
    // `100%`, `ops/hour` and the window of a day and a half are notes.
    assert_eq!((exported, noted), (24, 4), "{:?}", export.skipped);
}

// ---------------------------------------------------------------------------------------
// Where calendar windows start.

/// The OpenSLO export of `fixtures/export/calendar/slos.md` (a monthly, a quarterly and a
/// rolling SLO) run in `dir`, its documents checked against the OpenSLO schema.
fn calendar_export(dir: &Path) -> (Output, Vec<Value>) {
    let out = ownlint()
        .current_dir(dir)
        .args(["export", "--format", "openslo", "slos.md"])
        .output()
        .unwrap();
    let out = Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    assert_eq!(out.code, 0, "{}", out.stderr);
    let documents: Vec<Value> = serde_saphyr::from_multiple(&out.stdout).unwrap();
    assert_eq!(documents.len(), 3, "{}", out.stdout);
    let validator = openslo_validator();
    for document in &documents {
        let errors = schema_errors(&validator, document);
        assert!(errors.is_empty(), "{document}: {}", errors.join("\n"));
    }
    (out, documents)
}

/// The calendar of each document, or `None` for a rolling window.
fn calendars(documents: &[Value]) -> Vec<Option<&Value>> {
    documents
        .iter()
        .map(|d| d["spec"]["timeWindow"][0].get("calendar"))
        .collect()
}

#[test]
fn calendar_windows_start_where_the_configuration_says() {
    let (out, documents) = calendar_export(&root().join("fixtures/export/calendar"));
    let stated = json!({"startTime": "2025-01-01 00:00:00", "timeZone": "Europe/Berlin"});
    assert_eq!(
        calendars(&documents),
        [Some(&stated), Some(&stated), None],
        "{}",
        out.stdout
    );
    // The team's own start: nothing assumed, so no note and no annotation.
    assert_eq!(out.stderr, "");
    for document in &documents {
        assert!(
            document["metadata"]["annotations"]
                .get("ownlint-calendar")
                .is_none(),
            "{document}"
        );
    }
    insta::assert_snapshot!("calendar_openslo_configured", out.stdout);
}

#[test]
fn without_the_setting_calendar_windows_start_at_the_assumed_start_and_a_note_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("fixtures/export/calendar/slos.md"),
        dir.path().join("slos.md"),
    )
    .unwrap();
    let (out, documents) = calendar_export(dir.path());
    let assumed = json!({"startTime": "2024-01-01 00:00:00", "timeZone": "Etc/UTC"});
    assert_eq!(
        calendars(&documents),
        [Some(&assumed), Some(&assumed), None],
        "{}",
        out.stdout
    );
    // One note for the whole export, naming the count and the setting.
    assert_eq!(
        out.stderr,
        "ownlint: note: assumed start 2024-01-01 00:00:00 Etc/UTC for 2 calendar windows: \
         the documents state none; set `calendar-start` and `time-zone` under \
         `export.openslo` in .ownlint.yaml\n"
    );
    // Each document with the assumed start says so in the file, where it travels.
    let annotated: Vec<bool> = documents
        .iter()
        .map(|d| {
            d["metadata"]["annotations"]
                .get("ownlint-calendar")
                .is_some()
        })
        .collect();
    assert_eq!(annotated, [true, true, false]);
    assert_eq!(
        documents[0]["metadata"]["annotations"]["ownlint-calendar"],
        "assumed: 2024-01-01 00:00:00 Etc/UTC; neither the documents nor the configuration \
         state a start (export.openslo in .ownlint.yaml)"
    );
}

// ---------------------------------------------------------------------------------------
// CODEOWNERS.

/// The seed with a path for each domain and its teams' handles, in a folder of its own.
fn seed_with_paths(dir: &Path) -> String {
    let mut text = std::fs::read_to_string(seed()).unwrap();
    for (domain, paths) in [
        ("### Subscriptions Domain\n", "`src/subscriptions/`"),
        (
            "### Payments Domain\n",
            "`src/payments/`, `/services/billing/**`",
        ),
        ("### VPN Domain\n", "`infra/vpn/`"),
        ("### Infrastructure Domain\n", "`infra/`"),
        ("### Observability Domain\n", "`*.dashboard.json`"),
        // Its owner has no handle in the registry: left out, and said.
        ("### Trials Domain\n", "`src/trials/`"),
    ] {
        let at = text.find(domain).unwrap() + domain.len();
        text.insert_str(at, &format!("\n**Paths:** {paths}\n"));
    }
    std::fs::write(dir.join("OWNERSHIP.md"), &text).unwrap();
    std::fs::write(
        dir.join(".ownlint.yaml"),
        "teams:\n  Subscription Service Team: \"@acme/subscriptions\"\n  \
         Payment Service Team: [\"@acme/payments\", payments@acme.example]\n  \
         Infrastructure Team: \"@acme/infra\"\n  Platform Team: \"@acme/platform\"\n",
    )
    .unwrap();
    text
}

#[test]
fn codeowners_is_generated_from_the_documents_byte_for_byte_the_same() {
    let dir = tempfile::tempdir().unwrap();
    seed_with_paths(dir.path());
    let export = |dir: &Path| {
        let out = ownlint()
            .current_dir(dir)
            .args([
                "export",
                "--format",
                "codeowners",
                "--allow-errors",
                "OWNERSHIP.md",
            ])
            .output()
            .unwrap();
        (
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (first, stderr) = export(dir.path());
    assert_eq!(export(dir.path()).0, first, "two runs, two files");
    insta::assert_snapshot!("codeowners_from_the_seed", first);
    // The domains whose owner has no handle, or that have no one real owner, are said.
    insta::assert_snapshot!("codeowners_from_the_seed_left_out", stderr);

    // Read back as GitHub reads it: no problem, and each path owned by its domain's handles,
    // the narrowest rule winning over the broadest.
    let file = ownlint::testing::source_files(&[("CODEOWNERS", first.as_bytes())]).remove(0);
    let read = ownlint::parse::codeowners(&file, ownlint::model::codeowners::Flavor::GitHub);
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let owner = |path: &str| -> Vec<String> {
        read.owners_of(path)
            .map(|rule| {
                read.rule_owners(rule)
                    .iter()
                    .map(|o| o.as_str().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert_eq!(
        owner("src/payments/charge.rs"),
        ["@acme/payments", "payments@acme.example"]
    );
    assert_eq!(
        owner("services/billing/a/b.rs"),
        ["@acme/payments", "payments@acme.example"]
    );
    assert_eq!(owner("src/subscriptions/renew.rs"), ["@acme/subscriptions"]);
    assert_eq!(owner("infra/vpn/tunnel.tf"), owner("infra/vpn/x"));
    assert!(owner("README.md").is_empty());
}

/// The workflow the documents and CODEOWNERS follow: generated once from the seed with paths,
/// the file checks clean; an owner changed in the document is then a finding in CODEOWNERS,
/// on the rule, with the path and the new owner labelled in the document; `check --fix`
/// makes CODEOWNERS follow, and the check passes again.
#[test]
fn codeowners_generated_from_the_seed_checks_clean_then_follows_an_owner_change() {
    let dir = tempfile::tempdir().unwrap();
    let text = seed_with_paths(dir.path());
    // Every owner with a handle: a clean check is a clean check.
    std::fs::write(
        dir.path().join(".ownlint.yaml"),
        "teams:\n  Subscription Service Team: \"@acme/subscriptions\"\n  \
         Payment Service Team: [\"@acme/payments\", payments@acme.example]\n  \
         Infrastructure Team: \"@acme/infra\"\n  Platform Team: \"@acme/platform\"\n  \
         Product Team: \"@acme/product\"\n",
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = ownlint()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stdout).unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, _, stderr) = run(&[
        "export",
        "--format",
        "codeowners",
        "--allow-errors",
        "--output-file",
        ".github/CODEOWNERS",
        "OWNERSHIP.md",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let generated = std::fs::read_to_string(dir.path().join(".github/CODEOWNERS")).unwrap();
    assert!(generated.contains("src/payments/ @acme/payments payments@acme.example"));

    // `check` without paths finds the file where GitHub does, and nothing to say about it.
    let codeowners_rules = ["check", "--select", "OWN6", "--format", "concise"];
    let (code, stdout, stderr) = run(&codeowners_rules);
    assert_eq!((code, stdout.lines().count()), (0, 1), "{stdout}{stderr}");
    assert!(stdout.contains("in 2 files"), "{stdout}");

    // The payments domain moves to the platform team in the document only.
    let moved = text.replacen(
        "**Owner:** Payment Service Team",
        "**Owner:** Platform Team",
        1,
    );
    assert_ne!(moved, text);
    std::fs::write(dir.path().join("OWNERSHIP.md"), &moved).unwrap();
    let (code, stdout, _) = run(&["check", "--select", "OWN6", "--format", "json"]);
    assert_eq!(code, 1);
    let report: Value = serde_json::from_str(&stdout).unwrap();
    let findings = report["diagnostics"].as_array().unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["OWN603", "OWN603"], "{stdout}");
    for finding in findings {
        assert_eq!(finding["file"], ".github/CODEOWNERS");
        let places: Vec<(&str, u64)> = finding["labels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| {
                (
                    l["file"].as_str().unwrap(),
                    l["span"]["start"]["line"].as_u64().unwrap(),
                )
            })
            .collect();
        let owner_line = moved[..moved.find("**Owner:** Platform Team").unwrap()]
            .lines()
            .count() as u64
            + 1;
        assert!(places.contains(&("OWNERSHIP.md", owner_line)), "{places:?}");
    }
    let (_, human, _) = run(&["check", "--select", "OWN6", "--color", "never"]);
    insta::assert_snapshot!("codeowners_after_an_owner_change", human);

    // Fixed in CODEOWNERS, as the documents say; then clean.
    let (code, _, stderr) = run(&["check", "--select", "OWN6", "--fix"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("fixed 2 findings in .github/CODEOWNERS"),
        "{stderr}"
    );
    let fixed = std::fs::read_to_string(dir.path().join(".github/CODEOWNERS")).unwrap();
    assert!(fixed.contains("src/payments/ @acme/platform\n"), "{fixed}");
    assert!(
        fixed.contains("/services/billing/** @acme/platform\n"),
        "{fixed}"
    );
    // The comments above the two rules name the new owner too: the file is the one the
    // export now writes, byte for byte.
    let (_, exported, _) = run(&[
        "export",
        "--format",
        "codeowners",
        "--allow-errors",
        "OWNERSHIP.md",
    ]);
    assert_eq!(fixed, exported);
    let (code, stdout, _) = run(&codeowners_rules);
    assert_eq!(code, 0, "{stdout}");
}

/// A CODEOWNERS file of 3 MB or more is one GitHub does not load: the export says so when it
/// writes one for GitHub, and not for GitLab.
#[test]
fn codeowners_export_warns_when_github_would_not_load_the_file() {
    let dir = tempfile::tempdir().unwrap();
    // One domain with 16,000 paths of some 200 bytes: a file of about 3.3 MB.
    let mut doc = String::from(
        "## Big\n\n**Owner:** Big Team\n**Escalation contact:** @big-oncall\n**Paths:**\n",
    );
    let folder = "a".repeat(190);
    for i in 0..16_000 {
        doc.push_str(&format!("- `src/{folder}/n{i}/`\n"));
    }
    std::fs::write(dir.path().join("OWNERSHIP.md"), doc).unwrap();
    let config = "teams:\n  Big Team: \"@acme/big\"\n";
    std::fs::write(dir.path().join(".ownlint.yaml"), config).unwrap();
    let export = || {
        let out = ownlint()
            .current_dir(dir.path())
            .args(["export", "--format", "codeowners", "OWNERSHIP.md"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0));
        assert!(out.stdout.len() >= 3 * 1024 * 1024, "{}", out.stdout.len());
        String::from_utf8(out.stderr).unwrap()
    };
    let stderr = export();
    assert!(
        stderr.contains("ownlint: warning: the CODEOWNERS file is 3.")
            && stderr.contains("GitHub does not load a CODEOWNERS file of 3 MB or more"),
        "{stderr}"
    );
    std::fs::write(
        dir.path().join(".ownlint.yaml"),
        format!("{config}codeowners:\n  flavor: gitlab\n"),
    )
    .unwrap();
    assert_eq!(export(), "");
}
