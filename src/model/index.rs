//! Cross-file lookups by name, built once per run so that cross-domain rules stay linear: a
//! name's key is hashed without allocating, entries are sorted by hash, and runs of equal
//! hashes are the candidates, confirmed by comparing the keys themselves.

use std::hash::Hasher;

use rayon::prelude::*;
use rustc_hash::FxHasher;

use super::domain::Domain;
use super::names;
use super::slo::Slo;
use super::text::Text;
use super::workspace::Document;

/// A domain of the workspace: its document and its place in that document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct DomainId {
    pub doc: u32,
    pub domain: u32,
}

/// A name written somewhere, identified by where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameRef {
    /// The name of an SLO of a domain.
    DomainSlo(DomainId, u32),
    /// A responsibility of a domain.
    Responsibility(DomainId, u32),
    /// The SLA of a shared-ownership declaration.
    SharedSla { doc: u32, decl: u32 },
}

#[derive(Debug, Default)]
pub struct Index {
    /// Domain names, sorted by key hash, then workspace order.
    domains: Vec<(u64, DomainId)>,
    /// SLO names (domains' and shared SLAs') and responsibilities, sorted the same way.
    names: Vec<(u64, NameRef)>,
}

impl Index {
    pub fn build(documents: &[Document<'_>]) -> Index {
        let per_doc: Vec<Index> = documents
            .par_iter()
            .enumerate()
            .map(|(d, doc)| {
                let doc_id = d as u32;
                let mut domains = Vec::with_capacity(doc.domains.len());
                let mut names = Vec::new();
                for (i, domain) in doc.domains.iter().enumerate() {
                    let id = DomainId {
                        doc: doc_id,
                        domain: i as u32,
                    };
                    domains.push((key_hash(domain.name.as_str()), id));
                    for (s, slo) in domain.slos.iter().enumerate() {
                        if !slo.name.is_empty() {
                            names.push((
                                key_hash(slo.name.as_str()),
                                NameRef::DomainSlo(id, s as u32),
                            ));
                        }
                    }
                    for (r, resp) in domain.responsibilities.iter().enumerate() {
                        names.push((
                            key_hash(resp.as_str()),
                            NameRef::Responsibility(id, r as u32),
                        ));
                    }
                }
                for (s, decl) in doc.shared.iter().enumerate() {
                    if let Some(sla) = decl.sla.as_ref().filter(|sla| !sla.name.is_empty()) {
                        let at = NameRef::SharedSla {
                            doc: doc_id,
                            decl: s as u32,
                        };
                        names.push((key_hash(sla.name.as_str()), at));
                    }
                }
                Index { domains, names }
            })
            .collect();
        let mut index = Index::default();
        for part in per_doc {
            index.domains.extend(part.domains);
            index.names.extend(part.names);
        }
        index.domains.par_sort_unstable();
        index.names.par_sort_unstable();
        index
    }

    /// Domains that share a name (compared as [`names::key`] compares), each group in
    /// workspace order.
    pub fn domains_by_name(&self, documents: &[Document<'_>]) -> Vec<Vec<DomainId>> {
        groups(&self.domains, |id| {
            names::key(domain(documents, *id).name.as_str())
        })
    }

    /// The first domain with this name, in workspace order.
    pub fn find_domain<'d, 's>(
        &self,
        documents: &'d [Document<'s>],
        name: &str,
    ) -> Option<&'d Domain<'s>> {
        let hash = key_hash(name);
        let key = names::key(name);
        let start = self.domains.partition_point(|(h, _)| *h < hash);
        self.domains[start..]
            .iter()
            .take_while(|(h, _)| *h == hash)
            .map(|(_, id)| domain(documents, *id))
            .find(|d| names::key(d.name.as_str()) == key)
    }

    /// SLO names and responsibilities written in more than one place, grouped by name, each
    /// group in workspace order.
    pub fn shared_names(&self, documents: &[Document<'_>]) -> Vec<Vec<NameRef>> {
        let mut groups = groups(&self.names, |at| {
            names::key(name_text(documents, *at).as_str())
        });
        for group in &mut groups {
            group.sort_by_key(|at| position(documents, *at));
        }
        groups
    }
}

/// Runs of equal hashes with two or more members, split by the real key (a hash collision
/// must not join different names), in workspace order.
fn groups<T: Copy + Ord>(sorted: &[(u64, T)], key: impl Fn(&T) -> String) -> Vec<Vec<T>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let hash = sorted[i].0;
        let end = i + sorted[i..].iter().take_while(|(h, _)| *h == hash).count();
        if end - i > 1 {
            let mut keyed: Vec<(String, T)> =
                sorted[i..end].iter().map(|(_, t)| (key(t), *t)).collect();
            keyed.sort();
            let mut j = 0;
            while j < keyed.len() {
                let run = keyed[j..]
                    .iter()
                    .take_while(|(k, _)| *k == keyed[j].0)
                    .count();
                if run > 1 {
                    out.push(keyed[j..j + run].iter().map(|(_, t)| *t).collect());
                }
                j += run;
            }
        }
        i = end;
    }
    out
}

pub fn domain<'d, 's>(documents: &'d [Document<'s>], id: DomainId) -> &'d Domain<'s> {
    &documents[id.doc as usize].domains[id.domain as usize]
}

/// Where a name is written: its document, then its offset.
pub fn position(documents: &[Document<'_>], at: NameRef) -> (u32, u32) {
    let doc = match at {
        NameRef::DomainSlo(id, _) | NameRef::Responsibility(id, _) => id.doc,
        NameRef::SharedSla { doc, .. } => doc,
    };
    (doc, name_text(documents, at).span.start)
}

/// The text of a name.
pub fn name_text<'d, 's>(documents: &'d [Document<'s>], at: NameRef) -> &'d Text<'s> {
    match at {
        NameRef::DomainSlo(id, s) => &domain(documents, id).slos[s as usize].name,
        NameRef::Responsibility(id, r) => &domain(documents, id).responsibilities[r as usize],
        NameRef::SharedSla { doc, decl } => &shared_sla(documents, doc, decl).name,
    }
}

/// The SLO a name belongs to, when it is an SLO's.
pub fn slo<'d, 's>(documents: &'d [Document<'s>], at: NameRef) -> Option<&'d Slo<'s>> {
    match at {
        NameRef::DomainSlo(id, s) => Some(&domain(documents, id).slos[s as usize]),
        NameRef::Responsibility(..) => None,
        NameRef::SharedSla { doc, decl } => Some(shared_sla(documents, doc, decl)),
    }
}

fn shared_sla<'d, 's>(documents: &'d [Document<'s>], doc: u32, decl: u32) -> &'d Slo<'s> {
    documents[doc as usize].shared[decl as usize]
        .sla
        .as_ref()
        .expect("only declarations with an SLA are indexed")
}

/// The hash of [`names::key`]`(name)`, computed without building the key.
pub fn key_hash(name: &str) -> u64 {
    let mut words = name.split_whitespace();
    let last = words.next_back();
    let mut hasher = FxHasher::default();
    let mut first = true;
    let mut word = |w: &str, hasher: &mut FxHasher| {
        if !first {
            hasher.write_u8(b' ');
        }
        first = false;
        for c in w.chars() {
            if c.is_ascii() {
                hasher.write_u32(c.to_ascii_lowercase() as u32);
            } else {
                for l in c.to_lowercase() {
                    hasher.write_u32(l as u32);
                }
            }
        }
    };
    let mut count = 0;
    for w in words {
        word(w, &mut hasher);
        count += 1;
    }
    if let Some(last) = last {
        let suffix = count > 0
            && (last.eq_ignore_ascii_case("domain") || last.eq_ignore_ascii_case("service"));
        if !suffix {
            word(last, &mut hasher);
        }
    }
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_hash_agrees_with_key() {
        let same = [
            ("Payments Domain", "payments"),
            ("  Payment   Processing ", "payment processing"),
            ("VPN API Service", "vpn api"),
            ("Ärger Domain", "ärger"),
        ];
        for (a, b) in same {
            assert_eq!(names::key(a), names::key(b));
            assert_eq!(key_hash(a), key_hash(b), "{a} / {b}");
        }
        assert_ne!(key_hash("Domain"), key_hash(""));
        assert_ne!(key_hash("ab c"), key_hash("a bc"));
    }
}
