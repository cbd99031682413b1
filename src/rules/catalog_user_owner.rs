use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a Backstage entity owned by a User, when the configuration says owners are
    /// Groups (`catalog: {owners: groups}` in `.ownlint.yaml`). Without that setting the
    /// rule does nothing: Backstage lets a User own an entity.
    ///
    /// ## Why is this bad?
    /// A person changes teams, goes on leave and leaves the company; a team stays. Ownership
    /// given to one person is ownership nobody covers when that person is away.
    ///
    /// ## Example
    /// With `catalog: {owners: groups}`:
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Component
    /// metadata:
    ///   name: payments-api
    /// spec:
    ///   type: service
    ///   lifecycle: production
    ///   owner: user:jane
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
    ///
    /// ## Options
    /// `catalog.owners` in `.ownlint.yaml`: `groups` (owners are Groups) or `any` (the
    /// default).
    pub struct CatalogUserOwner {
        code: "OWN706",
        name: "catalog-user-owner",
        severity: Error,
        category: Catalog,
        checker: Workspace,
    }
}

impl Rule for CatalogUserOwner {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        if !cx.settings.catalog.groups_only {
            return;
        }
        for (id, entity) in ws.catalog_entities() {
            let file = id.file;
            let Some(owner) = entity.owner().filter(|o| {
                o.resolved
                    .as_deref()
                    .is_ok_and(|key| key.starts_with("user:"))
            }) else {
                continue;
            };
            let name = ws.text(file, &entity.name);
            let target = ws.text(file, &owner.target);
            cx.report(
                Diagnostic::new(
                    &CatalogUserOwner::META,
                    file,
                    owner.target.span,
                    format!("`{name}` is owned by the User `{target}`, not a Group"),
                )
                .with_label("a person, not a team")
                .with_help(
                    "give it to the person's team (`owner: group:…`): `catalog.owners` \
                     in .ownlint.yaml says owners are Groups",
                ),
            );
        }
    }
}
