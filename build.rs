//! `OWNLINT_VERSION`, what `ownlint --version` prints after the name: the package version and
//! the commit, `0.1.0 (1a2b3c4)`. The commit is `OWNLINT_GIT_HASH` when the build sets it (a
//! packager building from a source archive), otherwise `git rev-parse --short HEAD` when this
//! crate is the top of a git checkout. Anywhere else (the crate as crates.io ships it,
//! `cargo package`'s copy inside this checkout, no git installed) it is the version alone.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=OWNLINT_GIT_HASH");
    let hash = match std::env::var("OWNLINT_GIT_HASH") {
        Ok(hash) if !hash.is_empty() => Some(hash),
        _ => commit_of_this_checkout(),
    };
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let version = match hash {
        Some(hash) => format!("{version} ({hash})"),
        None => version,
    };
    println!("cargo:rustc-env=OWNLINT_VERSION={version}");
}

/// HEAD's short hash, when the manifest's directory is the top of a git work tree, with the
/// files that change when HEAD moves named for cargo to rerun this script on.
fn commit_of_this_checkout() -> Option<String> {
    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR")?);
    let top = git(&manifest_dir, &["rev-parse", "--show-toplevel"]);
    // A copy of the crate inside some other repository (`target/package/ownlint-X.Y.Z`
    // while `cargo package` verifies) must not take that repository's commit.
    let is_top = |top: &str| Path::new(top).canonicalize().ok() == manifest_dir.canonicalize().ok();
    if !top.as_deref().is_some_and(is_top) {
        // `cargo package` verifies its copy in this checkout's target folder, where its
        // build-script output takes the place of this checkout's: a `.git` that does not
        // exist makes cargo run the script again on the next build (here, or of the copy).
        println!(
            "cargo:rerun-if-changed={}",
            manifest_dir.join(".git").display()
        );
        return None;
    }
    let absolute = |path: String| manifest_dir.join(path);
    // HEAD itself (a checkout moves it), the branch it points to (a commit moves that) and
    // packed-refs (where the branch may live instead); in a worktree HEAD is its own and the
    // refs are the common directory's.
    let git_dir = absolute(git(&manifest_dir, &["rev-parse", "--git-dir"])?);
    let common_dir = absolute(git(&manifest_dir, &["rev-parse", "--git-common-dir"])?);
    // Only files that exist: cargo reruns the script on every build for a missing one.
    let mut watched = vec![git_dir.join("HEAD"), common_dir.join("packed-refs")];
    if let Some(branch) = git(&manifest_dir, &["symbolic-ref", "-q", "HEAD"]) {
        watched.push(common_dir.join(branch));
    }
    for path in watched.iter().filter(|path| path.is_file()) {
        println!("cargo:rerun-if-changed={}", path.display());
    }
    git(&manifest_dir, &["rev-parse", "--short", "HEAD"])
}

/// The trimmed output of a git command that succeeded with something to say.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .ok()?;
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (out.status.success() && !text.is_empty()).then(|| text.to_owned())
}
