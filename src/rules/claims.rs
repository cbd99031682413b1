//! Responsibilities and SLOs as claims: which domains say they answer for the same thing.
//! Shared by `unsanctioned-shared-ownership` and `duplicate-responsibility`.

use std::collections::HashSet;

use crate::index::{DomainId, Workspace};
use crate::model::Text;
use crate::model::names::{self, display_name};

/// One domain claiming a responsibility or an SLO.
pub struct Claim<'a> {
    pub id: DomainId,
    /// The domain's name as messages show it.
    pub domain: String,
    pub text: Text<'a>,
    /// The domain's owner (key hash), when it has exactly one real owner.
    pub owner: Option<u64>,
}

/// Names claimed by two or more domains, each group in source order (file, then place) with
/// one claim per domain: an SLO that is also a responsibility of the same domain is one claim,
/// and so are the claims of a domain defined twice.
/// Only the names the facts show written twice are read from their documents.
pub fn shared_names<'a>(ws: &'a Workspace<'_>) -> Vec<Vec<Claim<'a>>> {
    let mut out = Vec::new();
    for group in ws.names_written_twice() {
        let claimed: Vec<(DomainId, _)> = group
            .iter()
            .filter_map(|id| {
                let domain = ws.name_facts(*id).at.domain()?;
                Some((
                    DomainId {
                        file: id.file,
                        domain,
                    },
                    *id,
                ))
            })
            .collect();
        let first = claimed.first().map(|(d, _)| *d);
        if claimed.iter().all(|(d, _)| Some(*d) == first) {
            continue;
        }
        // Hashes agree; split the group by the names themselves.
        let mut by_key: Vec<(String, Vec<Claim<'a>>)> = Vec::new();
        for (domain_id, name_id) in claimed {
            let text = ws.name_text(name_id);
            let slot = names::group_of(&mut by_key, text.as_str());
            // One claim per domain; a domain defined twice is one domain, which
            // `duplicate-domain` reports.
            let domain = display_name(ws.domain_name(domain_id).as_str()).to_owned();
            let same =
                |c: &Claim<'_>| c.id == domain_id || names::key(&c.domain) == names::key(&domain);
            if slot.iter().any(same) {
                continue;
            }
            slot.push(Claim {
                id: domain_id,
                domain,
                text,
                owner: ws.domain_facts(domain_id).owner(),
            });
        }
        out.extend(
            by_key
                .into_iter()
                .map(|(_, claims)| claims)
                .filter(|c| c.len() > 1),
        );
    }
    out
}

/// Pairs of domains (by name hash) that a shared-ownership declaration lets share.
pub fn sanctioned_pairs(ws: &Workspace<'_>) -> HashSet<(u64, u64)> {
    let mut pairs = HashSet::new();
    for (_, facts) in ws.all_facts() {
        for decl in &facts.shared {
            for (i, a) in decl.domains.iter().enumerate() {
                for b in &decl.domains[i + 1..] {
                    pairs.insert(pair(*a, *b));
                }
            }
        }
    }
    pairs
}

/// An unordered pair of name hashes.
pub fn pair(a: u64, b: u64) -> (u64, u64) {
    (a.min(b), a.max(b))
}
