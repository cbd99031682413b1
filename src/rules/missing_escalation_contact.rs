use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Domain, DomainOrigin, Field, FieldKind};
use crate::rules::{Context, Rule, misspelt_label};

fn absent(domain: &Domain<'_>) -> Diagnostic {
    let help = match domain.origin {
        DomainOrigin::Yaml => {
            "add `escalation_contact:` with the person, rotation or channel to page"
        }
        DomainOrigin::TableRow => "add an `Escalation Contact` column to the table",
        DomainOrigin::Catalog => "add an on-call annotation: `pagerduty.com/service-id`",
        DomainOrigin::Section => {
            "add an `**Escalation Contact:**` field with the person, rotation or channel to page"
        }
    };
    Diagnostic::new(
        &MissingEscalationContact::META,
        domain.file,
        domain.span,
        format!(
            "domain `{}` has no escalation contact",
            domain.display_name()
        ),
    )
    .with_help(help)
}

fn empty(domain: &Domain<'_>, field: &Field<'_>) -> Diagnostic {
    Diagnostic::new(
        &MissingEscalationContact::META,
        domain.file,
        field.empty_span(),
        format!("escalation contact of `{}` is empty", domain.display_name()),
    )
    .with_help("name the person, rotation or channel to page, e.g. `@payments-oncall`")
}

declare_rule! {
    /// ## What it does
    /// Reports a domain without an escalation contact, or with an empty one. When the domain
    /// has a misspelt label close to `Escalation Contact` (`**Escalaton Contact:**`), the
    /// finding is at that label with the right spelling, and `unknown-field` does not report
    /// the label again: one mistake, one finding.
    ///
    /// ## Why is this bad?
    /// Every owner has a clear escalation contact. Without one, an incident that the owner
    /// cannot resolve has nowhere to go: escalation is mandatory, and a silent failure is the
    /// result when nobody knows whom to call.
    ///
    /// ## Example
    /// ```markdown
    /// ### Payments Domain
    ///
    /// **Owner:** Payment Service Team
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ### Payments Domain
    ///
    /// **Owner:** Payment Service Team
    /// **Escalation Contact:** @payments-oncall
    /// ```
    pub struct MissingEscalationContact {
        code: "OWN201",
        name: "missing-escalation-contact",
        severity: Error,
        category: Escalation,
        checker: Document,
    }
}

impl Rule for MissingEscalationContact {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        // A catalog entity is escalated to through its owner Group too, which another file
        // may hold: `catalog-*` rules judge it over the workspace.
        let domains = doc
            .domains
            .iter()
            .filter(|d| d.origin != DomainOrigin::Catalog);
        for domain in domains {
            match domain.escalation_contacts.first() {
                None => cx.report(
                    misspelt_label(&Self::META, doc, domain, FieldKind::EscalationContact)
                        .unwrap_or_else(|| absent(domain)),
                ),
                Some(field) if field.is_empty() => cx.report(empty(domain, field)),
                Some(_) => {}
            }
        }
    }
}
