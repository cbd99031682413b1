use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::index;
use crate::model::{Domain, Workspace};
use crate::rules::{Context, Rule};

fn diagnostic(first: &Domain<'_>, later: &Domain<'_>) -> Diagnostic {
    Diagnostic::new(
        &DuplicateDomain::META,
        later.file,
        later.span,
        format!("domain `{}` is defined twice", later.display_name()),
    )
    .with_label("defined again here")
    .with_secondary(first.file, first.span, "first defined here")
    .with_help("keep one definition, or rename one of the domains if they are different systems")
}

declare_rule! {
    /// ## What it does
    /// Reports a domain defined twice, in one file or across files and formats (a Markdown
    /// section and a YAML item, say), on the later definition in sorted path order, with a
    /// label on the first. Names are compared with case, white space and a trailing `Domain`
    /// or `Service` ignored, so `Payments Domain` and `payments` are the same domain.
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
    }
}

impl Rule for DuplicateDomain {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        for group in ws.index.domains_by_name(&ws.documents) {
            let first = index::domain(&ws.documents, group[0]);
            for later in &group[1..] {
                cx.report(diagnostic(first, index::domain(&ws.documents, *later)));
            }
        }
    }
}
