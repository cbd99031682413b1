use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a Backstage entity defined twice: two entities of the same kind, namespace
    /// and name (compared without case, as Backstage compares them; no namespace is
    /// `default`), in one file or across files. The later one in sorted path order is
    /// reported, with a label on the first.
    ///
    /// ## Why is this bad?
    /// Backstage keeps one of the two and reports a conflict in its logs, not in the pull
    /// request: which definition wins depends on which location it read last, and the other
    /// owner, relations and annotations silently disappear.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Component
    /// metadata:
    ///   name: payments-api
    /// spec:
    ///   owner: payments
    /// ---
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Component
    /// metadata:
    ///   name: Payments-API
    /// spec:
    ///   owner: platform
    /// ```
    ///
    /// Use instead: one `Component` named `payments-api`.
    pub struct CatalogDuplicateEntity {
        code: "OWN702",
        name: "catalog-duplicate-entity",
        severity: Error,
        category: Catalog,
        checker: Workspace,
    }
}

impl Rule for CatalogDuplicateEntity {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        for ids in ws.catalog().duplicates() {
            let first = ids[0];
            let first_facts = ws.entity_facts(first);
            for &later in &ids[1..] {
                let facts = ws.entity_facts(later);
                let kind = ws.text(later.file, &facts.kind);
                let name = ws.text(later.file, &facts.name);
                cx.report(
                    Diagnostic::new(
                        &CatalogDuplicateEntity::META,
                        later.file,
                        facts.name.span,
                        format!("{kind} `{name}` is defined twice in the catalog"),
                    )
                    .with_label("defined again here")
                    .with_secondary(first.file, first_facts.name.span, "first defined here")
                    .with_help(
                        "keep one definition, or give one of them another name or namespace",
                    ),
                );
            }
        }
    }
}
