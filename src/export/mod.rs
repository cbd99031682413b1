//! `ownlint export`: read and check the documents, then write the model as JSON, as YAML in
//! the format ownlint reads, or as OpenSLO. A model with error-severity findings is not
//! exported unless `--allow-errors` says so: an export is meant to be the checked model.

pub mod accepted_keys;
pub mod dns_label;
pub mod from_model;
pub mod openslo;
pub mod openslo_document;
pub mod ownership_file;

use std::io::{self, Write};

use crate::cli::{ExportArgs, ExportFormat};
use crate::inputs::{Inputs, print_problems};
use crate::lint::{enabled_rules, lint_documents};
use crate::model::Document;
use crate::report::sanitize::escape;
use crate::report::{Summary, plural};
use crate::{Error, ExitStatus, walk};

pub use from_model::ownership_file;
pub use openslo::{OpensloExport, SkippedSlo, openslo};
pub use ownership_file::OwnershipFile;

pub fn run(args: &ExportArgs) -> Result<ExitStatus, Error> {
    let inputs = Inputs::load(&args.input)?;
    let mut stderr = io::stderr().lock();
    print_problems(&inputs.skipped_links, &inputs.problems, &mut stderr);
    if !inputs.problems.is_empty() {
        // A model missing a file would be exported as if it were whole.
        return Ok(ExitStatus::Error);
    }

    let documents = inputs.documents();
    let errors = error_count(&inputs, &documents);
    if errors > 0 {
        let found = plural(errors, "error");
        if !args.allow_errors {
            let _ = writeln!(
                stderr,
                "ownlint: error: not exporting: the ownership documents have {found}; run `ownlint check` to see them, or pass --allow-errors"
            );
            return Ok(ExitStatus::Failure);
        }
        let _ = writeln!(stderr, "ownlint: warning: exporting despite {found}");
    }

    if !documents.iter().any(Document::has_ownership_content) {
        let searched: Vec<String> = inputs.paths.iter().map(|p| walk::display(p)).collect();
        let _ = writeln!(
            stderr,
            "ownlint: error: nothing to export: no domain found in {}",
            escape(&searched.join(", "))
        );
        return Ok(ExitStatus::Error);
    }

    let text = match args.format {
        ExportFormat::Json => to_json(&ownership_file(&documents)),
        ExportFormat::Yaml => to_yaml(&ownership_file(&documents)),
        ExportFormat::Openslo => {
            let export = openslo(&documents);
            for skipped in &export.skipped {
                let _ = writeln!(
                    stderr,
                    "ownlint: note: not exported to OpenSLO: `{}` SLO `{}`: {}",
                    escape(&skipped.domain),
                    escape(&skipped.slo),
                    skipped.reason
                );
            }
            if export.documents.is_empty() {
                let _ = writeln!(stderr, "ownlint: note: no SLO to export to OpenSLO");
            }
            to_openslo_stream(&export)
        }
    };
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(Error::Write)?;
    out.flush().map_err(Error::Write)?;
    Ok(ExitStatus::Success)
}

/// The error-severity findings of every enabled rule, counted in the files `ownlint check`
/// reports on (a walked file without ownership content, a README, is not one of them).
fn error_count(inputs: &Inputs, documents: &[Document<'_>]) -> usize {
    let settings = &inputs.config.settings;
    let mut linted = lint_documents(&inputs.files, documents, settings, &enabled_rules(settings));
    linted.leave_out_skipped_files();
    let mut summary = Summary::default();
    summary.count(&linted.diagnostics);
    summary.errors
}

/// The model as pretty JSON.
pub fn to_json(file: &OwnershipFile) -> String {
    let mut text = serde_json::to_string_pretty(file).expect("the model serialises to JSON");
    text.push('\n');
    text
}

/// The model as YAML in the format ownlint reads; the serializer quotes what needs quoting
/// (`"a: b"`, `"@team"`, `"yes"`).
pub fn to_yaml(file: &OwnershipFile) -> String {
    // Strings, numbers, lists and mappings with string keys: nothing here can fail.
    serde_saphyr::to_string(file).expect("the model serialises to YAML")
}

/// One YAML document per SLO, each starting with `---`.
pub fn to_openslo_stream(export: &OpensloExport) -> String {
    let mut text = String::new();
    for document in &export.documents {
        text.push_str("---\n");
        text.push_str(&serde_saphyr::to_string(document).expect("an SLO serialises to YAML"));
    }
    text
}
