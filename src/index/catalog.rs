//! The Backstage catalog across the workspace: each entity's identity and the references it
//! writes, resolved as Backstage resolves them ([`crate::model::catalog`]), and every entity
//! by its identity, for the `catalog-*` rules.

use rustc_hash::FxHashMap;

use super::facts::{Facts, KeptText};
use super::{DomainId, Workspace};
use crate::config::Settings;
use crate::model::Text;
use crate::model::catalog::{Entity, RefError, RefField, RefParts, entity_key};
use crate::semantics::placeholder;
use crate::source::{FileId, Span};

/// What the cross-file rules know of an entity.
#[derive(Clone, Debug)]
pub struct EntityFacts {
    /// Its identity, `kind:namespace/name` in lower case; `None` without a name.
    pub key: Option<Box<str>>,
    pub kind: KeptText,
    pub name: KeptText,
    /// The entity's YAML document.
    pub span: Span,
    /// A Group or a User: what an owner reference may name.
    pub owner_kind: bool,
    /// A kind a team owns ([`Entity::needs_owner`]).
    pub owned: bool,
    /// The name people know it by ([`Entity::display`]).
    pub display: Option<KeptText>,
    /// It says whom to page ([`Entity::has_escalation`]).
    pub escalation: bool,
    pub refs: Vec<RefFacts>,
}

/// A reference an entity writes.
#[derive(Clone, Debug)]
pub struct RefFacts {
    pub field: RefField,
    pub target: KeptText,
    /// The identity of the entity it names, or why it names none.
    pub resolved: Result<Box<str>, RefError>,
    /// An owner whose name is a team of the registry (`teams` in `.ownlint.yaml`): it needs
    /// no Group in the catalog.
    pub registered: bool,
    /// An owner that is a placeholder (`TBD`): `orphaned-domain` says so, and nothing is
    /// looked up for it.
    pub placeholder: bool,
}

impl EntityFacts {
    /// Its `spec.owner`, when written.
    pub fn owner(&self) -> Option<&RefFacts> {
        self.refs.iter().find(|r| r.field == RefField::Owner)
    }

    pub fn new(facts: &mut Facts, entity: &Entity<'_>, settings: &Settings) -> EntityFacts {
        let namespace = entity.namespace();
        let named = !entity.name.is_empty();
        let refs = entity
            .refs
            .iter()
            .map(|reference| {
                let text = reference.target.as_str();
                let parts = RefParts::parse(text);
                let resolved = parts.as_ref().map_err(|e| *e).and_then(|p| {
                    p.resolve(text, reference.field.default_kind(), namespace)
                        .map(Into::into)
                });
                let owner = reference.field == RefField::Owner;
                let registered =
                    owner && parts.is_ok_and(|p| settings.is_registered(&text[p.name]));
                RefFacts {
                    field: reference.field,
                    target: facts.keep(&reference.target),
                    resolved,
                    registered,
                    placeholder: owner && placeholder(text, settings).is_some(),
                }
            })
            .collect();
        EntityFacts {
            key: named
                .then(|| entity_key(entity.kind.as_str(), namespace, entity.name.as_str()).into()),
            kind: facts.keep(&entity.kind),
            name: facts.keep(&entity.name),
            span: entity.span,
            owner_kind: entity.is_owner_kind(),
            owned: entity.needs_owner(),
            display: entity.display.as_ref().map(|d| facts.keep(d)),
            escalation: entity.has_escalation(),
            refs,
        }
    }
}

/// An entity of the workspace: its file and its index among the file's entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct EntityId {
    pub file: FileId,
    pub entity: u32,
}

/// Every entity of the workspace by its identity.
#[derive(Debug, Default)]
pub struct Catalog {
    by_key: FxHashMap<Box<str>, Vec<EntityId>>,
}

impl Catalog {
    pub(super) fn new(ws: &Workspace<'_>) -> Catalog {
        let mut by_key: FxHashMap<Box<str>, Vec<EntityId>> = FxHashMap::default();
        for (id, entity) in ws.catalog_entities() {
            if let Some(key) = &entity.key {
                by_key.entry(key.clone()).or_default().push(id);
            }
        }
        Catalog { by_key }
    }

    /// The entities with identity `key`, in file order (more than one is a duplicate).
    pub fn find(&self, key: &str) -> &[EntityId] {
        self.by_key.get(key).map_or(&[], Vec::as_slice)
    }

    /// Every identity that more than one entity has, with those entities; in no set order.
    pub fn duplicates(&self) -> impl Iterator<Item = &[EntityId]> {
        self.by_key
            .values()
            .filter(|ids| ids.len() > 1)
            .map(Vec::as_slice)
    }
}

impl Workspace<'_> {
    pub fn entity_facts(&self, id: EntityId) -> &EntityFacts {
        &self.facts(id.file).entities[id.entity as usize]
    }

    /// The domains the documents define that a catalog entity describes too: each entity's
    /// domain with the documents' first definition of the same name.
    pub fn described_in_catalog(&self) -> Vec<(DomainId, DomainId)> {
        let mut out = Vec::new();
        for ids in self.domains_of_one_name() {
            let Some(&defined) = ids.iter().find(|&&id| !self.is_entity(id)) else {
                continue;
            };
            let entities = ids.into_iter().filter(|&id| self.is_entity(id));
            out.extend(entities.map(|entity| (defined, entity)));
        }
        out
    }

    /// The entities of the catalog, with their ids, in file order: those with a name (one
    /// without is in no catalog; `catalog-invalid-name` says so).
    pub fn catalog_entities(&self) -> impl Iterator<Item = (EntityId, &EntityFacts)> {
        self.all_facts().flat_map(|(file, facts)| {
            let entities = facts.entities.iter().enumerate();
            entities
                .filter(|(_, e)| e.key.is_some())
                .map(move |(i, e)| {
                    let id = EntityId {
                        file,
                        entity: i as u32,
                    };
                    (id, e)
                })
        })
    }

    /// The entity a catalog domain stands for: the one whose document holds the domain.
    pub fn entity_of(&self, domain: DomainId) -> Option<&EntityFacts> {
        let span = self.domain_facts(domain).span;
        let entities = &self.facts(domain.file).entities;
        entities.iter().find(|e| e.span.contains_span(span))
    }

    /// The names the owner of a catalog entity's domain goes by: its reference's name
    /// (`payments` of `group:payments`), and the display name of the Group it resolves to.
    pub fn entity_owner_names(&self, domain: DomainId) -> Vec<Text<'_>> {
        let domain_facts = self.domain_facts(domain);
        let mut out: Vec<Text<'_>> = domain_facts
            .owner_text
            .iter()
            .map(|kept| self.text(domain.file, kept))
            .collect();
        let owner = self.entity_of(domain).and_then(EntityFacts::owner);
        if let Some(Ok(key)) = owner.map(|r| &r.resolved) {
            for &id in self.catalog().find(key) {
                let group = self.entity_facts(id);
                out.extend(group.display.iter().map(|d| self.text(id.file, d)));
            }
        }
        out
    }
}
