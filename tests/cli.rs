//! `ownlint` end to end: every output format, every exit code, configuration errors, broken
//! and hostile input, run as a user runs it.

mod common;

use common::{Output, output as run, ownlint};

use std::path::Path;

use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn cli_case(name: &str) -> std::path::PathBuf {
    common::fixtures().join("cli").join(name)
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// (rule, line) of every finding in a JSON report.
fn findings(report: &Value) -> Vec<(String, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["span"]["start"]["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

const PLACEHOLDER_LINES: [u64; 9] = [20, 42, 65, 87, 109, 131, 153, 175, 199];

#[test]
fn the_seed_gives_exactly_the_expected_findings_with_the_whole_catalog() {
    let out =
        run(ownlint(root()).args(["check", "--format", "json", "fixtures/seed/OWNERSHIP.md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = json(&out);
    let mut expected: Vec<(String, u64)> = PLACEHOLDER_LINES
        .into_iter()
        .map(|l| ("placeholder-escalation-contact".to_owned(), l))
        .collect();
    expected.push(("unknown-escalation-role".to_owned(), 87));
    expected.push(("unknown-escalation-role".to_owned(), 109));
    expected.push(("duplicate-responsibility".to_owned(), 179));
    expected.push(("incomplete-shared-ownership".to_owned(), 277));
    expected.sort_by_key(|(rule, line)| (*line, rule.clone()));
    let mut found = findings(&report);
    found.sort_by_key(|(rule, line)| (*line, rule.clone()));
    assert_eq!(found, expected);
    // The duplicate points back at the VPN domain's SLO; the shared declaration says what
    // it lacks.
    let diags = report["diagnostics"].as_array().unwrap();
    let dup = diags
        .iter()
        .find(|d| d["rule"] == "duplicate-responsibility")
        .unwrap();
    assert_eq!(dup["labels"][0]["span"]["start"]["line"], 69);
    let shared = diags
        .iter()
        .find(|d| d["rule"] == "incomplete-shared-ownership")
        .unwrap();
    assert!(
        shared["message"]
            .as_str()
            .unwrap()
            .ends_with("lacks an escalation path and a sync cadence")
    );
    assert_eq!(report["summary"]["domains"], 9);
    assert_eq!(report["summary"]["warnings"], 13);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["summary"]["suppressed"], 0);
}

#[test]
fn the_seed_has_exactly_the_nine_placeholder_escalation_contacts_among_the_first_rules() {
    // The rules of the first catalog: parsing, owners, escalation contacts, SLO syntax.
    let first = "OWN001,OWN002,OWN003,OWN101,OWN102,OWN201,OWN202,OWN301,OWN302,OWN303,OWN306";
    let out = run(ownlint(root()).args([
        "check",
        "--format",
        "json",
        "--select",
        first,
        "fixtures/seed/OWNERSHIP.md",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let report = json(&out);
    let expected: Vec<(String, u64)> = PLACEHOLDER_LINES
        .into_iter()
        .map(|l| ("placeholder-escalation-contact".to_owned(), l))
        .collect();
    assert_eq!(findings(&report), expected);
    assert_eq!(report["summary"]["files"], 1);
    assert_eq!(
        report["diagnostics"][0]["file"],
        "fixtures/seed/OWNERSHIP.md"
    );
    assert_eq!(report["diagnostics"][0]["span"]["offset"], 616);
    assert_eq!(report["diagnostics"][0]["span"]["length"], 21);
    assert_eq!(report["diagnostics"][0]["span"]["end"]["column"], 46);
}

#[test]
fn the_repositorys_own_ownership_folder_is_the_default() {
    let out = run(ownlint(root()).arg("check"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout_has("ownership/OWNERSHIP.md:20:25");
    assert!(
        out.stdout
            .ends_with("0 errors, 13 warnings in 1 file, 9 domains\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn human_format() {
    let out = run(ownlint(&cli_case("basic")).args(["check", "--color", "never"]));
    assert_eq!(out.code, 1);
    assert_eq!(out.stderr, "");
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn concise_format() {
    let out = run(ownlint(&cli_case("basic")).args(["check", "--format", "concise"]));
    assert_eq!(out.code, 1);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn json_format() {
    let out = run(ownlint(&cli_case("basic")).args(["check", "--format", "json"]));
    assert_eq!(out.code, 1);
    let mut report = json(&out);
    report["tool"]["version"] = "[version]".into();
    insta::assert_json_snapshot!(report);
}

#[test]
fn a_clean_repository_exits_0_silently_but_for_the_summary() {
    let out = run(ownlint(&cli_case("clean")).args(["check", "--color", "never"]));
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert_eq!(out.stdout, "0 errors, 0 warnings in 1 file, 9 domains\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn warnings_pass_unless_denied() {
    let seed = "fixtures/seed/OWNERSHIP.md";
    assert_eq!(run(ownlint(root()).args(["check", seed])).code, 0);
    assert_eq!(
        run(ownlint(root()).args(["check", "--deny-warnings", seed])).code,
        1
    );
}

#[test]
fn configured_severities_apply() {
    let out = run(ownlint(&cli_case("severity")).args(["check", "--format", "concise"]));
    assert_eq!(out.code, 1, "{}", out.stdout);
    out.stdout_has("error[OWN202 placeholder-escalation-contact]");
    assert!(!out.stdout.contains("OWN306"), "{}", out.stdout);
}

#[test]
fn an_invalid_configuration_is_exit_2_with_its_place() {
    let out = run(ownlint(&cli_case("bad-config")).args(["check"]));
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    out.stderr_has("unknown setting `rulez`");
    out.stderr_has(".ownlint.yaml:2:1");
    out.stderr_has("did you mean `rules`?");
}

/// A configuration file with several problems has them all reported in one run, each at its
/// place with its snippet, in the order of the file: fixing one does not reveal the next.
#[test]
fn every_problem_of_the_configuration_is_reported_at_once() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".ownlint.yaml"),
        "include: [\"ownership/[a\"]\n\
         rules:\n  orphaned-domian: error\n  missing-slo: errror\n\
         teams: [Payments]\n\
         labels:\n  ownr: [Verantwortlich]\n\
         exclud: [\"drafts/**\"]\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--config", ".ownlint.yaml", "."]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    let places: Vec<&str> = out
        .stderr
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("╭─["))
        .collect();
    assert_eq!(
        places,
        [
            ".ownlint.yaml:1:11]",
            ".ownlint.yaml:3:3]",
            ".ownlint.yaml:4:16]",
            ".ownlint.yaml:7:3]",
            ".ownlint.yaml:8:1]",
        ],
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.matches("ownlint: error: ").count(), 5);
    insta::assert_snapshot!(out.stderr);
}

/// A calendar start the OpenSLO export cannot use is a configuration error at its value,
/// with what to write instead: a date-time that is not OpenSLO's form or no date at all, a
/// zone that is not an IANA `Area/Location`, and half of a start.
#[test]
fn an_invalid_openslo_calendar_start_is_exit_2_with_its_place() {
    let cases = [
        "calendar-start: 2024-01-01T00:00:00\n    time-zone: Etc/UTC",
        "calendar-start: \"2023-02-29 00:00:00\"\n    time-zone: Etc/UTC",
        "calendar-start: \"2024-01-01 00:00:00\"\n    time-zone: UTC",
        "calendar-start: \"2024-01-01 00:00:00\"\n    time-zone: Eurpoe/Berlin",
        "calendar-start: \"2024-01-01 00:00:00\"",
    ];
    let mut shown = String::new();
    for case in cases {
        let dir = tempfile::tempdir().unwrap();
        let config = format!("export:\n  openslo:\n    {case}\n");
        std::fs::write(dir.path().join(".ownlint.yaml"), &config).unwrap();
        let out = run(ownlint(dir.path()).args([
            "export",
            "--config",
            ".ownlint.yaml",
            "--format",
            "openslo",
            ".",
        ]));
        assert_eq!(out.code, 2, "{config}\n{}", out.stderr);
        assert_eq!(out.stdout, "");
        out.stderr_has("invalid configuration");
        shown.push_str(&format!("{config}\n{}\n", out.stderr));
    }
    insta::assert_snapshot!(shown);
}

#[test]
fn usage_errors_are_exit_2() {
    let missing = run(ownlint(root()).args(["check", "no/such/path.md"]));
    assert_eq!(missing.code, 2);
    missing.stderr_has("cannot read no/such/path.md: no such file or folder");
    let format = run(ownlint(root()).args(["check", "--format", "xml"]));
    assert_eq!(format.code, 2);
    let not_ownership = run(ownlint(root()).args(["check", "Cargo.toml"]));
    assert_eq!(not_ownership.code, 2);
    not_ownership.stderr_has("not a Markdown");
}

/// ownlint's own errors have one voice, whoever finds them: clap (an unknown option, a bad
/// value, a missing argument), a command (an unknown rule), the configuration. The first
/// line is `ownlint: error: …`; clap's suggestions and usage line follow as `help:` and
/// `usage:` lines; no internal code path (`ownlint::usage`) is shown. Exit 2.
#[test]
fn every_error_speaks_in_one_voice() {
    let cases: [&[&str]; 7] = [
        &["check", "--formt", "json"],
        &["check", "--format", "xml"],
        &["chek"],
        &["explain"],
        &[
            "check",
            "--baseline",
            "a.json",
            "--write-baseline",
            "b.json",
        ],
        &["explain", "orphaned-domains"],
        &[
            "check",
            "--config",
            "bad-config/.ownlint.yaml",
            "bad-config",
        ],
    ];
    let mut shown = String::new();
    for args in cases {
        let out = run(ownlint(&cli_case("")).args(args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert!(
            out.stderr.starts_with("ownlint: error: "),
            "{args:?}:\n{}",
            out.stderr
        );
        assert!(
            !out.stderr.contains("ownlint::"),
            "{args:?}:\n{}",
            out.stderr
        );
        assert!(
            !out.stderr
                .lines()
                .any(|l| l.starts_with("error:") || l.contains('×')),
            "{args:?}:\n{}",
            out.stderr
        );
        shown.push_str(&format!("$ ownlint {}\n{}\n", args.join(" "), out.stderr));
    }
    insta::assert_snapshot!(shown);
}

/// `--help` and `--version` are answers, not errors: on stdout, exit 0.
#[test]
fn help_and_version_exit_0_on_stdout() {
    for args in [
        &["--help"][..],
        &["--version"],
        &["check", "--help"],
        &["help", "explain"],
    ] {
        let out = run(ownlint(root()).args(args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_eq!(out.stderr, "", "{args:?}");
        assert!(out.stdout.contains("ownlint"), "{args:?}: {}", out.stdout);
    }
}

/// `--version` (and `-V`) names the version and, when built from a git
/// checkout, the commit (build.rs): `ownlint 0.1.0 (1a2b3c4)`.
#[test]
fn version_names_the_release_and_the_commit() {
    let shape = regex::Regex::new(r"^ownlint \d+\.\d+\.\d+( \([0-9a-f]{7,}\))?\n$").unwrap();
    for args in [&["--version"][..], &["-V"]] {
        let out = run(ownlint(root()).args(args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(shape.is_match(&out.stdout), "{args:?}: {:?}", out.stdout);
        assert!(
            out.stdout
                .starts_with(&format!("ownlint {}", env!("CARGO_PKG_VERSION"))),
            "{args:?}: {:?}",
            out.stdout
        );
    }
}

/// A run that finds nothing to lint says so once, on stderr, with where it looked and what
/// it read and skipped, and what to do: one error, no summary on stdout, exit 2. A folder
/// with a README and files of other kinds, an empty folder, a README named on the command
/// line (its `no-domains` finding would say the same again), a missing path (said alone).
#[test]
fn nothing_to_lint_is_one_error_that_says_where_ownlint_looked() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("README.md"), "# Hello\n\nNothing here.\n").unwrap();
    std::fs::write(p.join("notes.txt"), "Payments: ask Alice\n").unwrap();
    std::fs::create_dir_all(p.join("docs/drafts")).unwrap();
    std::fs::write(
        p.join("docs/drafts/payments.md"),
        "## Payments Domain\n\n**Owner:** Payments Team\n",
    )
    .unwrap();
    std::fs::write(p.join(".ownlint.yaml"), "exclude: [\"docs/drafts/**\"]\n").unwrap();
    std::fs::create_dir(p.join("empty")).unwrap();
    let resolved = p.canonicalize().unwrap().display().to_string();
    let cases: [&[&str]; 5] = [
        &["check", "."],
        &["check", "docs", "empty"],
        &["check", "--format", "json", "README.md"],
        &["check", "no/such/folder"],
        &["export", "."],
    ];
    let mut shown = String::new();
    for args in cases {
        let out = run(ownlint(p).args(args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{args:?}");
        assert_eq!(
            out.stderr.matches("ownlint: error: ").count(),
            1,
            "{args:?}: {}",
            out.stderr
        );
        let stderr = out.stderr.replace(&resolved, "[dir]");
        shown.push_str(&format!("$ ownlint {}\n{stderr}\n", args.join(" ")));
    }
    insta::assert_snapshot!(shown);

    // `--verbose`, which the error suggests, lists each file with why it was skipped.
    let out = run(ownlint(p).args(["check", "--verbose", "."]));
    out.stderr_has("ownlint: skipped (no ownership content): README.md");
    out.stderr_has("ownlint: skipped (not Markdown or YAML): notes.txt");
    let out = run(ownlint(p).args(["check", "--verbose", "docs"]));
    out.stderr_has(
        "ownlint: skipped (left out by the configuration's `include` and `exclude`): \
         docs/drafts/payments.md",
    );
}

#[test]
fn walked_files_without_ownership_content_are_skipped_and_listed_when_verbose() {
    let out =
        run(ownlint(&cli_case("basic")).args(["check", "--verbose", "--format", "concise", "."]));
    assert_eq!(out.code, 1);
    out.stderr_has("skipped (no ownership content): README.md");
    out.stderr_has("checked: ownership/payments.md");
    assert!(!out.stdout.contains("README.md"), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("in 2 files, 3 domains\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn broken_files_get_their_diagnostic_while_the_rest_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::copy(
        cli_case("basic").join("ownership/payments.md"),
        p.join("good.md"),
    )
    .unwrap();
    std::fs::write(p.join("syntax.yaml"), "domains:\n  - name: [Payments\n").unwrap();
    std::fs::write(
        p.join("duplicate.yaml"),
        "domains:\n  - name: A\n    owner: X\n    owner: Y\n",
    )
    .unwrap();
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (prev, name) in ('a'..'k').zip('b'..'l') {
        let refs = vec![format!("*{prev}"); 10].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb.push_str("domains: []\n");
    std::fs::write(p.join("bomb.yaml"), bomb).unwrap();
    std::fs::write(
        p.join("latin1.md"),
        b"## Payments Domain\n\n**Owner:** M\xfcnchen Team\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(p.join("missing.md"), p.join("dangling.md")).unwrap();

    let started = std::time::Instant::now();
    let out = run(ownlint(p).args(["check", "--format", "concise", ".", "dangling.md"]));
    assert!(
        started.elapsed().as_secs() < 10,
        "an alias bomb must fail fast"
    );
    assert_eq!(
        out.code, 2,
        "an unreadable file makes the run exit 2:\n{}",
        out.stderr
    );
    out.stderr_has("cannot read dangling.md");
    let lines = |needle: &str| out.stdout.lines().filter(|l| l.contains(needle)).count();
    assert_eq!(lines("syntax.yaml:2:"), 1, "{}", out.stdout);
    out.stdout_has(
        "duplicate.yaml:4:5: error[OWN001 parse-error] invalid YAML: duplicate key `owner`",
    );
    assert_eq!(lines("bomb.yaml:"), 1, "{}", out.stdout);
    out.stdout_has("latin1.md:3:13: error[OWN001 parse-error] file is not valid UTF-8");
    out.stdout_has("good.md:7:12: error[OWN102 multiple-owners]");
}

/// Text that tries to control a terminal.
const HOSTILE: &str = "## Pay\u{1b}[2Jments \u{202e}Domain\n\n**Owner:** Team\u{7}A, Team\u{1b}]8;;http://x\u{7}B\r\n**Escalation Contact:** [Boss\u{8}\u{8}\u{9b}31m]\n";

#[test]
fn color_never_output_has_no_control_bytes_even_from_hostile_documents() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("hostile.md"), HOSTILE).unwrap();
    for format in ["human", "concise", "json"] {
        let out = ownlint(dir.path())
            .args([
                "check",
                "--color",
                "never",
                "--format",
                format,
                "hostile.md",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let bad: Vec<u8> = out
            .stdout
            .iter()
            .copied()
            .filter(|&b| b < 0x20 && b != b'\n' && b != b'\t')
            .collect();
        assert!(
            bad.is_empty(),
            "{format}: control bytes {bad:?} in\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{202e}') || format == "json",
            "{format}: bidi override shown raw"
        );
        assert!(
            !text.contains('\u{9b}') || format == "json",
            "{format}: C1 control shown raw"
        );
    }
}

#[test]
fn color_always_does_colour() {
    let out =
        run(ownlint(root()).args(["check", "--color", "always", "fixtures/seed/OWNERSHIP.md"]));
    assert!(out.stdout.contains('\u{1b}'), "--color always must colour");
}

#[test]
fn paths_are_shown_as_given_without_a_leading_dot() {
    let out = run(ownlint(root()).args([
        "check",
        "--format",
        "concise",
        "./fixtures/seed/OWNERSHIP.md",
    ]));
    assert!(
        out.stdout
            .starts_with("fixtures/seed/OWNERSHIP.md:20:25: warning"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_closed_pipe_exits_0_quietly() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    // Far more output than a pipe buffers, so that writing hits the closed pipe.
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::from("## Domain Ownership\n\n");
    for i in 0..3000 {
        doc.push_str(&format!(
            "### Domain {i}\n\n**Owner:** Team {i}\n**Escalation Contact:** TBD\n\n"
        ));
    }
    std::fs::write(dir.path().join("big.md"), doc).unwrap();
    let mut child = Std::new(assert_cmd::cargo::cargo_bin("ownlint"))
        .current_dir(dir.path())
        .args(["check", "--color", "never", "big.md"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert_eq!(stderr, "");
}

#[test]
fn select_and_ignore_take_names_codes_and_prefixes() {
    let seed = "fixtures/seed/OWNERSHIP.md";
    let rules_in = |args: &[&str]| {
        let mut all = vec!["check", "--format", "json"];
        all.extend_from_slice(args);
        all.push(seed);
        let out = run(ownlint(root()).args(&all));
        assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
        let mut rules: Vec<String> = findings(&json(&out)).into_iter().map(|(r, _)| r).collect();
        rules.sort();
        rules.dedup();
        rules
    };
    assert_eq!(
        rules_in(&["--select", "OWN2"]),
        ["placeholder-escalation-contact", "unknown-escalation-role"]
    );
    assert_eq!(
        rules_in(&["--select", "unknown-escalation-role,OWN105"]),
        ["duplicate-responsibility", "unknown-escalation-role"]
    );
    assert_eq!(
        rules_in(&[
            "--ignore",
            "OWN2",
            "--ignore",
            "incomplete-shared-ownership"
        ]),
        ["duplicate-responsibility"]
    );
    let bad = run(ownlint(root()).args(["check", "--select", "placeholder-escalation", seed]));
    assert_eq!(bad.code, 2);
    bad.stderr_has("unknown rule or code prefix `placeholder-escalation`");
    bad.stderr_has("did you mean `placeholder-escalation-contact`?");
}

#[test]
fn suppression_comments_silence_findings_and_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "## Domain Ownership\n\n\
<!-- ownlint-disable-file missing-incident-authority -->\n\
<!-- ownlint-disable-next-line orphaned-domain, OWN201 -- being staffed -->\n\
### Payments Domain\n\n\
**SLOs:**\n\
- Payment processing: P95 ≤ 500ms\n\n\
**Responsibilities:**\n\
- Payment processing\n\n\
<!-- ownlint-disable missing-slo -->\n\
### Search Domain\n\n\
**Owner:** Search Team\n\
**Escalation Contact:** @search-oncall\n\
**Responsibilities:**\n\
- Indexing\n\
<!-- ownlint-enable missing-slo -->\n\n\
### Ledger Domain\n\n\
**Owner:** Ledger Team\n\
**Escalation Contact:** @ledger-oncall\n\
**Responsibilities:**\n\
- Bookkeeping\n";
    std::fs::write(dir.path().join("a.md"), doc).unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "# ownlint-disable-file OWN305\ndomains:\n  - name: Billing\n    owner: Billing Team\n    # ownlint-disable-next-line placeholder-escalation-contact\n    escalation_contact: TBD\n    incident_authority: [Can pause invoicing]\n    responsibilities: [Invoices]\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--format", "json", "."]));
    let report = json(&out);
    // Payments: no owner, no contact (next line); no authority (file) x3 domains;
    // Search: no SLO (block); Billing: no SLO (file), placeholder (next line).
    assert_eq!(
        findings(&report),
        [("missing-slo".to_owned(), 22)],
        "{}",
        out.stdout
    );
    assert_eq!(report["summary"]["suppressed"], 8);
    assert_eq!(out.code, 0);
}

#[test]
fn disable_line_silences_its_own_line_and_misspelt_directives_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "## Domain Ownership\n\n\
### Payments Domain\n\n\
**Owner:** TBD <!-- ownlint-disable-line orphaned-domain -->\n\
**Escalation Contact:** TBD <!-- ownlint-disable-line placeholder-escalation-contact -->\n\
**Responsibilities:**\n\
- Payment processing\n\n\
<!-- ownlint-disble-next-line OWN305 -->\n\
### Search Domain\n\n\
**Owner:** Search Team\n\
**Escalation Contact:** @search-oncall\n\
**Responsibilities:**\n\
- Indexing\n";
    std::fs::write(dir.path().join("a.md"), doc).unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "domains:\n  - name: Billing\n    owner: TBD  # ownlint-disable-line orphaned-domain\n    escalation_contact: \"@billing\"  # ownlnt-disable-line OWN203\n    responsibilities: [Invoices]\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args([
        "check",
        "--format",
        "concise",
        "--ignore",
        "missing-slo,missing-incident-authority",
        ".",
    ]));
    // The placeholders at the end-of-line comments are silenced; the misspelt comments are
    // reported on their directive word, and silence nothing.
    assert_eq!(
        out.stdout
            .lines()
            .filter(|l| l.contains(": error["))
            .collect::<Vec<_>>(),
        [
            "a.md:10:6: error[OWN006 invalid-suppression] `ownlint-disble-next-line` is not a \
             suppression directive; the comment silences nothing",
            "b.yaml:4:39: error[OWN006 invalid-suppression] `ownlnt-disable-line` is not a \
             suppression directive; the comment silences nothing",
        ],
        "{}",
        out.stdout
    );
    let out = run(ownlint(dir.path()).args(["check", "--format", "json", "."]));
    assert_eq!(json(&out)["summary"]["suppressed"], 3, "{}", out.stdout);
}

#[test]
fn rules_and_explain() {
    let out = run(ownlint(root()).args(["rules"]));
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout.lines().count(), ownlint::rules::ALL.len());
    out.stdout_has("OWN101  orphaned-domain");
    let listed: Value =
        serde_json::from_str(&run(ownlint(root()).args(["rules", "--format", "json"])).stdout)
            .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), ownlint::rules::ALL.len());
    assert_eq!(listed[0]["code"], "OWN001");
    for key in [
        "OWN107",
        "incomplete-shared-ownership",
        "Incomplete-Shared-Ownership",
    ] {
        let out = run(ownlint(root()).args(["explain", key]));
        assert_eq!(out.code, 0);
        assert!(
            out.stdout
                .starts_with("# OWN107 incomplete-shared-ownership\n"),
            "{}",
            out.stdout
        );
        out.stdout_has("## Why is this bad?");
    }
    let unknown = run(ownlint(root()).args(["explain", "orphaned-domains"]));
    assert_eq!(unknown.code, 2);
    unknown.stderr_has("did you mean `orphaned-domain`?");
}

/// A rule name or code that names no rule gets the rules it may mean, wherever it is typed:
/// the closest name or code, else every rule whose name has its words (`escalaton`).
#[test]
fn a_misspelt_rule_gets_the_rules_it_may_mean() {
    let escalation = "did you mean `missing-escalation-contact`, `placeholder-escalation-contact`, \
                      `unknown-escalation-role`, `malformed-escalation-ladder` or \
                      `catalog-missing-escalation`?";
    let cases: [(&[&str], &str); 5] = [
        (&["explain", "escalaton"], escalation),
        (&["explain", "OWN2O1"], "did you mean `OWN201`?"),
        (
            &["explain", "escalation-contact"],
            "did you mean `missing-escalation-contact` or `placeholder-escalation-contact`?",
        ),
        (&["check", "--select", "escalaton", "."], escalation),
        (
            &["check", "--ignore", "slo-range", "."],
            "did you mean `slo-out-of-range`?",
        ),
    ];
    for (args, help) in cases {
        let out = run(ownlint(root()).args(args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        out.stderr_has(&format!("  help: {help}\n"));
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join(".ownlint.yaml"),
        "rules:\n  escalaton: off\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--config", ".ownlint.yaml", "."]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    out.stderr_has(&format!("  help: {escalation}\n"));
}

/// A domain pasted twice is one `duplicate-domain` finding on the copy, pointing at both;
/// nothing the original has is reported again for the copy, and the copy's claims are the
/// domain's (no "listed by both `Search` and `Search`").
#[test]
fn a_domain_pasted_twice_is_one_finding() {
    let out = run(ownlint(&cli_case("pasted")).args(["check", "--format", "concise", "."]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let count = |what: &str| out.stdout.lines().filter(|l| l.contains(what)).count();
    assert_eq!(count("duplicate-domain"), 1, "{}", out.stdout);
    assert_eq!(count("placeholder-escalation-contact"), 1, "{}", out.stdout);
    assert_eq!(
        count("missing-incident-authority"),
        1,
        "Search once, Billing none: {}",
        out.stdout
    );
    assert_eq!(count("duplicate-responsibility"), 0, "{}", out.stdout);
    assert_eq!(count("`Search` and `Search`"), 0, "{}", out.stdout);
    insta::assert_snapshot!(out.stdout);

    // The same in YAML: the copy is one finding.
    let out = run(ownlint(&cli_case("pasted-yaml")).args(["check", "--format", "concise", "."]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let count = |what: &str| out.stdout.lines().filter(|l| l.contains(what)).count();
    assert_eq!(count("duplicate-domain"), 1, "{}", out.stdout);
    assert_eq!(count("placeholder-escalation-contact"), 1, "{}", out.stdout);
    assert_eq!(count("missing-incident-authority"), 1, "{}", out.stdout);
    assert_eq!(count("duplicate-responsibility"), 0, "{}", out.stdout);
    assert_eq!(count("conflicting-slo"), 0, "{}", out.stdout);
}

/// Every file with ownership content is read, whatever heading shape frames its ladder or
/// its shared-ownership declarations: a title that repeats the section's name, the section
/// deeper than usual, setext headings. None is skipped as "no ownership content".
#[test]
fn every_heading_shape_around_the_ladder_and_shared_ownership_is_read() {
    let dir = cli_case("sections");
    let out = run(ownlint(&dir).args(["check", "--verbose", "--format", "concise", "."]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("skipped"), "{}", out.stderr);
    assert_eq!(
        out.stderr.matches("ownlint: checked:").count(),
        7,
        "{}",
        out.stderr
    );
    for file in [
        "agreements-titled.md",
        "agreements-deeper.md",
        "agreements-setext.md",
    ] {
        let line = out
            .stdout
            .lines()
            .find(|l| l.starts_with(file))
            .unwrap_or_else(|| panic!("{file}'s declaration was not read:\n{}", out.stdout));
        assert!(line.contains("incomplete-shared-ownership"), "{line}");
    }
    insta::assert_snapshot!(out.stdout);

    // The three ladders, two levels each, with their roles.
    let out = run(ownlint(&dir).args(["export", "--format", "json", "."]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let levels = json(&out)["escalation_ladder"].as_array().unwrap().len();
    assert_eq!(levels, 6, "{}", out.stdout);
}

/// A misspelt label is one finding with the whole catalog: the missing field's, at the typo,
/// with the right spelling; `unknown-field` leaves it to that rule.
#[test]
fn a_misspelt_escalation_contact_label_is_one_finding_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("payments.md"),
        "### Payments Domain\n\n\
         **Owner:** Payment Service Team\n\
         **Escalaton Contact:** @payments-oncall\n\
         **SLO Responsibility:**\n\
         - Payment processing: P95 ≤ 500ms\n\n\
         **Incident Authority:**\n\
         - Can disable payment processing during incidents\n\n\
         **Responsibilities:**\n\
         - Payment processing\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--format", "json", "payments.md"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report = json(&out);
    assert_eq!(
        findings(&report),
        [("missing-escalation-contact".to_owned(), 4)],
        "{report:#}"
    );
    let finding = &report["diagnostics"][0];
    assert_eq!(
        finding["message"],
        "`Escalaton Contact` is not a field: did you mean `Escalation Contact`?"
    );
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["span"]["start"]["column"], 3);
}

/// A repository with one domain that lists a path, its team's handle, and what else the case
/// writes: files by path, relative to the repository's root.
fn codeowners_repo(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut all = vec![
        (
            "ownership/OWNERSHIP.md",
            "### Payments Domain\n\n**Owner:** Payment Service Team\n\
             **Escalation Contact:** @payments-oncall\n**Paths:** `src/payments/`\n",
        ),
        (
            ".ownlint.yaml",
            "teams:\n  Payment Service Team: \"@acme/payments\"\n",
        ),
    ];
    all.extend_from_slice(files);
    for (path, text) in all {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// Where the CODEOWNERS rules look, and when they run: the file GitHub uses (`.github/` before
/// the root), GitLab's `.gitlab/CODEOWNERS` read with GitLab's syntax, none without a file
/// unless the configuration asks (then each domain path is said, in its document), never
/// when it says no, and not for a check of named files alone.
#[test]
fn codeowners_rules_run_on_the_file_the_host_uses_and_when_asked() {
    let select = ["check", "--select", "OWN6", "--format", "concise"];
    // GitHub's first place wins: the root file (wrong owner) is not the one GitHub reads.
    let dir = codeowners_repo(&[
        (".github/CODEOWNERS", "src/payments/ @acme/payments\n"),
        ("CODEOWNERS", "src/payments/ @acme/billing\n"),
    ]);
    let out = run(ownlint(dir.path()).args(select));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);

    let dir = codeowners_repo(&[("CODEOWNERS", "src/payments/ @acme/billing\n")]);
    let out = run(ownlint(dir.path()).args(select));
    assert_eq!(out.code, 1);
    out.stdout_has("CODEOWNERS:1:15: error[OWN603 codeowners-wrong-owner]");
    // Named files alone: the documents, not CODEOWNERS.
    let out = run(ownlint(dir.path()).args(["check", "--select", "OWN6", "ownership/"]));
    assert_eq!(out.code, 0, "{}", out.stdout);

    // GitLab's file, with a section GitHub could not read.
    let dir = codeowners_repo(&[(
        ".gitlab/CODEOWNERS",
        "[Payments][2] @acme/payments\nsrc/payments/\n",
    )]);
    let out = run(ownlint(dir.path()).args(select));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    // The same file where GitHub looks is GitHub's, unless the configuration says GitLab.
    let dir = codeowners_repo(&[(
        "CODEOWNERS",
        "[Payments][2] @acme/payments\nsrc/payments/\n",
    )]);
    let out = run(ownlint(dir.path()).args(select));
    assert_eq!(out.code, 1);
    out.stdout_has("OWN601 codeowners-syntax");
    let gitlab =
        "teams:\n  Payment Service Team: \"@acme/payments\"\ncodeowners:\n  flavor: gitlab\n";
    std::fs::write(dir.path().join(".ownlint.yaml"), gitlab).unwrap();
    let out = run(ownlint(dir.path()).args(select));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);

    // No file: nothing, unless asked; then the path, in its document, with what to run.
    let dir = codeowners_repo(&[]);
    let out = run(ownlint(dir.path()).args(select));
    assert_eq!(out.code, 0, "{}", out.stdout);
    let asked = "teams:\n  Payment Service Team: \"@acme/payments\"\ncodeowners:\n  check: true\n";
    std::fs::write(dir.path().join(".ownlint.yaml"), asked).unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--select", "OWN6", "--format", "json"]));
    assert_eq!(out.code, 1);
    let report = json(&out);
    let finding = &report["diagnostics"][0];
    assert_eq!(finding["file"], "ownership/OWNERSHIP.md");
    assert_eq!(finding["span"]["start"]["line"], 5);
    assert!(
        finding["help"]
            .as_str()
            .unwrap()
            .contains("ownlint export --format codeowners --output-file .github/CODEOWNERS"),
        "{}",
        out.stdout
    );

    // Turned off: a file with a wrong owner says nothing.
    let dir = codeowners_repo(&[
        ("CODEOWNERS", "src/payments/ @acme/billing\n"),
        (
            ".ownlint.yaml",
            "teams:\n  Payment Service Team: \"@acme/payments\"\ncodeowners:\n  check: false\n",
        ),
    ]);
    let out = run(ownlint(dir.path()).args(select));
    assert_eq!(out.code, 0, "{}", out.stdout);
}

/// `check --fix` writes the safe fixes and reports what is left; a guess is left to a person,
/// stdin cannot be written, and `--fix` does not mix with the runs that must not write.
#[test]
fn fix_writes_the_safe_fixes_and_reports_what_is_left() {
    let dir = codeowners_repo(&[(
        ".github/CODEOWNERS",
        "src/payments/ @acme/payments\nsrc/ @acme/platform\n",
    )]);
    // A misspelt field label: its fix is a guess, so it stays.
    let doc = dir.path().join("ownership/OWNERSHIP.md");
    let text = std::fs::read_to_string(&doc).unwrap() + "**Responsibilites:** Payments\n";
    std::fs::write(&doc, &text).unwrap();
    let out = run(ownlint(dir.path()).args([
        "check",
        "--select",
        "OWN6,unknown-field",
        "--fix",
        "--format",
        "concise",
    ]));
    // What is left is a warning.
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        out.stderr,
        "ownlint: note: fixed 2 findings in .github/CODEOWNERS\n"
    );
    out.stdout_has("unknown-field");
    assert!(!out.stdout.contains("OWN60"), "{}", out.stdout);
    assert_eq!(
        std::fs::read_to_string(dir.path().join(".github/CODEOWNERS")).unwrap(),
        "src/ @acme/platform\nsrc/payments/ @acme/payments\n"
    );
    assert_eq!(std::fs::read_to_string(&doc).unwrap(), text);

    let out = run(ownlint(dir.path())
        .args(["check", "--fix", "-"])
        .write_stdin("# x\n"));
    assert_eq!(out.code, 2);
    out.stderr_has("--fix cannot write a document read from stdin");
    let out = run(ownlint(dir.path()).args(["check", "--fix", "--base", "HEAD"]));
    assert_eq!(out.code, 2);
}

/// `--config` with a relative path: its `ownership/` folder is the default, as for one found.
#[test]
fn a_relative_config_path_finds_the_ownership_folder_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sub/ownership")).unwrap();
    std::fs::copy(
        root().join("fixtures/seed/OWNERSHIP.md"),
        dir.path().join("sub/ownership/OWNERSHIP.md"),
    )
    .unwrap();
    std::fs::write(dir.path().join("sub/.ownlint.yaml"), "").unwrap();
    let out = run(ownlint(dir.path()).args([
        "check",
        "--config",
        "sub/.ownlint.yaml",
        "--format",
        "concise",
    ]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    out.stdout_has("in 1 file, 9 domains");
    out.stdout_has("sub/ownership/OWNERSHIP.md:");
}

/// GitLab: an exclusion matching a domain's path leaves its files without an owner in that
/// section, whatever rule follows it, so the path has no rule that gives it to its owner. (A
/// file without sections once took the last match past the exclusion, as GitHub would.)
#[test]
fn a_gitlab_exclusion_leaves_a_domain_path_without_its_owner() {
    let dir = codeowners_repo(&[(
        ".gitlab/CODEOWNERS",
        "!/src/payments/\n/src/ @acme/payments\n",
    )]);
    let out = run(ownlint(dir.path()).args(["check", "--select", "OWN6", "--format", "concise"]));
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    out.stdout_has(
        "error[OWN602 codeowners-missing-rule] CODEOWNERS has no rule for `src/payments/`",
    );
    // Without the exclusion, `/src/` gives the path to its owner.
    std::fs::write(
        dir.path().join(".gitlab/CODEOWNERS"),
        "/src/ @acme/payments\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--select", "OWN6"]));
    assert_eq!(out.code, 0, "{}", out.stdout);
}
