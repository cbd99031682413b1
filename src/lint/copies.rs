//! A domain pasted twice is one domain written twice: `duplicate-domain` reports the copy,
//! pointing at both, and nothing else is reported again because of the paste. A finding in
//! a later definition of a domain is left out when the first definition has the same finding
//! (same rule, same message); what differs between the two is still reported.

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::index::{DomainId, Workspace};
use crate::rules::DuplicateDomain;
use crate::source::{FileId, Span};

/// The findings without those a pasted copy repeats.
pub fn leave_out_repeats(ws: &Workspace<'_>, mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    for group in ws.domains_defined_twice() {
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

fn inside(d: &Diagnostic, (file, extent): (FileId, Span)) -> bool {
    d.file == file && d.span.start >= extent.start && d.span.end <= extent.end
}
