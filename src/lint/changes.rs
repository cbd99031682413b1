//! `--base REV`: the ownership model at a git revision compared with the working tree's.
//! An owner that changed needs a transfer record; a domain that disappeared may have left its
//! responsibilities without an owner. Renamed domains (same owner, same responsibilities) are
//! neither.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::index::facts::Facts;
use crate::index::{DomainId, Workspace};
use crate::model::Text;
use crate::model::names::{self, display_name};
use crate::rules::{ChangedDomain, DomainRemoved, OwnerChangedWithoutTransfer};
use crate::source::Span;

/// Findings of the change rules; `severity_of` gives each rule's severity, `None` when off.
/// The facts find the candidates; only their documents are read.
pub fn compare(
    base: &Workspace<'_>,
    current: &Workspace<'_>,
    rev: &str,
    severity_of: impl Fn(&'static str) -> Option<Severity>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(severity) = severity_of(OwnerChangedWithoutTransfer::META.code) {
        out.extend(owners_changed(base, current, rev, severity));
    }
    if let Some(severity) = severity_of(DomainRemoved::META.code) {
        out.extend(domains_removed(base, current, rev, severity));
    }
    out
}

/// `owner-changed-without-transfer`: a domain whose one real owner differs from the base
/// revision's, without a transfer record naming the previous owner and a date.
fn owners_changed(
    base: &Workspace<'_>,
    current: &Workspace<'_>,
    rev: &str,
    severity: Severity,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (file, facts) in current.all_facts() {
        for (d, now) in facts.domains.iter().enumerate() {
            let Some(old_id) = base.domains_hashed(now.name).next() else {
                continue;
            };
            let (Some(owner_now), Some(owner_before)) =
                (now.owner(), base.domain_facts(old_id).owner())
            else {
                continue;
            };
            if owner_now == owner_before {
                continue;
            }
            let id = DomainId {
                file,
                domain: d as u32,
            };
            let old = base.domain_facts(old_id);
            let (Some(owner), Some(previous)) = (&now.owner_text, &old.owner_text) else {
                continue;
            };
            let name = current.domain_name(id);
            if names::key(name.as_str()) != names::key(base.domain_name(old_id).as_str()) {
                continue;
            }
            let previous = base.text(old_id.file, previous);
            let transfer = facts.transfer(d as u32).map(|t| current.text(file, t));
            if transfer
                .as_ref()
                .is_some_and(|t| records(t, &names::key(previous.as_str())))
            {
                continue;
            }
            let changed = ChangedDomain {
                file,
                name: display_name(name.as_str()),
                origin: now.origin,
            };
            let mut d = OwnerChangedWithoutTransfer::diagnostic(
                &changed,
                &current.text(file, owner),
                previous.as_str(),
                rev,
                transfer.as_ref(),
            );
            d.severity = severity;
            out.push(d);
        }
    }
    out
}

/// `domain-removed`: a domain of the base revision that is gone, and was not renamed (a new
/// domain with the same owner and responsibilities is the old one renamed).
fn domains_removed(
    base: &Workspace<'_>,
    current: &Workspace<'_>,
    rev: &str,
    severity: Severity,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Domains new in the working tree, by owner and responsibilities: a removed domain
    // that matches one of them was renamed.
    let mut added: HashMap<(u64, Vec<u64>), usize> = HashMap::new();
    for (_, facts) in current.all_facts() {
        for (d, domain) in facts.domains.iter().enumerate() {
            if base.domains_hashed(domain.name).next().is_none()
                && let Some(shape) = shape(facts, d)
            {
                *added.entry(shape).or_default() += 1;
            }
        }
    }
    for (file, facts) in base.all_facts() {
        for (d, domain) in facts.domains.iter().enumerate() {
            if current.domains_hashed(domain.name).next().is_some() {
                continue;
            }
            if let Some(count) = shape(facts, d).and_then(|s| added.get_mut(&s))
                && *count > 0
            {
                *count -= 1;
                continue;
            }
            let old_file = base.file(file);
            let line = old_file.line_col(domain.span.start as usize).line;
            let base_path = old_file
                .path
                .split_once(':')
                .map_or(old_file.path.as_str(), |(_, p)| p);
            let still = current
                .file_ids()
                .find(|id| current.file(*id).path == base_path);
            let (at, span) = match still {
                Some(still) => (still, Span::empty_at(0)),
                None => (file, domain.span),
            };
            let name = facts.str(old_file, &domain.name_text);
            let mut d = DomainRemoved::diagnostic(at, span, display_name(name), line, rev);
            d.severity = severity;
            out.push(d);
        }
    }
    out
}

/// Whether a transfer record names the previous owner and a date (`YYYY-MM-DD`).
fn records(transfer: &Text<'_>, previous: &str) -> bool {
    let text = names::key(transfer.as_str());
    text.contains(previous) && has_date(transfer.as_str())
}

fn has_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.windows(10).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..7].iter().all(u8::is_ascii_digit)
            && w[7] == b'-'
            && w[8..].iter().all(u8::is_ascii_digit)
    })
}

/// What identifies a domain across a rename: its owner and its responsibilities.
fn shape(facts: &Facts, domain: usize) -> Option<(u64, Vec<u64>)> {
    let owner = facts.domains[domain].owner()?;
    let mut resp: Vec<u64> = facts
        .names
        .iter()
        .filter(|n| n.at.responsibility_of() == Some(domain as u32))
        .map(|n| n.hash)
        .collect();
    if resp.is_empty() {
        return None;
    }
    resp.sort_unstable();
    Some((owner, resp))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(has_date("from Payments Team on 2026-03-01"));
        assert!(!has_date("from Payments Team in March"));
    }
}
