//! Hover: `ownlint who`'s card for what is under the cursor. On a domain (its heading, or
//! anywhere in it) the domain's card; on an owner, the cards of the team's domains; on a domain
//! named by a shared-ownership declaration, that domain's card.

use std::fmt::Write as _;

use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind};

use super::folder::Folder;
use super::markdown::{code, place_link};
use super::position::{self, Encoding};
use crate::app::who::{Answer, Located, Model};
use crate::model::Document;
use crate::model::names::key_hash;
use crate::source::{FileId, Span};

pub fn hover(folder: &Folder, id: FileId, offset: usize, encoding: Encoding) -> Option<Hover> {
    let document = folder.document(id);
    let (query, span) = target(&document, offset)?;
    let answer = answer(folder, id, document, &query);
    if answer.domains.is_empty() {
        return None;
    }
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: card(folder, &answer),
        }),
        range: Some(position::range(folder.file(id), span, encoding)),
    })
}

/// What to look up for the place `offset` of a document, and the span it stands for.
fn target(document: &Document<'_>, offset: usize) -> Option<(String, Span)> {
    let at = |span: Span| span.start as usize <= offset && offset <= span.end as usize;
    for decl in &document.shared {
        if let Some(name) = decl.domains.iter().find(|n| at(n.span)) {
            return Some((name.as_str().to_owned(), name.span));
        }
    }
    let domain = document.domains.iter().find(|d| at(d.extent()))?;
    let owner = domain
        .owners
        .iter()
        .map(|field| &field.value)
        .find(|value| !value.is_empty() && at(value.span));
    Some(match owner {
        Some(owner) => (owner.as_str().to_owned(), owner.span),
        None => (domain.name.as_str().to_owned(), domain.span),
    })
}

/// `who`'s answer to `query`, from the documents it can concern: the hovered one, those with
/// an escalation ladder or a shared-ownership declaration, and those with a domain of that name
/// or owned by that team (found by the kept facts, so a hover parses a few files, not all).
fn answer<'f>(folder: &'f Folder, id: FileId, hovered: Document<'f>, query: &str) -> Answer {
    let key = key_hash(query);
    let mut hovered = Some(hovered);
    let mut documents = Vec::new();
    for file in folder.ids() {
        if file == id {
            documents.extend(hovered.take());
            continue;
        }
        let facts = folder.facts(file);
        let concerned = facts.has_ladder
            || !facts.shared.is_empty()
            || facts
                .domains
                .iter()
                .any(|d| d.name == key || d.owner == key);
        if concerned {
            documents.push(folder.document(file));
        }
    }
    let flavor = folder.config.codeowners_flavor(&folder.root);
    Model::new(folder.files(), &documents, &folder.config.settings, flavor).answer(query)
}

/// The cards as Markdown, every value with a link to where it is written.
fn card(folder: &Folder, answer: &Answer) -> String {
    let mut out = String::new();
    let link = |l: &Located| place_link(&folder.root, &l.file, l.line);
    for (i, card) in answer.domains.iter().enumerate() {
        if i > 0 {
            out.push_str("\n---\n\n");
        }
        let _ = writeln!(
            out,
            "**{}** · {}\n",
            code(&card.name.text),
            link(&card.name)
        );
        let mut row = |label: &str, value: Option<&Located>, none: &str| {
            let _ = match value {
                Some(v) => writeln!(out, "- {label}: {} · {}", code(&v.text), link(v)),
                None => writeln!(out, "- {label}: {none}"),
            };
        };
        let no_owner = card
            .owner_problem
            .as_deref()
            .map_or_else(|| "(none)".to_owned(), |p| format!("(none: {})", code(p)));
        row("owner", card.owner.as_ref(), &no_owner);
        row(
            "escalation contact",
            card.escalation_contact.as_ref(),
            "(none)",
        );
        if !card.escalation_chain.is_empty() {
            let _ = writeln!(out, "- escalation chain:");
            for step in &card.escalation_chain {
                let roles: Vec<String> = step.roles.iter().map(|r| code(r)).collect();
                let team = step
                    .team
                    .as_deref()
                    .map(|t| format!(": {}", code(t)))
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  {}. {}{team} · {}",
                    step.level,
                    roles.join(" / "),
                    place_link(&folder.root, &step.file, step.line)
                );
            }
        }
        list(&mut out, "SLOs", &card.slos, &link);
        for agreement in &card.shared_ownership {
            let with: Vec<String> = agreement.with.iter().map(|d| code(d)).collect();
            let scope = agreement
                .scope
                .as_deref()
                .map(|s| format!(": {}", code(s)))
                .unwrap_or_default();
            let sla = agreement.sla.as_ref().map_or_else(
                || "no shared SLA".to_owned(),
                |s| format!("SLA {}", code(&s.text)),
            );
            let _ = writeln!(
                out,
                "- shared with {}{scope} ({sla}) · {}",
                with.join(" + "),
                place_link(&folder.root, &agreement.file, agreement.line)
            );
        }
        list(
            &mut out,
            "incident authority",
            &card.incident_authority,
            &link,
        );
    }
    out
}

fn list(out: &mut String, label: &str, items: &[Located], link: &dyn Fn(&Located) -> String) {
    if items.is_empty() {
        let _ = writeln!(out, "- {label}: (none)");
        return;
    }
    let _ = writeln!(out, "- {label}:");
    for item in items {
        let _ = writeln!(out, "  - {} · {}", code(&item.text), link(item));
    }
}
