use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::model::names::{display_name, same_team};
use crate::model::{Document, Domain, Field, Text};
use crate::rules::{Context, Rule};
use crate::semantics::named_owners;

fn second_field(domain: &Domain<'_>, first: &Field<'_>, second: &Field<'_>) -> Diagnostic {
    let span = if second.value.is_empty() {
        second.label
    } else {
        second.value.span
    };
    Diagnostic::new(
        &MultipleOwners::META,
        domain.file,
        span,
        format!(
            "domain `{}` has a second owner field",
            domain.display_name()
        ),
    )
    .with_label("second owner")
    .with_secondary(
        domain.file,
        if first.value.span.is_empty() {
            first.label
        } else {
            first.value.span
        },
        "first owner",
    )
    .with_help(HELP)
}

fn several(domain: &Domain<'_>, field: &Field<'_>, owners: &[Text<'_>]) -> Diagnostic {
    let names: Vec<String> = owners.iter().map(|o| format!("`{o}`")).collect();
    let span = if field.value.is_empty() {
        owners[0].span.cover(owners[owners.len() - 1].span)
    } else {
        field.value.span
    };
    Diagnostic::new(
        &MultipleOwners::META,
        domain.file,
        span,
        format!(
            "domain `{}` has {} owners: {}",
            domain.display_name(),
            owners.len(),
            names.join(", ")
        ),
    )
    .with_help(HELP)
}

const HELP: &str = "a domain has exactly one owner; name the others as `Backup:`, or declare \
                    shared ownership with an explicit SLA";

declare_rule! {
    /// ## What it does
    /// Reports a domain with more than one owner: `A, B`, `A and B`, `A + B`, `A / B`, two
    /// team handles, a YAML list, a list under the owner label, or the owner field given
    /// twice (reported on the second).
    ///
    /// A backup (`Backup:`, `Fallback:`, `Secondary:`) is not a second owner.
    ///
    /// A domain a Backstage catalog entity describes too (a Component or System of the same
    /// name) has one owner in both: an entity whose `spec.owner` names another team is
    /// reported at that owner, with a label on the documents' owner. The two name one team
    /// when they are the same name, the same slug (`Payment Service Team` and the Group
    /// `payment-service-team`), or when the Group's display name is the documents' owner.
    ///
    /// `&` and `|` separate two owners when they stand between two handles or emails
    /// (`@acme/checkout & @acme/payments`) or between two team names that each end in a team
    /// word (`Platform Team & Payments Team`); inside one name they do not
    /// (`Research & Development Team`, `Auth & Security`, `R&D Team`). The team registry
    /// (`teams` in `.ownlint.yaml`) wins: a registered name is one owner whatever it holds,
    /// and `&` between two registered teams is two owners (`Identity & Fraud`).
    ///
    /// ## Why is this bad?
    /// When two teams own a domain, each assumes the other has it. Shared ownership is an
    /// exception that needs an explicit agreement with an SLA, boundaries, an escalation path
    /// and a sync cadence; a second name in the owner field has none of that.
    ///
    /// ## Example
    /// ```markdown
    /// **Owner:** Payment Service Team, Platform Team
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// **Owner:** Payment Service Team
    /// **Backup:** Platform Team
    /// ```
    pub struct MultipleOwners {
        code: "OWN102",
        name: "multiple-owners",
        severity: Error,
        category: Ownership,
        checker: Document,
    }
}

impl Rule for MultipleOwners {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        for (defined, entity) in ws.described_in_catalog() {
            let (Some(owner), Some(entity_owner)) = (
                ws.domain_facts(defined).owner_text,
                ws.domain_facts(entity).owner_text,
            ) else {
                continue; // no one owner on one side: other findings say so
            };
            let written = ws.text(defined.file, &owner);
            let names = ws.entity_owner_names(entity);
            if names
                .iter()
                .any(|n| same_team(written.as_str(), n.as_str()))
            {
                continue;
            }
            let catalog_owner = ws.text(entity.file, &entity_owner);
            let name = ws.domain_name(defined);
            cx.report(
                Diagnostic::new(
                    &MultipleOwners::META,
                    entity.file,
                    entity_owner.span,
                    format!(
                        "domain `{}` is owned by `{written}` in its document and by \
                         `{catalog_owner}` in the Backstage catalog",
                        display_name(name.as_str())
                    ),
                )
                .with_label("second owner")
                .with_secondary(defined.file, owner.span, "first owner")
                .with_help(
                    "one domain, one owner: make the entity's `spec.owner` the documents' \
                     owner (its Group), or change the documents",
                ),
            );
        }
    }

    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for domain in &doc.domains {
            let Some(first) = domain.owners.first() else {
                continue;
            };
            if let Some(second) = domain.owners.get(1) {
                cx.report(second_field(domain, first, second));
                continue;
            }
            let owners = named_owners(first, cx.settings);
            if owners.len() > 1 {
                cx.report(several(domain, first, &owners));
            }
        }
    }
}
