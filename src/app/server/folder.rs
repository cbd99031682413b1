//! One workspace folder as `ownlint check` run in it would see it: its configuration, the
//! files the walk finds, and the pipeline's [`Session`] over them, with the open documents'
//! unsaved texts in place of the files on disk.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::index::Facts;
use crate::lint::{EnabledRule, Run, Session, enabled_rules};
use crate::model::Document;
use crate::source::read::{read_all, read_limited};
use crate::source::walk::{self, Candidate};
use crate::source::{FileId, Format, Origin, SourceFile};

/// The largest file read, as `ownlint check`'s default `--max-file-size`.
const MAX_FILE_SIZE: u64 = 16 << 20;

pub struct Folder {
    /// The workspace folder: where `ownlint check` would run.
    pub root: PathBuf,
    /// A folder of documents opened outside every workspace folder ([`Folder::alone`]).
    pub alone: bool,
    pub config: Config,
    /// Why the configuration file could not be used (the folder is then linted with the
    /// defaults, and the client told).
    pub config_error: Option<Error>,
    rules: Vec<EnabledRule>,
    session: Session,
    /// The findings of the last [`Folder::lint`], for the quick fixes.
    last: Vec<Diagnostic>,
    /// Each file's absolute path, by id.
    paths: Vec<PathBuf>,
    ids: HashMap<PathBuf, FileId>,
}

impl Folder {
    /// Load the configuration found from `root`, walk the folders `ownlint check` would walk
    /// there, read and check every file.
    pub fn load(root: PathBuf) -> Folder {
        Folder::new(root, true)
    }

    /// The folder of a document opened outside every workspace folder: its configuration,
    /// and no walk (the folder may be a home or a temporary folder): the document alone.
    pub fn alone(root: PathBuf) -> Folder {
        Folder::new(root, false)
    }

    fn new(root: PathBuf, walk: bool) -> Folder {
        let catalog = crate::rules::catalog();
        let (config, config_error) = match Config::load(None, &root, &catalog) {
            Ok(config) => (config, None),
            Err(err) => (
                Config {
                    root: root.clone(),
                    ..Config::default()
                },
                Some(err),
            ),
        };
        let selection = config.selection();
        let paths: Vec<PathBuf> = walk::default_paths(&selection, &root)
            .into_iter()
            .map(|p| root.join(p))
            .collect();
        let mut candidates = match walk {
            true => walk::discover(&paths, &selection, &root, false).files,
            false => Vec::new(),
        };
        // The repository's CODEOWNERS, as `check` without paths reads it.
        if walk && let Some(walk::Found::File(codeowners)) = config.codeowners_file(&root, false) {
            candidates.push(codeowners);
        }
        for c in &mut candidates {
            // `root/./ownership/x.md` is `root/ownership/x.md`: one spelling, for URIs.
            c.fs_path = c
                .fs_path
                .components()
                .filter(|part| *part != std::path::Component::CurDir)
                .collect();
            c.display = shown(&c.fs_path, &root);
        }
        // Files that cannot be read are left out, as `check` leaves them out of its findings
        // (it says so on stderr, which an editor does not show).
        let (files, _) = read_all(candidates, MAX_FILE_SIZE);
        let rules = enabled_rules(&config.settings);
        let paths: Vec<PathBuf> = files.iter().map(|f| f.fs_path.clone()).collect();
        let ids = paths
            .iter()
            .enumerate()
            .map(|(i, p)| (key(p), FileId(i as u32)))
            .collect();
        let session = Session::new(files, &Run::new(&config.settings, &rules));
        Folder {
            root,
            alone: !walk,
            config,
            config_error,
            rules,
            session,
            last: Vec::new(),
            paths,
            ids,
        }
    }

    /// Whether `path` lies in this folder: below it, or for a folder of documents opened
    /// outside the workspace, in it (a document in a folder below has a folder of its own,
    /// with the configuration found there).
    pub fn holds(&self, path: &Path) -> bool {
        match self.alone {
            true => path.parent() == Some(self.root.as_path()),
            false => path.starts_with(&self.root),
        }
    }

    pub fn files(&self) -> &[SourceFile] {
        self.session.files()
    }

    pub fn ids(&self) -> impl Iterator<Item = FileId> + use<> {
        (0..self.session.files().len()).map(|i| FileId(i as u32))
    }

    /// A file's document, parsed as the pipeline parses it.
    pub fn document(&self, id: FileId) -> Document<'_> {
        crate::parse::parse(self.file(id), &self.config.settings.labels)
    }

    /// A file's facts as the last change left them.
    pub fn facts(&self, id: FileId) -> &Facts {
        self.session.facts(id)
    }

    /// The findings of the last [`Folder::lint`].
    pub fn findings(&self) -> &[Diagnostic] {
        &self.last
    }

    /// The findings of the last [`Folder::lint`] in one file.
    pub fn findings_in(&self, id: FileId) -> impl Iterator<Item = &Diagnostic> {
        self.last.iter().filter(move |d| d.file == id)
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.session.files()[id.index()]
    }

    pub fn path(&self, id: FileId) -> &Path {
        &self.paths[id.index()]
    }

    pub fn id(&self, path: &Path) -> Option<FileId> {
        self.ids.get(&key(path)).copied()
    }

    /// Whether the configuration lets `path` in, were it met in a walk: an open document that
    /// `check` would not read is left alone, as `check --stdin-filename` leaves it.
    pub fn selects(&self, path: &Path) -> bool {
        // A CODEOWNERS file is the folder's only when it is the one the host uses, found
        // when the folder was read; another is no ownership document, as in a walk.
        Format::from_path(path).is_some_and(|f| !matches!(f, Format::Codeowners(_)))
            && walk::selected(path, &self.config.selection(), &self.root)
    }

    /// Put `text` in place of the file at `path` (an open document's unsaved text), or add it
    /// as a file met in a walk. Returns its id, or `None` when the folder does not lint it.
    pub fn set_text(&mut self, path: &Path, text: String) -> Option<FileId> {
        self.set_bytes(path, text.into_bytes())
    }

    fn set_bytes(&mut self, path: &Path, bytes: Vec<u8>) -> Option<FileId> {
        // A file of the folder keeps the format it was read with (a CODEOWNERS file read as
        // the configuration's `codeowners.flavor` says).
        let (id, origin, format) = match self.id(path) {
            Some(id) => (id, self.file(id).origin, self.file(id).format),
            None if self.selects(path) => (
                FileId(self.paths.len() as u32),
                Origin::Walked,
                Format::from_path(path)?,
            ),
            None => return None,
        };
        let file = SourceFile::new(
            id,
            shown(path, &self.root),
            path.to_path_buf(),
            format,
            origin,
            bytes,
        );
        if id.index() == self.paths.len() {
            self.paths.push(path.to_path_buf());
            self.ids.insert(key(path), id);
        }
        let run = Run::new(&self.config.settings, &self.rules);
        self.session.set_file(file, &run);
        Some(id)
    }

    /// The file at `path` as it is on disk (a document closed without saving, or changed by
    /// another program); empty when it is gone, which leaves it out like a README.
    pub fn reread(&mut self, path: &Path) -> Option<FileId> {
        let id = self.id(path)?;
        let file = self.file(id);
        // Read as the walk's files are: never blocking on a FIFO swapped in, within the limit.
        let candidate = Candidate {
            fs_path: path.to_path_buf(),
            display: file.path.clone(),
            format: file.format,
            origin: file.origin,
        };
        let bytes = read_limited(&candidate, MAX_FILE_SIZE).unwrap_or_default();
        self.set_bytes(path, bytes)
    }

    /// Every file's findings, as `ownlint check` in this folder reports them.
    pub fn lint(&mut self) -> &[Diagnostic] {
        let run = Run::new(&self.config.settings, &self.rules);
        self.last = self.session.lint(&run);
        &self.last
    }
}

/// A file's path as `check` in `root` shows it.
fn shown(path: &Path, root: &Path) -> String {
    walk::display(path.strip_prefix(root).unwrap_or(path))
}

/// The key a path is known by: the same file by two spellings (a symbolic link, `..`) is one.
fn key(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| path.to_path_buf())
}
