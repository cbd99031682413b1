use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Domain, DomainOrigin, FieldKind};
use crate::rules::{Context, Rule, report_lacking};

fn diagnostic(domain: &Domain<'_>) -> Diagnostic {
    let help = match domain.origin {
        DomainOrigin::Yaml => {
            "add `slos:` with the objectives the owner answers for, e.g. `- \"Checkout: P95 ≤ 300ms\"`"
        }
        _ => {
            "add `**SLO Responsibility:**` with the objectives the owner answers for, e.g. `- Checkout: P95 ≤ 300ms`"
        }
    };
    Diagnostic::new(
        &MissingSlo::META,
        domain.file,
        domain.span,
        format!("domain `{}` has no SLO", domain.display_name()),
    )
    .with_help(help)
}

declare_rule! {
    /// ## What it does
    /// Reports a domain with no SLO, on its heading (or YAML item). Domains read from a table
    /// row are not reported: a row has no place for SLOs. When the domain has a misspelt label
    /// close to an SLO label (`**SLO Responsibilty:**`), the finding is at that label with the
    /// right spelling, and `unknown-field` does not report the label again.
    ///
    /// ## Why is this bad?
    /// The owner answers for the domain's SLOs. Without any, nobody can tell whether the
    /// domain is healthy, and the owner answers for nothing measurable.
    ///
    /// ## Example
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Payment Service Team
    /// **Escalation Contact:** @payments-oncall
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Payment Service Team
    /// **Escalation Contact:** @payments-oncall
    /// **SLO Responsibility:**
    /// - Payment processing: P95 ≤ 500ms
    /// ```
    pub struct MissingSlo {
        code: "OWN305",
        name: "missing-slo",
        severity: Warning,
        category: Slo,
        checker: Document,
    }
}

impl Rule for MissingSlo {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        report_lacking(doc, cx, &Self::META, FieldKind::Slos, diagnostic);
    }
}
