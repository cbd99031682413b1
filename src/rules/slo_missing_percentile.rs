use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Objective, Slo, Unit};
use crate::rules::{Context, Rule};
use crate::source::FileId;

fn diagnostic(file: FileId, slo: &Slo<'_>, objective: &Objective) -> Diagnostic {
    Diagnostic::new(
        &SloMissingPercentile::META,
        file,
        objective.span,
        format!("latency objective of SLO `{}` has no percentile", slo.name),
    )
    .with_help(format!(
        "say which percentile is held to the bound, e.g. `P95 {}`",
        slo.objective_text(objective).trim()
    ))
}

declare_rule! {
    /// ## What it does
    /// Reports a latency objective without a percentile, such as `≤ 5ms`. The percentile may
    /// stand before the value (`P95 ≤ 300ms`, `p95: < 300ms`), after it (`< 300ms p95`,
    /// `300ms at p95`, `< 300ms (p95)`), as a share (`95% of requests < 100ms`) or in the
    /// SLO's name (`Request latency (p95)`).
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
        // A percentile in the SLO's name (`Request latency (p95)`) or after the value
        // (`< 300ms p95`) is the objective's percentile: the grammar reads it.
        for (slo, objective) in doc.parsed_slos() {
            let latency = matches!(objective.unit.value, Unit::Time(_));
            if latency && objective.percentile.is_none() {
                cx.report(diagnostic(doc.file, slo, objective));
            }
        }
    }
}
