use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Domain, Text};
use crate::rules::{Context, Rule};
use crate::semantics::placeholder;

fn diagnostic(domain: &Domain<'_>, value: &Text<'_>, why: &str) -> Diagnostic {
    Diagnostic::new(
        &PlaceholderEscalationContact::META,
        domain.file,
        value.span,
        format!(
            "escalation contact of `{}` is a placeholder: `{value}`",
            domain.display_name()
        ),
    )
    .with_label(format!("{why}, not someone to page"))
    .with_help("name the person, rotation or channel to page")
}

declare_rule! {
    /// ## What it does
    /// Reports an escalation contact that is a placeholder rather than someone to page: a
    /// bracketed role from a template (`[Engineering Manager]`), `TBD`, `TODO`, `N/A`,
    /// `???`, `<name>`.
    ///
    /// ## Why is this bad?
    /// During an incident the escalation contact is read in a hurry. `[Engineering
    /// Manager]` says which role to find, not who holds it or how to reach them, so the
    /// escalation stalls exactly when it matters.
    ///
    /// ## Example
    /// ```markdown
    /// **Escalation Contact:** [Engineering Manager]
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// **Escalation Contact:** Jane Doe (@jdoe, #payments-oncall)
    /// ```
    ///
    /// ## Options
    /// `placeholders` in `.ownlint.yaml` adds patterns (regular expressions) that count as
    /// placeholders.
    pub struct PlaceholderEscalationContact {
        code: "OWN202",
        name: "placeholder-escalation-contact",
        severity: Warning,
        category: Escalation,
        checker: Document,
    }
}

impl Rule for PlaceholderEscalationContact {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for domain in &doc.domains {
            let Some(field) = domain.escalation_contacts.first() else {
                continue;
            };
            for value in field.values() {
                if let Some(why) = placeholder(value.as_str(), cx.settings) {
                    cx.report(diagnostic(domain, value, why));
                }
            }
        }
    }
}
