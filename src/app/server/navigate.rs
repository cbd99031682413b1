//! Go to definition and the outline (document symbols).
//!
//! Definitions: a domain named by a shared-ownership declaration (or a boundary's party) goes
//! to where the domain is defined, in any file of the folder; an escalation contact written as
//! a ladder role (`[Engineering Manager]`) to that role on the escalation ladder; an owner to
//! its entry in the team registry (`teams` in `.ownlint.yaml`); and a registry entry, in the
//! configuration file, to the domains the team owns.

use lsp_types::{DocumentSymbol, Location, Range, SymbolKind};

use super::file_uri;
use super::folder::Folder;
use super::position::{self, Encoding};
use crate::index::facts::DomainFacts;
use crate::model::names::{self, key_hash};
use crate::model::{Domain, Text};
use crate::semantics::bracketed_role;
use crate::source::{FileId, Span};

/// Where what is at `offset` of a file is defined.
pub fn definition(folder: &Folder, id: FileId, offset: usize, encoding: Encoding) -> Vec<Location> {
    let document = folder.document(id);
    let at = |span: Span| span.start as usize <= offset && offset <= span.end as usize;
    for decl in &document.shared {
        let named = decl
            .domains
            .iter()
            .chain(decl.boundaries.iter().map(|b| &b.party));
        if let Some(name) = named.into_iter().find(|n| at(n.span)) {
            return domains_named(folder, name.as_str(), encoding);
        }
    }
    let Some(domain) = document.domains.iter().find(|d| at(d.extent())) else {
        return Vec::new();
    };
    let contacts = domain.escalation_contacts.iter().flat_map(|f| f.values());
    if let Some(contact) = contacts.into_iter().find(|c| at(c.span)) {
        return bracketed_role(contact.as_str())
            .map(|role| ladder_roles(folder, role, encoding))
            .unwrap_or_default();
    }
    if let Some(owner) = domain.owners.iter().map(|f| &f.value).find(|v| at(v.span)) {
        return team_entry(folder, owner, encoding).into_iter().collect();
    }
    Vec::new()
}

/// In the configuration file: the domains the registry entry at `offset` owns.
pub fn team_definition(folder: &Folder, offset: usize, encoding: Encoding) -> Vec<Location> {
    // The team as the registry read it (quotes and escapes resolved).
    let Some(team) = folder
        .config
        .team_entries
        .iter()
        .position(|s| s.start as usize <= offset && offset <= s.end as usize)
        .and_then(|index| folder.config.settings.teams.as_ref()?.get(index))
    else {
        return Vec::new();
    };
    let key = key_hash(team);
    domains_where(folder, |d| d.owner == key, encoding)
}

fn domains_named(folder: &Folder, name: &str, encoding: Encoding) -> Vec<Location> {
    let key = key_hash(name);
    domains_where(folder, |d| d.name == key, encoding)
}

/// Where the domains of the folder whose facts pass `wanted` are defined.
fn domains_where(
    folder: &Folder,
    wanted: impl Fn(&DomainFacts) -> bool,
    encoding: Encoding,
) -> Vec<Location> {
    let mut out = Vec::new();
    for file in folder.ids() {
        for d in folder.facts(file).domains.iter().filter(|d| wanted(d)) {
            out.extend(location(folder, file, d.span, encoding));
        }
    }
    out
}

fn ladder_roles(folder: &Folder, role: &str, encoding: Encoding) -> Vec<Location> {
    let key = key_hash(role);
    let mut out = Vec::new();
    for file in folder.ids() {
        for (_, text) in folder
            .facts(file)
            .ladder_roles
            .iter()
            .filter(|(h, _)| *h == key)
        {
            out.extend(location(folder, file, text.span, encoding));
        }
    }
    out
}

/// The registry entry of an owner, in the configuration file.
fn team_entry(folder: &Folder, owner: &Text<'_>, encoding: Encoding) -> Option<Location> {
    let teams = folder.config.settings.teams.as_ref()?;
    let key = names::key(owner.as_str());
    let index = teams.iter().position(|t| names::key(t) == key)?;
    let span = *folder.config.team_entries.get(index)?;
    let path = folder.config.path.as_deref()?;
    Some(Location {
        uri: file_uri(&folder.root.join(path))?,
        range: position::range_in(&folder.config.text, span, encoding),
    })
}

fn location(folder: &Folder, file: FileId, span: Span, encoding: Encoding) -> Option<Location> {
    Some(Location {
        uri: file_uri(folder.path(file))?,
        range: position::range(folder.file(file), span, encoding),
    })
}

/// The outline of a document: its domains (with owner, escalation contact and SLOs), its
/// escalation ladders (with their levels) and its shared-ownership agreements.
pub fn symbols(folder: &Folder, id: FileId, encoding: Encoding) -> Vec<DocumentSymbol> {
    let document = folder.document(id);
    let file = folder.file(id);
    let range = |span: Span| position::range(file, span, encoding);
    let mut out: Vec<DocumentSymbol> = document
        .domains
        .iter()
        .map(|d| domain_symbol(d, &range))
        .collect();
    for ladder in &document.ladders {
        let levels = ladder
            .levels
            .iter()
            .enumerate()
            .map(|(i, level)| {
                let roles: Vec<&str> = level.roles.iter().map(Text::as_str).collect();
                let number = level.number.unwrap_or(i as u32 + 1);
                symbol(
                    format!("Level {number}: {}", roles.join(" / ")),
                    SymbolKind::ENUM_MEMBER,
                    level.span,
                    level.span,
                    Vec::new(),
                    &range,
                )
            })
            .collect();
        out.push(symbol(
            "Escalation ladder".to_owned(),
            SymbolKind::ENUM,
            ladder.span,
            ladder.span,
            levels,
            &range,
        ));
    }
    for decl in &document.shared {
        let named: Vec<&str> = decl.domains.iter().map(Text::as_str).collect();
        let sla = decl.sla.iter().map(|sla| {
            symbol(
                format!("SLA: {}", sla.objective.as_str()),
                SymbolKind::PROPERTY,
                sla.span,
                sla.span,
                Vec::new(),
                &range,
            )
        });
        out.push(symbol(
            format!("Shared ownership: {}", named.join(" + ")),
            SymbolKind::STRUCT,
            decl.span,
            decl.span,
            sla.collect(),
            &range,
        ));
    }
    out.sort_by_key(|s| (s.range.start.line, s.range.start.character));
    out
}

fn domain_symbol(domain: &Domain<'_>, range: &dyn Fn(Span) -> Range) -> DocumentSymbol {
    let mut children = Vec::new();
    let mut field = |label: &str, value: &Text<'_>| {
        if !value.is_empty() {
            children.push(symbol(
                format!("{label}: {}", value.as_str()),
                SymbolKind::PROPERTY,
                value.span,
                value.span,
                Vec::new(),
                range,
            ));
        }
    };
    for owner in &domain.owners {
        field("Owner", &owner.value);
    }
    for contact in domain.escalation_contacts.iter().flat_map(|f| f.values()) {
        field("Escalation contact", contact);
    }
    for slo in &domain.slos {
        let name = if slo.name.is_empty() {
            "SLO"
        } else {
            slo.name.as_str()
        };
        children.push(symbol(
            format!("{name}: {}", slo.objective.as_str()),
            SymbolKind::EVENT,
            slo.span,
            slo.span,
            Vec::new(),
            range,
        ));
    }
    let owner = domain.owners.first().map(|o| o.value.as_str().to_owned());
    let mut symbol = symbol(
        domain.display_name().to_owned(),
        SymbolKind::NAMESPACE,
        domain.extent(),
        domain.name.span,
        children,
        range,
    );
    symbol.detail = owner.filter(|o| !o.is_empty());
    symbol
}

/// A symbol whose range covers its selection and its children, as the protocol requires.
fn symbol(
    name: String,
    kind: SymbolKind,
    span: Span,
    selection: Span,
    children: Vec<DocumentSymbol>,
    range: &dyn Fn(Span) -> Range,
) -> DocumentSymbol {
    let mut full = range(span.cover(selection));
    for child in &children {
        full.start = full.start.min(child.range.start);
        full.end = full.end.max(child.range.end);
    }
    #[allow(deprecated)] // `deprecated` is a field the type still requires
    DocumentSymbol {
        name: if name.trim().is_empty() {
            "(unnamed)".to_owned()
        } else {
            name
        },
        detail: None,
        kind,
        tags: None,
        deprecated: None,
        range: full,
        selection_range: range(selection),
        children: (!children.is_empty()).then_some(children),
    }
}
