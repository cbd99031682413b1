//! `--base REV`: the ownership model at a git revision compared with the working tree's.
//! An owner that changed needs a transfer record; a domain that disappeared may have left its
//! responsibilities without an owner. Renamed domains (same owner, same responsibilities) are
//! neither.

use std::collections::HashMap;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Domain, Text, Workspace, names};
use crate::rules::claims::owner_key;
use crate::rules::{DomainRemoved, OwnerChangedWithoutTransfer};
use crate::source::Span;

/// Findings of the change rules; `severity_of` gives each rule's severity, `None` when off.
pub fn compare(
    base: &Workspace<'_>,
    current: &Workspace<'_>,
    rev: &str,
    settings: &Settings,
    severity_of: impl Fn(&'static str) -> Option<Severity>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(severity) = severity_of(OwnerChangedWithoutTransfer::META.code) {
        for domain in current.domains() {
            let Some(old) = base.find_domain(domain.name.as_str()) else {
                continue;
            };
            let (Some(now), Some(before)) = (owner_key(domain, settings), owner_key(old, settings))
            else {
                continue;
            };
            if now == before {
                continue;
            }
            let previous = owner_text(old).map_or(before.clone(), |t| t.as_str().to_owned());
            let transfer = domain.transfer.as_ref().map(|t| &t.value);
            if transfer.is_some_and(|t| records(t, &before)) {
                continue;
            }
            let Some(owner) = owner_text(domain) else {
                continue;
            };
            let mut d =
                OwnerChangedWithoutTransfer::diagnostic(domain, owner, &previous, rev, transfer);
            d.severity = severity;
            out.push(d);
        }
    }
    if let Some(severity) = severity_of(DomainRemoved::META.code) {
        // Domains new in the working tree, by owner and responsibilities: a removed domain
        // that matches one of them was renamed.
        let mut added: HashMap<(String, Vec<String>), usize> = HashMap::new();
        for domain in current.domains() {
            if base.find_domain(domain.name.as_str()).is_none()
                && let Some(shape) = shape(domain, settings)
            {
                *added.entry(shape).or_default() += 1;
            }
        }
        for old in base.domains() {
            if current.find_domain(old.name.as_str()).is_some() {
                continue;
            }
            if let Some(count) = shape(old, settings).and_then(|s| added.get_mut(&s))
                && *count > 0
            {
                *count -= 1;
                continue;
            }
            let old_file = base.file(old.file);
            let line = old_file.line_col(old.span.start as usize).line;
            let base_path = old_file
                .path
                .split_once(':')
                .map_or(old_file.path.as_str(), |(_, p)| p);
            let (file, span) = match current.files.iter().find(|f| f.path == base_path) {
                Some(still) => (still.id, Span::empty_at(0)),
                None => (old.file, old.span),
            };
            let mut d = DomainRemoved::diagnostic(file, span, old, line, rev);
            d.severity = severity;
            out.push(d);
        }
    }
    out
}

/// The first owner value of a domain.
fn owner_text<'a, 's>(domain: &'a Domain<'s>) -> Option<&'a Text<'s>> {
    domain.owners.first()?.values().find(|v| !v.is_empty())
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
fn shape(domain: &Domain<'_>, settings: &Settings) -> Option<(String, Vec<String>)> {
    let owner = owner_key(domain, settings)?;
    let mut resp: Vec<String> = domain
        .responsibilities
        .iter()
        .map(|r| names::key(r.as_str()))
        .collect();
    if resp.is_empty() {
        return None;
    }
    resp.sort();
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
