//! `ownlint export`: read and check the documents, then write the model as JSON, as YAML in
//! the format ownlint reads, or as OpenSLO. A model with error-severity findings is not
//! exported unless `--allow-errors` says so: an export is meant to be the checked model.

use std::io::{self, Write};

use crate::app::ExitStatus;
use crate::app::check::nothing_to_lint;
use crate::app::cli::{ExportArgs, ExportFormat};
use crate::app::inputs::{Inputs, print_problems};
use crate::app::message::{Level, Message};
use crate::error::Error;
use crate::export::backstage::backstage;
use crate::export::codeowners::codeowners;
use crate::export::openslo::{ASSUMED_CALENDAR_START, ASSUMED_TIME_ZONE};
use crate::export::{openslo, ownership_file, to_json, to_openslo_stream, to_yaml};
use crate::lint::{Linted, enabled_rules};
use crate::model::Flavor;
use crate::model::codeowners::GITHUB_SIZE_LIMIT;
use crate::report::{Summary, plural};
use crate::source::read::human_size;
use crate::util::fs::write_atomically;

pub fn run(args: &ExportArgs) -> Result<ExitStatus, Error> {
    let inputs = Inputs::load(&args.input)?;
    let mut stderr = io::stderr().lock();
    print_problems(&inputs.skipped_links, &inputs.problems, &mut stderr);
    if !inputs.problems.is_empty() {
        // A model missing a file would be exported as if it were whole.
        return Ok(ExitStatus::Error);
    }

    let rules = enabled_rules(&inputs.config.settings);
    let linted = inputs.lint(&rules);
    let documents = linted.workspace.documents();
    let errors = error_count(&linted);
    if errors > 0 {
        let found = plural(errors, "error");
        if !args.allow_errors {
            Message::error(format!(
                "not exporting: the ownership documents have {found}"
            ))
            .help("run `ownlint check` to see them, or pass --allow-errors")
            .print(&mut stderr);
            return Ok(ExitStatus::Failure);
        }
        Message::new(Level::Warning, format!("exporting despite {found}")).print(&mut stderr);
    }

    if !linted.found_ownership_content() {
        let nothing = nothing_to_lint(
            &inputs.paths,
            &inputs.files,
            &inputs.cwd,
            &inputs.skipped_files,
            &linted,
        );
        return nothing.map_or(Ok(ExitStatus::Error), Err);
    }

    let text = match args.format {
        ExportFormat::Json => to_json(&ownership_file(documents)),
        ExportFormat::Yaml => to_yaml(&ownership_file(documents)),
        ExportFormat::Openslo => {
            let export = openslo(documents, &inputs.config.settings);
            for skipped in &export.skipped {
                Message::new(
                    Level::Note,
                    format!(
                        "not exported to OpenSLO: `{}` SLO `{}`: {}",
                        skipped.domain, skipped.slo, skipped.reason
                    ),
                )
                .print(&mut stderr);
            }
            if export.documents.is_empty() {
                Message::new(Level::Note, "no SLO to export to OpenSLO").print(&mut stderr);
            }
            // A start written into a file other tools read is said once where it is made
            // up, with the setting that states the team's own.
            if export.assumed_calendar_starts > 0 {
                Message::new(
                    Level::Note,
                    format!(
                        "assumed start {ASSUMED_CALENDAR_START} {ASSUMED_TIME_ZONE} for {}: \
                         the documents state none; set `calendar-start` and `time-zone` under \
                         `export.openslo` in .ownlint.yaml",
                        plural(export.assumed_calendar_starts, "calendar window")
                    ),
                )
                .print(&mut stderr);
            }
            to_openslo_stream(&export)
        }
        ExportFormat::Codeowners => {
            let export = codeowners(documents, &inputs.config.settings);
            for left in &export.left_out {
                Message::new(
                    Level::Note,
                    format!(
                        "not in CODEOWNERS: `{}` of domain `{}`: {}",
                        left.path, left.domain, left.why
                    ),
                )
                .print(&mut stderr);
            }
            let github = inputs.config.codeowners_flavor(&inputs.cwd) == Flavor::GitHub;
            if github && export.text.len() >= GITHUB_SIZE_LIMIT {
                Message::new(
                    Level::Warning,
                    format!(
                        "the CODEOWNERS file is {}: GitHub does not load a CODEOWNERS file of \
                         3 MB or more, and gives no file an owner from it",
                        human_size(export.text.len() as u64)
                    ),
                )
                .help("list fewer, broader paths in the documents: a folder rather than each file in it")
                .print(&mut stderr);
            }
            export.text
        }
        ExportFormat::Backstage => {
            let export = backstage(documents, &inputs.config.settings);
            for (domain, why) in &export.left_out {
                Message::new(
                    Level::Note,
                    format!("not in the Backstage catalog: domain `{domain}`: {why}"),
                )
                .print(&mut stderr);
            }
            export.text
        }
    };
    match &args.output_file {
        Some(path) => write_atomically(path, |out| out.write_all(text.as_bytes()))
            .map_err(Error::output(path))?,
        None => {
            let mut out = io::stdout().lock();
            out.write_all(text.as_bytes()).map_err(Error::Write)?;
            out.flush().map_err(Error::Write)?;
        }
    }
    Ok(ExitStatus::Success)
}

/// The error-severity findings of the rules the configuration enables, counted as `ownlint
/// check` counts them (in the files it reports on: a walked README is not one of them).
fn error_count(linted: &Linted<'_>) -> usize {
    let mut summary = Summary::default();
    summary.count(&linted.diagnostics);
    summary.errors
}
