//! Bounded time and memory on hostile input. Each test runs `ownlint check` on one input and
//! checks a generous bound itself: a stack overflow, a hang or a blow-up fails it, while a
//! slow CI machine does not. The figures themselves are measured by `bench/hostile.sh`.

#![cfg(unix)]

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of ownlint did.
struct Measured {
    code: Option<i32>,
    signal: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
    peak_rss_mb: f64,
}

/// Run ownlint with `args` in `dir`, waiting for that one child with `wait4` so that its own
/// peak memory is known, and killing it after `limit` (a hang fails the test, not the suite).
#[allow(
    clippy::zombie_processes,
    reason = "the child is reaped by wait4, not Child::wait"
)]
fn measure(dir: &Path, args: &[&str], limit: Duration) -> Measured {
    let out_path = dir.join(".stdout");
    let err_path = dir.join(".stderr");
    let started = Instant::now();
    let child = Command::new(assert_cmd::cargo::cargo_bin("ownlint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&out_path).unwrap())
        .stderr(fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, not yet waited for; the pointers are valid.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            break;
        }
        assert_eq!(r, 0, "wait4 failed");
        if started.elapsed() > limit {
            // SAFETY: signalling our own child.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            // SAFETY: as above; reaps the killed child.
            unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
            panic!("ownlint {args:?} still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let status = std::process::ExitStatus::from_raw(status);
    Measured {
        code: status.code(),
        signal: status.signal(),
        stdout: fs::read_to_string(&out_path).unwrap(),
        stderr: fs::read_to_string(&err_path).unwrap(),
        elapsed: started.elapsed(),
        // Linux reports kilobytes.
        peak_rss_mb: usage.ru_maxrss as f64 / 1024.0,
    }
}

/// The run ended by itself, without a panic or an overflow, within the bounds.
fn assert_contained(m: &Measured, max_seconds: u64, max_rss_mb: f64) {
    assert!(
        m.signal.is_none(),
        "killed by signal {:?}\n{}",
        m.signal,
        m.stderr
    );
    assert!(
        !m.stderr.contains("panicked") && !m.stderr.contains("overflow"),
        "{}",
        m.stderr
    );
    assert!(
        m.elapsed < Duration::from_secs(max_seconds),
        "took {:?}",
        m.elapsed
    );
    assert!(
        m.peak_rss_mb < max_rss_mb,
        "peak memory {:.0} MB",
        m.peak_rss_mb
    );
}

#[test]
fn a_yaml_alias_bomb_is_a_parse_error_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in ('a'..'i').zip('b'..'j') {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb.push_str("domains:\n  - name: A\n    owner: *i\n");
    fs::write(dir.path().join("bomb.yaml"), bomb).unwrap();
    let m = measure(
        dir.path(),
        &["check", "--format", "concise", "bomb.yaml"],
        Duration::from_secs(60),
    );
    assert_contained(&m, 5, 100.0);
    assert_eq!(m.code, Some(1), "{}", m.stdout);
    assert!(
        m.stdout.contains("bomb.yaml") && m.stdout.contains("OWN001 parse-error"),
        "{}",
        m.stdout
    );
}

#[test]
fn yaml_nested_10000_levels_is_a_parse_error_without_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 10_000;
    let flow_maps = format!(
        "domains:\n  - name: A\n    owner: {}x{}\n",
        "{a: ".repeat(depth),
        "}".repeat(depth)
    );
    let flow_lists = format!("domains: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    let mut block = String::from("domains:\n");
    // Block nesting grows by the indent; 2,000 levels is already 4 MB of spaces.
    for level in 0..2_000 {
        block.push_str(&" ".repeat(level));
        block.push_str("- \n");
    }
    for (name, text) in [
        ("maps.yaml", flow_maps),
        ("lists.yaml", flow_lists),
        ("block.yaml", block),
    ] {
        fs::write(dir.path().join(name), text).unwrap();
        let m = measure(
            dir.path(),
            &["check", "--format", "concise", name],
            Duration::from_secs(60),
        );
        assert_contained(&m, 10, 200.0);
        assert_eq!(m.code, Some(1), "{name}: {}", m.stdout);
        assert!(
            m.stdout.contains("OWN001 parse-error"),
            "{name}: {}",
            m.stdout
        );
    }
}

/// Nesting just under the reader's limit, in many files: read on the pool's threads (not the
/// main one), whose stacks must hold the reader's recursion even in an unoptimised build.
#[test]
fn yaml_nested_to_the_limit_in_many_files_is_read_on_the_pool_without_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 127;
    for n in 0..8 {
        let text = format!(
            "domains:\n  - name: D{n}\n    owner: {}x{}\n",
            "[".repeat(depth),
            "]".repeat(depth)
        );
        fs::write(dir.path().join(format!("f{n}.yaml")), text).unwrap();
    }
    let m = measure(
        dir.path(),
        &["check", "--format", "concise", "."],
        Duration::from_secs(60),
    );
    assert_contained(&m, 30, 200.0);
    assert_eq!(m.code, Some(1), "{}", m.stderr);
    assert!(m.stdout.contains("8 files"), "{}", m.stdout);
}

#[test]
fn markdown_nested_10000_levels_is_read_without_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let depth = 10_000;
    let domain = "## Payments Domain\n\n**Owner:** Payments Team\n**Escalation Contact:** Ann\n";
    let inputs = [
        (
            "lists.md",
            format!("{domain}\n{}deep\n", "- ".repeat(depth)),
        ),
        (
            "quotes.md",
            format!("{domain}\n{}deep\n", "> ".repeat(depth)),
        ),
        (
            "mixed.md",
            format!("{domain}\n{}deep\n", "> - 1. ".repeat(depth / 3)),
        ),
        (
            "indented.md",
            format!(
                "{domain}\n{}",
                (0..depth)
                    .map(|i| format!("{}- item\n", "  ".repeat(i % 500)))
                    .collect::<String>()
            ),
        ),
        (
            "emphasis.md",
            format!("{domain}\n{}x{}\n", "*_".repeat(depth), "_*".repeat(depth)),
        ),
        (
            "links.md",
            format!("{domain}\n{}x{}\n", "[".repeat(depth), "](u)".repeat(depth)),
        ),
    ];
    for (name, text) in inputs {
        fs::write(dir.path().join(name), text).unwrap();
        let m = measure(
            dir.path(),
            &["check", "--format", "json", name],
            Duration::from_secs(60),
        );
        assert_contained(&m, 10, 300.0);
        assert!(
            matches!(m.code, Some(0 | 1)),
            "{name}: {:?}\n{}",
            m.code,
            m.stderr
        );
        let report: serde_json::Value = serde_json::from_str(&m.stdout).unwrap();
        assert_eq!(report["summary"]["domains"], 1, "{name}");
    }
}

#[test]
fn a_file_over_the_size_limit_is_refused_naming_the_limit() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("good.md"),
        "## A Domain\n\n**Owner:** TBD\n",
    )
    .unwrap();
    // 100 MB, sparse: the size is what is checked, before any byte is read.
    let big = fs::File::create(dir.path().join("big.md")).unwrap();
    big.set_len(100_000_000).unwrap();
    let m = measure(
        dir.path(),
        &["check", "--format", "concise", "."],
        Duration::from_secs(60),
    );
    assert_contained(&m, 5, 100.0);
    assert_eq!(m.code, Some(2), "{}", m.stderr);
    assert!(
        m.stderr.contains(
            "cannot read big.md: file is 95.4 MiB, larger than the limit of 16 MiB (raise it with --max-file-size)"
        ),
        "{}",
        m.stderr
    );
    // The readable file is still linted.
    assert!(m.stdout.contains("good.md:3:"), "{}", m.stdout);

    let m = measure(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--max-file-size",
            "1K",
            "good.md",
        ],
        Duration::from_secs(60),
    );
    assert_eq!(
        m.code,
        Some(1),
        "a small file under a small limit: {}",
        m.stderr
    );
    let m = measure(
        dir.path(),
        &["check", "--max-file-size", "12 parsecs", "good.md"],
        Duration::from_secs(60),
    );
    assert_eq!(m.code, Some(2));
    assert!(m.stderr.contains("unknown unit"), "{}", m.stderr);
}

#[test]
fn a_10_mb_line_is_linted_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let line = "x".repeat(10_000_000);
    let md =
        format!("## Payments Domain\n\n**Owner:** Payments Team\n**Escalation Contact:** {line}\n");
    fs::write(dir.path().join("long.md"), md).unwrap();
    let yaml = format!(
        "domains:\n  - name: Payments\n    owner: Payments Team\n    escalation_contact: {line}\n"
    );
    fs::write(dir.path().join("long.yaml"), yaml).unwrap();
    for name in ["long.md", "long.yaml"] {
        let m = measure(
            dir.path(),
            &["check", "--format", "json", name],
            Duration::from_secs(120),
        );
        // 10 MB of text: the bound allows a few copies, not a quadratic blow-up.
        assert_contained(&m, 30, 200.0);
        assert!(matches!(m.code, Some(0 | 1)), "{name}: {}", m.stderr);
        let report: serde_json::Value = serde_json::from_str(&m.stdout).unwrap();
        assert_eq!(report["summary"]["domains"], 1, "{name}");
    }
}

#[test]
fn a_hundred_thousand_tiny_files_in_one_folder() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ownership");
    fs::create_dir(&folder).unwrap();
    let files = 100_000;
    for i in 0..files {
        fs::write(
            folder.join(format!("d{i:06}.md")),
            format!("## D{i} Domain\n\n**Owner:** Team {}\n", i % 97),
        )
        .unwrap();
    }
    let m = measure(
        dir.path(),
        &["check", "--format", "json", "--select", "OWN1"],
        Duration::from_secs(300),
    );
    assert_contained(&m, 120, 1000.0);
    assert_eq!(m.code, Some(0), "{}", m.stderr);
    let report: serde_json::Value = serde_json::from_str(&m.stdout).unwrap();
    assert_eq!(report["summary"]["files"], files);
    assert_eq!(report["summary"]["domains"], files);
}
