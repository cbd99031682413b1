//! A Backstage catalog entity (a YAML document with `apiVersion: backstage.io/…`) read into
//! the model: the entity with its references ([`Entity`]), and for the kinds a team owns
//! (Components, APIs, Resources, Systems, Domains) a domain too, owned by its `spec.owner`
//! and escalated to through the annotations that name an on-call rotation.

use serde_saphyr::Spanned;

use super::read::Reader;
use super::tree::Node;
use crate::model::catalog::{
    API_VERSIONS, Entity, RefField, RefParts, Reference, TRANSFER_ANNOTATION,
};
use crate::model::{Domain, DomainOrigin, Field, Text};
use crate::source::Span;

/// Whether a document is a Backstage plugin's entity: a `kind`, and an `apiVersion` in a
/// group under `backstage.io` other than the core model's (`scaffolder.backstage.io/v1beta3`,
/// a `Template`). Backstage reads it through its plugin; ownlint has nothing to check in it.
pub(super) fn is_plugin_entity(root: &Spanned<Node>) -> bool {
    let entries = map_entries(root);
    let plugin = api_version(entries)
        .and_then(|v| v.split_once('/'))
        .is_some_and(|(group, _)| group.ends_with(".backstage.io"));
    plugin && get(entries, "kind").is_some()
}

/// A document's `apiVersion`, when it writes one as text.
fn api_version(entries: &[(Spanned<Node>, Spanned<Node>)]) -> Option<&str> {
    match &get(entries, "apiVersion")?.1.value {
        Node::Scalar { value, .. } => Some(value),
        _ => None,
    }
}

/// Whether a line is a top-level `apiVersion: backstage.io/…` (quoted or not).
pub(super) fn is_api_version_line(line: &str) -> bool {
    let Some(rest) = line.strip_prefix("apiVersion:") else {
        return false;
    };
    let value = rest.trim().trim_matches(['"', '\'']);
    value.starts_with("backstage.io/")
}

/// A document's entries when it is a Backstage entity: a mapping whose `apiVersion` is
/// `backstage.io/…`.
pub(super) fn entity_fields(root: &Spanned<Node>) -> Option<&[(Spanned<Node>, Spanned<Node>)]> {
    let Node::Map(entries) = &root.value else {
        return None;
    };
    api_version(entries)?
        .starts_with("backstage.io/")
        .then_some(entries.as_slice())
}

/// The value under `key` in a mapping's entries.
fn get<'n>(
    entries: &'n [(Spanned<Node>, Spanned<Node>)],
    key: &str,
) -> Option<(&'n Spanned<Node>, &'n Spanned<Node>)> {
    entries
        .iter()
        .find(|(k, _)| matches!(&k.value, Node::Scalar { value, .. } if value == key))
        .map(|(k, v)| (k, v))
}

fn map_entries(node: &Spanned<Node>) -> &[(Spanned<Node>, Spanned<Node>)] {
    match &node.value {
        Node::Map(entries) => entries,
        _ => &[],
    }
}

impl<'s> Reader<'s, '_> {
    /// A document of a `catalog-info.yaml` that is neither an entity of Backstage's own model
    /// nor a plugin's ([`is_plugin_entity`]): Backstage refuses it, and it is said.
    pub(super) fn not_an_entity(&mut self, root: &Spanned<Node>) {
        if matches!(root.value, Node::Null) {
            return;
        }
        let start = self.span(root).start as usize;
        self.problem_with_help(
            Span::empty_at(start),
            "this document of a catalog file is no Backstage entity (`apiVersion: \
             backstage.io/v1alpha1` and a `kind`): Backstage refuses it",
            "start it with `apiVersion: backstage.io/v1alpha1` and `kind:`, or move it out of \
             catalog-info.yaml",
        );
    }

    /// One entity, and its domain when its kind is one a team owns.
    pub(super) fn entity(
        &mut self,
        root: &Spanned<Node>,
        entries: &[(Spanned<Node>, Spanned<Node>)],
    ) {
        let span = self.span(root);
        if let Some((_, version)) = get(entries, "apiVersion")
            && let Some(text) = self.text(version)
            && !API_VERSIONS.contains(&text.as_str())
        {
            self.problem(
                text.span,
                format!(
                    "`{text}` is not an apiVersion of Backstage's catalog: `backstage.io/v1alpha1` \
                     is read as it"
                ),
            );
        }
        let kind = match get(entries, "kind").and_then(|(_, v)| self.text(v)) {
            Some(kind) => kind,
            None => {
                self.problem(span, "a Backstage entity without `kind`");
                Text::empty_at(span.start as usize)
            }
        };
        let metadata = get(entries, "metadata").map_or(&[][..], |(_, v)| map_entries(v));
        let name = get(metadata, "name").and_then(|(_, v)| self.text(v));
        let namespace = get(metadata, "namespace").and_then(|(_, v)| self.text(v));
        let annotations = get(metadata, "annotations")
            .map_or(&[][..], |(_, v)| map_entries(v))
            .iter()
            .filter_map(|(k, v)| Some((self.text(k)?, self.text(v)?)))
            .collect();
        let (spec_key, spec) = match get(entries, "spec") {
            Some((key, value)) => (self.span(key), map_entries(value)),
            None => (kind.span, &[][..]),
        };
        let profile = get(spec, "profile").map_or(&[][..], |(_, v)| map_entries(v));
        let email = get(profile, "email").and_then(|(_, v)| self.text(v));
        let display = get(profile, "displayName")
            .or_else(|| get(metadata, "title"))
            .and_then(|(_, v)| self.text(v));
        let mut entity = Entity {
            name: name.unwrap_or_else(|| Text::empty_at(kind.span.end as usize)),
            kind,
            namespace,
            span,
            spec: spec_key,
            refs: Vec::new(),
            annotations,
            email,
            display,
            malformed: Vec::new(),
        };
        for field in RefField::ALL {
            if let Some((_, value)) = get(spec, field.key()) {
                self.references(&mut entity, field, value);
            }
        }
        // An entity without a name is not in Backstage's catalog (`catalog-invalid-name`
        // says so): no domain stands for it.
        if entity.needs_owner() && !entity.name.is_empty() {
            self.entity_domain(&entity, spec);
        }
        self.doc.entities.push(entity);
    }

    /// The references under `spec.<field>`: one, or a list for the fields that hold several.
    fn references(&mut self, entity: &mut Entity<'s>, field: RefField, value: &Spanned<Node>) {
        let items = match (&value.value, field.is_list()) {
            (Node::Seq(items), true) => items.as_slice(),
            (Node::Null, _) => &[],
            (Node::Seq(_) | Node::Map(_), false) | (Node::Map(_), true) => {
                let span = self.span(value);
                let what = if field.is_list() {
                    "a list of entity references"
                } else {
                    "one entity reference"
                };
                self.problem(span, format!("expected {what} for `spec.{}`", field.key()));
                entity.malformed.push(field);
                return;
            }
            (Node::Scalar { .. }, list) => {
                if list {
                    // Read as the one reference it is, and said: Backstage's schema wants a
                    // list here and refuses the entity.
                    let span = self.span(value);
                    let text = &self.src[span.range()];
                    self.problem_with_help(
                        span,
                        format!(
                            "`spec.{}` is a list in Backstage's model: a single reference \
                             makes Backstage refuse the entity",
                            field.key()
                        ),
                        format!("write it as a list: `[{text}]`"),
                    );
                }
                std::slice::from_ref(value)
            }
        };
        for item in items {
            match self.text(item) {
                Some(target) => entity.refs.push(Reference { field, target }),
                None => {
                    let span = self.span(item);
                    self.problem(
                        span,
                        format!("expected an entity reference in `spec.{}`", field.key()),
                    );
                }
            }
        }
    }

    /// The domain an owned entity stands for: named as people call it (`metadata.title`,
    /// else `metadata.name`: the System `payments-platform` titled `Payments Platform` is the
    /// documents' `Payments Platform`), owned by the team `spec.owner` names, escalated to
    /// through its on-call annotations.
    fn entity_domain(&mut self, entity: &Entity<'s>, spec: &[(Spanned<Node>, Spanned<Node>)]) {
        let name = entity
            .display
            .clone()
            .unwrap_or_else(|| entity.name.clone());
        let mut domain = Domain::new(
            self.file,
            name,
            entity.name.span.cover(entity.kind.span),
            DomainOrigin::Catalog,
        );
        if let (Some(owner), Some((key, _))) = (entity.owner(), get(spec, "owner")) {
            let label = self.span(key);
            domain
                .owners
                .push(Field::new(label, owner_name(&owner.target)));
        }
        let transfer = entity
            .annotations
            .iter()
            .find(|(k, _)| k.as_str() == TRANSFER_ANNOTATION);
        domain.transfer = transfer.map(|(key, value)| Field::new(key.span, value.clone()));
        for (key, value) in entity.escalation_annotations() {
            domain
                .escalation_contacts
                .push(Field::new(key.span, value.clone()));
        }
        self.doc.domains.push(domain);
    }
}

/// The team an owner reference names, for the domain's owner: the reference's name
/// (`payments` of `group:default/payments`), the whole text when it cannot be read.
fn owner_name<'s>(target: &Text<'s>) -> Text<'s> {
    match RefParts::parse(target.as_str()) {
        Ok(parts) if parts.kind.is_some() || parts.namespace.is_some() => target.slice(parts.name),
        _ => target.clone(),
    }
}
