//! The document read from stdin (`-`), for editors that check a buffer before it is saved.
//! `--stdin-filename` names it: reports show the name, its extension sets the format, the
//! configuration's include and exclude apply to it as to a file found in a folder, and it
//! stands in for the file of that name, so that the buffer is checked against the rest of the
//! repository instead of beside its saved copy. The name is only ever a name: the file it
//! names is never read.

use std::path::{Path, PathBuf};

use crate::error::IoProblem;
use crate::source::walk::{self, Candidate, Selection};
use crate::source::{FileId, Format, Origin, SourceFile, read};

/// How reports name a document read from stdin without `--stdin-filename`.
pub const UNNAMED: &str = "<stdin>";

/// Whether a path given on the command line stands for stdin.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The document read from stdin, by the name it is given.
#[derive(Clone, Copy, Debug)]
pub struct StdinDocument<'a> {
    pub name: Option<&'a Path>,
}

impl StdinDocument<'_> {
    /// How reports name it: its name as given, or `<stdin>`.
    pub fn display(&self) -> String {
        self.name.map_or_else(|| UNNAMED.to_owned(), walk::display)
    }

    /// YAML when the name ends in `.yaml` or `.yml`, else Markdown: ownlint's first format,
    /// as markdownlint-cli2 reads stdin as Markdown and ruff lints stdin under a name it does
    /// not know as Python.
    pub fn format(&self) -> Format {
        self.name
            .and_then(Format::from_path)
            .unwrap_or(Format::Markdown)
    }

    /// Whether the configuration's include and exclude globs let it in, as they would the file
    /// of its name met in a folder (ruff's `--force-exclude`): an editor sends every buffer,
    /// and only the configuration knows which are ownership documents. Without a name there is
    /// nothing to match, and the document is read.
    pub fn selected(&self, config: &Selection<'_>, cwd: &Path) -> bool {
        self.name
            .is_none_or(|name| walk::selected(&resolved_folder(name), config, cwd))
    }

    /// Leave out of `candidates` the file of its name, which it stands in for.
    pub fn stand_in(&self, candidates: &mut Vec<Candidate>) {
        let Some(name) = self.name else { return };
        // A name with no file (a buffer not saved yet) stands in for nothing.
        let Ok(target) = name.canonicalize() else {
            return;
        };
        candidates.retain(|c| {
            c.fs_path.file_name() != name.file_name()
                || c.fs_path.canonicalize().map_or(true, |path| path != target)
        });
    }

    /// Read stdin within `max_size` bytes and put the document among `files`, in path order,
    /// numbering the files again.
    pub fn read_into(&self, files: &mut Vec<SourceFile>, max_size: u64) -> Result<(), IoProblem> {
        let display = self.display();
        let bytes = read::read_stdin(max_size).map_err(|message| IoProblem {
            path: display.clone(),
            message,
        })?;
        let order_key = self.name.unwrap_or(Path::new(UNNAMED));
        let at = files.partition_point(|f| f.fs_path.as_path() < order_key);
        let document = SourceFile::new(
            FileId(0),
            display,
            PathBuf::from("-"),
            self.format(),
            // `-` is named on the command line: a document without ownership content is a
            // finding, as for a file named there.
            Origin::Explicit,
            bytes,
        );
        files.insert(at, document);
        for (i, file) in files.iter_mut().enumerate() {
            file.id = FileId(i as u32);
        }
        Ok(())
    }
}

/// `name` with its folder resolved (symbolic links, `..`) when the folder exists, as the
/// current folder and the configuration's folder are: an editor may name the buffer through
/// a link to the repository.
fn resolved_folder(name: &Path) -> PathBuf {
    let (Some(folder), Some(file)) = (name.parent(), name.file_name()) else {
        return name.to_path_buf();
    };
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    folder
        .canonicalize()
        .map_or_else(|_| name.to_path_buf(), |folder| folder.join(file))
}
