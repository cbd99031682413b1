//! `ownlint check`: find the files, read them, lint them, report, and decide the exit code.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::cli::{CheckArgs, OutputFormat};
use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::error::{Error, IoProblem};
use crate::lint::{lint, selected_rules};
use crate::report::{
    Concise, Findings, Human, HumanOptions, Json, Reporter, Summary, sanitize::escape,
};
use crate::source::{FileId, SourceFile};
use crate::walk::{self, Candidate, io_message};
use crate::{ExitStatus, terminal_width};

pub fn run(args: &CheckArgs) -> Result<ExitStatus, Error> {
    let cwd = std::env::current_dir().map_err(|e| {
        Error::usage(format!(
            "cannot read the current folder: {}",
            io_message(&e)
        ))
    })?;
    let config = Config::load(args.config.as_deref(), &cwd)?;
    let paths: Vec<PathBuf> = if args.paths.is_empty() {
        walk::default_paths(&config, &cwd)
    } else {
        args.paths.clone()
    };
    let discovery = walk::discover(&paths, &config, &cwd);
    let mut problems = discovery.problems;
    let (files, read_problems) = read_all(discovery.files);
    problems.extend(read_problems);

    let rules = selected_rules(&config.settings, &args.select, &args.ignore)?;
    let linted = lint(&files, &config.settings, &rules);

    // Walked files without ownership content (a README) are not part of the run.
    let skipped: Vec<bool> = linted
        .workspace
        .documents
        .iter()
        .map(|d| !d.explicit && !d.has_ownership_content() && d.problems.is_empty())
        .collect();
    let diagnostics: Vec<Diagnostic> = linted
        .diagnostics
        .into_iter()
        .filter(|d| !skipped[d.file.index()])
        .collect();
    let mut summary = Summary {
        files: skipped.iter().filter(|s| !**s).count(),
        domains: linted.workspace.domains().count(),
        suppressed: linted.suppressed,
        ..Summary::default()
    };
    summary.count(&diagnostics);

    let mut stderr = io::stderr().lock();
    if args.verbose {
        for (file, skip) in files.iter().zip(&skipped) {
            let what = if *skip {
                "skipped (no ownership content)"
            } else {
                "checked"
            };
            let _ = writeln!(stderr, "ownlint: {what}: {}", escape(&file.path));
        }
    }
    for p in &problems {
        let _ = writeln!(
            stderr,
            "ownlint: error: cannot read {}: {}",
            escape(&p.path),
            escape(&p.message)
        );
    }

    let findings = Findings {
        files: &files,
        diagnostics: &diagnostics,
        summary,
    };
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let mut out = BufWriter::new(stdout.lock());
    let mut reporter: Box<dyn Reporter> = match args.format {
        OutputFormat::Human => Box::new(Human::new(HumanOptions {
            color: args.color.enabled(is_terminal),
            width: terminal_width(is_terminal),
        })),
        OutputFormat::Concise => Box::new(Concise),
        OutputFormat::Json => Box::new(Json),
    };
    reporter.report(&findings, &mut out).map_err(Error::Write)?;
    out.flush().map_err(Error::Write)?;

    if !problems.is_empty() {
        return Ok(ExitStatus::Error);
    }
    if summary.domains == 0 && summary.errors == 0 {
        let searched: Vec<String> = paths.iter().map(|p| walk::display(p)).collect();
        let _ = writeln!(
            stderr,
            "ownlint: error: no domain found in {}",
            escape(&searched.join(", "))
        );
        return Ok(ExitStatus::Error);
    }
    if summary.errors > 0 || (args.deny_warnings && summary.warnings > 0) {
        Ok(ExitStatus::Failure)
    } else {
        Ok(ExitStatus::Success)
    }
}

/// Read the files in parallel; a file that cannot be read is a problem, not a panic.
fn read_all(candidates: Vec<Candidate>) -> (Vec<SourceFile>, Vec<IoProblem>) {
    let read: Vec<Result<(Candidate, Vec<u8>), IoProblem>> = candidates
        .into_par_iter()
        .map(|c| match std::fs::read(&c.fs_path) {
            Ok(bytes) => Ok((c, bytes)),
            Err(e) => Err(IoProblem {
                path: c.display.clone(),
                message: io_message(&e),
            }),
        })
        .collect();
    let mut files = Vec::with_capacity(read.len());
    let mut problems = Vec::new();
    for r in read {
        match r {
            Ok((c, bytes)) => {
                let id = FileId(files.len() as u32);
                files.push(SourceFile::new(
                    id, c.display, c.fs_path, c.format, c.origin, bytes,
                ));
            }
            Err(p) => problems.push(p),
        }
    }
    (files, problems)
}
