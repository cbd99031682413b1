//! `-` reads one document from stdin, as editors send an unsaved buffer: named by
//! `--stdin-filename`, read as that name's format, left out when the configuration excludes
//! the name, standing in for the file of that name among the others, and read within the
//! limits a file is read within.

mod common;

use std::fs;
use std::path::Path;

use common::{Output, output as run, ownlint};
use serde_json::Value;

/// A domain without any finding.
fn clean(name: &str) -> String {
    format!(
        "## {name} Domain\n\n**Owner:** {name} Team\n**Escalation Contact:** @{name}-oncall\n\
         **SLO Responsibility:**\n- {name} latency: P95 ≤ 300ms\n\n\
         **Incident Authority:**\n- Can disable {name}\n\n**Responsibilities:**\n- {name} latency\n"
    )
}

/// An orphaned-domain error on line 3, and nothing else.
const BROKEN: &str = "## Billing Domain\n\n**Owner:** TBD\n**Escalation Contact:** Ann Lee\n\
    **SLO Responsibility:**\n- Billing latency: P95 ≤ 300ms\n\n\
    **Incident Authority:**\n- Can disable billing\n\n**Responsibilities:**\n- Billing latency\n";

fn check(dir: &Path, stdin: impl Into<Vec<u8>>, args: &[&str]) -> Output {
    run(ownlint(dir)
        .args(["check", "--format", "concise"])
        .args(args)
        .write_stdin(stdin))
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

#[test]
fn a_clean_document_on_stdin_passes() {
    let dir = tempfile::tempdir().unwrap();
    let out = check(dir.path(), clean("Search"), &["-"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(out.stdout, "0 errors, 0 warnings in 1 file, 1 domain\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn findings_on_stdin_are_reported_under_the_stdin_filename_or_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let out = check(
        dir.path(),
        BROKEN,
        &["--stdin-filename", "ownership/billing.md", "-"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout_has("ownership/billing.md:3:12: error[OWN101 orphaned-domain]");

    let out = check(dir.path(), BROKEN, &["-"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout_has("<stdin>:3:12: error[OWN101 orphaned-domain]");
    let out = run(ownlint(dir.path())
        .args(["check", "--format", "json", "-"])
        .write_stdin(BROKEN));
    assert_eq!(json(&out)["diagnostics"][0]["file"], "<stdin>");
}

#[test]
fn the_stdin_filenames_extension_sets_the_format_and_markdown_is_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = "domains:\n  - name: Billing\n    owner: TBD\n    escalation_contact: Ann Lee\n";
    for name in ["ownership/billing.yaml", "billing.YML"] {
        let out = check(dir.path(), yaml, &["--stdin-filename", name, "-"]);
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        out.stdout_has(&format!("{name}:3:12: error[OWN101 orphaned-domain]"));
        out.stdout_has("in 1 file, 1 domain");
    }
    // Read as Markdown, the same text is a paragraph without any domain: nothing to lint,
    // said once under the document's name (never a silent pass).
    for (args, name) in [
        (&["-"][..], "<stdin>"),
        (&["--stdin-filename", "billing.txt", "-"], "billing.txt"),
    ] {
        let out = check(dir.path(), yaml, args);
        assert_eq!(out.code, 2, "{}", out.stderr);
        assert_eq!(out.stdout, "");
        out.stderr_has(&format!("ownlint: error: no domain found in {name}"));
        out.stderr_has(&format!("note: looked in {name} (read from stdin)"));
    }
    // And Markdown under a `.md` name is Markdown.
    let out = check(dir.path(), BROKEN, &["--stdin-filename", "billing.md", "-"]);
    out.stdout_has("billing.md:3:12: error[OWN101 orphaned-domain]");
}

/// A folder with the payments and refunds documents on disk.
fn two_domains() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("ownership")).unwrap();
    fs::write(dir.path().join("ownership/payments.md"), clean("Payments")).unwrap();
    fs::write(dir.path().join("ownership/refunds.md"), clean("Refunds")).unwrap();
    dir
}

#[test]
fn stdin_stands_in_for_the_file_of_its_name_in_cross_file_rules() {
    let dir = two_domains();
    let on_disk = check(dir.path(), "", &["ownership/"]);
    assert_eq!(on_disk.code, 0, "{}", on_disk.stdout);

    // The buffer of payments.md now also defines Refunds: a duplicate of refunds.md, and
    // the saved payments.md is not read beside it (two files, not three).
    let buffer = format!("{}\n{}", clean("Payments"), clean("Refunds"));
    let stdin_filename = dir.path().join("ownership/payments.md");
    for (name, folder) in [
        ("ownership/payments.md", "ownership/"),
        ("./ownership/payments.md", "ownership"),
        (stdin_filename.to_str().unwrap(), "./ownership"),
    ] {
        let out = check(
            dir.path(),
            buffer.as_str(),
            &["--stdin-filename", name, "-", folder],
        );
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        out.stdout_has("error[OWN103 duplicate-domain] domain `Refunds` is defined twice");
        out.stdout_has("1 error, 0 warnings in 2 files, 3 domains");
    }

    // Saved with the duplicate, the buffer removing it passes.
    fs::write(dir.path().join("ownership/payments.md"), &buffer).unwrap();
    let saved = check(dir.path(), "", &["ownership"]);
    assert_eq!(saved.code, 1, "{}", saved.stdout);
    saved.stdout_has("duplicate-domain");
    let out = check(
        dir.path(),
        clean("Payments"),
        &[
            "--stdin-filename",
            "ownership/payments.md",
            "-",
            "ownership",
        ],
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(out.stdout, "0 errors, 0 warnings in 2 files, 2 domains\n");
}

#[cfg(unix)]
#[test]
fn a_stdin_filename_through_a_symbolic_link_is_the_file_it_leads_to() {
    // Editors may name the buffer through a link to the repository (a linked home folder).
    let dir = two_domains();
    fs::write(
        dir.path().join(".ownlint.yaml"),
        "include: [\"ownership/**\"]\n",
    )
    .unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let link = elsewhere.path().join("repo");
    std::os::unix::fs::symlink(dir.path(), &link).unwrap();
    let name = link.join("ownership/payments.md");
    let buffer = format!("{}\n{}", clean("Payments"), clean("Refunds"));
    let out = check(
        dir.path(),
        buffer,
        &["--stdin-filename", name.to_str().unwrap(), "-", "ownership"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout_has("error[OWN103 duplicate-domain] domain `Refunds` is defined twice");
    out.stdout_has("1 error, 0 warnings in 2 files, 3 domains");
}

#[test]
fn a_stdin_filename_the_configuration_excludes_is_said_and_not_linted() {
    let dir = two_domains();
    fs::write(
        dir.path().join(".ownlint.yaml"),
        "include: [\"ownership/**\"]\nexclude: [\"**/drafts/**\"]\n",
    )
    .unwrap();
    for name in ["README.md", "ownership/drafts/billing.md"] {
        let out = check(dir.path(), BROKEN, &["--stdin-filename", name, "-"]);
        assert_eq!(out.code, 0, "{name}: {}\n{}", out.stdout, out.stderr);
        // Nothing was asked of the run: no report, only the note.
        assert_eq!(out.stdout, "");
        out.stderr_has(&format!(
            "ownlint: note: stdin not linted: the include and exclude globs of {} leave out {name}",
            dir.path().join(".ownlint.yaml").display()
        ));
    }
    // The other paths are linted all the same, and a name let in is linted.
    let out = check(
        dir.path(),
        BROKEN,
        &["--stdin-filename", "README.md", "-", "ownership"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout_has("in 2 files, 2 domains");
    let out = check(
        dir.path(),
        BROKEN,
        &["--stdin-filename", "ownership/billing.md", "-"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout_has("ownership/billing.md:3:12: error[OWN101 orphaned-domain]");
}

#[test]
fn stdin_over_the_size_limit_is_exit_2_and_the_other_files_are_reported() {
    let dir = two_domains();
    fs::write(dir.path().join("ownership/billing.md"), BROKEN).unwrap();
    let big = format!("{}{}", clean("Search"), "x".repeat(2048));
    let out = check(
        dir.path(),
        big.as_str(),
        &["--max-file-size", "1K", "-", "ownership"],
    );
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    out.stderr_has(
        "ownlint: error: cannot read <stdin>: stdin is larger than the limit of 1 KiB (raise it with --max-file-size)",
    );
    out.stdout_has("ownership/billing.md:3:12: error[OWN101 orphaned-domain]");
    // At the limit, it is read.
    let out = check(
        dir.path(),
        &big.as_bytes()[..1024],
        &["--max-file-size", "1K", "-"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
}

#[test]
fn stdin_that_is_not_utf8_is_a_parse_error_as_for_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut binary = b"## Billing Domain\n\n**Owner:** ".to_vec();
    binary.extend([0xff, 0xfe, 0x00, 0x89, b'P', b'N', b'G']);
    let out = check(dir.path(), binary, &["-"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout_has("<stdin>:3:12: error[OWN001 parse-error] file is not valid UTF-8");
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);

    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(BROKEN.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let out = check(dir.path(), utf16, &["--stdin-filename", "billing.md", "-"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout_has("billing.md:1:1: error[OWN001 parse-error] file is UTF-16 encoded, not UTF-8");
}

#[test]
fn a_stdin_filename_without_dash_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("billing.md"), BROKEN).unwrap();
    let out = check(
        dir.path(),
        clean("Search"),
        &["--stdin-filename", "billing.md", "billing.md"],
    );
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    out.stderr_has("--stdin-filename names the document read from stdin, and no path is `-`");
    assert_eq!(out.stdout, "");
}

#[test]
fn who_stats_and_export_read_stdin_too() {
    let dir = two_domains();
    let buffer = clean("Payments").replace("Payments Team", "Checkout Team");
    let named = [
        "--stdin-filename",
        "ownership/payments.md",
        "-",
        "ownership",
    ];
    let out = run(ownlint(dir.path())
        .args(["who", "--format", "json", "Payments"])
        .args(named)
        .write_stdin(buffer.as_str()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let answer = json(&out);
    assert_eq!(answer["domains"].as_array().unwrap().len(), 1, "{answer}");
    assert_eq!(
        answer["domains"][0]["owner"]["text"], "Checkout Team",
        "{answer}"
    );

    let out = run(ownlint(dir.path())
        .args(["stats", "--format", "json"])
        .args(named)
        .write_stdin(buffer.as_str()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stats = json(&out);
    assert_eq!(stats["files"], 2);
    assert_eq!(stats["domains"], 2);

    let out = run(ownlint(dir.path())
        .args(["export", "--format", "json", "-"])
        .write_stdin(buffer.as_str()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(json(&out)["domains"][0]["owner"], "Checkout Team");
}

#[test]
fn stdin_stands_in_for_the_repositorys_codeowners_file() {
    // The repository's CODEOWNERS file is read apart from the documents (while they are
    // found): a buffer of it sent on stdin must still be read in its place.
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("ownership")).unwrap();
    fs::create_dir_all(dir.path().join(".github")).unwrap();
    let document = format!("{}\n**Paths:** `src/payments/`\n", clean("Payments"));
    fs::write(dir.path().join("ownership/payments.md"), document).unwrap();
    fs::write(
        dir.path().join(".ownlint.yaml"),
        "teams:\n  Payments Team: \"@acme/payments\"\ncodeowners:\n  check: true\n",
    )
    .unwrap();
    fs::write(
        dir.path().join(".github/CODEOWNERS"),
        "src/payments/ @acme/payments\n",
    )
    .unwrap();
    let saved = check(dir.path(), "", &["ownership"]);
    assert_eq!(saved.code, 0, "{}\n{}", saved.stdout, saved.stderr);
    assert_eq!(saved.stdout, "0 errors, 0 warnings in 2 files, 1 domain\n");

    let buffer = "src/payments/ @acme/refunds\n";
    let out = check(
        dir.path(),
        buffer,
        &["--stdin-filename", ".github/CODEOWNERS", "-", "ownership"],
    );
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    out.stdout_has(".github/CODEOWNERS:1:15: error[OWN603 codeowners-wrong-owner]");
    out.stdout_has("1 error, 0 warnings in 2 files, 1 domain");
}
