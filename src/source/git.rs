//! Reading ownership files as they were at a git revision, for `--base`.
//!
//! The revision comes from the command line, so it is checked before it reaches git and
//! passed after `--end-of-options`; it is resolved to a commit id once, and files are read
//! with `git cat-file --batch` on stdin, so nothing from a revision or a path can become an
//! option to git.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::Error;
use crate::source::Format;
use crate::source::walk;
use crate::source::walk::Selection;

/// A file at the base revision.
pub struct BaseFile {
    /// The path relative to the current folder, as the working tree's files are shown.
    pub path: String,
    pub format: Format,
    pub bytes: Vec<u8>,
}

fn git_error(message: impl Into<String>) -> Error {
    Error::Usage {
        message: message.into(),
        help: None,
    }
}

fn git(cwd: &Path, args: &[&str]) -> Result<Vec<u8>, Error> {
    let out = Command::new("git")
        .current_dir(cwd)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| {
            git_error(format!(
                "cannot run git for --base: {}",
                walk::io_message(&e)
            ))
        })?;
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        return Err(git_error(format!(
            "git {} failed: {}",
            args[0],
            stderr.trim()
        )));
    }
    Ok(out.stdout)
}

/// Check a revision given on the command line.
pub fn check_revision(rev: &str) -> Result<(), Error> {
    if rev.is_empty() || rev.starts_with('-') || rev.chars().any(|c| c.is_control() || c == ' ') {
        return Err(Error::Usage {
            message: format!(
                "invalid revision `{}` for --base",
                crate::util::sanitize::escape(rev)
            ),
            help: Some("give a branch, tag or commit, e.g. `--base origin/main`".to_owned()),
        });
    }
    Ok(())
}

/// The ownership files under `paths` at `rev`, filtered like the working tree's files.
pub fn files_at(
    rev: &str,
    paths: &[PathBuf],
    config: &Selection<'_>,
    cwd: &Path,
) -> Result<Vec<BaseFile>, Error> {
    check_revision(rev)?;
    let spec = format!("{rev}^{{commit}}");
    let commit = git(
        cwd,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            "--end-of-options",
            &spec,
        ],
    )
    .map_err(|_| {
        git_error(format!(
            "--base: `{rev}` is not a commit in this repository"
        ))
    })?;
    let commit = String::from_utf8_lossy(&commit).trim().to_owned();
    if commit.len() < 40 || !commit.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(git_error(format!("--base: cannot resolve `{rev}`")));
    }
    let mut args: Vec<String> = vec![
        "ls-tree".into(),
        "-r".into(),
        "-z".into(),
        "--name-only".into(),
        commit.clone(),
        "--".into(),
    ];
    args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
    let arg_refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let listing = git(cwd, &arg_refs)?;
    let mut wanted: Vec<(String, Format)> = Vec::new();
    for name in listing.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        let name = String::from_utf8_lossy(name).into_owned();
        let path = Path::new(&name);
        let Some(format) = Format::from_path(path) else {
            continue;
        };
        if !walk::selected(path, config, cwd) {
            continue;
        }
        wanted.push((walk::display(path), format));
    }
    let contents = cat_files(cwd, &commit, wanted.iter().map(|(p, _)| p.as_str()))?;
    Ok(wanted
        .into_iter()
        .zip(contents)
        .filter_map(|((path, format), bytes)| {
            bytes.map(|bytes| BaseFile {
                path,
                format,
                bytes,
            })
        })
        .collect())
}

/// The contents of `commit:./path` for each path (`None` when git has no such blob).
fn cat_files<'p>(
    cwd: &Path,
    commit: &str,
    paths: impl Iterator<Item = &'p str>,
) -> Result<Vec<Option<Vec<u8>>>, Error> {
    let mut child = Command::new("git")
        .current_dir(cwd)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            git_error(format!(
                "cannot run git for --base: {}",
                walk::io_message(&e)
            ))
        })?;
    let mut requests = String::new();
    let mut count = 0;
    for path in paths {
        requests.push_str(&format!("{commit}:./{path}\n"));
        count += 1;
    }
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let writer = std::thread::spawn(move || stdin.write_all(requests.as_bytes()));
    let mut reader = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut out = Vec::with_capacity(count);
    let broken = || git_error("git cat-file gave an unexpected answer");
    for _ in 0..count {
        let mut header = String::new();
        reader.read_line(&mut header).map_err(|_| broken())?;
        let fields: Vec<&str> = header.split_whitespace().collect();
        match fields.as_slice() {
            [_, "blob", size] => {
                let size: usize = size.parse().map_err(|_| broken())?;
                let mut bytes = vec![0; size + 1];
                reader.read_exact(&mut bytes).map_err(|_| broken())?;
                bytes.pop(); // the newline after the contents
                out.push(Some(bytes));
            }
            [_, "missing"] | [_, _, _] => out.push(None),
            _ => return Err(broken()),
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(out)
}
