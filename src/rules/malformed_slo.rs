use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, ObjectiveError, Slo};
use crate::rules::{Context, Rule};
use crate::source::FileId;

fn diagnostic(file: FileId, slo: &Slo<'_>, error: &ObjectiveError) -> Diagnostic {
    // An objective that is missing entirely has no token to point at: point at the SLO.
    let span = if error.span.is_empty() {
        slo.span
    } else {
        error.span
    };
    let subject = if slo.name.is_empty() {
        "SLO objective".to_owned()
    } else {
        format!("objective of SLO `{}`", slo.name)
    };
    Diagnostic::new(&MalformedSlo::META, file, span, format!("malformed {subject}: {}", error.message))
        .with_help("write objectives as `[percentile] comparator number unit`, e.g. `P95 ≤ 300ms`, `≥ 99.9%` or `≥ 1000 ops/hour`")
}

declare_rule! {
    /// ## What it does
    /// Reports an SLO objective that cannot be read as
    /// `[percentile] comparator number [unit] [qualifier]`, pointing at the token where
    /// reading stopped and saying what was expected there.
    ///
    /// Accepted: percentiles `P50` to `P99.999`; comparators `≤ <= < ≥ >= > =` (and words
    /// such as `under` or `at least`); time units from `ns` to `days`, `%`, and rates such as
    /// `ops/hour`, `req/s` or `jobs per minute`; a bare percentage such as `100%` (meaning at
    /// least that); a trailing qualifier such as `monthly` or `(3 nines)`.
    ///
    /// ## Why is this bad?
    /// An objective nobody can evaluate is not an objective. `P95 ≤ 300` could be
    /// milliseconds or seconds; `P95 <= fast` cannot be measured at all; the owner cannot
    /// answer for it and no alert can be built from it.
    ///
    /// ## Example
    /// ```markdown
    /// - Payment processing: P95 ≤ 300
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - Payment processing: P95 ≤ 300ms
    /// ```
    pub struct MalformedSlo {
        code: "OWN301",
        name: "malformed-slo",
        severity: Error,
        category: Slo,
        checker: Document,
    }
}

impl Rule for MalformedSlo {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for slo in doc.slos() {
            if let Err(error) = &slo.parsed {
                cx.report(diagnostic(doc.file, slo, error));
            }
        }
    }
}
