//! The parsed documents as an [`OwnershipFile`]: every value as written, spans dropped.

use super::ownership_file::{
    Boundaries, Boundary, DomainEntry, LadderLevelEntry, OwnershipFile, SharedOwnershipEntry,
    SloEntry, TextOrList,
};
use crate::model::{Document, Domain, Field, LadderLevel, Link, SharedOwnership, Slo, Text};

/// Every document's domains, ladder levels and shared-ownership declarations, in file order.
/// Ladders from several files become one list of levels: the YAML format has one ladder.
pub fn ownership_file(documents: &[Document<'_>]) -> OwnershipFile {
    OwnershipFile {
        domains: documents
            .iter()
            .flat_map(|doc| &doc.domains)
            .map(domain_entry)
            .collect(),
        escalation_ladder: documents
            .iter()
            .flat_map(|doc| &doc.ladders)
            .flat_map(|ladder| &ladder.levels)
            .map(ladder_level_entry)
            .collect(),
        shared_ownership: documents
            .iter()
            .flat_map(|doc| &doc.shared)
            .map(shared_ownership_entry)
            .collect(),
    }
}

/// The values a field holds, as written: its inline value, or the list written under its
/// label, or both. A YAML list is read as items plus their joined text, which is the same
/// list once.
/// A link is written as Markdown (`[#payments-oncall](https://…)`), which the YAML reader
/// reads as the Markdown reader does.
pub fn field_values(field: &Field<'_>) -> Vec<String> {
    let items: Vec<&str> = field.items.iter().map(Text::as_str).collect();
    let written = |text: &Text<'_>| with_links(text, field.links_in(text));
    if items.is_empty() {
        return vec![written(&field.value)];
    }
    let mut values = Vec::with_capacity(items.len() + 1);
    if !field.value.is_empty() && field.value.as_str() != items.join(", ") {
        values.push(written(&field.value));
    }
    values.extend(field.items.iter().map(written));
    values
}

/// A value with the links written in it put back as Markdown links, each around the first
/// place its text appears after the one before.
pub fn with_links<'a, 's: 'a>(
    value: &Text<'_>,
    links: impl IntoIterator<Item = &'a Link<'s>>,
) -> String {
    let s = value.as_str();
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for link in links {
        let text = link.text.as_str();
        let Some(found) = s[at..].find(text).map(|i| at + i) else {
            continue;
        };
        out.push_str(&s[at..found]);
        out.push_str(&format!("[{text}]({})", link.target.as_str()));
        at = found + text.len();
    }
    out.push_str(&s[at..]);
    out
}

fn domain_entry(domain: &Domain<'_>) -> DomainEntry {
    // Several owner fields are a `multiple-owners` finding, and export refuses to run on
    // errors unless told to; the first field is then exported, its list joined as the YAML
    // reader joins one, so that the finding is still there when the export is read back.
    let owner = domain
        .owners
        .first()
        .map(|field| field_values(field).join(", "));
    let mut contacts: Vec<String> = domain
        .escalation_contacts
        .iter()
        .flat_map(field_values)
        .collect();
    let escalation_contact = match contacts.len() {
        0 => None,
        1 => contacts.pop().map(TextOrList::Text),
        _ => Some(TextOrList::List(contacts)),
    };
    DomainEntry {
        name: domain.name.text.to_string(),
        owner,
        escalation_contact,
        slos: domain.slos.iter().map(slo_entry).collect(),
        incident_authority: texts(&domain.incident_authority),
        responsibilities: texts(&domain.responsibilities),
        paths: texts(&domain.paths),
        ownership_transfer: domain
            .transfer
            .as_ref()
            .map(|field| field_values(field).join(", ")),
    }
}

fn slo_entry(slo: &Slo<'_>) -> SloEntry {
    SloEntry {
        name: slo.name.text.to_string(),
        objective: slo.objective.text.to_string(),
    }
}

fn ladder_level_entry(level: &LadderLevel<'_>) -> LadderLevelEntry {
    LadderLevelEntry {
        level: level.number,
        roles: (level.roles.iter())
            .map(|role| with_links(role, level.links_in(role)))
            .collect(),
        duties: texts(&level.duties),
    }
}

fn shared_ownership_entry(decl: &SharedOwnership<'_>) -> SharedOwnershipEntry {
    SharedOwnershipEntry {
        domains: texts(&decl.domains),
        scope: decl.scope.as_ref().map(|t| t.text.to_string()),
        sla: decl.sla.as_ref().map(slo_entry),
        boundaries: Boundaries(
            decl.boundaries
                .iter()
                .map(|b| Boundary {
                    party: b.party.text.to_string(),
                    part: b.part.text.to_string(),
                })
                .collect(),
        ),
        escalation: decl.escalation.as_ref().map(|t| t.text.to_string()),
        sync: decl.sync.as_ref().map(|t| t.text.to_string()),
    }
}

fn texts(texts: &[Text<'_>]) -> Vec<String> {
    texts.iter().map(|t| t.text.to_string()).collect()
}
