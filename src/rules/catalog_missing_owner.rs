use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::model::catalog::RefField;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a Backstage Component, API, Resource, System or Domain without an owner:
    /// no `spec.owner`, or an empty one. Backstage's own schema requires one for these kinds,
    /// but a catalog processor that skips validation takes the entity anyway. An owner written
    /// as a list or a mapping is a `parse-error` there, not this finding as well.
    ///
    /// ## Why is this bad?
    /// One owner per domain: an entity without an owner is nobody's, and its incidents go
    /// nowhere.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Component
    /// metadata:
    ///   name: payments-api
    /// spec:
    ///   type: service
    ///   lifecycle: production
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Component
    /// metadata:
    ///   name: payments-api
    /// spec:
    ///   type: service
    ///   lifecycle: production
    ///   owner: group:payments
    /// ```
    pub struct CatalogMissingOwner {
        code: "OWN703",
        name: "catalog-missing-owner",
        severity: Error,
        category: Catalog,
        checker: Document,
    }
}

impl Rule for CatalogMissingOwner {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        // A nameless entity is not in the catalog at all: `catalog-invalid-name`'s.
        let owned = doc
            .entities
            .iter()
            .filter(|e| e.needs_owner() && !e.name.is_empty());
        for entity in owned {
            if entity.malformed.contains(&RefField::Owner) {
                continue; // one mistake, one finding: the `parse-error` at the owner
            }
            let (span, message) = match entity.owner() {
                Some(owner) if !owner.target.is_empty() => continue,
                Some(owner) => (owner.target.span, "an empty `spec.owner`"),
                None => (entity.spec, "no `spec.owner`"),
            };
            cx.report(
                Diagnostic::new(
                    &CatalogMissingOwner::META,
                    doc.file,
                    span,
                    format!("{} `{}` has {message}", entity.kind, entity.name),
                )
                .with_help("name the Group that owns it: `owner: group:your-team`"),
            );
        }
    }
}
