use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Domain, SharedOwnership, Text, Workspace, names};
use crate::rules::claims::owner_key;
use crate::rules::shared_ownership_without_sla::parties;
use crate::rules::{Context, Rule};

fn diagnostic(decl: &SharedOwnership<'_>, missing: &[String]) -> Diagnostic {
    Diagnostic::new(
        &IncompleteSharedOwnership::META,
        decl.file,
        decl.span,
        format!(
            "shared ownership of {} lacks {}",
            parties(decl),
            join(missing)
        ),
    )
    .with_help(
        "a shared domain needs a boundary per party (`Payment team: Payment processing`), an \
         `Escalation path: …` and a `Sync: …` cadence",
    )
}

/// `a`, `a and b`, `a, b and c`.
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a shared-ownership declaration that has its SLA but lacks a responsibility
    /// boundary for one of its parties, an escalation path, or a sync cadence; on the
    /// declaration, and the message says which are missing.
    ///
    /// A boundary belongs to a party when it is led by the party's domain name or owner team,
    /// or by a shorter form of it (`Subscription team` for the Subscriptions domain).
    ///
    /// ## Why is this bad?
    /// The shared-ownership exception is allowed only with an explicit SLA, clear
    /// responsibility boundaries, escalation paths and regular sync meetings. Without
    /// boundaries each party assumes the other has the failing part; without an escalation
    /// path an incident stalls between two teams; without a cadence the agreement rots.
    ///
    /// ## Example
    /// ```markdown
    /// - **Subscriptions + Payments**: Shared ownership for payment finalization
    ///   - Subscription team: Subscription creation
    ///   - Payment team: Payment processing
    ///   - Shared SLA: Payment finalization P95 ≤ 300ms
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - **Subscriptions + Payments**: Shared ownership for payment finalization
    ///   - Subscription team: Subscription creation
    ///   - Payment team: Payment processing
    ///   - Shared SLA: Payment finalization P95 ≤ 300ms
    ///   - Escalation path: Payments on-call, then the Engineering Manager
    ///   - Sync: weekly handoff review
    /// ```
    pub struct IncompleteSharedOwnership {
        code: "OWN107",
        name: "incomplete-shared-ownership",
        severity: Warning,
        category: Ownership,
    }
}

impl Rule for IncompleteSharedOwnership {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        if ws.shared().next().is_none() {
            return;
        }
        for decl in ws.shared().filter(|d| d.sla.is_some()) {
            let mut missing = Vec::new();
            for name in &decl.domains {
                let domain = ws.find_domain(name.as_str());
                let owner = domain.and_then(|d| owner_key(d, cx.settings));
                let covered = decl
                    .boundaries
                    .iter()
                    .any(|b| party_is(&b.party, name, domain, owner.as_deref()));
                if !covered {
                    missing.push(format!("a boundary for `{name}`"));
                }
            }
            if decl.escalation.is_none() {
                missing.push("an escalation path".to_owned());
            }
            if decl.sync.is_none() {
                missing.push("a sync cadence".to_owned());
            }
            if !missing.is_empty() {
                cx.report(diagnostic(decl, &missing));
            }
        }
    }
}

/// Whether a boundary's party is the declaration's domain `name`: its name, its owner, or
/// words that all appear in them (`Subscription team` for `Subscriptions`).
fn party_is(
    party: &Text<'_>,
    name: &Text<'_>,
    domain: Option<&Domain<'_>>,
    owner: Option<&str>,
) -> bool {
    let party_key = names::key(party.as_str());
    if party_key == names::key(name.as_str()) || owner.is_some_and(|o| o == party_key) {
        return true;
    }
    let party_words = stems(&party_key);
    if party_words.is_empty() {
        return false;
    }
    let mut known = stems(&names::key(name.as_str()));
    if let Some(d) = domain {
        known.extend(stems(&names::key(d.name.as_str())));
    }
    if let Some(o) = owner {
        known.extend(stems(o));
    }
    party_words.iter().all(|w| known.contains(w))
}

/// The significant words of a name, singular: `Subscription Service Team` → `subscription`.
fn stems(key: &str) -> Vec<String> {
    key.split(|c: char| !c.is_alphanumeric())
        .filter(|w| {
            !w.is_empty()
                && !matches!(
                    *w,
                    "team"
                        | "teams"
                        | "squad"
                        | "group"
                        | "service"
                        | "services"
                        | "domain"
                        | "the"
                        | "and"
                        | "of"
                        | "on"
                        | "call"
                        | "oncall"
                )
        })
        .map(|w| {
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") {
                w[..w.len() - 1].to_owned()
            } else {
                w.to_owned()
            }
        })
        .collect()
}
