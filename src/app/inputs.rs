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
use crate::source::walk::{self, io_message};

/// The files of one run, read, with what could not be read.
pub struct Inputs {
    pub config: Config,
    pub cwd: PathBuf,
    /// The paths given, or the default folder.
    pub paths: Vec<PathBuf>,
    pub files: Vec<SourceFile>,
    pub problems: Vec<IoProblem>,
    /// Symbolic links not followed.
    pub skipped_links: Vec<String>,
    /// Files met in a walk and not read, with why.
    pub skipped_files: Vec<walk::Skipped>,
}

impl Inputs {
    pub fn load(args: &InputArgs) -> Result<Inputs, Error> {
        let cwd = std::env::current_dir().map_err(|e| {
            Error::usage(format!(
                "cannot read the current folder: {}",
                io_message(&e)
            ))
        })?;
        let config = Config::load(args.config.as_deref(), &cwd, &crate::rules::catalog())?;
        let paths: Vec<PathBuf> = if args.paths.is_empty() {
            walk::default_paths(&config.selection(), &cwd)
        } else {
            args.paths.clone()
        };
        let discovery = walk::discover(&paths, &config.selection(), &cwd, args.follow_links);
        let mut problems = discovery.problems;
        let (files, read_problems) = read::read_all(discovery.files, args.max_file_size);
        problems.extend(read_problems);
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
