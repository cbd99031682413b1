//! The model as a Backstage catalog: a `Group` for each team that owns a domain and a
//! `System` for each domain, owned by its team's Group (`group:default/<team>`), with the
//! escalation contact, the SLOs, the incident authority and the last ownership transfer as
//! annotations. One multi-document YAML stream, the Groups then the Systems, each sorted by
//! name: the same documents give the same bytes.
//!
//! Names are DNS labels ([`dns_label`]), valid entity names that `names::same_team` reads
//! back as the team; the name as the documents write it is the entity's `title` (and a
//! Group's `displayName`).

use std::collections::BTreeMap;

use serde::Serialize;

use super::dns_label::{UniqueLabels, dns_label};
use crate::config::Settings;
use crate::model::catalog::{API_VERSION, ESCALATION_ANNOTATION, TRANSFER_ANNOTATION};
use crate::model::{Document, Domain, DomainOrigin, Text};
use crate::semantics::{self, Ownership};

/// The catalog, and the domains it could not hold.
pub struct BackstageExport {
    pub text: String,
    /// Domains left out, each with why.
    pub left_out: Vec<(String, String)>,
}

/// The annotations a System carries besides its escalation contact's and its transfer's
/// (`model::catalog`, which reads those two back), under ownlint's prefix.
pub const SLOS_ANNOTATION: &str = "ownlint.io/slos";
pub const INCIDENT_AUTHORITY_ANNOTATION: &str = "ownlint.io/incident-authority";

#[derive(Serialize)]
struct Entity {
    #[serde(rename = "apiVersion")]
    api_version: &'static str,
    kind: &'static str,
    metadata: Metadata,
    spec: Spec,
}

#[derive(Serialize)]
struct Metadata {
    name: String,
    title: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    annotations: BTreeMap<&'static str, String>,
}

#[derive(Serialize)]
#[serde(untagged)]
enum Spec {
    Group {
        #[serde(rename = "type")]
        kind: &'static str,
        profile: Profile,
        children: Vec<String>,
    },
    System {
        owner: String,
    },
}

#[derive(Serialize)]
struct Profile {
    #[serde(rename = "displayName")]
    display_name: String,
}

pub fn backstage(documents: &[Document<'_>], settings: &Settings) -> BackstageExport {
    let mut left_out = Vec::new();
    // Each team once, by its slug: two spellings of one team are one Group.
    let mut groups: BTreeMap<String, String> = BTreeMap::new();
    let mut systems: Vec<(String, Entity)> = Vec::new();
    let mut names = UniqueLabels::default();
    // A catalog entity read as a domain is in Backstage already.
    let domains = documents.iter().flat_map(|d| &d.domains);
    for domain in domains.filter(|d| d.origin != DomainOrigin::Catalog) {
        let name = domain.display_name();
        let owner = match semantics::ownership(domain, settings) {
            Ownership::One(owner) => owner,
            _ => {
                left_out.push((name.to_owned(), "it has no one real owner".to_owned()));
                continue;
            }
        };
        let group = dns_label(owner.as_str());
        if group.is_empty() {
            let why = format!("its owner `{owner}` has no letter or digit to name a Group by");
            left_out.push((name.to_owned(), why));
            continue;
        }
        groups
            .entry(group.clone())
            .or_insert_with(|| owner.as_str().to_owned());
        let system = names.claim(&dns_label(name), "domain");
        systems.push((system.clone(), system_entity(domain, system, &group)));
    }
    systems.sort_by(|a, b| a.0.cmp(&b.0));
    let mut text = String::new();
    let entities = groups
        .into_iter()
        .map(|(name, title)| group_entity(name, title))
        .chain(systems.into_iter().map(|(_, entity)| entity));
    for entity in entities {
        text.push_str("---\n");
        text.push_str(&serde_saphyr::to_string(&entity).expect("an entity serialises to YAML"));
    }
    BackstageExport { text, left_out }
}

fn group_entity(name: String, title: String) -> Entity {
    Entity {
        api_version: API_VERSION,
        kind: "Group",
        metadata: Metadata {
            name,
            title: title.clone(),
            annotations: BTreeMap::new(),
        },
        spec: Spec::Group {
            kind: "team",
            profile: Profile {
                display_name: title,
            },
            children: Vec::new(),
        },
    }
}

fn system_entity(domain: &Domain<'_>, name: String, group: &str) -> Entity {
    let mut annotations = BTreeMap::new();
    let joined = |texts: &mut dyn Iterator<Item = &Text<'_>>| {
        texts.map(Text::as_str).collect::<Vec<_>>().join("\n")
    };
    let contact = joined(&mut domain.escalation_contacts.iter().flat_map(|f| f.values()));
    let slos = domain
        .slos
        .iter()
        .map(|slo| match slo.name.is_empty() {
            true => slo.objective.as_str().to_owned(),
            false => format!("{}: {}", slo.name, slo.objective),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let authority = joined(&mut domain.incident_authority.iter());
    let transfer = domain
        .transfer
        .as_ref()
        .map_or(String::new(), |t| t.value.as_str().to_owned());
    for (key, value) in [
        (ESCALATION_ANNOTATION, contact),
        (SLOS_ANNOTATION, slos),
        (INCIDENT_AUTHORITY_ANNOTATION, authority),
        (TRANSFER_ANNOTATION, transfer),
    ] {
        if !value.is_empty() {
            annotations.insert(key, value);
        }
    }
    Entity {
        api_version: API_VERSION,
        kind: "System",
        metadata: Metadata {
            name,
            title: domain.display_name().to_owned(),
            annotations,
        },
        spec: Spec::System {
            owner: format!("group:default/{group}"),
        },
    }
}
