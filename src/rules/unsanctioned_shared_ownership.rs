use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::rules::claims::{Claim, pair, sanctioned_pairs, shared_names};
use crate::rules::{Context, Rule};

fn diagnostic(later: &Claim<'_>, others: &[&Claim<'_>]) -> Diagnostic {
    let domains: Vec<String> = others.iter().map(|c| format!("`{}`", c.domain)).collect();
    let mut d = Diagnostic::new(
        &UnsanctionedSharedOwnership::META,
        later.id.file,
        later.text.span,
        format!(
            "`{}` is claimed by domain `{}` and by {} of another owner",
            later.text,
            later.domain,
            domains.join(", ")
        ),
    )
    .with_label(format!("claimed here by `{}`", later.domain));
    for other in others {
        d = d.with_secondary(
            other.id.file,
            other.text.span,
            format!("also claimed by `{}`", other.domain),
        );
    }
    d.with_help(
        "give it to one domain, or declare the shared ownership with an SLA, boundaries, an \
         escalation path and a sync cadence",
    )
}

declare_rule! {
    /// ## What it does
    /// Reports a responsibility or an SLO claimed by domains with different owners when no
    /// shared-ownership declaration names those domains; on the later claim, with labels on
    /// the others. Names are compared with case and white space ignored.
    ///
    /// ## Why is this bad?
    /// One owner per domain, and no shared ownership without an explicit agreement. Two teams
    /// that both list `Payment processing` each believe they own it, and in an incident each
    /// waits for the other. Shared ownership is allowed only as a declared exception with an
    /// SLA, clear boundaries, an escalation path and regular sync meetings.
    ///
    /// ## Example
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Payment Service Team
    /// **Responsibilities:**
    /// - Payment processing
    ///
    /// ### Checkout Domain
    /// **Owner:** Checkout Team
    /// **Responsibilities:**
    /// - Payment processing
    /// ```
    ///
    /// Use instead: keep `Payment processing` in one domain, or declare the exception:
    /// ```markdown
    /// ## Shared Ownership (Exception)
    /// - **Payments + Checkout**: Shared ownership for payment processing
    ///   - Payment Service Team: payment execution
    ///   - Checkout Team: payment initiation
    ///   - Shared SLA: Payment processing P95 ≤ 500ms
    ///   - Escalation path: Payments on-call, then the Engineering Manager
    ///   - Sync: weekly
    /// ```
    pub struct UnsanctionedSharedOwnership {
        code: "OWN104",
        name: "unsanctioned-shared-ownership",
        severity: Error,
        category: Ownership,
        checker: Workspace,
    }
}

impl Rule for UnsanctionedSharedOwnership {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        let groups = shared_names(ws);
        if groups.is_empty() {
            return;
        }
        let sanctioned = sanctioned_pairs(ws);
        for group in &groups {
            for (i, later) in group.iter().enumerate() {
                let Some(owner) = &later.owner else {
                    continue;
                };
                let later_name = ws.domain_facts(later.id).name;
                let others: Vec<&Claim<'_>> = group[..i]
                    .iter()
                    .filter(|c| c.owner.as_ref().is_some_and(|o| o != owner))
                    .filter(|c| {
                        let name = ws.domain_facts(c.id).name;
                        !sanctioned.contains(&pair(name, later_name))
                    })
                    .collect();
                if !others.is_empty() {
                    cx.report(diagnostic(later, &others));
                }
            }
        }
    }
}
