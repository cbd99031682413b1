use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Domain, DomainOrigin, Text, names};
use crate::rules::{Context, Rule};
use crate::semantics::named_owners;
use crate::semantics::placeholder;
use crate::util::suggest::closest_match;

fn diagnostic(domain: &Domain<'_>, owner: &Text<'_>, closest: Option<&str>) -> Diagnostic {
    let d = Diagnostic::new(
        &UnknownOwner::META,
        domain.file,
        owner.span,
        format!(
            "owner `{owner}` of `{}` is not a registered team",
            domain.display_name()
        ),
    );
    match closest {
        Some(team) => d.with_suggestion(team, owner.is_exact().then_some(owner.span)),
        None => d.with_help("use a team from `teams` in `.ownlint.yaml`, or add it there"),
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an owner that is not in the team registry, when one is configured (`teams` in
    /// `.ownlint.yaml`), with the closest registered team. Teams are compared with case and
    /// white space ignored. Without a registry the rule does nothing.
    ///
    /// ## Why is this bad?
    /// An owner that is not a real team cannot be paged, cannot be asked and cannot be held
    /// to its SLOs. A registry catches renamed teams and typos (`Payment Servce Team`) before
    /// an incident does.
    ///
    /// ## Example
    /// With `teams: [Payment Service Team]`:
    /// ```markdown
    /// **Owner:** Payments Team
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// **Owner:** Payment Service Team
    /// ```
    ///
    /// ## Options
    /// `teams` in `.ownlint.yaml`: the list of team names owners must come from.
    pub struct UnknownOwner {
        code: "OWN109",
        name: "unknown-owner",
        severity: Error,
        category: Ownership,
        checker: Document,
    }
}

impl Rule for UnknownOwner {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let Some(teams) = &cx.settings.teams else {
            return;
        };
        // The registry's keys, built only for "did you mean" once an owner is unknown: a
        // registered owner is found by its key's hash, in the run's index.
        let mut keys: Option<Vec<(String, &str)>> = None;
        // A catalog entity's owner is a Group or User of the catalog as well as a registered
        // team: `catalog-unknown-reference` resolves it against both.
        let domains = doc
            .domains
            .iter()
            .filter(|d| d.origin != DomainOrigin::Catalog);
        for domain in domains {
            for field in &domain.owners {
                for owner in named_owners(field, cx.settings) {
                    if owner.is_empty() || placeholder(owner.as_str(), cx.settings).is_some() {
                        continue;
                    }
                    if cx.settings.is_registered(owner.as_str()) {
                        continue;
                    }
                    let key = names::key(owner.as_str());
                    let keys = keys.get_or_insert_with(|| {
                        teams.iter().map(|t| (names::key(t), t.as_str())).collect()
                    });
                    if keys.iter().any(|(k, _)| *k == key) {
                        continue;
                    }
                    let closest = closest_match(&key, keys.iter().map(|(k, t)| (k.as_str(), *t)))
                        .map(|(_, t)| t);
                    cx.report(diagnostic(domain, &owner, closest));
                }
            }
        }
    }
}
