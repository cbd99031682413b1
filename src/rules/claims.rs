//! Responsibilities and SLOs as claims: which domains say they answer for the same thing.
//! Shared by `unsanctioned-shared-ownership` and `duplicate-responsibility`.

use std::collections::HashSet;

use crate::config::Settings;
use crate::model::index::{self, NameRef};
use crate::model::{Domain, Text, Workspace, names};
use crate::rules::multiple_owners::split_owners;
use crate::rules::placeholders::placeholder;

/// One domain claiming a responsibility or an SLO.
pub struct Claim<'a, 's> {
    pub domain: &'a Domain<'s>,
    pub text: &'a Text<'s>,
    /// The domain's owner, when it has exactly one real owner.
    pub owner: Option<String>,
}

/// Names claimed by two or more domains, each group in source order (file, then place) with
/// one claim per domain: an SLO that is also a responsibility of the same domain is one claim.
pub fn shared_names<'a, 's>(ws: &'a Workspace<'s>, settings: &Settings) -> Vec<Vec<Claim<'a, 's>>> {
    let mut out = Vec::new();
    for group in ws.index.shared_names(&ws.documents) {
        let mut claims: Vec<Claim<'a, 's>> = Vec::new();
        for at in group {
            let id = match at {
                NameRef::DomainSlo(id, _) | NameRef::Responsibility(id, _) => id,
                NameRef::SharedSla { .. } => continue,
            };
            let domain = index::domain(&ws.documents, id);
            if claims.iter().any(|c| std::ptr::eq(c.domain, domain)) {
                continue;
            }
            claims.push(Claim {
                domain,
                text: index::name_text(&ws.documents, at),
                owner: owner_key(domain, settings),
            });
        }
        if claims.len() > 1 {
            out.push(claims);
        }
    }
    out
}

/// The owner a domain answers to, compared as names are; `None` when it has no single real
/// owner (other rules report that).
pub fn owner_key(domain: &Domain<'_>, settings: &Settings) -> Option<String> {
    if domain.owners.len() != 1 {
        return None;
    }
    let field = &domain.owners[0];
    let values: Vec<&Text<'_>> = field.values().filter(|v| !v.is_empty()).collect();
    let [value] = values[..] else {
        return None;
    };
    if split_owners(value).len() != 1 || placeholder(value.as_str(), settings).is_some() {
        return None;
    }
    Some(names::key(value.as_str()))
}

/// Pairs of domains (by name key) that a shared-ownership declaration lets share.
pub fn sanctioned_pairs(ws: &Workspace<'_>) -> HashSet<(String, String)> {
    let mut pairs = HashSet::new();
    for decl in ws.shared() {
        let keys: Vec<String> = decl
            .domains
            .iter()
            .map(|d| names::key(d.as_str()))
            .collect();
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                pairs.insert(pair(a, b));
            }
        }
    }
    pairs
}

/// An unordered pair of name keys.
pub fn pair(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_owned(), b.to_owned())
    } else {
        (b.to_owned(), a.to_owned())
    }
}
