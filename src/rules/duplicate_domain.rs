use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::{DomainId, Workspace};
use crate::model::names;
use crate::rules::{Context, Rule};

fn diagnostic(ws: &Workspace<'_>, first: DomainId, later: DomainId, name: &str) -> Diagnostic {
    Diagnostic::new(
        &DuplicateDomain::META,
        later.file,
        ws.domain_facts(later).span,
        format!(
            "domain `{}` is defined twice",
            names::display_name(name.trim())
        ),
    )
    .with_label("defined again here")
    .with_secondary(
        first.file,
        ws.domain_facts(first).span,
        "first defined here",
    )
    .with_help("keep one definition, or rename one of the domains if they are different systems")
}

declare_rule! {
    /// ## What it does
    /// Reports a domain defined twice, in one file or across files and formats (a Markdown
    /// section and a YAML item, say), on the later definition in sorted path order, with a
    /// label on the first. Names are compared with case, white space and a trailing `Domain`
    /// or `Service` ignored, so `Payments Domain` and `payments` are the same domain.
    ///
    /// The two definitions are one domain to the other rules: a finding of the later one that
    /// the first has too (the same placeholder contact, the same missing field) is not
    /// reported again, and the responsibilities and SLOs both list are not "claimed by two
    /// domains". A domain pasted twice is this one finding.
    ///
    /// ## Why is this bad?
    /// Two definitions drift apart: one says one owner, the other another, and whoever reads
    /// the wrong one pages the wrong team.
    ///
    /// ## Example
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Payment Service Team
    ///
    /// ### Payments
    /// **Owner:** Platform Team
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Payment Service Team
    /// ```
    pub struct DuplicateDomain {
        code: "OWN103",
        name: "duplicate-domain",
        severity: Error,
        category: Ownership,
        checker: Workspace,
    }
}

impl Rule for DuplicateDomain {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        for group in ws.domains_defined_twice() {
            for later in &group[1..] {
                let written = ws.domain_name(*later);
                cx.report(diagnostic(ws, group[0], *later, written.as_str()));
            }
        }
    }
}
