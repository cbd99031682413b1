//! `ownlint check`: find the files, read them, lint them, report, and decide the exit code.

use std::io::{self, BufWriter, IsTerminal, Write};

use crate::cli::{CheckArgs, OutputFormat};
use crate::error::Error;
use crate::inputs::{Inputs, print_problems};
use crate::lint::{EnabledRule, lint, lint_range, selected_rules};
use crate::report::{
    Findings, Github, HumanOptions, Reporter, Summary, reporter, sanitize::escape,
};
use crate::rules::Category;
use crate::source::{FileId, Origin, SourceFile};
use crate::walk;
use crate::{ExitStatus, terminal_width};
use crate::{baseline, changes, fingerprint, git, output};

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
        for base in git::files_at(rev, &paths, &config, &cwd)? {
            let id = FileId(files.len() as u32);
            let path = format!("{rev}:{}", base.path);
            files.push(SourceFile::new(
                id,
                path.clone(),
                path.into(),
                base.format,
                Origin::Walked,
                base.bytes,
            ));
        }
    }
    let (current, _) = files.split_at(current_count);

    let mut linted = lint(current, &config.settings, &rules);
    let skipped = linted.leave_out_skipped_files();
    let mut diagnostics = std::mem::take(&mut linted.diagnostics);
    if let Some(rev) = &args.base {
        let base = lint_range(&files, current_count..files.len(), &config.settings, &[]).workspace;
        let severity_of = |code: &'static str| {
            rules
                .iter()
                .find(|(r, _)| r.meta().code == code)
                .map(|(_, s)| *s)
        };
        diagnostics.extend(changes::compare(
            &base,
            &linted.workspace,
            rev,
            &config.settings,
            severity_of,
        ));
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    let mut fingerprints = fingerprint::fingerprints(&files, &diagnostics);

    let mut stderr = io::stderr().lock();
    if args.verbose {
        for (file, skip) in current.iter().zip(&skipped) {
            let what = if *skip {
                "skipped (no ownership content)"
            } else {
                "checked"
            };
            let _ = writeln!(stderr, "ownlint: {what}: {}", escape(&file.path));
        }
    }
    print_problems(&skipped_links, &problems, &mut stderr);

    if let Some(path) = &args.write_baseline {
        let count = baseline::write(path, &files, &diagnostics, &fingerprints)?;
        let _ = writeln!(
            stderr,
            "ownlint: wrote {count} findings to the baseline {}",
            escape(&path.display().to_string())
        );
        return Ok(if problems.is_empty() {
            ExitStatus::Success
        } else {
            ExitStatus::Error
        });
    }
    let mut baselined = 0;
    if let Some(path) = &args.baseline {
        let entries = baseline::load(path)?;
        let applied = baseline::apply(&entries, diagnostics, fingerprints);
        diagnostics = applied.diagnostics;
        fingerprints = applied.fingerprints;
        baselined = applied.matched;
        if applied.stale > 0 {
            let _ = writeln!(
                stderr,
                "ownlint: {} baseline entries no longer match a finding; shrink the baseline with `ownlint check --write-baseline {}`",
                applied.stale,
                escape(&path.display().to_string())
            );
        }
    }

    let mut summary = Summary {
        files: skipped.iter().filter(|s| !**s).count(),
        domains: linted.workspace.domain_count(),
        suppressed: linted.suppressed,
        baselined,
        ..Summary::default()
    };
    summary.count(&diagnostics);
    let findings = Findings {
        files: &files,
        linted: (0..current_count).filter(|i| !skipped[*i]).collect(),
        diagnostics: &diagnostics,
        fingerprints: &fingerprints,
        summary,
        unreadable: &problems,
    };
    report(args, &findings, &rules)?;

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

/// Print the report: to stdout, or to `--output-file` with the summary (and, inside GitHub
/// Actions, the annotations) on stdout. Inside GitHub Actions, human and concise output is
/// fenced with `::stop-commands::` so that document text cannot issue workflow commands.
fn report(args: &CheckArgs, findings: &Findings<'_>, rules: &[EnabledRule]) -> Result<(), Error> {
    let stdout = io::stdout();
    let is_terminal = stdout.is_terminal();
    let in_actions = output::in_github_actions();
    let human = HumanOptions {
        color: args.output_file.is_none() && args.color.enabled(is_terminal),
        width: terminal_width(is_terminal && args.output_file.is_none()),
    };
    // The change rules only run with `--base`.
    let ran = rules
        .iter()
        .map(|(r, _)| r.meta())
        .filter(|m| args.base.is_some() || m.category != Category::Change)
        .collect();
    let mut reporter = reporter(args.format, human, ran);
    let mut out = BufWriter::new(stdout.lock());
    if let Some(path) = &args.output_file {
        output::write_atomically(path, |file| reporter.report(findings, file))?;
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
