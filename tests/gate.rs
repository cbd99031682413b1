//! ownlint as a gate: SARIF checked against the official schema, GitHub annotations, JUnit and
//! GitLab reports, hostile text through every format, `--output-file`, baselines, and
//! `--base` against a real git repository.

mod common;

use common::{output as run, ownlint};

use std::path::{Path, PathBuf};
use std::process::Command as Std;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn sarif_schema() -> jsonschema::Validator {
    let text = std::fs::read_to_string(root().join("tests/sarif/sarif-schema-2.1.0.json")).unwrap();
    let schema: Value = serde_json::from_str(&text).unwrap();
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft4)
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

fn assert_valid_sarif(sarif: &Value) {
    let validator = sarif_schema();
    let errors: Vec<String> = validator
        .iter_errors(sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(
        errors.is_empty(),
        "SARIF does not validate:\n{}",
        errors.join("\n")
    );
}

#[test]
fn sarif_of_the_seed_validates_against_the_official_schema() {
    let out =
        run(ownlint(root()).args(["check", "--format", "sarif", "fixtures/seed/OWNERSHIP.md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let sarif: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_valid_sarif(&sarif);
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), ownlint::rules::ALL.len());
    for rule in rules {
        for key in [
            "id",
            "name",
            "shortDescription",
            "fullDescription",
            "help",
            "defaultConfiguration",
        ] {
            assert!(!rule[key].is_null(), "rule lacks {key}: {rule}");
        }
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 13);
    let first = &results[0];
    assert_eq!(first["ruleId"], "OWN202");
    assert_eq!(
        rules[first["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "OWN202"
    );
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(
        location["artifactLocation"]["uri"],
        "fixtures/seed/OWNERSHIP.md"
    );
    assert_eq!(location["region"]["startLine"], 20);
    assert_eq!(location["region"]["startColumn"], 25);
    assert_eq!(location["region"]["endColumn"], 46);
    // The duplicate responsibility points back at the first listing.
    let dup = results.iter().find(|r| r["ruleId"] == "OWN105").unwrap();
    assert_eq!(
        dup["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        69
    );
}

#[test]
fn the_schema_test_can_fail() {
    // A region starting at column 0 breaks the schema; the validator must say so.
    let out =
        run(ownlint(root()).args(["check", "--format", "sarif", "fixtures/seed/OWNERSHIP.md"]));
    let mut sarif: Value = serde_json::from_str(&out.stdout).unwrap();
    sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startColumn"] =
        0.into();
    assert!(sarif_schema().iter_errors(&sarif).next().is_some());
}

fn fingerprints(dir: &Path, file: &str) -> Vec<(String, String)> {
    let out = run(ownlint(dir).args(["check", "--format", "sarif", file]));
    let sarif: Value = serde_json::from_str(&out.stdout).unwrap();
    let mut prints: Vec<(String, String)> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["ruleId"].as_str().unwrap().to_owned(),
                r["partialFingerprints"]["ownlint/v1"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect();
    prints.sort();
    prints
}

#[test]
fn fingerprints_do_not_move_with_unrelated_lines() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(root().join("fixtures/seed/OWNERSHIP.md")).unwrap();
    std::fs::write(dir.path().join("OWNERSHIP.md"), &seed).unwrap();
    let before = fingerprints(dir.path(), "OWNERSHIP.md");
    let moved = seed.replacen(
        "## Ownership Principles",
        "Some new introduction.\n\nAnother paragraph.\n\n## Ownership Principles",
        1,
    );
    std::fs::write(dir.path().join("OWNERSHIP.md"), moved).unwrap();
    assert_eq!(before, fingerprints(dir.path(), "OWNERSHIP.md"));
    // What the finding is about does change it.
    let changed = seed.replacen(
        "**Escalation Contact:** [Engineering Manager]",
        "**Escalation Contact:** [Director]",
        1,
    );
    std::fs::write(dir.path().join("OWNERSHIP.md"), changed).unwrap();
    assert_ne!(before, fingerprints(dir.path(), "OWNERSHIP.md"));
}

/// A repository whose documents and file names try to issue workflow commands.
fn hostile_repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let doc = "## Domain Ownership\n\n### Pay::error::ments Domain\n\n\
               **Owner:** Team A %0A::error file=x::pwned, Team ##[error]B\n\
               **Escalation Contact:** [::warning::boss%0D%0A]\n";
    std::fs::write(dir.path().join("hostile.md"), doc).unwrap();
    // A file name with a line break and a command in it.
    std::fs::write(
        dir.path().join("a\n::error::b,c:d.md"),
        "## Domain Ownership\n\n### X\n\n**Owner:** TBD\n",
    )
    .unwrap();
    dir
}

#[test]
fn hostile_text_stays_one_finding_per_line_and_valid_everywhere() {
    let dir = hostile_repo();
    let json = run(ownlint(dir.path()).args(["check", "--format", "json", "."]));
    let report: Value = serde_json::from_str(&json.stdout).unwrap();
    let count = report["diagnostics"].as_array().unwrap().len();
    assert!(count >= 5, "{}", json.stdout);
    assert!(
        !json.stdout.contains("##["),
        "the legacy command marker must not appear raw"
    );

    let github = run(ownlint(dir.path()).args(["check", "--format", "github", "."]));
    let lines: Vec<&str> = github.stdout.lines().collect();
    assert_eq!(lines.len(), count, "{}", github.stdout);
    for line in &lines {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "{line}"
        );
        // Properties end at the first `::`: the file property holds no raw `:` or `,`.
        let props = line.split_once(' ').unwrap().1.split_once("::").unwrap().0;
        for prop in props.split(',') {
            assert!(prop.contains('='), "a property was split: {prop} in {line}");
        }
    }
    github.stdout_has("file=a%0A%3A%3Aerror%3A%3Ab%2Cc%3Ad.md");
    assert!(
        github.stdout.contains("%250A"),
        "a literal %0A must stay text"
    );

    let sarif = run(ownlint(dir.path()).args(["check", "--format", "sarif", "."]));
    assert_valid_sarif(&serde_json::from_str(&sarif.stdout).unwrap());
    assert!(!sarif.stdout.contains("##["));

    let gitlab = run(ownlint(dir.path()).args(["check", "--format", "gitlab", "."]));
    let issues: Value = serde_json::from_str(&gitlab.stdout).unwrap();
    assert_eq!(issues.as_array().unwrap().len(), count);
    for issue in issues.as_array().unwrap() {
        for key in ["description", "check_name", "fingerprint", "severity"] {
            assert!(issue[key].is_string(), "{issue}");
        }
        assert!(issue["location"]["lines"]["begin"].is_u64(), "{issue}");
    }

    let junit = run(ownlint(dir.path()).args(["check", "--format", "junit", "."]));
    let xml = roxmltree::Document::parse(&junit.stdout)
        .unwrap_or_else(|e| panic!("{e}\n{}", junit.stdout));
    let failures = xml
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .count();
    assert!(failures >= 3, "{}", junit.stdout);
    for line in junit.stdout.lines() {
        assert!(!line.starts_with("::") && !line.contains("##["), "{line}");
    }

    for format in ["human", "concise"] {
        let out = run(ownlint(dir.path())
            .env("GITHUB_ACTIONS", "true")
            .args(["check", "--format", format, "."]));
        let lines: Vec<&str> = out.stdout.lines().collect();
        let token = lines[0]
            .strip_prefix("::stop-commands::")
            .unwrap_or_else(|| panic!("{format}: {}", out.stdout));
        assert!(
            token.len() >= 32 && token.chars().all(|c| c.is_ascii_hexdigit()),
            "{token}"
        );
        assert_eq!(lines[lines.len() - 1], format!("::{token}::"));
        let inside = &lines[1..lines.len() - 1];
        assert!(
            inside.iter().all(|l| !l.contains(token)),
            "the token must not be guessable from the text"
        );
    }
    // Outside Actions there is no fence.
    let plain = run(ownlint(dir.path()).args(["check", "--format", "concise", "."]));
    assert!(!plain.stdout.contains("stop-commands"));
}

#[test]
fn output_file_gets_the_report_and_stdout_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join("fixtures/seed/OWNERSHIP.md");
    let out = run(ownlint(dir.path())
        .args([
            "check",
            "--format",
            "sarif",
            "--output-file",
            "ownlint.sarif",
        ])
        .arg(&seed));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "0 errors, 13 warnings in 1 file, 9 domains\n");
    let written: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("ownlint.sarif")).unwrap())
            .unwrap();
    assert_eq!(written["runs"][0]["results"].as_array().unwrap().len(), 13);
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // Inside GitHub Actions the same step also annotates.
    let out = run(ownlint(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args([
            "check",
            "--format",
            "sarif",
            "--output-file",
            "ownlint.sarif",
        ])
        .arg(&seed));
    assert_eq!(
        out.stdout
            .lines()
            .filter(|l| l.starts_with("::warning file="))
            .count(),
        13
    );
    assert!(
        out.stdout
            .ends_with("0 errors, 13 warnings in 1 file, 9 domains\n")
    );
}

#[test]
fn output_file_makes_missing_folders_and_says_which_file_is_in_the_way() {
    let dir = tempfile::tempdir().unwrap();
    let seed = root().join("fixtures/seed/OWNERSHIP.md");
    let check_into = |output_file: &str| {
        run(ownlint(dir.path())
            .args(["check", "--format", "sarif", "--output-file", output_file])
            .arg(&seed))
    };

    let out = check_into("out/ci/ownlint.sarif");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "0 errors, 13 warnings in 1 file, 9 domains\n");
    let written: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("out/ci/ownlint.sarif")).unwrap(),
    )
    .unwrap();
    assert_valid_sarif(&written);
    assert_eq!(written["runs"][0]["results"].as_array().unwrap().len(), 13);
    let in_folder: Vec<String> = std::fs::read_dir(dir.path().join("out/ci"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(in_folder, ["ownlint.sarif"], "no temporary file is left");

    // A file where a folder must be cannot be made into one: exit 2, naming it.
    std::fs::write(dir.path().join("report"), "not a folder").unwrap();
    for output_file in ["report/ownlint.sarif", "report/ci/ownlint.sarif"] {
        let out = check_into(output_file);
        assert_eq!(out.code, 2, "{output_file}: {}", out.stdout);
        out.stderr_has(&format!("could not write {output_file}"));
        out.stderr_has("report is a file, not a folder");
        assert!(out.stdout.is_empty(), "{}", out.stdout);
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("report")).unwrap(),
        "not a folder"
    );
}

const OWNERSHIP: &str = "## Domain Ownership

### Payments Domain

**Owner:** Payment Service Team
**Escalation Contact:** [Engineering Manager]
**SLO Responsibility:**
- Payment processing: P95 ≤ 500ms

**Incident Authority:**
- Can disable payment processing during incidents

**Responsibilities:**
- Payment processing

### Refunds Domain

**Owner:** TBD
**Escalation Contact:** @refunds-oncall
**SLO Responsibility:**
- Refund processing: P95 ≤ 1s

**Incident Authority:**
- Can pause refunds

**Responsibilities:**
- Refund processing
";

#[test]
fn a_baseline_hides_known_findings_and_shrinks() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::create_dir(p.join("ownership")).unwrap();
    std::fs::write(p.join("ownership/OWNERSHIP.md"), OWNERSHIP).unwrap();
    let write = run(ownlint(p).args(["check", "--write-baseline", "ownlint-baseline.json"]));
    assert_eq!(write.code, 0, "{}", write.stderr);
    write.stderr_has("wrote 2 findings to the baseline ownlint-baseline.json");

    let clean = run(ownlint(p).args([
        "check",
        "--format",
        "json",
        "--baseline",
        "ownlint-baseline.json",
    ]));
    assert_eq!(clean.code, 0, "{}", clean.stdout);
    let report: Value = serde_json::from_str(&clean.stdout).unwrap();
    assert_eq!(report["diagnostics"].as_array().unwrap().len(), 0);
    assert_eq!(report["summary"]["baselined"], 2);

    // Unrelated lines move, a new problem appears, an old one is fixed.
    let edited = format!("# Ownership\n\nIntro.\n\n{OWNERSHIP}")
        .replace("**Owner:** TBD", "**Owner:** Refunds Team")
        .replace("- Refund processing: P95 ≤ 1s", "- Refund processing: ≤ 1s");
    std::fs::write(p.join("ownership/OWNERSHIP.md"), edited).unwrap();
    let out = run(ownlint(p).args([
        "check",
        "--format",
        "json",
        "--baseline",
        "ownlint-baseline.json",
    ]));
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["slo-missing-percentile"]);
    assert_eq!(report["summary"]["baselined"], 1);
    out.stderr_has("1 baseline entries no longer match a finding");

    let missing = run(ownlint(p).args(["check", "--baseline", "nope.json"]));
    assert_eq!(missing.code, 2);
    missing.stderr_has("cannot read the baseline nope.json");
}

fn git(dir: &Path, args: &[&str]) {
    let out = Std::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A git repository whose `main` has the ownership file with Payments and Refunds.
fn repo() -> Option<tempfile::TempDir> {
    if Std::new("git").arg("--version").output().is_err() {
        eprintln!("skipped: git is not installed");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    git(p, &["init", "-q", "-b", "main"]);
    git(p, &["config", "user.email", "test@example.com"]);
    git(p, &["config", "user.name", "Test"]);
    git(p, &["config", "commit.gpgsign", "false"]);
    std::fs::create_dir(p.join("ownership")).unwrap();
    let clean = OWNERSHIP
        .replace("[Engineering Manager]", "@payments-oncall")
        .replace("**Owner:** TBD", "**Owner:** Payment Service Team");
    std::fs::write(p.join("ownership/OWNERSHIP.md"), clean).unwrap();
    std::fs::write(
        p.join("ownership/ledger.yaml"),
        "domains:\n  - name: Ledger\n    owner: Finance Team\n    escalation_contact: \"@ledger-oncall\"\n    slos: [\"Posting: P95 ≤ 2s\"]\n    incident_authority: [Can pause posting]\n    responsibilities: [Bookkeeping]\n",
    )
    .unwrap();
    git(p, &["add", "."]);
    git(p, &["commit", "-q", "-m", "ownership"]);
    Some(dir)
}

fn base_rules(dir: &Path, extra: &[&str]) -> (i32, Vec<(String, u64)>, String) {
    let mut args = vec!["check", "--format", "json", "--base", "main"];
    args.extend_from_slice(extra);
    let out = run(ownlint(dir).args(&args));
    let report: Value = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} {}", out.stdout, out.stderr));
    let found = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["span"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect();
    (out.code, found, out.stdout)
}

#[test]
fn base_reports_owner_changes_without_transfer_and_removed_domains() {
    let Some(dir) = repo() else { return };
    let p = dir.path();
    // Unchanged: nothing.
    assert_eq!(base_rules(p, &[]).1, []);

    // The owner of Payments changes with no transfer record.
    let file = p.join("ownership/OWNERSHIP.md");
    let text = std::fs::read_to_string(&file).unwrap();
    let changed = text.replacen(
        "**Owner:** Payment Service Team",
        "**Owner:** Platform Team",
        1,
    );
    std::fs::write(&file, &changed).unwrap();
    let (code, found, _) = base_rules(p, &[]);
    assert_eq!(code, 1);
    assert_eq!(found, [("owner-changed-without-transfer".to_owned(), 5)]);

    // A transfer record naming the previous owner and a date settles it.
    let recorded = changed.replacen(
        "**Owner:** Platform Team\n",
        "**Owner:** Platform Team\n**Ownership Transfer:** from Payment Service Team on 2026-11-20\n",
        1,
    );
    std::fs::write(&file, &recorded).unwrap();
    assert_eq!(base_rules(p, &[]).1, []);

    // Refunds is renamed (same owner, same responsibilities): not a removal. Ledger's file
    // is deleted: a removal, shown where it was at `main`.
    std::fs::write(
        &file,
        recorded.replace("### Refunds Domain", "### Refund Processing Domain"),
    )
    .unwrap();
    std::fs::remove_file(p.join("ownership/ledger.yaml")).unwrap();
    let (code, found, stdout) = base_rules(p, &[]);
    assert_eq!(code, 0, "a removal is a warning");
    assert_eq!(found, [("domain-removed".to_owned(), 2)], "{stdout}");
    assert!(
        stdout.contains("\"file\":\"main:ownership/ledger.yaml\""),
        "{stdout}"
    );

    // Removing Refunds from a file that still exists points at that file.
    let without_refunds = recorded
        .split("### Refunds Domain")
        .next()
        .unwrap()
        .to_owned();
    std::fs::write(&file, without_refunds).unwrap();
    let (_, found, stdout) = base_rules(p, &["--select", "OWN502"]);
    assert!(
        found.contains(&("domain-removed".to_owned(), 1)),
        "{stdout}"
    );
    assert!(
        stdout.contains("\"file\":\"ownership/OWNERSHIP.md\""),
        "{stdout}"
    );
}

#[test]
fn a_revision_cannot_become_an_option() {
    let Some(dir) = repo() else { return };
    for rev in ["--output=/tmp/x", "-p", "main --help"] {
        let out = run(ownlint(dir.path()).args(["check", &format!("--base={rev}")]));
        assert_eq!(out.code, 2, "{rev}: {}", out.stderr);
        assert!(
            out.stderr.contains("invalid revision"),
            "{rev}: {}",
            out.stderr
        );
    }
    let unknown = run(ownlint(dir.path()).args(["check", "--base", "no-such-branch"]));
    assert_eq!(unknown.code, 2);
    unknown.stderr_has("`no-such-branch` is not a commit");
}

/// A file that could not be read is in the machine-readable reports, not only on stderr:
/// JSON `unreadable`, and a SARIF tool execution notification with the run marked failed.
#[test]
fn unreadable_files_are_in_the_json_and_sarif_reports() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "## A Domain\n\n**Owner:** TBD\n").unwrap();
    std::fs::write(dir.path().join("big.md"), "x".repeat(4096)).unwrap();
    let args = ["check", "--max-file-size", "1K", "--format"];

    let out = run(ownlint(dir.path()).args(args).arg("json").arg("."));
    assert_eq!(out.code, 2, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["unreadable"][0]["path"], "big.md");
    assert_eq!(
        report["unreadable"][0]["message"],
        "file is 4 KiB, larger than the limit of 1 KiB (raise it with --max-file-size)"
    );
    assert_eq!(report["diagnostics"][0]["file"], "a.md");

    let out = run(ownlint(dir.path()).args(args).arg("sarif").arg("."));
    assert_eq!(out.code, 2);
    let sarif: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_valid_sarif(&sarif);
    let invocation = &sarif["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let note = &invocation["toolExecutionNotifications"][0];
    assert_eq!(note["level"], "error");
    assert_eq!(
        note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "big.md"
    );
    assert!(
        note["message"]["text"]
            .as_str()
            .unwrap()
            .starts_with("cannot read big.md: file is 4 KiB")
    );

    // A clean read is a successful execution with no notification.
    std::fs::remove_file(dir.path().join("big.md")).unwrap();
    let out = run(ownlint(dir.path()).args(args).arg("sarif").arg("."));
    let sarif: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_valid_sarif(&sarif);
    assert_eq!(
        sarif["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    let report: Value =
        serde_json::from_str(&run(ownlint(dir.path()).args(args).arg("json").arg(".")).stdout)
            .unwrap();
    assert_eq!(report["unreadable"], serde_json::json!([]));
}
