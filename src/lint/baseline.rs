//! Baselines, to adopt ownlint on a repository that already has findings: `--write-baseline`
//! records today's findings by fingerprint, `--baseline` reports only new ones and says how
//! many recorded findings are gone, so the baseline can shrink.

use std::collections::HashSet;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::error::Error;
use crate::source::SourceFile;
use crate::util::fs::write_atomically;

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    version: u32,
    findings: Vec<Entry>,
}

/// One recorded finding. Only the fingerprint is compared; the rest is for people reading
/// the file in a review.
#[derive(Serialize, Deserialize)]
pub struct Entry {
    pub fingerprint: String,
    pub rule: String,
    pub file: String,
    pub message: String,
}

pub fn write(
    path: &Path,
    files: &[SourceFile],
    diagnostics: &[Diagnostic],
    fingerprints: &[String],
) -> Result<usize, Error> {
    let findings: Vec<Entry> = diagnostics
        .iter()
        .zip(fingerprints)
        .map(|(d, fingerprint)| Entry {
            fingerprint: fingerprint.clone(),
            rule: d.rule.name.to_owned(),
            file: files[d.file.index()].path.clone(),
            message: d.message.clone(),
        })
        .collect();
    let count = findings.len();
    let file = BaselineFile {
        version: 1,
        findings,
    };
    write_atomically(path, |out| {
        serde_json::to_writer_pretty(&mut *out, &file).map_err(std::io::Error::from)?;
        writeln!(out)
    })
    .map_err(Error::output(path))?;
    Ok(count)
}

pub fn load(path: &Path) -> Result<Vec<Entry>, Error> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::Usage {
        message: format!(
            "cannot read the baseline {}: {}",
            path.display(),
            crate::source::walk::io_message(&e)
        ),
        help: Some("create one with `ownlint check --write-baseline FILE`".to_owned()),
    })?;
    let file: BaselineFile = serde_json::from_str(&text).map_err(|e| Error::Usage {
        message: format!("the baseline {} is not valid: {e}", path.display()),
        help: Some("recreate it with `ownlint check --write-baseline FILE`".to_owned()),
    })?;
    if file.version != 1 {
        return Err(Error::usage(format!(
            "the baseline {} has version {}, which this ownlint does not read",
            path.display(),
            file.version
        )));
    }
    Ok(file.findings)
}

/// What applying a baseline left.
pub struct Applied {
    pub diagnostics: Vec<Diagnostic>,
    pub fingerprints: Vec<String>,
    /// Findings the baseline knows.
    pub matched: usize,
    /// Baseline entries that matched nothing: fixed since the baseline was written.
    pub stale: usize,
}

pub fn apply(
    entries: &[Entry],
    diagnostics: Vec<Diagnostic>,
    fingerprints: Vec<String>,
) -> Applied {
    let known: HashSet<&str> = entries.iter().map(|e| e.fingerprint.as_str()).collect();
    let mut kept = Vec::new();
    let mut kept_prints = Vec::new();
    let mut matched = 0;
    for (d, print) in diagnostics.into_iter().zip(fingerprints) {
        if known.contains(print.as_str()) {
            matched += 1;
        } else {
            kept.push(d);
            kept_prints.push(print);
        }
    }
    Applied {
        diagnostics: kept,
        fingerprints: kept_prints,
        matched,
        stale: known.len().saturating_sub(matched),
    }
}
