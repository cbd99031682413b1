//! Reducing a parsed document to the [`Facts`] the cross-file rules work from.

use super::facts::{
    DomainFacts, Facts, NO_OWNER, NameAt, NameFacts, RoleContact, SharedFacts, SuppressionFacts,
};
use crate::config::Settings;
use crate::model::Document;
use crate::model::names::key_hash;
use crate::semantics::{bracketed_role, owner};

/// The code of the rule a suppression comment names (by name or code), if it names one.
pub type RuleLookup<'a> = &'a (dyn Fn(&str) -> Option<&'static str> + Sync);

/// The facts of a document; `rule_code` resolves the rule names of its suppression comments.
pub fn facts(doc: &Document<'_>, settings: &Settings, rule_code: RuleLookup<'_>) -> Facts {
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
            match rule_code(name.as_str()) {
                Some(code) => rules.push((code, name.span, name.as_str().to_owned())),
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
