use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Domain, DomainOrigin, Field, FieldKind, Text};
use crate::rules::{Context, Rule, misspelt_label};
use crate::semantics::placeholder;

fn no_owner(domain: &Domain<'_>) -> Diagnostic {
    let help = match domain.origin {
        DomainOrigin::Yaml => "add `owner: <team>` naming the one team that owns the domain",
        _ => "add an `**Owner:**` field naming the one team that owns the domain",
    };
    Diagnostic::new(
        &OrphanedDomain::META,
        domain.file,
        domain.span,
        format!("domain `{}` has no owner", domain.display_name()),
    )
    .with_help(help)
}

fn empty_owner(domain: &Domain<'_>, owner: &Field<'_>) -> Diagnostic {
    Diagnostic::new(
        &OrphanedDomain::META,
        domain.file,
        owner.empty_span(),
        format!("owner of `{}` is empty", domain.display_name()),
    )
    .with_help("name the one team that owns the domain")
}

fn placeholder_owner(domain: &Domain<'_>, value: &Text<'_>, why: &str) -> Diagnostic {
    Diagnostic::new(
        &OrphanedDomain::META,
        domain.file,
        value.span,
        format!(
            "owner of `{}` is a placeholder: `{value}`",
            domain.display_name()
        ),
    )
    .with_label(format!("{why}, not a team"))
    .with_help("replace the placeholder with the team that owns the domain")
}

declare_rule! {
    /// ## What it does
    /// Reports a domain without an owner: the owner field is missing, empty, or holds a
    /// placeholder such as `TBD`, `TODO`, `N/A`, `[Team Name]`, `<team>`, `${Owner}` or
    /// `___`. When the domain has a misspelt label close to `Owner` (`**Ownr:**`), the finding
    /// is at that label with the right spelling, and `unknown-field` does not report the
    /// label again: one mistake, one finding. A Backstage entity's missing or empty
    /// `spec.owner` is `catalog-missing-owner`'s; a placeholder there is this rule's.
    ///
    /// ## Why is this bad?
    /// Every domain has exactly one owner. An orphaned domain has nobody accountable for its
    /// health, its SLOs or its incidents: when it breaks, nobody is paged and nobody decides.
    ///
    /// ## Example
    /// ```markdown
    /// ### Payments Domain
    ///
    /// **Owner:** TBD
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ### Payments Domain
    ///
    /// **Owner:** Payment Service Team
    /// ```
    ///
    /// ## Options
    /// `placeholders` in `.ownlint.yaml` adds patterns (regular expressions) that count as
    /// placeholders.
    pub struct OrphanedDomain {
        code: "OWN101",
        name: "orphaned-domain",
        severity: Error,
        category: Ownership,
        checker: Document,
    }
}

impl Rule for OrphanedDomain {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for domain in &doc.domains {
            // A catalog entity's missing or empty `spec.owner` is `catalog-missing-owner`'s,
            // with what Backstage wants written; a placeholder owner is this rule's there too.
            let catalog = domain.origin == DomainOrigin::Catalog;
            let Some(owner) = domain.owners.first() else {
                if catalog {
                    continue;
                }
                cx.report(
                    misspelt_label(&Self::META, doc, domain, FieldKind::Owner)
                        .unwrap_or_else(|| no_owner(domain)),
                );
                continue;
            };
            if owner.is_empty() {
                if !catalog {
                    cx.report(empty_owner(domain, owner));
                }
                continue;
            }
            for value in owner.values() {
                if let Some(why) = placeholder(value.as_str(), cx.settings) {
                    cx.report(placeholder_owner(domain, value, why));
                }
            }
        }
    }
}
