use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::catalog::{
    Entity, RefError, RefField, RefParts, is_valid_kind, is_valid_name, is_valid_namespace,
    kind_name,
};
use crate::model::{Document, Text};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports what Backstage's catalog rejects in an entity's names: a missing
    /// `metadata.name`; a name that is not 1 to 63 characters of `[a-zA-Z0-9]` with `-`, `_`
    /// or `.` only between them; a namespace that is not a DNS label (lower case letters,
    /// digits and `-`); a kind that is not letters and digits; and a reference in `spec`
    /// that is not `[kind:][namespace/]name`, or writes no kind in a field that has none
    /// (`dependsOn`, `dependencyOf`).
    ///
    /// ## Why is this bad?
    /// Backstage refuses the entity, or the relation, when it reads the file: the entity is
    /// not in the catalog at all, and nothing in the pull request said so.
    ///
    /// ## Example
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Component
    /// metadata:
    ///   name: payments api
    /// spec:
    ///   owner: payments
    ///   dependsOn: [payments-db]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// apiVersion: backstage.io/v1alpha1
    /// kind: Component
    /// metadata:
    ///   name: payments-api
    /// spec:
    ///   owner: payments
    ///   dependsOn: [resource:payments-db]
    /// ```
    pub struct CatalogInvalidName {
        code: "OWN704",
        name: "catalog-invalid-name",
        severity: Error,
        category: Catalog,
        checker: Document,
    }
}

impl Rule for CatalogInvalidName {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for entity in &doc.entities {
            names(doc, entity, cx);
            references(doc, entity, cx);
        }
    }
}

fn report(doc: &Document<'_>, cx: &mut Context<'_>, text: &Text<'_>, message: String, help: &str) {
    cx.report(
        Diagnostic::new(&CatalogInvalidName::META, doc.file, text.span, message)
            .with_help(help.to_owned()),
    );
}

fn names(doc: &Document<'_>, entity: &Entity<'_>, cx: &mut Context<'_>) {
    if entity.name.is_empty() {
        report(
            doc,
            cx,
            &entity.kind,
            format!("{} has no `metadata.name`", entity.kind),
            "name it under `metadata`: `name: payments-api`",
        );
    } else if !is_valid_name(entity.name.as_str()) {
        report(
            doc,
            cx,
            &entity.name,
            format!("`{}` is not a valid entity name", entity.name),
            "1 to 63 characters of letters and digits, with `-`, `_` or `.` between them",
        );
    }
    if let Some(namespace) = entity.namespace.as_ref()
        && !is_valid_namespace(namespace.as_str())
    {
        report(
            doc,
            cx,
            namespace,
            format!("`{namespace}` is not a valid namespace"),
            "1 to 63 lower case letters and digits, with `-` between them",
        );
    }
    let kind = entity.kind.as_str();
    if !kind.is_empty() && !is_valid_kind(kind) {
        report(
            doc,
            cx,
            &entity.kind,
            format!("`{kind}` is not a valid kind"),
            "letters and digits, a letter first: `Component`",
        );
    } else if kind_name(kind) != kind {
        // Backstage's processors and validators compare kinds as written.
        let help = format!("write `{}`", kind_name(kind));
        report(
            doc,
            cx,
            &entity.kind,
            format!("`{kind}` is not a kind Backstage knows in this case"),
            &help,
        );
    }
}

fn references(doc: &Document<'_>, entity: &Entity<'_>, cx: &mut Context<'_>) {
    for reference in &entity.refs {
        let text = reference.target.as_str();
        let field = reference.field;
        let error = RefParts::parse(text)
            .and_then(|parts| parts.resolve(text, field.default_kind(), entity.namespace()));
        let (message, help) = match error {
            Ok(_) => continue,
            // An empty owner is `catalog-missing-owner`'s.
            Err(RefError::Empty) if field == RefField::Owner => continue,
            Err(RefError::Empty | RefError::EmptyPart) => (
                format!(
                    "`{text}` in `spec.{}` is not an entity reference",
                    field.key()
                ),
                "write `[kind:][namespace/]name`: `group:default/payments`",
            ),
            Err(RefError::NoKind) => (
                format!("`{text}` in `spec.{}` does not say its kind", field.key()),
                "write the kind first, as the field has none: `resource:payments-db`",
            ),
        };
        report(doc, cx, &reference.target, message, help);
    }
}
