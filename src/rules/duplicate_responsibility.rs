use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::rules::claims::{Claim, shared_names};
use crate::rules::{Context, Rule};

fn diagnostic(first: &Claim<'_>, later: &Claim<'_>) -> Diagnostic {
    Diagnostic::new(
        &DuplicateResponsibility::META,
        later.id.file,
        later.text.span,
        format!(
            "`{}` is listed by both `{}` and `{}`",
            later.text, first.domain, later.domain
        ),
    )
    .with_label(format!("listed again by `{}`", later.domain))
    .with_secondary(
        first.id.file,
        first.text.span,
        format!("first listed by `{}`", first.domain),
    )
    .with_help(
        "keep it in the one domain it belongs to; if both need it, the two domains may be one",
    )
}

declare_rule! {
    /// ## What it does
    /// Reports a responsibility or an SLO listed by two domains of the same owner, on the
    /// later one, with a label on the first.
    ///
    /// ## Why is this bad?
    /// It is redundant, and it is a sign that two domains blur into each other: when the SLO
    /// is missed, which domain's incident authority applies, and which runbook is read?
    ///
    /// ## Example
    /// ```markdown
    /// ### VPN Domain
    /// **Owner:** Infrastructure Team
    /// **SLO Responsibility:**
    /// - VPN API availability: ≥ 99.9%
    ///
    /// ### Infrastructure Domain
    /// **Owner:** Infrastructure Team
    /// **SLO Responsibility:**
    /// - VPN API availability: ≥ 99.9%
    /// ```
    ///
    /// Use instead: list `VPN API availability` under the VPN domain only.
    pub struct DuplicateResponsibility {
        code: "OWN105",
        name: "duplicate-responsibility",
        severity: Warning,
        category: Ownership,
        checker: Workspace,
    }
}

impl Rule for DuplicateResponsibility {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        for group in &shared_names(ws) {
            for (i, later) in group.iter().enumerate() {
                let Some(owner) = &later.owner else {
                    continue;
                };
                if let Some(first) = group[..i].iter().find(|c| c.owner.as_ref() == Some(owner)) {
                    cx.report(diagnostic(first, later));
                }
            }
        }
    }
}
