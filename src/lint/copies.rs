//! A domain pasted twice is one domain written twice: `duplicate-domain` reports the copy,
//! pointing at both, and nothing else is reported again because of the paste. A finding in
//! a later definition of a domain is left out when the first definition has the same finding
//! (same rule, same message); what differs between the two is still reported.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::index::{DomainId, Workspace};
use crate::model::names;
use crate::rules::DuplicateDomain;
use crate::source::{FileId, Span};

/// The findings without those a pasted copy repeats.
pub fn leave_out_repeats(ws: &Workspace<'_>, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for group in definitions_of_one_domain(ws) {
        let place = |id: DomainId| (id.file, ws.domain_facts(id).extent);
        let first = place(group[0]);
        let said_first: HashSet<(&'static str, String)> = diagnostics
            .iter()
            .filter(|d| inside(d, first))
            .map(|d| (d.rule.code, d.message.clone()))
            .collect();
        let copies: Vec<(FileId, Span)> = group[1..].iter().map(|id| place(*id)).collect();
        diagnostics.retain(|d| {
            d.rule.code == DuplicateDomain::META.code
                || !copies.iter().any(|copy| inside(d, *copy))
                || !said_first.contains(&(d.rule.code, d.message.clone()))
        });
    }
    diagnostics
}

/// Groups of two or more definitions of one domain (names compared as names are), each in
/// workspace order.
fn definitions_of_one_domain(ws: &Workspace<'_>) -> Vec<Vec<DomainId>> {
    let mut out = Vec::new();
    for group in ws.domains_sharing_a_name() {
        // The hashes agree; the names decide.
        let mut by_key: Vec<(String, Vec<DomainId>)> = Vec::new();
        for id in group {
            let key = names::key(ws.domain_name(id).as_str());
            match by_key.iter_mut().find(|(k, _)| *k == key) {
                Some((_, ids)) => ids.push(id),
                None => by_key.push((key, vec![id])),
            }
        }
        out.extend(
            by_key
                .into_iter()
                .map(|(_, ids)| ids)
                .filter(|ids| ids.len() > 1),
        );
    }
    out
}

fn inside(d: &Diagnostic, (file, extent): (FileId, Span)) -> bool {
    d.file == file && d.span.start >= extent.start && d.span.end <= extent.end
}
