use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::index::Workspace;
use crate::rules::{Context, Rule};
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a rule of the repository's CODEOWNERS file that never decides an owner: a
    /// later rule (in the same GitLab section) matches every path it matches, and in
    /// CODEOWNERS the last matching rule wins. The rule is shown dead only where the
    /// patterns prove it — the same pattern again, `*` or `**`, a folder over a pattern
    /// inside it (`src/` over `src/payments/`), a name matched at any depth over a pattern
    /// that names it (`*.md` over `docs/guide.md`) — never by guess. The fix removes the
    /// line, which changes no file's owner.
    ///
    /// Checked when the repository has a CODEOWNERS file, or `codeowners.check` is `true` in
    /// `.ownlint.yaml`.
    ///
    /// ## Why is this bad?
    /// Whoever reads the file believes the rule gives its paths to its owners; it gives them
    /// nothing. Usually a narrower rule was written above a broader one, and the order is
    /// the mistake.
    ///
    /// ## Example
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
    pub struct CodeownersShadowedRule {
        code: "OWN605",
        name: "codeowners-shadowed-rule",
        severity: Warning,
        category: Codeowners,
        checker: Workspace,
    }
}

impl Rule for CodeownersShadowedRule {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        let Some((id, file)) = ws.codeowners() else {
            return;
        };
        let source = ws.file(id);
        for shadowed in &ws.codeowners_comparison(cx.settings).shadowed {
            let (rule, later) = (&file.rules[shadowed.rule], &file.rules[shadowed.by]);
            let span = rule.span.range();
            let line = source.line_around(span.start).start..source.line_around(span.end).end;
            let line = Span::new(line.start, line.end);
            let d = Diagnostic::new(
                &CodeownersShadowedRule::META,
                id,
                rule.span,
                format!(
                    "`{}` never decides an owner: `{}`, later, matches every path it matches",
                    rule.pattern, later.pattern
                ),
            )
            .with_label("never the last match")
            .with_secondary(id, later.span, "this rule wins for all its paths")
            .with_help("move the rule below the broader one, or remove it")
            .with_fix(Fix::safe(
                format!("Remove the rule for `{}`", rule.pattern),
                line,
                "",
            ));
            cx.report(d);
        }
    }
}
