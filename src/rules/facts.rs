//! Reducing a parsed document to the [`Facts`] the cross-file rules work from.

use crate::config::Settings;
use crate::model::facts::{
    DomainFacts, Facts, NO_OWNER, NameAt, NameFacts, RoleContact, SharedFacts, SuppressionFacts,
    key_hash,
};
use crate::model::{Document, Domain, Text};
use crate::rules::multiple_owners::split_owners;
use crate::rules::placeholders::placeholder;

/// The facts of a document.
pub fn facts(doc: &Document<'_>, settings: &Settings) -> Facts {
    let mut facts = Facts {
        explicit: doc.explicit,
        ownership: doc.has_ownership_content(),
        problems: !doc.problems.is_empty(),
        has_ladder: !doc.ladders.is_empty(),
        ..Facts::default()
    };
    for (d, domain) in doc.domains.iter().enumerate() {
        facts.domains.push(DomainFacts {
            name: key_hash(domain.name.as_str()),
            owner: owner(domain, settings).map_or(NO_OWNER, |o| key_hash(o.as_str())),
            name_span: domain.name.span,
            span: domain.span,
        });
        for (s, slo) in domain.slos.iter().enumerate() {
            if !slo.name.is_empty() {
                facts.names.push(NameFacts {
                    hash: key_hash(slo.name.as_str()),
                    at: NameAt::DomainSlo(d as u32, s as u16),
                });
            }
        }
        for (r, resp) in domain.responsibilities.iter().enumerate() {
            facts.names.push(NameFacts {
                hash: key_hash(resp.as_str()),
                at: NameAt::Responsibility(d as u32, r as u16),
            });
        }
        if let Some(field) = domain.escalation_contacts.first() {
            for contact in field.values() {
                if let Some(role) = bracketed_role(contact.as_str()) {
                    facts.role_contacts.push(RoleContact {
                        role: key_hash(role),
                        domain: d as u32,
                    });
                }
            }
        }
    }
    for (i, decl) in doc.shared.iter().enumerate() {
        if let Some(sla) = decl.sla.as_ref().filter(|sla| !sla.name.is_empty()) {
            facts.names.push(NameFacts {
                hash: key_hash(sla.name.as_str()),
                at: NameAt::SharedSla(i as u32),
            });
        }
        facts.shared.push(SharedFacts {
            domains: decl.domains.iter().map(|d| key_hash(d.as_str())).collect(),
            parties: decl
                .boundaries
                .iter()
                .map(|b| key_hash(b.party.as_str()))
                .collect(),
            has_sla: decl.sla.is_some(),
            has_escalation: decl.escalation.is_some(),
            has_sync: decl.sync.is_some(),
        });
    }
    for ladder in &doc.ladders {
        for level in &ladder.levels {
            facts
                .ladder_roles
                .extend(level.roles.iter().map(|r| key_hash(r.as_str())));
        }
    }
    for s in &doc.suppressions {
        let mut rules = Vec::new();
        let mut unknown = Vec::new();
        for name in &s.rules {
            match crate::rules::find(name.as_str()) {
                Some(rule) => rules.push((rule.meta().code, name.span, name.as_str().to_owned())),
                None => unknown.push((name.as_str().to_owned(), name.span)),
            }
        }
        facts.suppressions.push(SuppressionFacts {
            comment: s.span,
            scope: s.scope,
            rules,
            unknown,
        });
    }
    facts.shrink();
    facts
}

/// The one real owner of a domain: a single owner field with a single value that is not a
/// placeholder; `None` otherwise (other rules report that).
pub fn owner<'a, 's>(domain: &'a Domain<'s>, settings: &Settings) -> Option<&'a Text<'s>> {
    let [field] = &domain.owners[..] else {
        return None;
    };
    let mut values = field.values().filter(|v| !v.is_empty());
    let value = values.next()?;
    if values.next().is_some()
        || split_owners(value).len() != 1
        || placeholder(value.as_str(), settings).is_some()
    {
        return None;
    }
    Some(value)
}

/// `[Product Manager]` → `Product Manager`.
pub fn bracketed_role(value: &str) -> Option<&str> {
    let inner = value.trim().strip_prefix('[')?.strip_suffix(']')?.trim();
    (!inner.is_empty() && !inner.contains(['[', ']'])).then_some(inner)
}
