//! `ownlint check`: find the files, read them, lint them, report, and decide the exit code.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};

use crate::app::cli::{CheckArgs, OutputFormat};
use crate::app::fix;
use crate::app::inputs::{Inputs, print_problems};
use crate::app::message::{Level, Message};
use crate::app::{ExitStatus, output, terminal_width};
use crate::config::Config;
use crate::diagnostic::RuleMeta;
use crate::error::{Error, NothingToLint};
use crate::lint::{self, Linted, Run, baseline, selected_rules};
use crate::report::{Findings, Github, HumanOptions, Reporter, reporter};
use crate::source::{FileId, Origin, SourceFile, git, walk};
use crate::util::fs::write_atomically;
use crate::util::sanitize::escape;

pub fn run(args: &CheckArgs) -> Result<ExitStatus, Error> {
    if args.fix {
        fix::refuse_stdin(&args.input)?;
    }
    // Read once for the whole run, however many times `--fix` lints.
    let baseline = match &args.baseline {
        Some(path) if args.write_baseline.is_none() => Some(baseline::load(path)?),
        _ => None,
    };
    let mut fixed = fix::Fixed::default();
    loop {
        if let Some(status) = check_once(args, baseline.as_deref(), &mut fixed)? {
            return Ok(status);
        }
    }
}

/// Read, lint and report the files; with `--fix`, when fixes were written instead, `None`:
/// the files are read and linted again, and the last run, with nothing left to fix, is the
/// one reported.
fn check_once(
    args: &CheckArgs,
    baseline: Option<&[baseline::Entry]>,
    fixed: &mut fix::Fixed,
) -> Result<Option<ExitStatus>, Error> {
    let Inputs {
        config,
        cwd,
        paths,
        mut files,
        problems,
        skipped_links,
        skipped_files,
    } = Inputs::load_with_codeowners(&args.input)?;
    let rules = selected_rules(&config.settings, &args.select, &args.ignore)?;
    let current_count = files.len();
    if let Some(rev) = &args.base {
        files.extend(base_files(rev, &paths, &config, &cwd, current_count)?);
    }
    let run = Run {
        settings: &config.settings,
        rules: &rules,
        base: args.base.as_deref().map(|rev| (rev, current_count)),
        baseline,
        keep_documents: false,
    };
    let linted = lint::run(&files, &run);
    if args.fix && fix::apply(&files[..current_count], &linted.diagnostics, fixed)? {
        return Ok(None);
    }
    fix::say(fixed, &mut io::stderr().lock());

    let mut stderr = io::stderr().lock();
    if args.verbose {
        list_files(&files, &linted.skipped, &skipped_files, &mut stderr);
    }
    print_problems(&skipped_links, &problems, &mut stderr);

    if let Some(path) = &args.write_baseline {
        let count = baseline::write(path, &files, &linted.diagnostics, &linted.fingerprints)?;
        let wrote = format!("wrote {count} findings to the baseline {}", path.display());
        Message::new(Level::Note, wrote).print(&mut stderr);
        return Ok(Some(ExitStatus::read_all(&problems)));
    }
    if let Some(path) = args.baseline.as_ref() {
        warn_stale_baseline(path, linted.stale, &mut stderr);
    }

    let summary = linted.summary();
    // Nothing was checked: a mistyped path must not pass as a clean run. A catalog of Groups
    // alone was checked (their names, their duplicates).
    let found_nothing =
        summary.domains == 0 && summary.errors == 0 && !linted.found_catalog_entities();
    // A run that read no ownership content at all has no findings worth a report: the
    // error below says what it looked at, once.
    if !found_nothing || linted.found_ownership_content() {
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
    }
    // No path is left when the only one was stdin under a name the configuration
    // excludes: nothing was asked.
    if found_nothing
        && !paths.is_empty()
        && let Some(nothing) = nothing_to_lint(
            &paths,
            &files[..current_count],
            &cwd,
            &skipped_files,
            &linted,
        )
    {
        return Err(nothing);
    }
    let status = match problems.is_empty() {
        true => ExitStatus::of(&summary, args.deny_warnings),
        false => ExitStatus::Error,
    };
    // The process ends with this run: the files, their facts and findings and the
    // configuration are left to the operating system, not freed an allocation at a time
    // (a tenth of a second on a hundred thousand domains).
    std::mem::forget(linted);
    std::mem::forget(files);
    std::mem::forget(config);
    Ok(Some(status))
}

/// The error of a run that found nothing to lint in `paths`: where it looked (the paths that
/// exist; the others were said unreadable), and what it read and skipped. `None` when no path
/// exists: the unreadable paths were the whole story.
pub fn nothing_to_lint(
    paths: &[PathBuf],
    files: &[SourceFile],
    cwd: &Path,
    skipped: &[walk::Skipped],
    linted: &Linted<'_>,
) -> Option<Error> {
    // A path is looked in when it exists, or names a document read from elsewhere (stdin
    // under `--stdin-filename`); a missing one was said already, as a file not read.
    let existing: Vec<&PathBuf> = paths
        .iter()
        .filter(|p| {
            std::fs::symlink_metadata(p).is_ok() || files.iter().any(|f| Path::new(&f.path) == *p)
        })
        .collect();
    if existing.is_empty() {
        return None;
    }
    let skipped_for = |why| skipped.iter().filter(|s| s.why == why).count();
    Some(Error::NothingToLint(Box::new(NothingToLint {
        looked_in: existing
            .iter()
            .map(|p| {
                let place = if std::fs::symlink_metadata(p).is_ok() {
                    let absolute = std::path::absolute(cwd.join(p)).unwrap_or_else(|_| cwd.join(p));
                    absolute.display().to_string()
                } else {
                    "read from stdin".to_owned()
                };
                (walk::display(p), place)
            })
            .collect(),
        walked_folders: existing.iter().any(|p| p.is_dir()),
        // One flag per current file.
        files_read: linted.skipped.len(),
        without_ownership_content: linted.files_without_ownership_content(),
        not_markdown_or_yaml: skipped_for(walk::Skip::NotMarkdownOrYaml),
        left_out_by_configuration: skipped_for(walk::Skip::LeftOutByConfiguration),
    })))
}

/// Baseline entries that match no finding any more: the baseline can shrink.
fn warn_stale_baseline(path: &Path, stale: usize, stderr: &mut dyn Write) {
    if stale == 0 {
        return;
    }
    Message::new(
        Level::Warning,
        format!("{stale} baseline entries no longer match a finding"),
    )
    .help(format!(
        "shrink the baseline with `ownlint check --write-baseline {}`",
        path.display()
    ))
    .print(stderr);
}

/// `--verbose`: each file, checked or skipped, and the files the walk did not read.
fn list_files(
    files: &[SourceFile],
    skipped: &[bool],
    not_read: &[walk::Skipped],
    stderr: &mut dyn Write,
) {
    for (file, skip) in files.iter().zip(skipped) {
        let what = if *skip {
            "skipped (no ownership content)"
        } else {
            "checked"
        };
        let _ = writeln!(stderr, "ownlint: {what}: {}", escape(&file.path));
    }
    for file in not_read {
        let _ = writeln!(
            stderr,
            "ownlint: skipped ({}): {}",
            file.why.describe(),
            escape(&walk::display(&file.path))
        );
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
