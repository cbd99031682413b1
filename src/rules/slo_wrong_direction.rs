use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Objective, ObjectiveKind, Slo};
use crate::rules::{Context, Rule};
use crate::source::{FileId, Span};

/// What is wrong with the bound, and which way it should go.
struct Wrong {
    message: &'static str,
    label: &'static str,
    should_be: &'static str,
}

const LATENCY_AS_FLOOR: Wrong = Wrong {
    message: "latency objective of SLO `{name}` is a lower bound",
    label: "a latency objective caps the time",
    should_be: "an upper bound",
};

const SUCCESS_AS_CEILING: Wrong = Wrong {
    message: "objective of SLO `{name}` caps a success rate",
    label: "availability, uptime and success are floors",
    should_be: "a lower bound",
};

const ERROR_AS_FLOOR: Wrong = Wrong {
    message: "objective of SLO `{name}` sets a floor under an error rate",
    label: "an error rate is a ceiling on bad events",
    should_be: "an upper bound",
};

fn diagnostic(
    file: FileId,
    (slo, objective): (&Slo<'_>, &Objective),
    cmp: &str,
    span: Span,
    wrong: &Wrong,
) -> Diagnostic {
    let message = wrong.message.replace("{name}", slo.name.as_str());
    Diagnostic::new(
        &SloWrongDirection::META,
        file,
        span,
        format!("{message} (`{cmp}`)"),
    )
    .with_label(wrong.label)
    .with_help(format!(
        "write it as {}: `{}`",
        wrong.should_be,
        flip(slo.objective_text(objective), cmp)
    ))
}

/// The objective as written with its comparator turned round.
fn flip(objective: &str, written: &str) -> String {
    let flipped = match written {
        "≤" => "≥",
        "<=" => ">=",
        "<" => ">",
        "≥" => "≤",
        ">=" => "<=",
        ">" => "<",
        other => other,
    };
    objective.replacen(written, flipped, 1)
}

declare_rule! {
    /// ## What it does
    /// Reports an SLO objective bounded the wrong way: a latency as a lower bound
    /// (`P95 ≥ 300ms`), an availability, uptime, success or reliability percentage as an
    /// upper bound (`≤ 99.9%`), or an error, failure, loss or drop rate as a lower bound
    /// (`error rate ≥ 0.1%`). A bare percentage (`0.1% error rate`, `99.9% uptime`) takes
    /// the direction of what it counts and is not reported.
    ///
    /// ## Why is this bad?
    /// `P95 ≥ 300ms` is met by a slow service and broken by a fast one; `≤ 99.9%` is met by
    /// an outage. The objective says the opposite of what the owner means to answer for.
    ///
    /// ## Example
    /// ```markdown
    /// - Payment processing: P95 ≥ 300ms
    /// - API availability: ≤ 99.9%
    /// - Query errors: error rate ≥ 0.1%
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - Payment processing: P95 ≤ 300ms
    /// - API availability: ≥ 99.9%
    /// - Query errors: error rate ≤ 0.1%
    /// ```
    pub struct SloWrongDirection {
        code: "OWN303",
        name: "slo-wrong-direction",
        severity: Error,
        category: Slo,
        checker: Document,
    }
}

impl Rule for SloWrongDirection {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for (slo, objective) in doc.parsed_slos() {
            if objective.implicit_comparator {
                continue;
            }
            let cmp = objective.comparator;
            let wrong = match objective.kind {
                ObjectiveKind::Latency if cmp.value.is_lower_bound() => &LATENCY_AS_FLOOR,
                ObjectiveKind::Availability if cmp.value.is_upper_bound() => &SUCCESS_AS_CEILING,
                ObjectiveKind::ErrorRate if cmp.value.is_lower_bound() => &ERROR_AS_FLOOR,
                _ => continue,
            };
            let written = doc_text(slo, objective);
            cx.report(diagnostic(
                doc.file,
                (slo, objective),
                &written,
                cmp.span,
                wrong,
            ));
        }
    }
}

/// The comparator as written, read back from the objective text.
fn doc_text(slo: &Slo<'_>, objective: &Objective) -> String {
    let span = objective.comparator.span;
    let o = &slo.objective;
    if o.is_exact() && span.start >= o.span.start && span.end <= o.span.end {
        let start = (span.start - o.span.start) as usize;
        let end = (span.end - o.span.start) as usize;
        return o.as_str()[start..end].to_owned();
    }
    objective.comparator.value.symbol().to_owned()
}
