use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::index::codeowners::PathProblem;
use crate::rules::codeowners::{self as shared, insert_line};
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a rule of the repository's CODEOWNERS file that takes the files of a domain
    /// path from the path's own rule and gives them to someone else: the path's rule names
    /// the domain's owner, but a later rule that also matches its files (the last match
    /// wins) names another owner. The finding is on the later rule, with the path's rule and
    /// the domain's owner labelled; the fix writes the path's rule again after it. A later
    /// rule that takes only some of the path's files (`*.rs @acme/security` after
    /// `src/payments/`) is a choice CODEOWNERS is made for, and no finding.
    ///
    /// Checked when the repository has a CODEOWNERS file, or `codeowners.check` is `true` in
    /// `.ownlint.yaml`.
    ///
    /// ## Why is this bad?
    /// CODEOWNERS reads like it gives the path to its owner, and does not: the rule below
    /// wins. The domain's owner is never asked to review its own code.
    ///
    /// ## Example
    /// With `**Paths:** src/payments/` in the Payments domain, owned by Payment Service Team
    /// (`teams: {Payment Service Team: "@acme/payments"}`):
    /// ```text
    /// src/payments/ @acme/payments
    /// src/ @acme/platform
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// src/ @acme/platform
    /// src/payments/ @acme/payments
    /// ```
    pub struct CodeownersOverridden {
        code: "OWN604",
        name: "codeowners-overridden",
        severity: Error,
        category: Codeowners,
        checker: Workspace,
    }
}

impl Rule for CodeownersOverridden {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        let Some((id, file)) = ws.codeowners() else {
            return;
        };
        let source = ws.file(id);
        for finding in &ws.codeowners_comparison(cx.settings).paths {
            let PathProblem::Overridden { rule, by } = finding.problem else {
                continue;
            };
            let (own, later) = (&file.rules[rule], &file.rules[by]);
            let named = shared::owners_shown(file, later);
            let d = Diagnostic::new(
                &CodeownersOverridden::META,
                id,
                later.span,
                format!(
                    "`{}` takes the files of `{}` from their rule and gives them to {named}, but `{}` is owned by {}",
                    later.pattern,
                    own.pattern,
                    shared::domain_name(ws, finding.domain),
                    shared::owner_of_finding(ws, finding),
                ),
            )
            .with_label("this later rule wins")
            .with_secondary(id, own.span, "the path's rule, which never wins for its files");
            let mut d = shared::with_domain_places(d, ws, finding).with_help(
                "move the path's rule below this one: in CODEOWNERS the last matching rule wins",
            );
            if let Some(line) = shared::rule_line(ws, finding) {
                let at = source.line_around(later.span.range().end).end;
                let title = format!("Write `{line}` again after `{}`", later.pattern);
                d = d.with_fix(insert_line(&source.text, at, &line, title));
            }
            cx.report(d);
        }
    }
}
