//! The file system, the text encodings, the output channels and the configuration are not
//! trusted: each broken or hostile case gets a diagnostic or a stderr line, the rest of the
//! run goes on, and the exit code says what happened (2 when something could not be read or
//! written, while findings in readable files are still reported).

#![cfg(unix)]

mod common;

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::Output;
use serde_json::Value;

/// A clean domain, and one with an error (orphaned-domain) on line 3.
const CLEAN: &str = "## Search Domain\n\n**Owner:** Search Team\n**Escalation Contact:** Ann Lee\n";
const BROKEN: &str = "## Billing Domain\n\n**Owner:** TBD\n**Escalation Contact:** Ann Lee\n";

fn ownlint(dir: &Path) -> Command {
    ownlint_at(&assert_cmd::cargo::cargo_bin("ownlint"), dir)
}

/// The binary `bin` in `dir`, as [`ownlint`] runs it.
fn ownlint_at(bin: &Path, dir: &Path) -> Command {
    let mut cmd = Command::new(bin);
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .env_remove("GITHUB_ACTIONS")
        .stdin(Stdio::null());
    cmd
}

/// Run with a time limit, so that a run that blocks fails the test instead of hanging it.
fn run(cmd: &mut Command) -> Output {
    wait(spawn(cmd).unwrap())
}

fn spawn(cmd: &mut Command) -> std::io::Result<Child> {
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()
}

/// Wait for a child started by [`spawn`], for at most a minute.
fn wait(mut child: Child) -> Output {
    let started = Instant::now();
    let (tx, rx) = std::sync::mpsc::channel();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        use std::io::Read;
        let mut out = Vec::new();
        let mut err = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        let _ = stderr.read_to_end(&mut err);
        let _ = tx.send((out, err));
    });
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let (out, err) = rx.recv_timeout(Duration::from_secs(10)).unwrap();
            return Output {
                code: status.code().unwrap_or(-1),
                stdout: String::from_utf8(out).unwrap(),
                stderr: String::from_utf8(err).unwrap(),
            };
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("ownlint blocked for a minute");
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn concise(dir: &Path, args: &[&str]) -> Output {
    run(ownlint(dir)
        .args(["check", "--format", "concise"])
        .args(args))
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

/// The user and group ids of `nobody`, when the system has such a user.
fn nobody() -> Option<(u32, u32)> {
    // SAFETY: `getpwnam_r` writes only into `user` and `buffer`, whose size it is given, and
    // sets `found` to null or to `user`; the strings it points `user` at are not read.
    unsafe {
        let mut user: libc::passwd = std::mem::zeroed();
        let mut buffer = vec![0 as libc::c_char; 16 * 1024];
        let mut found = std::ptr::null_mut();
        let rc = libc::getpwnam_r(
            c"nobody".as_ptr(),
            &mut user,
            buffer.as_mut_ptr(),
            buffer.len(),
            &mut found,
        );
        (rc == 0 && !found.is_null()).then_some((user.pw_uid, user.pw_gid))
    }
}

/// A fresh temporary folder, mode 0755, that any user can reach: under the first of the usual
/// temporary folders whose every ancestor lets others through. A clone in a private folder
/// (`mktemp -d`, `/root`) builds its binary where another user cannot reach it.
fn open_to_others_tempdir() -> Option<tempfile::TempDir> {
    use std::os::unix::fs::PermissionsExt;
    let open_to_others = |dir: &Path| {
        dir.canonicalize().is_ok_and(|dir| {
            dir.ancestors().all(|a| {
                fs::metadata(a).is_ok_and(|m| m.is_dir() && m.permissions().mode() & 0o001 != 0)
            })
        })
    };
    let parent = [std::env::temp_dir(), "/tmp".into(), "/var/tmp".into()]
        .into_iter()
        .find(|p| open_to_others(p))?;
    let dir = tempfile::tempdir_in(parent).ok()?;
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).ok()?;
    Some(dir)
}

// ---------------------------------------------------------------- the file system

#[test]
fn a_symlink_loop_is_reported_with_follow_links_and_skipped_without() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ownership");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("broken.md"), BROKEN).unwrap();
    symlink("..", root.join("up")).unwrap();
    symlink("loop-b", root.join("loop-a")).unwrap();
    symlink("loop-a", root.join("loop-b")).unwrap();

    let out = concise(dir.path(), &["--follow-links", "ownership"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    out.stderr_has("symbolic link loop");
    assert_eq!(
        out.stdout.matches("ownership/broken.md:3:").count(),
        1,
        "{}",
        out.stdout
    );

    let out = concise(dir.path(), &["ownership"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stderr_has("note: skipped symbolic link ownership/up (--follow-links follows links)");
    out.stdout_has("ownership/broken.md:3:");
}

#[test]
fn a_symlink_out_of_the_root_is_not_followed_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ownership");
    let outside = dir.path().join("elsewhere");
    fs::create_dir(&root).unwrap();
    fs::create_dir(&outside).unwrap();
    fs::write(root.join("clean.md"), CLEAN).unwrap();
    fs::write(outside.join("secret.md"), BROKEN).unwrap();
    symlink("../elsewhere/secret.md", root.join("linked.md")).unwrap();

    let out = concise(dir.path(), &["ownership"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains("linked.md"), "{}", out.stdout);
    out.stderr_has("note: skipped symbolic link ownership/linked.md");

    let out = concise(dir.path(), &["--follow-links", "ownership"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    out.stdout_has("ownership/linked.md:3:");
}

#[test]
fn a_file_without_read_permission_is_exit_2_and_the_rest_is_reported() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let mode = |path: &Path, mode: u32| {
        fs::set_permissions(path, fs::Permissions::from_mode(mode)).unwrap();
    };
    // In a folder every user can reach when there is one, should the run need another user.
    let (dir, open_to_others) = match open_to_others_tempdir() {
        Some(dir) => (dir, true),
        None => (tempfile::tempdir().unwrap(), false),
    };
    let root = dir.path().join("ownership");
    fs::create_dir(&root).unwrap();
    mode(&root, 0o755);
    fs::write(root.join("broken.md"), BROKEN).unwrap();
    mode(&root.join("broken.md"), 0o644);
    fs::write(root.join("secret.md"), CLEAN).unwrap();
    mode(&root.join("secret.md"), 0o000);

    let mut cmd = ownlint(dir.path());
    let mut as_nobody = false;
    if fs::File::open(root.join("secret.md")).is_ok() {
        // Root (or a user with CAP_DAC_OVERRIDE) reads any file: run as `nobody`, from a copy
        // of the binary beside the files, which `nobody` can reach wherever the repository is.
        let Some((uid, gid)) = nobody() else {
            eprintln!(
                "skipped: this user reads files without permission, and there is no `nobody` to run as"
            );
            return;
        };
        if !open_to_others {
            eprintln!(
                "skipped: this user reads files without permission, and no temporary folder lets `nobody` reach a copy of ownlint"
            );
            return;
        }
        let bin = dir.path().join("bin");
        fs::create_dir(&bin).unwrap();
        mode(&bin, 0o755);
        let copy = bin.join("ownlint");
        // Copied by `cp`, not `fs::copy`: a file this process holds open for writing can be
        // inherited by a child another test forks meanwhile, and running it then fails with
        // "Text file busy" (ETXTBSY).
        let copied = Command::new("cp")
            .arg(assert_cmd::cargo::cargo_bin("ownlint"))
            .arg(&copy)
            .status()
            .unwrap();
        assert!(copied.success());
        mode(&copy, 0o755);
        cmd = ownlint_at(&copy, dir.path());
        cmd.uid(uid).gid(gid);
        as_nobody = true;
    }
    let child = match spawn(cmd.args(["check", "--format", "concise", "ownership"])) {
        Ok(child) => child,
        // EPERM, EINVAL: this process may not switch to `nobody` (a user namespace without it).
        Err(e) if as_nobody && matches!(e.raw_os_error(), Some(libc::EPERM | libc::EINVAL)) => {
            eprintln!("skipped: cannot run ownlint as `nobody`: {e}");
            return;
        }
        Err(e) => panic!("cannot run ownlint (as nobody: {as_nobody}): {e}"),
    };
    let out = wait(child);
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    out.stderr_has("ownlint: error: cannot read ownership/secret.md: permission denied");
    out.stdout_has("ownership/broken.md:3:");
}

#[test]
fn fifos_and_devices_are_skipped_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ownership");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("broken.md"), BROKEN).unwrap();
    mkfifo(&root.join("pipe.md"));
    // A link to a device that never ends, followed on request.
    symlink("/dev/zero", root.join("zero.md")).unwrap();

    let out = concise(dir.path(), &["--follow-links", "ownership"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    for name in ["pipe.md", "zero.md"] {
        assert!(
            out.stderr.contains(&format!(
                "cannot read ownership/{name}: not a regular file (a FIFO, socket or device); skipped"
            )),
            "{name}: {}",
            out.stderr
        );
    }
    out.stdout_has("ownership/broken.md:3:");

    // Named on the command line: the same.
    let out = concise(
        dir.path(),
        &["ownership/pipe.md", "/dev/zero", "ownership/broken.md"],
    );
    assert_eq!(out.code, 2, "{}", out.stderr);
    out.stderr_has("cannot read /dev/zero: not a regular file");
    out.stdout_has("ownership/broken.md:3:");
}

#[test]
fn a_path_that_is_not_utf8_is_linted_and_shown_with_a_replacement_character() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ownership");
    fs::create_dir(&root).unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.md");
    fs::write(root.join(name), BROKEN).unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--format", "json", "ownership"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(report["diagnostics"][0]["file"], "ownership/caf\u{fffd}.md");
    let out = concise(dir.path(), &["ownership"]);
    out.stdout_has("ownership/caf\u{fffd}.md:3:12: error[OWN101 orphaned-domain]");
}

// ---------------------------------------------------------------- text encodings

/// (line, column) of the orphaned-domain finding in a JSON report.
fn orphan_place(out: &Output) -> (u64, u64) {
    let report: Value = serde_json::from_str(&out.stdout).unwrap();
    let d = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "orphaned-domain")
        .unwrap_or_else(|| panic!("no orphaned-domain in {}", out.stdout));
    (
        d["span"]["start"]["line"].as_u64().unwrap(),
        d["span"]["start"]["column"].as_u64().unwrap(),
    )
}

#[test]
fn bom_crlf_and_lone_cr_keep_spans_right() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("bom.md", format!("\u{feff}{BROKEN}")),
        ("crlf.md", BROKEN.replace('\n', "\r\n")),
        ("cr.md", BROKEN.replace('\n', "\r")),
        (
            "bom-crlf.md",
            format!("\u{feff}{}", BROKEN.replace('\n', "\r\n")),
        ),
    ];
    for (name, text) in cases {
        fs::write(dir.path().join(name), text).unwrap();
        let out = run(ownlint(dir.path()).args(["check", "--format", "json", name]));
        assert_eq!(out.code, 1, "{name}: {}", out.stderr);
        // `**Owner:** TBD`: the value starts at column 12 of line 3.
        assert_eq!(orphan_place(&out), (3, 12), "{name}");
        let human = run(ownlint(dir.path()).args(["check", "--color", "never", name]));
        assert!(
            human.stdout.contains("3 │ **Owner:** TBD"),
            "{name}: {}",
            human.stdout
        );
        assert!(!human.stdout.contains('\r'), "{name}");
    }
}

#[test]
fn utf16_files_are_a_clear_not_utf8_error() {
    let dir = tempfile::tempdir().unwrap();
    let mut le = vec![0xFF, 0xFE];
    let mut be = vec![0xFE, 0xFF];
    for unit in BROKEN.encode_utf16() {
        le.extend_from_slice(&unit.to_le_bytes());
        be.extend_from_slice(&unit.to_be_bytes());
    }
    fs::write(dir.path().join("le.md"), le).unwrap();
    fs::write(dir.path().join("be.yaml"), be).unwrap();
    let out = concise(dir.path(), &["le.md", "be.yaml"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    for name in ["le.md", "be.yaml"] {
        out.stdout_has(&format!(
            "{name}:1:1: error[OWN001 parse-error] file is UTF-16 encoded, not UTF-8"
        ));
    }
}

#[test]
fn nul_bytes_are_read_and_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("nul.md"),
        "## Billing\0 Domain\n\n**Owner:** TBD\0\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--color", "never", "nul.md"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stdout.contains('\0'), "{}", out.stdout);
    out.stdout_has("\\u{0}");
}

// ---------------------------------------------------------------- output channels

#[test]
fn a_closed_stdout_is_like_dev_null() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("broken.md"), BROKEN).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("ownlint");
    // The shell closes descriptor 1 before ownlint starts; the Rust runtime then opens
    // /dev/null in its place, so the report goes nowhere and the exit code still tells.
    let out = run(Command::new("sh")
        .current_dir(dir.path())
        .arg("-c")
        .arg("exec \"$0\" check broken.md >&-")
        .arg(&bin));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn a_full_disk_for_the_output_file_is_exit_2_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::new();
    for i in 0..200 {
        doc.push_str(&format!("## D{i} Domain\n\n**Owner:** TBD\n\n"));
    }
    fs::write(dir.path().join("big.md"), doc).unwrap();
    let bin = assert_cmd::cargo::cargo_bin("ownlint");
    // A file size limit of 4 kB stands in for a full disk: writes past it fail (EFBIG) once
    // the signal that would kill the process is ignored, as a full disk fails with ENOSPC.
    let out = run(Command::new("bash")
        .current_dir(dir.path())
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 4; exec \"$0\" check --format json --output-file report.json big.md")
        .arg(&bin));
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    out.stderr_has("could not write report.json");
    let left: Vec<String> = fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["big.md"], "nothing half-written is left behind");
}

// ---------------------------------------------------------------- hostile text

/// Every way we know for text to drive a terminal or a CI runner.
const NASTY: &str = "ESC\u{1b}[2J BEL\u{7} CR\r BS\u{8}\u{8} CSI\u{9b}31m NEL\u{85} \
    RLO\u{202e}x\u{202c} LRI\u{2066}y\u{2069} OSC\u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7} \
    \u{1b}P+q\u{1b}\\ \n::error::pwned\n##[error]legacy %0A::warning::encoded";

#[test]
fn hostile_text_never_becomes_control_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let doc = format!(
        "## Pay{n} Domain\n\n**Owner:** Team{n}A, Team B\n**Escalation Contact:** [Boss{n}]\n\n## Ops Domain\n\n**Owner:** TBD\n",
        n = NASTY.replace('\n', " ")
    );
    let name = "evil\u{1b}[31m\u{202e}.md";
    fs::write(dir.path().join(name), doc).unwrap();
    let findings = {
        let out = run(ownlint(dir.path()).args(["check", "--format", "json", "."]));
        let report: Value = serde_json::from_str(&out.stdout).unwrap();
        report["diagnostics"].as_array().unwrap().len()
    };
    assert!(findings >= 3, "{findings}");
    let raw_control = |s: &str| {
        s.chars().any(|c| {
            (c.is_control() && c != '\n' && c != '\t')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        })
    };
    for format in ["human", "concise"] {
        let out =
            run(ownlint(dir.path()).args(["check", "--color", "never", "--format", format, "."]));
        assert_eq!(out.code, 1, "{}", out.stderr);
        assert!(!raw_control(&out.stdout), "{format}:\n{}", out.stdout);
        assert!(
            !out.stdout.lines().any(|l| l.trim_start().starts_with("::")),
            "{format}:\n{}",
            out.stdout
        );
    }
    let out = run(ownlint(dir.path()).args(["check", "--color", "always", "."]));
    let without_colour = regex_free_strip_sgr(&out.stdout);
    assert!(!raw_control(&without_colour), "{without_colour}");

    for format in ["json", "sarif", "gitlab"] {
        let out = run(ownlint(dir.path()).args(["check", "--format", format, "."]));
        let value: Value = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("{format}: {e}\n{}", out.stdout));
        assert!(!value.is_null());
        assert!(!out.stdout.contains("##["), "{format}");
    }
    let out = run(ownlint(dir.path()).args(["check", "--format", "github", "."]));
    assert_eq!(out.stdout.lines().count(), findings, "{}", out.stdout);
    for line in out.stdout.lines() {
        assert!(
            line.starts_with("::error file=") || line.starts_with("::warning file="),
            "{line}"
        );
        assert!(!raw_control(line), "{line}");
    }
    let out = run(ownlint(dir.path()).args(["check", "--format", "junit", "."]));
    roxmltree::Document::parse(&out.stdout).unwrap_or_else(|e| panic!("{e}\n{}", out.stdout));
    assert!(
        !raw_control(&out.stdout.replace('\r', "")),
        "{}",
        out.stdout
    );
}

/// Human output with ownlint's own colour codes (ESC [ digits ; m) removed.
fn regex_free_strip_sgr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("\u{1b}[") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        match after.find(|c: char| !(c.is_ascii_digit() || c == ';')) {
            Some(end) if after.as_bytes()[end] == b'm' => rest = &after[end + 1..],
            _ => {
                out.push_str(&rest[i..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

// ---------------------------------------------------------------- configuration

#[test]
fn a_catastrophic_placeholder_pattern_runs_in_linear_time_and_a_huge_one_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".ownlint.yaml"),
        "placeholders: [\"^(a+)+$\", \"^(a|aa)+$\", \"(x+x+)+y\"]\n",
    )
    .unwrap();
    let contact = format!("{}!", "a".repeat(50_000));
    fs::write(
        dir.path().join("doc.md"),
        format!("## Search Domain\n\n**Owner:** Search Team\n**Escalation Contact:** {contact}\n"),
    )
    .unwrap();
    let started = Instant::now();
    let out = concise(dir.path(), &["doc.md"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );

    fs::write(
        dir.path().join(".ownlint.yaml"),
        "placeholders: [\"((a{100}){100}){100}\"]\n",
    )
    .unwrap();
    let out = concise(dir.path(), &["doc.md"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    out.stderr_has("invalid placeholder pattern");
}

#[test]
fn an_unknown_rule_or_invalid_yaml_in_the_configuration_is_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("doc.md"), CLEAN).unwrap();
    for config in [
        "rules:\n  orphaned-domian: error\n",
        "rules: [\n",
        "settings: &a [*a]\n",
        "\u{1b}[2J: x\n",
    ] {
        fs::write(dir.path().join(".ownlint.yaml"), config).unwrap();
        let out = concise(dir.path(), &["doc.md"]);
        assert_eq!(out.code, 2, "{config:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("configuration"),
            "{config:?}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        assert!(!out.stderr.contains('\u{1b}'), "{config:?}: {}", out.stderr);
    }
}

#[test]
fn a_configuration_above_the_repository_root_is_never_read() {
    let dir = tempfile::tempdir().unwrap();
    // Anyone who can write to a parent folder (/tmp) must not steer the run.
    fs::write(dir.path().join(".ownlint.yaml"), "rules: [\n").unwrap();
    let repo = dir.path().join("repo");
    fs::create_dir_all(repo.join(".git")).unwrap();
    fs::create_dir_all(repo.join("ownership")).unwrap();
    fs::write(repo.join("ownership/doc.md"), CLEAN).unwrap();
    let out = concise(&repo, &[]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    // Nor from a folder inside the repository.
    let out = concise(&repo.join("ownership"), &["doc.md"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
}

#[test]
fn a_configuration_in_a_shared_parent_folder_is_never_read_outside_a_repository() {
    // /tmp/…/.ownlint.yaml, invalid, two folders above a working folder that is in no
    // repository: the run does not read it, and its exit code is the documents' alone.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".ownlint.yaml"), "rules: [\n").unwrap();
    fs::write(dir.path().join(".ownlint.yml"), "rules: [\n").unwrap();
    let work = dir.path().join("shared/work");
    fs::create_dir_all(work.join("ownership")).unwrap();
    fs::write(work.join("ownership/clean.md"), CLEAN).unwrap();
    let out = concise(&work, &[]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(!out.stderr.contains("configuration"), "{}", out.stderr);

    fs::write(work.join("ownership/broken.md"), BROKEN).unwrap();
    let out = concise(&work, &[]);
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    out.stdout_has("ownership/broken.md:3:12: error[OWN101 orphaned-domain]");
    assert!(!out.stderr.contains("configuration"), "{}", out.stderr);
    // The same from a folder below the working folder, naming the files.
    let out = concise(&work.join("ownership"), &["clean.md"]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);

    // The working folder's own configuration is read.
    fs::write(
        work.join(".ownlint.yaml"),
        "rules: {orphaned-domain: off}\n",
    )
    .unwrap();
    let out = concise(&work, &[]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(!out.stdout.contains("OWN101"), "{}", out.stdout);
}

#[test]
fn inside_a_repository_the_configuration_at_its_root_is_found_from_any_folder() {
    // `.git` is a folder in a clone, a file in a worktree or a submodule.
    for git_is_a_file in [false, true] {
        let dir = tempfile::tempdir().unwrap();
        let repo = dir.path().join("repo");
        let deep = repo.join("teams/payments");
        fs::create_dir_all(&deep).unwrap();
        if git_is_a_file {
            fs::write(
                repo.join(".git"),
                "gitdir: /elsewhere/.git/worktrees/repo\n",
            )
            .unwrap();
        } else {
            fs::create_dir(repo.join(".git")).unwrap();
        }
        fs::write(
            repo.join(".ownlint.yaml"),
            "rules: {orphaned-domain: warning}\n",
        )
        .unwrap();
        fs::write(deep.join("broken.md"), BROKEN).unwrap();
        let out = concise(&deep, &["broken.md"]);
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        out.stdout_has("broken.md:3:12: warning[OWN101 orphaned-domain]");
        // A configuration nearer the working folder wins.
        fs::write(
            repo.join("teams/.ownlint.yaml"),
            "rules: {orphaned-domain: off}\n",
        )
        .unwrap();
        let out = concise(&deep, &["broken.md"]);
        assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
        assert!(!out.stdout.contains("OWN101"), "{}", out.stdout);
    }
}

#[test]
fn paths_on_stderr_cannot_issue_legacy_workflow_commands() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ownership");
    fs::create_dir(&root).unwrap();
    fs::write(root.join("clean.md"), CLEAN).unwrap();
    // The runner reads `##[command]` anywhere on a line, stderr included.
    symlink("clean.md", root.join("##[error]pwned.md")).unwrap();
    let out = run(ownlint(dir.path())
        .env("GITHUB_ACTIONS", "true")
        .args(["check", "ownership"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("##[error]"), "{}", out.stderr);
    out.stderr_has("skipped symbolic link ownership/##\\[error]pwned.md");
}

/// A repository whose document gives `src/payments/` to the payments team, and whose CODEOWNERS
/// (at `codeowners`, from the root) gives it to someone else: a finding `--fix` repairs.
fn stale_codeowners(dir: &Path, codeowners: &str) {
    fs::create_dir_all(dir.join("ownership")).unwrap();
    fs::write(
        dir.join("ownership/OWNERSHIP.md"),
        "## Payments Domain\n\n**Owner:** Payment Service Team\n\
         **Escalation Contact:** Ann Lee\n**Paths:** `src/payments/`\n",
    )
    .unwrap();
    fs::write(
        dir.join(".ownlint.yaml"),
        "teams:\n  Payment Service Team: \"@acme/payments\"\n",
    )
    .unwrap();
    let path = dir.join(codeowners);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, "src/payments/ @acme/billing\n").unwrap();
}

/// `check --fix` writes only the files it read: the CODEOWNERS file the host uses, not
/// another; through a symbolic link, the file it points at, the link kept; with the file's
/// permission bits; and never a file read with bytes that are not UTF-8.
#[test]
fn fix_writes_only_the_files_it_read_as_they_were() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    stale_codeowners(dir.path(), ".github/CODEOWNERS");
    // GitHub reads .github/CODEOWNERS: the root one is not read, so not written.
    fs::write(
        dir.path().join("CODEOWNERS"),
        "src/payments/ @acme/billing\n",
    )
    .unwrap();
    let codeowners = dir.path().join(".github/CODEOWNERS");
    fs::set_permissions(&codeowners, fs::Permissions::from_mode(0o640)).unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--fix"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        fs::read_to_string(&codeowners).unwrap(),
        "src/payments/ @acme/payments\n"
    );
    let mode = fs::metadata(&codeowners).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(
        fs::read_to_string(dir.path().join("CODEOWNERS")).unwrap(),
        "src/payments/ @acme/billing\n"
    );

    // A link where GitHub looks: said and left alone without --follow-links; with it, the
    // file it points at is written and the link stays a link.
    let dir = tempfile::tempdir().unwrap();
    stale_codeowners(dir.path(), "shared/CODEOWNERS");
    fs::create_dir(dir.path().join(".github")).unwrap();
    symlink(
        "../shared/CODEOWNERS",
        dir.path().join(".github/CODEOWNERS"),
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--fix"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(
        out.stderr
            .contains("skipped symbolic link .github/CODEOWNERS"),
        "{}",
        out.stderr
    );
    let target = dir.path().join("shared/CODEOWNERS");
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        "src/payments/ @acme/billing\n"
    );
    let out = run(ownlint(dir.path()).args(["check", "--fix", "--follow-links"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        "src/payments/ @acme/payments\n"
    );
    let link = fs::symlink_metadata(dir.path().join(".github/CODEOWNERS")).unwrap();
    assert!(link.file_type().is_symlink());

    // Not UTF-8: said, and the bytes stay.
    let dir = tempfile::tempdir().unwrap();
    stale_codeowners(dir.path(), ".github/CODEOWNERS");
    let bytes = b"# \xff\nsrc/payments/ @acme/billing\n";
    fs::write(dir.path().join(".github/CODEOWNERS"), bytes).unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--fix", "--format", "concise"]));
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("not valid UTF-8"), "{}", out.stdout);
    assert_eq!(
        fs::read(dir.path().join(".github/CODEOWNERS")).unwrap(),
        bytes
    );
}

/// A configuration cannot point the CODEOWNERS check outside the repository (its lines would
/// be shown in reports, and `--fix` would write it), nor give a team a handle that would
/// write more than an owner into CODEOWNERS.
#[test]
fn the_configuration_cannot_reach_out_through_codeowners() {
    let dir = tempfile::tempdir().unwrap();
    stale_codeowners(dir.path(), ".github/CODEOWNERS");
    // The configuration `config` is refused, with `why` on stderr, and nothing is reported.
    let refused = |config: String, why: &str| {
        fs::write(dir.path().join(".ownlint.yaml"), &config).unwrap();
        let out = run(ownlint(dir.path()).args(["check"]));
        assert_eq!(out.code, 2, "{config}: {}{}", out.stdout, out.stderr);
        assert!(out.stderr.contains(why), "{}", out.stderr);
        assert_eq!(out.stdout, "", "{config}");
    };
    for file in ["/etc/passwd", "../outside/CODEOWNERS", "a/../../CODEOWNERS"] {
        refused(
            format!("codeowners:\n  file: {file}\n"),
            "invalid `codeowners.file`",
        );
    }
    for handle in [
        "\"x\\e[31m#y@acme.example\"",
        "\"x@y@acme.example\"",
        "\"@acme/pay ments\"",
        "\"a\\u202e@acme.example\"",
        "\"@acme/payments\\n* @evil\"",
    ] {
        refused(
            format!("teams:\n  Payment Service Team: {handle}\n"),
            "is not a CODEOWNERS owner",
        );
    }
}

/// An owner's name cannot write a line into CODEOWNERS through the comment ownlint keeps
/// above a rule: `check --fix` names the new owner there as the export does, escaped, so a
/// line break in the name (YAML `"Pay\nTeam"`) stays inside the comment.
#[test]
fn an_owner_name_cannot_write_a_line_into_codeowners_through_fix() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".github")).unwrap();
    fs::write(
        dir.path().join(".ownlint.yaml"),
        "teams:\n  Pay Team: \"@acme/pay\"\n",
    )
    .unwrap();
    fs::write(
        dir.path().join("own.yaml"),
        "domains:\n  - name: Payments\n    owner: \"Pay\\nTeam\"\n    \
         escalation_contact: \"@oncall\"\n    paths: [src/]\n",
    )
    .unwrap();
    fs::write(
        dir.path().join(".github/CODEOWNERS"),
        "# Payments: Old Team, escalation @oncall\nsrc/ @acme/old\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["check", "--select", "OWN6", "--fix"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let fixed = fs::read_to_string(dir.path().join(".github/CODEOWNERS")).unwrap();
    assert_eq!(
        fixed,
        "# Payments: Pay\\u{a}Team, escalation @oncall\nsrc/ @acme/pay\n"
    );
    // As the export writes it.
    let out = run(ownlint(dir.path()).args(["export", "--format", "codeowners", "own.yaml"]));
    assert!(out.stdout.ends_with(&fixed), "{}", out.stdout);
}
