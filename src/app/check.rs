//! `ownlint check`: find the files, read them, lint them, report, and decide the exit code.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::app::cli::{CheckArgs, OutputFormat};
use crate::app::inputs::{Inputs, print_problems};
use crate::app::{ExitStatus, output, terminal_width};
use crate::config::Config;
use crate::diagnostic::RuleMeta;
use crate::error::Error;
use crate::lint::{self, Run, baseline, selected_rules};
use crate::report::{Findings, Github, HumanOptions, Reporter, reporter};
use crate::source::{FileId, Origin, SourceFile, git, walk};
use crate::util::fs::write_atomically;
use crate::util::sanitize::escape;

pub fn run(args: &CheckArgs) -> Result<ExitStatus, Error> {
    let Inputs {
        config,
        cwd,
        paths,
        mut files,
        problems,
        skipped_links,
    } = Inputs::load(&args.input)?;
    let rules = selected_rules(&config.settings, &args.select, &args.ignore)?;
    let current_count = files.len();
    if let Some(rev) = &args.base {
        files.extend(base_files(rev, &paths, &config, &cwd, current_count)?);
    }
    let baseline = match &args.baseline {
        Some(path) if args.write_baseline.is_none() => Some(baseline::load(path)?),
        _ => None,
    };
    let run = Run {
        settings: &config.settings,
        rules: &rules,
        base: args.base.as_deref().map(|rev| (rev, current_count)),
        baseline: baseline.as_deref(),
        keep_documents: false,
    };
    let linted = lint::run(&files, &run);

    let mut stderr = io::stderr().lock();
    if args.verbose {
        list_files(&files, &linted.skipped, &mut stderr);
    }
    print_problems(&skipped_links, &problems, &mut stderr);

    if let Some(path) = &args.write_baseline {
        let count = baseline::write(path, &files, &linted.diagnostics, &linted.fingerprints)?;
        let _ = writeln!(
            stderr,
            "ownlint: wrote {count} findings to the baseline {}",
            escape(&path.display().to_string())
        );
        return Ok(ExitStatus::read_all(&problems));
    }
    if let Some(path) = args.baseline.as_ref().filter(|_| linted.stale > 0) {
        let _ = writeln!(
            stderr,
            "ownlint: {} baseline entries no longer match a finding; shrink the baseline with `ownlint check --write-baseline {}`",
            linted.stale,
            escape(&path.display().to_string())
        );
    }

    let summary = linted.summary();
    let catalog = crate::rules::catalog();
    let findings = Findings {
        files: &files,
        catalog: &catalog,
        linted: linted.checked_files(),
        diagnostics: &linted.diagnostics,
        fingerprints: &linted.fingerprints,
        summary,
        unreadable: &problems,
    };
    report(args, &findings, run.rules_run())?;

    if !problems.is_empty() {
        return Ok(ExitStatus::Error);
    }
    if summary.domains == 0 && summary.errors == 0 {
        // Nothing was checked: a mistyped path must not pass as a clean run.
        let searched: Vec<String> = paths.iter().map(|p| walk::display(p)).collect();
        let _ = writeln!(
            stderr,
            "ownlint: error: no domain found in {}",
            escape(&searched.join(", "))
        );
        return Ok(ExitStatus::Error);
    }
    Ok(ExitStatus::of(&summary, args.deny_warnings))
}

/// `--verbose`: each file, checked or skipped.
fn list_files(files: &[SourceFile], skipped: &[bool], stderr: &mut dyn Write) {
    for (file, skip) in files.iter().zip(skipped) {
        let what = if *skip {
            "skipped (no ownership content)"
        } else {
            "checked"
        };
        let _ = writeln!(stderr, "ownlint: {what}: {}", escape(&file.path));
    }
}

/// The files of the base revision, numbered after the `first` current ones.
fn base_files(
    rev: &str,
    paths: &[PathBuf],
    config: &Config,
    cwd: &Path,
    first: usize,
) -> Result<Vec<SourceFile>, Error> {
    Ok(git::files_at(rev, paths, &config.selection(), cwd)?
        .into_iter()
        .enumerate()
        .map(|(i, base)| {
            let path = format!("{rev}:{}", base.path);
            SourceFile::new(
                FileId((first + i) as u32),
                path.clone(),
                path.into(),
                base.format,
                Origin::Walked,
                base.bytes,
            )
        })
        .collect())
}

/// Print the report: to stdout, or to `--output-file` with the summary (and, inside GitHub
/// Actions, the annotations) on stdout. Inside GitHub Actions, human and concise output is
/// fenced with `::stop-commands::` so that document text cannot issue workflow commands.
fn report(
    args: &CheckArgs,
    findings: &Findings<'_>,
    ran: Vec<&'static RuleMeta>,
) -> Result<(), Error> {
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let in_actions = output::in_github_actions();
    let human = HumanOptions {
        color: args.output_file.is_none() && args.color.enabled(is_terminal),
        width: terminal_width(is_terminal && args.output_file.is_none()),
    };
    let mut reporter = reporter(args.format, human, ran);
    let mut out = BufWriter::new(stdout.lock());
    if let Some(path) = &args.output_file {
        write_atomically(path, |file| reporter.report(findings, file))
            .map_err(Error::output(path))?;
        if in_actions {
            Github.report(findings, &mut out).map_err(Error::Write)?;
        }
        writeln!(out, "{}", findings.summary.line()).map_err(Error::Write)?;
    } else {
        let fence =
            in_actions && matches!(args.format, OutputFormat::Human | OutputFormat::Concise);
        output::fenced(&mut out, fence, |out| reporter.report(findings, out))
            .map_err(Error::Write)?;
    }
    out.flush().map_err(Error::Write)
}
