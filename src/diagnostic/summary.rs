//! How many findings a run has, by severity, and the summary line that closes a report.

use super::{Diagnostic, Severity};
use crate::util::plural;

/// Counts for the summary line and the JSON summary.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub files: usize,
    pub domains: usize,
    pub errors: usize,
    pub warnings: usize,
    /// Findings silenced by suppression comments.
    pub suppressed: usize,
    /// Findings left out because the baseline lists them.
    pub baselined: usize,
}

impl Summary {
    pub fn count(&mut self, diagnostics: &[Diagnostic]) {
        for d in diagnostics {
            match d.severity {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
        }
    }

    /// `2 errors, 13 warnings in 3 files, 9 domains` (and `, 1 suppressed` when some are).
    pub fn line(&self) -> String {
        let mut line = format!(
            "{}, {} in {}, {}",
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
            plural(self.files, "file"),
            plural(self.domains, "domain"),
        );
        let mut notes = Vec::new();
        if self.suppressed > 0 {
            notes.push(format!("{} suppressed", self.suppressed));
        }
        if self.baselined > 0 {
            notes.push(format!("{} in the baseline", self.baselined));
        }
        if !notes.is_empty() {
            line.push_str(&format!(" ({})", notes.join(", ")));
        }
        line
    }
}
