use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::index::facts::SharedFacts;
use crate::model::{Text, names};
use crate::rules::shared_ownership_without_sla::parties;
use crate::rules::{Context, Rule};
use crate::source::FileId;

fn diagnostic(
    file: FileId,
    decl: &SharedFacts,
    domains: &[Text<'_>],
    missing: &[String],
) -> Diagnostic {
    Diagnostic::new(
        &IncompleteSharedOwnership::META,
        file,
        decl.span,
        format!(
            "shared ownership of {} lacks {}",
            parties(domains),
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
        checker: Workspace,
    }
}

impl Rule for IncompleteSharedOwnership {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        for (file, facts) in ws.all_facts() {
            for (d, decl) in facts.shared.iter().enumerate().filter(|(_, d)| d.has_sla) {
                let uncovered: Vec<usize> = decl
                    .domains
                    .iter()
                    .enumerate()
                    .filter(|(n, name)| !covered(ws, file, d, *n, **name, &decl.parties))
                    .map(|(n, _)| n)
                    .collect();
                if uncovered.is_empty() && decl.has_escalation && decl.has_sync {
                    continue;
                }
                // Only now are the names read, as written.
                let written: Vec<Text<'_>> = decl
                    .domain_names
                    .iter()
                    .map(|name| ws.text(file, name))
                    .collect();
                let mut missing: Vec<String> = uncovered
                    .iter()
                    .filter_map(|n| written.get(*n))
                    .map(|name| format!("a boundary for `{name}`"))
                    .collect();
                if !decl.has_escalation {
                    missing.push("an escalation path".to_owned());
                }
                if !decl.has_sync {
                    missing.push("a sync cadence".to_owned());
                }
                cx.report(diagnostic(file, decl, &written, &missing));
            }
        }
    }
}

/// Whether the declared domain `name` (the `n`-th of declaration `decl` in `file`) has a
/// boundary: a party named like the domain or its owner, or, reading the documents, a party
/// whose words all appear in them (`Subscription team` for the Subscriptions domain, owned by
/// the Subscription Service Team).
fn covered(
    ws: &Workspace<'_>,
    file: FileId,
    decl: usize,
    n: usize,
    name: u64,
    parties: &[u64],
) -> bool {
    let domain = ws.domains_hashed(name).next();
    let owner = domain.and_then(|id| ws.domain_facts(id).owner());
    if parties.iter().any(|p| *p == name || Some(*p) == owner) {
        return true;
    }
    if parties.is_empty() {
        return false;
    }
    let written = &ws.facts(file).shared[decl];
    let mut known: Vec<u64> = written
        .domain_names
        .get(n)
        .map(|d| names::stems(ws.str(file, d)).collect())
        .unwrap_or_default();
    if let Some(id) = domain {
        let facts = ws.domain_facts(id);
        known.extend(names::stems(ws.str(id.file, &facts.name_text)));
        if let Some(owner) = &facts.owner_text {
            known.extend(names::stems(ws.str(id.file, owner)));
        }
    }
    written.party_names.iter().any(|party| {
        let mut words = names::stems(ws.str(file, party)).peekable();
        words.peek().is_some() && words.all(|w| known.contains(&w))
    })
}
