use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::model::{SharedOwnership, names};
use crate::rules::shared_ownership_without_sla::parties;
use crate::rules::{Context, Rule};
use crate::source::FileId;

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
                // Only now is the declaration read, for the names as written.
                let written = &ws.document(file).shared[d];
                let mut missing: Vec<String> = uncovered
                    .iter()
                    .filter_map(|n| written.domains.get(*n))
                    .map(|name| format!("a boundary for `{name}`"))
                    .collect();
                if !decl.has_escalation {
                    missing.push("an escalation path".to_owned());
                }
                if !decl.has_sync {
                    missing.push("a sync cadence".to_owned());
                }
                cx.report(diagnostic(written, &missing));
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
    let written = &ws.document(file).shared[decl];
    let mut known: Vec<u64> = written
        .domains
        .get(n)
        .map(|d| names::stems(d.as_str()).collect())
        .unwrap_or_default();
    if let Some(id) = domain {
        let domain = ws.domain(id);
        known.extend(names::stems(domain.name.as_str()));
        if let Some(owner) = domain.owners.first().and_then(|f| f.values().next()) {
            known.extend(names::stems(owner.as_str()));
        }
    }
    written.boundaries.iter().any(|b| {
        let mut words = names::stems(b.party.as_str()).peekable();
        words.peek().is_some() && words.all(|w| known.contains(&w))
    })
}
