use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::index::catalog::{EntityFacts, RefFacts};
use crate::model::catalog::{RefField, kind_name};
use crate::rules::{Context, Rule};
use crate::source::FileId;

declare_rule! {
    /// ## What it does
    /// Reports a reference in a Backstage entity's `spec` that names no entity of the
    /// workspace: an `owner` that is no Group or User (nor a team of the registry, `teams`
    /// in `.ownlint.yaml`), a `system`, `domain`, `subcomponentOf`, `subdomainOf`,
    /// `providesApis`, `consumesApis`, `dependsOn`, `dependencyOf`, `parent`, `children`,
    /// `members` or `memberOf` that names nothing. References are resolved as Backstage's
    /// catalog resolves them: a reference without a kind names the field's kind (a Group for
    /// `owner`, a System for `system`), one without a namespace the entity's own namespace,
    /// and case does not matter. An `owner` that names an entity of another kind (a
    /// Component) is reported too; a placeholder owner (`TBD`) is `orphaned-domain`'s.
    ///
    /// ## Why is this bad?
    /// Backstage accepts a dangling reference without a word: the entity shows an owner
    /// nobody can find, and the relation graph has a hole. Checked offline over every file
    /// at once, the reference is caught in the pull request that breaks it.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Component
    /// metadata:
    ///   name: payments-api
    /// spec:
    ///   owner: payment-team   # no Group payment-team anywhere
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Group
    /// metadata:
    ///   name: payment-team
    /// spec:
    ///   type: team
    ///   children: []
    /// ```
    pub struct CatalogUnknownReference {
        code: "OWN701",
        name: "catalog-unknown-reference",
        severity: Error,
        category: Catalog,
        checker: Workspace,
    }
}

impl Rule for CatalogUnknownReference {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        let catalog = ws.catalog();
        for (id, entity) in ws.catalog_entities() {
            for reference in &entity.refs {
                let Ok(key) = &reference.resolved else {
                    continue; // `catalog-invalid-name` says why it cannot be read
                };
                if reference.placeholder {
                    continue; // `orphaned-domain`: nobody yet, not a name to look up
                }
                let found = catalog.find(key);
                let owner = reference.field == RefField::Owner;
                let names_owner = found.iter().any(|&id| ws.entity_facts(id).owner_kind);
                let problem = match found.is_empty() {
                    true if owner && reference.registered => None,
                    true => Some(Problem::Nothing),
                    false if owner && !names_owner => Some(Problem::NotAnOwner),
                    false => None,
                };
                if let Some(problem) = problem {
                    cx.report(diagnostic(ws, id.file, entity, reference, key, problem));
                }
            }
        }
    }
}

enum Problem {
    /// No entity has the identity the reference resolves to.
    Nothing,
    /// An owner that names an entity of another kind than Group or User.
    NotAnOwner,
}

fn diagnostic(
    ws: &Workspace<'_>,
    file: FileId,
    entity: &EntityFacts,
    reference: &RefFacts,
    key: &str,
    problem: Problem,
) -> Diagnostic {
    let name = ws.text(file, &entity.name);
    let target = ws.text(file, &reference.target);
    let what = match reference.field {
        RefField::Owner => "owner".to_owned(),
        field => format!("`spec.{}`", field.key()),
    };
    let kind = kind_name(key.split(':').next().unwrap_or_default());
    let (message, label, help) = match problem {
        Problem::Nothing => (
            format!("{what} `{target}` of `{name}` resolves to nothing in the catalog"),
            format!("no entity `{key}`"),
            match reference.field {
                RefField::Owner => "add a Group (or a User) of this name, name an existing one, \
                                    or register the team under `teams` in .ownlint.yaml"
                    .to_owned(),
                _ => format!("add the {kind} this names, or name an existing one"),
            },
        ),
        Problem::NotAnOwner => (
            format!("owner `{target}` of `{name}` is no Group or User"),
            format!("`{key}` owns nothing"),
            "an owner is a Group or a User: `group:name` or `user:name`".to_owned(),
        ),
    };
    Diagnostic::new(
        &CatalogUnknownReference::META,
        file,
        reference.target.span,
        message,
    )
    .with_label(label)
    .with_help(help)
}
