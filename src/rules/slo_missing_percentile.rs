use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Slo, Unit};
use crate::rules::{Context, Rule};
use crate::source::FileId;

fn diagnostic(file: FileId, slo: &Slo<'_>) -> Diagnostic {
    Diagnostic::new(
        &SloMissingPercentile::META,
        file,
        slo.objective.span,
        format!("latency objective of SLO `{}` has no percentile", slo.name),
    )
    .with_help(format!(
        "say which percentile is held to the bound, e.g. `P95 {}`",
        slo.objective.as_str().trim()
    ))
}

declare_rule! {
    /// ## What it does
    /// Reports a latency objective without a percentile, such as `≤ 5ms`.
    ///
    /// ## Why is this bad?
    /// A latency is a distribution. `≤ 5ms` could mean the median, the 99th percentile or
    /// every single request, and those differ by orders of magnitude; an owner cannot answer
    /// for a bound nobody can measure the same way twice.
    ///
    /// ## Example
    /// ```markdown
    /// - Key lookup: ≤ 5ms
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - Key lookup: P99 ≤ 5ms
    /// ```
    pub struct SloMissingPercentile {
        code: "OWN306",
        name: "slo-missing-percentile",
        severity: Warning,
        category: Slo,
        checker: Document,
    }
}

impl Rule for SloMissingPercentile {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for (slo, objective) in doc.parsed_slos() {
            let latency = matches!(objective.unit.value, Unit::Time(_));
            if latency && objective.percentile.is_none() && !names_percentile(slo.name.as_str()) {
                cx.report(diagnostic(doc.file, slo));
            }
        }
    }
}

/// `Request latency (p95)`: the percentile is in the name.
fn names_percentile(name: &str) -> bool {
    name.split(|c: char| !c.is_alphanumeric() && c != '.')
        .any(|w| {
            w.len() > 1
                && w.starts_with(['p', 'P'])
                && w[1..].chars().all(|c| c.is_ascii_digit() || c == '.')
        })
}
