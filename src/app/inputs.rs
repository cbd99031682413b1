//! The first steps every command that reads ownership documents shares: load the
//! configuration, find the files, read them. Problems reading files are collected, not fatal;
//! each command decides how they end its run.

use std::io::Write;
use std::path::PathBuf;

use crate::app::cli::InputArgs;
use crate::app::message::{Level, Message};
use crate::config::Config;
use crate::error::{Error, IoProblem};
use crate::lint::{self, EnabledRule, Linted, Run};
use crate::source::SourceFile;
use crate::source::read;
use crate::source::stdin::{StdinDocument, UNNAMED, is_stdin};
use crate::source::walk::Found;
use crate::source::walk::{self, io_message};

/// The files of one run, read, with what could not be read.
pub struct Inputs {
    pub config: Config,
    pub cwd: PathBuf,
    /// The paths given, `-` by the name of the document read from stdin, or the default
    /// folder. Empty when the only path given was `-` and the configuration excludes its name:
    /// nothing was asked of the run.
    pub paths: Vec<PathBuf>,
    pub files: Vec<SourceFile>,
    pub problems: Vec<IoProblem>,
    /// Symbolic links not followed.
    pub skipped_links: Vec<String>,
    /// Files met in a walk and not read, with why.
    pub skipped_files: Vec<walk::Skipped>,
}

impl Inputs {
    /// The documents to read, for the commands that read documents only (`export`, `who`,
    /// `stats`): what they write or answer is the documents', whatever CODEOWNERS says.
    pub fn load(args: &InputArgs) -> Result<Inputs, Error> {
        Inputs::read(args, false)
    }

    /// The documents, and the repository's CODEOWNERS file to check against them: with no
    /// paths given, or when the configuration asks (`codeowners.check: true`).
    pub fn load_with_codeowners(args: &InputArgs) -> Result<Inputs, Error> {
        Inputs::read(args, true)
    }

    fn read(args: &InputArgs, with_codeowners: bool) -> Result<Inputs, Error> {
        let cwd = std::env::current_dir().map_err(|e| {
            Error::usage(format!(
                "cannot read the current folder: {}",
                io_message(&e)
            ))
        })?;
        let config = Config::load(args.config.as_deref(), &cwd, &crate::rules::catalog())?;
        let stdin = stdin_document(args)?
            .filter(|doc| included(doc, &config, &cwd, &mut std::io::stderr().lock()));
        let on_disk: Vec<PathBuf> = if args.paths.is_empty() {
            walk::default_paths(&config.selection(), &cwd)
        } else {
            args.paths
                .iter()
                .filter(|p| !is_stdin(p))
                .cloned()
                .collect()
        };
        // With no paths given, or when the configuration asks, the repository's CODEOWNERS
        // too: its rules are checked against the documents (the `codeowners-*` rules).
        let mut codeowners = Vec::new();
        let mut codeowners_link = None;
        if with_codeowners
            && (args.paths.is_empty() || config.settings.codeowners.check == Some(true))
        {
            match config.codeowners_file(&cwd, args.follow_links) {
                Some(Found::File(candidate)) => codeowners.push(candidate),
                Some(Found::Link(link)) => codeowners_link = Some(link),
                None => {}
            }
        }
        if let Some(doc) = &stdin {
            doc.stand_in(&mut codeowners);
        }
        let walk = || walk::discover(&on_disk, &config.selection(), &cwd, args.follow_links);
        // The CODEOWNERS file is read while the folders are walked, on a thread that would
        // wait otherwise: a large repository's file is megabytes, the last one read.
        let (mut discovery, (codeowners, codeowners_problems)) = match codeowners.is_empty() {
            true => (walk(), (Vec::new(), Vec::new())),
            false => {
                crate::util::parallel::join(walk, || read::read_all(codeowners, args.max_file_size))
            }
        };
        discovery.skipped_links.extend(codeowners_link);
        let mut problems = discovery.problems;
        if let Some(doc) = &stdin {
            doc.stand_in(&mut discovery.files);
        }
        let (mut files, read_problems) = read::read_all(discovery.files, args.max_file_size);
        problems.extend(read_problems);
        problems.extend(codeowners_problems);
        for mut file in codeowners {
            file.id = crate::source::FileId(files.len() as u32);
            files.push(file);
        }
        if let Some(doc) = &stdin
            && let Err(problem) = doc.read_into(&mut files, args.max_file_size)
        {
            problems.push(problem);
        }
        let paths = shown_paths(args, on_disk, stdin.as_ref());
        Ok(Inputs {
            config,
            cwd,
            paths,
            files,
            problems,
            skipped_links: discovery.skipped_links,
            skipped_files: discovery.skipped_files,
        })
    }

    /// The files through the one pipeline ([`lint::run`]) with `rules`: each file parsed
    /// once, its document kept in the workspace for the command to read.
    pub fn lint<'a>(&'a self, rules: &[EnabledRule]) -> Linted<'a> {
        let run = Run {
            keep_documents: true,
            ..Run::new(&self.config.settings, rules)
        };
        lint::run(&self.files, &run)
    }
}

/// The document `-` reads from stdin, when a path is `-`.
fn stdin_document(args: &InputArgs) -> Result<Option<StdinDocument<'_>>, Error> {
    let name = args.stdin_filename.as_deref();
    if !args.paths.iter().any(|p| is_stdin(p)) {
        return match name {
            Some(_) => Err(Error::Usage {
                message: "--stdin-filename names the document read from stdin, and no path is `-`"
                    .to_owned(),
                help: Some("add `-` to the paths: `--stdin-filename PATH -`".to_owned()),
            }),
            None => Ok(None),
        };
    }
    Ok(Some(StdinDocument { name }))
}

/// Whether the configuration lets the stdin document in; when it does not, say so: an editor's
/// buffer that is not an ownership document is left alone, not reported.
fn included(
    doc: &StdinDocument<'_>,
    config: &Config,
    cwd: &std::path::Path,
    stderr: &mut dyn Write,
) -> bool {
    if doc.selected(&config.selection(), cwd) {
        return true;
    }
    let config_file = config
        .path
        .as_deref()
        .map(walk::display)
        .unwrap_or_default();
    Message::new(
        Level::Note,
        format!(
            "stdin not linted: the include and exclude globs of {config_file} leave out {}",
            doc.display()
        ),
    )
    .print(stderr);
    false
}

/// The paths as given, `-` replaced by the stdin document's name (dropped when excluded), or
/// the default folder.
fn shown_paths(
    args: &InputArgs,
    on_disk: Vec<PathBuf>,
    stdin: Option<&StdinDocument<'_>>,
) -> Vec<PathBuf> {
    if args.paths.is_empty() {
        return on_disk;
    }
    let mut stdin_shown = false;
    let mut paths = Vec::with_capacity(args.paths.len());
    for path in &args.paths {
        if !is_stdin(path) {
            paths.push(path.clone());
        } else if let Some(doc) = stdin.filter(|_| !stdin_shown) {
            stdin_shown = true;
            paths.push(
                doc.name
                    .map_or_else(|| PathBuf::from(UNNAMED), PathBuf::from),
            );
        }
    }
    paths
}

/// Print the skipped links and the files that could not be read on stderr.
pub fn print_problems(skipped_links: &[String], problems: &[IoProblem], stderr: &mut dyn Write) {
    for link in skipped_links {
        Message::new(
            Level::Note,
            format!("skipped symbolic link {link} (--follow-links follows links)"),
        )
        .print(stderr);
    }
    for p in problems {
        Message::error(format!("cannot read {}: {}", p.path, p.message)).print(stderr);
    }
}
