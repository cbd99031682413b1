use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Objective, Unit};
use crate::rules::{Context, Rule};
use crate::source::{FileId, Span};

fn diagnostic(file: FileId, span: Span, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(&SloOutOfRange::META, file, span, message).with_help(help.to_owned())
}

declare_rule! {
    /// ## What it does
    /// Reports an SLO objective whose number cannot be met or means nothing: a percentage
    /// above 100% or not above 0%, a percentile outside (0, 100) such as `P150`, or a latency
    /// or rate that is not above 0.
    ///
    /// ## Why is this bad?
    /// `≥ 199%` cannot be achieved and `P95 ≤ -20ms` cannot be measured. The owner answers
    /// for the domain's SLOs; an impossible one is a typo that hides the real target.
    ///
    /// ## Example
    /// ```markdown
    /// - API availability: ≥ 199%
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - API availability: ≥ 99.9%
    /// ```
    pub struct SloOutOfRange {
        code: "OWN302",
        name: "slo-out-of-range",
        severity: Error,
        category: Slo,
        checker: Document,
    }
}

impl Rule for SloOutOfRange {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for (_, objective) in doc.parsed_slos() {
            check(doc.file, objective, cx);
        }
    }
}

fn check(file: FileId, objective: &Objective, cx: &mut Context<'_>) {
    if let Some(p) = objective.percentile
        && !(p.value > 0.0 && p.value < 100.0)
    {
        cx.report(diagnostic(
            file,
            p.span,
            format!("percentile {} is out of range", fmt_number(p.value)),
            "a percentile lies strictly between 0 and 100, e.g. `P95` or `P99.9`",
        ));
    }
    let value = objective.value;
    match objective.unit.value {
        Unit::Percent if value.value > 100.0 => cx.report(diagnostic(
            file,
            value.span,
            format!(
                "objective of {}% is more than 100%",
                fmt_number(value.value)
            ),
            "a percentage objective lies between 0% and 100%",
        )),
        Unit::Percent if value.value <= 0.0 => cx.report(diagnostic(
            file,
            value.span,
            format!("objective of {}% is not above 0%", fmt_number(value.value)),
            "a percentage objective lies between 0% and 100%",
        )),
        Unit::Time(_) if value.value <= 0.0 => cx.report(diagnostic(
            file,
            value.span,
            format!(
                "latency objective of {} is not above 0",
                fmt_number(value.value)
            ),
            "a latency objective bounds a duration, which is above 0",
        )),
        Unit::Rate { .. } if value.value <= 0.0 => cx.report(diagnostic(
            file,
            value.span,
            format!(
                "rate objective of {} is not above 0",
                fmt_number(value.value)
            ),
            "a rate objective bounds a count per unit of time, which is above 0",
        )),
        _ => {}
    }
}

fn fmt_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}
