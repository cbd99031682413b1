//! Which files a run reads: the paths given, folders walked with `ignore` (ripgrep's walker:
//! `.gitignore` honoured, `.git` skipped, hidden folders such as `.github` read), filtered by
//! the configuration's include and exclude globs, in sorted order.

use std::path::{Component, Path, PathBuf};

use crate::error::IoProblem;
use crate::source::{Flavor, Format, Origin};
use globset::GlobSet;

/// Which walked files the configuration lets in: its include and exclude globs, relative to
/// `root` (the configuration file's folder, else the current one).
#[derive(Clone, Copy, Debug)]
pub struct Selection<'a> {
    pub root: &'a Path,
    /// A configuration file was found: `ownership/` beside it is the default folder.
    pub configured: bool,
    pub include: Option<&'a GlobSet>,
    pub exclude: Option<&'a GlobSet>,
}

/// Why a FIFO, socket or device is not read.
pub const NOT_REGULAR: &str = "not a regular file (a FIFO, socket or device); skipped";

/// A file to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub fs_path: PathBuf,
    /// The path as reports show it.
    pub display: String,
    pub format: Format,
    pub origin: Origin,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub files: Vec<Candidate>,
    pub problems: Vec<IoProblem>,
    /// Symbolic links met in a walk and not followed (without `--follow-links`): links to a
    /// folder, or named like an ownership file.
    pub skipped_links: Vec<String>,
    /// Files met in a walk and not read, in walk order; for `--verbose`, and for saying why
    /// a run found nothing.
    pub skipped_files: Vec<Skipped>,
}

/// A file met in a walk and not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub why: Skip,
}

/// Why a walk does not read a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    NotMarkdownOrYaml,
    /// The configuration's `include` and `exclude` globs leave it out.
    LeftOutByConfiguration,
}

impl Skip {
    pub fn describe(self) -> &'static str {
        match self {
            Skip::NotMarkdownOrYaml => "not Markdown or YAML",
            Skip::LeftOutByConfiguration => {
                "left out by the configuration's `include` and `exclude`"
            }
        }
    }
}

/// The folder linted when no path is given: `ownership/` beside the configuration file or in
/// the current folder, else the current folder.
pub fn default_paths(config: &Selection<'_>, cwd: &Path) -> Vec<PathBuf> {
    if config.configured {
        let beside = config.root.join("ownership");
        if beside.is_dir() {
            return vec![relative_to(&beside, cwd)];
        }
    }
    if cwd.join("ownership").is_dir() {
        return vec![PathBuf::from("ownership")];
    }
    vec![PathBuf::from(".")]
}

/// Find the files under `paths`. Paths given are used even when they are symbolic links;
/// links met inside a walked folder are followed only with `follow_links` (the walker then
/// reports loops).
pub fn discover(
    paths: &[PathBuf],
    config: &Selection<'_>,
    cwd: &Path,
    follow_links: bool,
) -> Discovery {
    let mut out = Discovery::default();
    for path in paths {
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                out.problems.push(IoProblem {
                    path: display(path),
                    message: io_message(&e),
                });
                continue;
            }
        };
        if meta.is_dir() {
            walk(path, config, cwd, follow_links, &mut out);
        } else if !meta.is_file() {
            out.problems.push(IoProblem {
                path: display(path),
                message: NOT_REGULAR.to_owned(),
            });
        } else {
            match Format::from_path(path) {
                Some(format) => out.files.push(Candidate {
                    fs_path: path.clone(),
                    display: display(path),
                    format,
                    origin: Origin::Explicit,
                }),
                None => out.problems.push(IoProblem {
                    path: display(path),
                    message: "not a Markdown (.md, .markdown) or YAML (.yaml, .yml) file"
                        .to_owned(),
                }),
            }
        }
    }
    out.files.sort_by(|a, b| a.fs_path.cmp(&b.fs_path));
    out.files.dedup_by(|a, b| a.fs_path == b.fs_path);
    out
}

fn walk(root: &Path, config: &Selection<'_>, cwd: &Path, follow_links: bool, out: &mut Discovery) {
    let walker = ignore::WalkBuilder::new(root)
        .hidden(false)
        .follow_links(follow_links)
        .filter_entry(|e| e.file_name() != ".git")
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                out.problems.push(IoProblem {
                    path: walk_error_path(&e).unwrap_or_else(|| display(root)),
                    message: walk_error_message(&e),
                });
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() && !follow_links {
            // Not followed; said, so that a missing file is not a mystery.
            if Format::from_path(path).is_some() || path.is_dir() {
                out.skipped_links.push(display(path));
            }
            continue;
        }
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            continue;
        }
        if !file_type.is_file() {
            // A FIFO, socket or device is never opened; one named like an ownership file is
            // said, since its content is missing from the run.
            if Format::from_path(path).is_some() {
                out.problems.push(IoProblem {
                    path: display(path),
                    message: NOT_REGULAR.to_owned(),
                });
            }
            continue;
        }
        // A CODEOWNERS file met in a walk is not read: the one GitHub and GitLab use is found
        // where they look for it ([`codeowners_file`]).
        let Some(format) = Format::from_path(path).filter(|f| !matches!(f, Format::Codeowners(_)))
        else {
            out.skipped_files.push(Skipped {
                path: entry.into_path(),
                why: Skip::NotMarkdownOrYaml,
            });
            continue;
        };
        if !selected(path, config, cwd) {
            out.skipped_files.push(Skipped {
                path: entry.into_path(),
                why: Skip::LeftOutByConfiguration,
            });
            continue;
        }
        let origin = if config.include.is_some() {
            Origin::Explicit
        } else {
            Origin::Walked
        };
        out.files.push(Candidate {
            fs_path: path.to_path_buf(),
            display: display(path),
            format,
            origin,
        });
    }
}

/// What is found where a host looks for its CODEOWNERS file.
#[derive(Debug)]
pub enum Found {
    /// The file to read.
    File(Candidate),
    /// A symbolic link, not followed (as a walk does not follow one without
    /// `--follow-links`): shown as the reports show paths.
    Link(String),
}

/// The CODEOWNERS file of the repository whose root is `root`: `file` when the configuration
/// names one (relative to `root`), else the first of the places the host looks
/// ([`Flavor::places`]) that exists — GitHub's places, then GitLab's `.gitlab/CODEOWNERS`,
/// when the configuration does not say which host. Read as `flavor` says, else as the place
/// says ([`Flavor::of_path`]). A symbolic link there is followed with `follow_links`, and
/// else said, not passed over.
pub fn codeowners_file(
    root: &Path,
    cwd: &Path,
    flavor: Option<Flavor>,
    file: Option<&Path>,
    follow_links: bool,
) -> Option<Found> {
    let found = |path: PathBuf| {
        let shown = display(&relative_to(&path, cwd));
        let is_link = std::fs::symlink_metadata(&path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link && !follow_links {
            return Found::Link(shown);
        }
        Found::File(Candidate {
            display: shown,
            format: Format::Codeowners(flavor.unwrap_or_else(|| Flavor::of_path(&path))),
            fs_path: path,
            origin: Origin::Explicit,
        })
    };
    if let Some(file) = file {
        // Named by the configuration: read (and a problem said) even when it is missing.
        return Some(found(root.join(file)));
    }
    // No host said: GitHub's places, then those only GitLab looks in.
    let github = Flavor::GitHub.places();
    let mut places = flavor.map_or(github, Flavor::places).iter().chain(
        Flavor::GitLab
            .places()
            .iter()
            .filter(|place| flavor.is_none() && !github.contains(place)),
    );
    places.find_map(|place| {
        let path = root.join(place);
        let meta = std::fs::symlink_metadata(&path).ok()?;
        (meta.is_file() || meta.file_type().is_symlink()).then(|| found(path))
    })
}

/// Whether the configuration's include and exclude globs let a walked file in.
pub fn selected(path: &Path, config: &Selection<'_>, cwd: &Path) -> bool {
    let in_root = relative_to(&absolute(path, cwd), &absolute(config.root, cwd));
    if config
        .exclude
        .as_ref()
        .is_some_and(|g| g.is_match(&in_root))
    {
        return false;
    }
    config.include.as_ref().is_none_or(|g| g.is_match(&in_root))
}

fn walk_error_path(e: &ignore::Error) -> Option<String> {
    match e {
        ignore::Error::WithPath { path, .. } => Some(display(path)),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            walk_error_path(err)
        }
        ignore::Error::Loop { child, .. } => Some(display(child)),
        _ => None,
    }
}

fn walk_error_message(e: &ignore::Error) -> String {
    match e {
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => walk_error_message(err),
        ignore::Error::Io(io) => io_message(io),
        ignore::Error::Loop { .. } => "symbolic link loop".to_owned(),
        other => other.to_string(),
    }
}

/// An I/O error as a short lower-case phrase.
pub fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_lowercase(),
                None => s.to_lowercase(),
            }
        }
    }
}

/// A path as reports show it: as given, without a leading `./`, with `/` separators.
pub fn display(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    if parts.is_empty() {
        return ".".to_owned();
    }
    if parts.len() == 1 && parts[0].is_empty() {
        return "/".to_owned();
    }
    parts.join("/")
}

fn absolute(path: &Path, cwd: &Path) -> PathBuf {
    if path.is_absolute() {
        path.to_path_buf()
    } else {
        cwd.join(path)
    }
}

/// `path` relative to `base` (both absolute or both relative), using `..` where needed.
pub fn relative_to(path: &Path, base: &Path) -> PathBuf {
    let path: Vec<Component> = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let base: Vec<Component> = base
        .components()
        .filter(|c| *c != Component::CurDir)
        .collect();
    let common = path.iter().zip(&base).take_while(|(a, b)| a == b).count();
    let mut out = PathBuf::new();
    for _ in common..base.len() {
        out.push("..");
    }
    for c in &path[common..] {
        out.push(c.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_to(Path::new("/a/b/c"), Path::new("/a")),
            PathBuf::from("b/c")
        );
        assert_eq!(
            relative_to(Path::new("/a/x"), Path::new("/a/b")),
            PathBuf::from("../x")
        );
        assert_eq!(
            relative_to(Path::new("/a"), Path::new("/a")),
            PathBuf::from(".")
        );
        assert_eq!(display(Path::new("./ownership/A.md")), "ownership/A.md");
    }
}
