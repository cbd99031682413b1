use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::{DomainId, Workspace};
use crate::model::names::{self, Teams};
use crate::model::{DomainOrigin, Text};
use crate::rules::{Context, Rule};
use crate::util::suggest::closest_match;

const REGISTRY_HELP: &str = "use a team from `teams` in `.ownlint.yaml`, or add it there";
const REGISTRY_AND_CATALOG_HELP: &str =
    "use a team from `teams` in `.ownlint.yaml` or a Group of the catalog, or add it there";
const CATALOG_HELP: &str = "use a Group of the Backstage catalog, or add the team there";

fn diagnostic(
    ws: &Workspace<'_>,
    domain: DomainId,
    owner: &Text<'_>,
    closest: Option<&str>,
    help: &str,
) -> Diagnostic {
    let d = Diagnostic::new(
        &UnknownOwner::META,
        domain.file,
        owner.span,
        format!(
            "owner `{owner}` of `{}` is not a registered team",
            names::display_name(ws.domain_name(domain).as_str())
        ),
    );
    match closest {
        Some(team) => d.with_suggestion(team, owner.is_exact().then_some(owner.span)),
        None => d.with_help(help),
    }
}

declare_rule! {
    /// ## What it does
    /// Reports an owner that is not in the team registry, when there is one: the teams of
    /// `teams` in `.ownlint.yaml`, and the Groups and Users of a Backstage catalog in the
    /// workspace (by name, or by a Group's display name: `Payment Service Team` is the Group
    /// `payment-service-team`). The finding names the closest registered team. Teams are
    /// compared with case and white space ignored. Without a registry the rule does nothing.
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
        checker: Workspace,
    }
}

impl Rule for UnknownOwner {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        // The catalog's teams and people, by the names a document may call them: each name
        // folded once, not once for each owner of a hundred thousand domains.
        let mut catalog: Vec<(String, Text<'_>)> = Vec::new();
        let mut teams_in_catalog = Teams::default();
        for (file, facts) in ws.all_facts() {
            for entity in facts.entities.iter().filter(|e| e.owner_kind) {
                for name in std::iter::once(&entity.name).chain(&entity.display) {
                    let text = ws.text(file, name);
                    teams_in_catalog.insert(text.as_str());
                    catalog.push((names::key(text.as_str()), text));
                }
            }
        }
        let in_catalog = |owner: &str| teams_in_catalog.contains(owner);
        match &cx.settings.teams {
            Some(teams) => {
                // Registered by the configuration's registry already, in the facts.
                let keys: Vec<(String, &str)> =
                    teams.iter().map(|t| (names::key(t), t.as_str())).collect();
                for (file, facts) in ws.all_facts() {
                    for (domain, owner) in &facts.unregistered_owners {
                        let owner = ws.text(file, owner);
                        let key = names::key(owner.as_str());
                        if keys.iter().any(|(k, _)| *k == key) || in_catalog(owner.as_str()) {
                            continue;
                        }
                        let teams = keys.iter().map(|(k, t)| (k.as_str(), *t));
                        let closest = closest_match(&key, teams).map(|(_, t)| t);
                        let id = DomainId {
                            file,
                            domain: *domain,
                        };
                        let help = match catalog.is_empty() {
                            true => REGISTRY_HELP,
                            false => REGISTRY_AND_CATALOG_HELP,
                        };
                        cx.report(diagnostic(ws, id, &owner, closest, help));
                    }
                }
            }
            // The catalog alone is the registry: each domain's one real owner is held to it.
            None if !catalog.is_empty() => {
                let candidates = || catalog.iter().map(|(k, n)| (k.as_str(), n.as_str()));
                for (file, facts) in ws.all_facts() {
                    for (d, domain) in facts.domains.iter().enumerate() {
                        let Some(owner) = domain.owner_text.as_ref() else {
                            continue;
                        };
                        if domain.origin == DomainOrigin::Catalog {
                            continue;
                        }
                        let owner = ws.text(file, owner);
                        if in_catalog(owner.as_str()) {
                            continue;
                        }
                        let key = names::key(owner.as_str());
                        let closest = closest_match(&key, candidates()).map(|(_, n)| n);
                        let id = DomainId {
                            file,
                            domain: d as u32,
                        };
                        cx.report(diagnostic(ws, id, &owner, closest, CATALOG_HELP));
                    }
                }
            }
            None => {}
        }
    }
}
