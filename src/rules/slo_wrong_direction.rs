use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Slo, Unit};
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

fn diagnostic(file: FileId, slo: &Slo<'_>, cmp: &str, span: Span, wrong: &Wrong) -> Diagnostic {
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
        flip(slo, cmp)
    ))
}

/// The objective as written with its comparator turned round.
fn flip(slo: &Slo<'_>, written: &str) -> String {
    let flipped = match written {
        "≤" => "≥",
        "<=" => ">=",
        "<" => ">",
        "≥" => "≤",
        ">=" => "<=",
        ">" => "<",
        other => other,
    };
    slo.objective.as_str().replacen(written, flipped, 1)
}

declare_rule! {
    /// ## What it does
    /// Reports an SLO objective bounded the wrong way: a latency as a lower bound
    /// (`P95 ≥ 300ms`), or an availability, uptime, success or reliability percentage as an
    /// upper bound (`≤ 99.9%`). Error, failure, loss and drop rates are upper bounds and are
    /// not reported.
    ///
    /// ## Why is this bad?
    /// `P95 ≥ 300ms` is met by a slow service and broken by a fast one; `≤ 99.9%` is met by
    /// an outage. The objective says the opposite of what the owner means to answer for.
    ///
    /// ## Example
    /// ```markdown
    /// - Payment processing: P95 ≥ 300ms
    /// - API availability: ≤ 99.9%
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - Payment processing: P95 ≤ 300ms
    /// - API availability: ≥ 99.9%
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
            let wrong = match objective.unit.value {
                Unit::Time(_) if cmp.value.is_lower_bound() => &LATENCY_AS_FLOOR,
                Unit::Percent if cmp.value.is_upper_bound() && is_success_rate(slo) => {
                    &SUCCESS_AS_CEILING
                }
                _ => continue,
            };
            let written = doc_text(slo, cmp.span);
            cx.report(diagnostic(doc.file, slo, &written, cmp.span, wrong));
        }
    }
}

/// The comparator as written, read back from the objective text.
fn doc_text(slo: &Slo<'_>, span: Span) -> String {
    let o = &slo.objective;
    if o.is_exact() && span.start >= o.span.start && span.end <= o.span.end {
        let start = (span.start - o.span.start) as usize;
        let end = (span.end - o.span.start) as usize;
        return o.as_str()[start..end].to_owned();
    }
    match &slo.parsed {
        Ok(obj) => obj.comparator.value.symbol().to_owned(),
        Err(_) => String::new(),
    }
}

/// Whether an SLO's percentage measures good events (a floor) rather than bad ones.
fn is_success_rate(slo: &Slo<'_>) -> bool {
    let text = format!("{} {}", slo.name, slo.objective).to_lowercase();
    const BAD: &[&str] = &[
        "error", "fail", "loss", "drop", "5xx", "4xx", "timeout", "reject", "churn", "latency",
        "abandon", "bounce", "defect",
    ];
    const GOOD: &[&str] = &[
        "availab", "uptime", "success", "reliab", "durab", "complete", "accura", "correct",
        "deliver", "coverage",
    ];
    !BAD.iter().any(|w| text.contains(w)) && GOOD.iter().any(|w| text.contains(w))
}
