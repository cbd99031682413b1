use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use rustc_hash::FxHashSet;

use crate::index::Workspace;
use crate::rules::{Context, Rule};
use crate::source::{FileId, Span};

declare_rule! {
    /// ## What it does
    /// Reports a Backstage Component, API, Resource, System or Domain that says nowhere whom
    /// to page: no on-call annotation of its own (`pagerduty.com/service-id`,
    /// `pagerduty.com/integration-key`, `opsgenie.com/team`,
    /// `opsgenie.com/component-selector`, `splunk.com/on-call-team`), and an owner Group (or
    /// User) with neither such an annotation nor a profile email. An entity whose owner
    /// resolves to nothing is left to `catalog-unknown-reference`, and one that describes a
    /// domain the ownership documents define to those documents' escalation contact
    /// (`missing-escalation-contact`). An entity defined twice is judged once, at its first
    /// definition.
    ///
    /// A warning: a catalog may keep its on-call elsewhere. Turn it off with
    /// `rules: {catalog-missing-escalation: off}` in `.ownlint.yaml`.
    ///
    /// ## Why is this bad?
    /// Every owner has an escalation contact. An entity nobody can page for is an incident
    /// with nowhere to go.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Group
    /// metadata:
    ///   name: payments
    /// spec:
    ///   type: team
    ///   children: []
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Group
    /// metadata:
    ///   name: payments
    ///   annotations:
    ///     pagerduty.com/service-id: PABC123
    /// spec:
    ///   type: team
    ///   profile:
    ///     email: payments-oncall@example.com
    ///   children: []
    /// ```
    pub struct CatalogMissingEscalation {
        code: "OWN705",
        name: "catalog-missing-escalation",
        severity: Warning,
        category: Catalog,
        checker: Workspace,
    }
}

impl Rule for CatalogMissingEscalation {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        let catalog = ws.catalog();
        // The entities that describe a domain of the documents, by their place: looked up
        // once for each entity of the catalog.
        let in_documents: FxHashSet<(FileId, Span)> = ws
            .described_in_catalog()
            .into_iter()
            .filter_map(|(_, domain)| Some((domain.file, ws.entity_of(domain)?.span)))
            .collect();
        let unpaged = ws
            .catalog_entities()
            .filter(|(_, e)| e.owned && !e.escalation);
        for (id, entity) in unpaged {
            let file = id.file;
            // A copy of an entity (`catalog-duplicate-entity`) repeats the first's finding.
            let first = entity.key.as_deref().and_then(|k| catalog.find(k).first());
            if first != Some(&id) {
                continue;
            }
            if in_documents.contains(&(file, entity.span)) {
                continue;
            }
            let Some(owner) = entity.owner() else {
                continue; // `catalog-missing-owner`
            };
            let Ok(key) = &owner.resolved else {
                continue; // `catalog-invalid-name`
            };
            let owners = catalog.find(key);
            if owners.is_empty() && !owner.registered {
                continue; // `catalog-unknown-reference`
            }
            if owners.iter().any(|&id| ws.entity_facts(id).escalation) {
                continue;
            }
            let name = ws.text(file, &entity.name);
            let target = ws.text(file, &owner.target);
            cx.report(
                Diagnostic::new(
                    &CatalogMissingEscalation::META,
                    file,
                    entity.name.span,
                    format!("`{name}` has no escalation contact"),
                )
                .with_label("no on-call annotation")
                .with_secondary(
                    file,
                    owner.target.span,
                    "no escalation contact for this owner either",
                )
                .with_help(format!(
                    "annotate the entity (`pagerduty.com/service-id: …`), or give its owner \
                     `{target}` an on-call annotation or a profile email"
                )),
            );
        }
    }
}
