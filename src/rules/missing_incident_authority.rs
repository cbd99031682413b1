use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Domain, DomainOrigin, FieldKind};
use crate::rules::{Context, Rule, report_lacking};

fn diagnostic(domain: &Domain<'_>) -> Diagnostic {
    let help = match domain.origin {
        DomainOrigin::Yaml => {
            "add `incident_authority:` with what the owner may do during an incident"
        }
        _ => {
            "add `**Incident Authority:**` with what the owner may do during an incident, e.g. `- Can disable payment processing`"
        }
    };
    Diagnostic::new(
        &MissingIncidentAuthority::META,
        domain.file,
        domain.span,
        format!(
            "domain `{}` has no incident authority",
            domain.display_name()
        ),
    )
    .with_help(help)
}

declare_rule! {
    /// ## What it does
    /// Reports a domain that says nothing about the owner's authority during incidents, on
    /// its heading (or YAML item). Domains read from a table row are not reported. When the
    /// domain has a misspelt label close to `Incident Authority` (`**Incident Autority:**`),
    /// the finding is at that label with the right spelling, and `unknown-field` does not
    /// report the label again.
    ///
    /// ## Why is this bad?
    /// The owner has authority to make decisions during incidents, but only if it is written
    /// down: disabling a feature, enabling read-only mode or rolling back are decisions that
    /// must not wait for permission at 3 a.m.
    ///
    /// ## Example
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Payment Service Team
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Payment Service Team
    /// **Incident Authority:**
    /// - Can disable payment processing during incidents
    /// - Can rollback payment service changes
    /// ```
    pub struct MissingIncidentAuthority {
        code: "OWN401",
        name: "missing-incident-authority",
        severity: Warning,
        category: Authority,
        checker: Document,
    }
}

impl Rule for MissingIncidentAuthority {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        report_lacking(
            doc,
            cx,
            &Self::META,
            FieldKind::IncidentAuthority,
            diagnostic,
        );
    }
}
