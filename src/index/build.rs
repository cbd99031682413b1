//! Reducing a parsed document to the [`Facts`] the cross-file rules work from.

use super::facts::{
    DomainFacts, Facts, NO_OWNER, NameAt, NameFacts, RoleContact, SharedFacts, SloFacts,
    SuppressionFacts,
};
use crate::config::Settings;
use crate::model::names::key_hash;
use crate::model::{Document, Domain, DomainOrigin, SharedOwnership, Slo, Suppression, Text};
use crate::semantics::{bracketed_role, named_owners, owner, placeholder};

/// The code of the rule a suppression comment names (by name or code), if it names one.
pub type RuleLookup<'a> = &'a (dyn Fn(&str) -> Option<&'static str> + Sync);

/// The facts of a document; `rule_code` resolves the rule names of its suppression comments.
pub fn facts(doc: &Document<'_>, settings: &Settings, rule_code: RuleLookup<'_>) -> Facts {
    // The vectors are sized once, exactly: there is one `Facts` per file for the whole run.
    let slos = doc.domains.iter().map(|d| d.slos.len()).sum::<usize>()
        + doc.shared.iter().filter(|s| s.sla.is_some()).count();
    let responsibilities: usize = doc.domains.iter().map(|d| d.responsibilities.len()).sum();
    let mut facts = Facts {
        explicit: doc.explicit,
        ownership: doc.has_ownership_content(),
        problems: !doc.problems.is_empty(),
        has_ladder: !doc.ladders.is_empty(),
        ladder: doc.ladders.first().map(|l| l.span),
        domains: Vec::with_capacity(doc.domains.len()),
        names: Vec::with_capacity(slos + responsibilities),
        slos: Vec::with_capacity(slos),
        shared: Vec::with_capacity(doc.shared.len()),
        ..Facts::default()
    };
    for (d, domain) in doc.domains.iter().enumerate() {
        add_domain(&mut facts, d as u32, domain, settings);
    }
    // The named SLOs first, so that `slos[i]` is the objective of `names[i]`.
    for (d, domain) in doc.domains.iter().enumerate() {
        for slo in domain.slos.iter().filter(|s| !s.name.is_empty()) {
            add_slo(&mut facts, NameAt::slo(d as u32), slo);
        }
    }
    for (i, decl) in doc.shared.iter().enumerate() {
        if let Some(sla) = decl.sla.as_ref().filter(|sla| !sla.name.is_empty()) {
            add_slo(&mut facts, NameAt::shared_sla(i as u32), sla);
        }
    }
    for (d, domain) in doc.domains.iter().enumerate() {
        for resp in &domain.responsibilities {
            add_name(&mut facts, NameAt::responsibility(d as u32), resp);
        }
    }
    for decl in &doc.shared {
        add_shared(&mut facts, decl);
    }
    for ladder in &doc.ladders {
        for level in &ladder.levels {
            for role in &level.roles {
                let text = facts.keep(role);
                facts.ladder_roles.push((key_hash(role.as_str()), text));
            }
        }
    }
    for s in &doc.suppressions {
        facts.suppressions.push(suppression(s, rule_code));
    }
    for entity in &doc.entities {
        let kept = super::catalog::EntityFacts::new(&mut facts, entity, settings);
        facts.entities.push(kept);
    }
    facts.unknown_directives.extend(
        doc.unknown_directives
            .iter()
            .map(|u| (u.word.as_str().to_owned(), u.word.span, u.suggestion)),
    );
    facts.shrink();
    facts
}

/// A domain: its name and one real owner, its transfer record, and the ladder roles its
/// escalation contacts name.
fn add_domain(facts: &mut Facts, d: u32, domain: &Domain<'_>, settings: &Settings) {
    let owner = owner(domain, settings);
    let name_text = facts.keep(&domain.name);
    let owner_text = owner.as_ref().map(|o| facts.keep(o));
    facts.domains.push(DomainFacts {
        name: key_hash(domain.name.as_str()),
        owner: owner.as_ref().map_or(NO_OWNER, |o| key_hash(o.as_str())),
        name_text,
        span: domain.span,
        extent: domain.extent(),
        owner_text,
        origin: domain.origin,
    });
    for path in &domain.paths {
        facts.keep_path(d, path);
    }
    // A catalog entity's owner is resolved against the catalog (`catalog-unknown-reference`).
    if settings.teams.is_some() && domain.origin != DomainOrigin::Catalog {
        for field in &domain.owners {
            for owner in named_owners(field, settings) {
                let unregistered = !owner.is_empty()
                    && placeholder(owner.as_str(), settings).is_none()
                    && !settings.is_registered(owner.as_str());
                if unregistered {
                    let kept = facts.keep(&owner);
                    facts.unregistered_owners.push((d, kept));
                }
            }
        }
    }
    if let Some(transfer) = &domain.transfer {
        let kept = facts.keep(&transfer.value);
        facts.transfers.push((d, kept));
    }
    if let Some(field) = domain.escalation_contacts.first() {
        for contact in field.values() {
            if let Some(role) = bracketed_role(contact.as_str()) {
                let contact = facts.keep(contact);
                facts.role_contacts.push(RoleContact {
                    role: key_hash(role),
                    domain: d,
                    contact,
                });
            }
        }
    }
}

fn add_name(facts: &mut Facts, at: NameAt, name: &Text<'_>) {
    let text = facts.keep(name);
    facts.names.push(NameFacts {
        hash: key_hash(name.as_str()),
        at,
        text,
    });
}

/// A named SLO: its name, and its objectives with what they mean.
fn add_slo(facts: &mut Facts, at: NameAt, slo: &Slo<'_>) {
    let objective = facts.keep(&slo.objective);
    let objectives = slo.parsed.as_deref().unwrap_or_default();
    let index = facts.slos.len() as u32;
    facts.slos.push(SloFacts::new(
        objective,
        objectives.first().map(|o| o.meaning()),
    ));
    for more in objectives.iter().skip(1) {
        let facts_of = SloFacts::new(objective, Some(more.meaning()));
        facts.more_objectives.push((index, facts_of));
    }
    add_name(facts, at, &slo.name);
}

/// A shared-ownership declaration: the domains and parties it names, and what it has.
fn add_shared(facts: &mut Facts, decl: &SharedOwnership<'_>) {
    let domain_names = decl.domains.iter().map(|d| facts.keep(d)).collect();
    let party_names = decl
        .boundaries
        .iter()
        .map(|b| facts.keep(&b.party))
        .collect();
    facts.shared.push(SharedFacts {
        span: decl.span,
        domains: decl.domains.iter().map(|d| key_hash(d.as_str())).collect(),
        domain_names,
        parties: decl
            .boundaries
            .iter()
            .map(|b| key_hash(b.party.as_str()))
            .collect(),
        party_names,
        has_sla: decl.sla.is_some(),
        has_escalation: decl.escalation.is_some(),
        has_sync: decl.sync.is_some(),
    });
}

/// A suppression comment with its rule names resolved to codes.
fn suppression(s: &Suppression<'_>, rule_code: RuleLookup<'_>) -> SuppressionFacts {
    let mut rules = Vec::new();
    let mut unknown = Vec::new();
    for name in &s.rules {
        match rule_code(name.as_str()) {
            Some(code) => rules.push((code, name.span, name.as_str().to_owned())),
            None => unknown.push((name.as_str().to_owned(), name.span)),
        }
    }
    SuppressionFacts {
        comment: s.span,
        scope: s.scope,
        rules,
        unknown,
    }
}
