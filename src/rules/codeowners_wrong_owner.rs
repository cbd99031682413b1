use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::index::Workspace;
use crate::index::codeowners::PathProblem;
use crate::rules::codeowners as shared;
use crate::rules::{Context, Rule};
use crate::semantics::paths;
use crate::source::Span;

declare_rule! {
    /// ## What it does
    /// Reports a rule of the repository's CODEOWNERS file for a path a domain lists (the
    /// same pattern) that names someone other than the domain's owner: an owner that is not
    /// one of the handles the team registry gives the owner, or no owner at all. The
    /// finding is on the rule's owners in CODEOWNERS, with the domain's owner labelled in its
    /// document; the fix writes the owner's handles in their place, and the owner's name in
    /// the comment ownlint writes above the rule (`# Payments: Payment Service Team, …`) when
    /// the line above is that comment.
    ///
    /// Checked when the repository has a CODEOWNERS file, or `codeowners.check` is `true` in
    /// `.ownlint.yaml`.
    ///
    /// ## Why is this bad?
    /// The document was changed and CODEOWNERS was not, or the other way round: pull
    /// requests that touch the domain's code wait for the review of a team that no longer
    /// owns it, while the owner is never asked.
    ///
    /// ## Example
    /// With `**Paths:** src/payments/` in the Payments domain, owned by Payment Service Team
    /// (`teams: {Payment Service Team: "@acme/payments"}`):
    /// ```text
    /// src/payments/ @acme/billing
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// src/payments/ @acme/payments
    /// ```
    ///
    /// ## Options
    /// `teams` in `.ownlint.yaml` maps each team to its handles; `codeowners` turns the
    /// check on or off.
    pub struct CodeownersWrongOwner {
        code: "OWN603",
        name: "codeowners-wrong-owner",
        severity: Error,
        category: Codeowners,
        checker: Workspace,
    }
}

impl Rule for CodeownersWrongOwner {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        let Some((id, file)) = ws.codeowners() else {
            return;
        };
        for finding in &ws.codeowners_comparison(cx.settings).paths {
            let PathProblem::WrongOwner { rule } = finding.problem else {
                continue;
            };
            let rule = &file.rules[rule];
            let owner = shared::owner(ws, finding.domain)
                .map(|(o, _)| o)
                .unwrap_or_default();
            let domain = shared::domain_name(ws, finding.domain);
            let named = shared::owners_shown(file, rule);
            // On the owners written, or after the pattern when the line names none.
            let written = file.rule_owners(rule);
            let span = match (written.first(), written.last()) {
                (Some(first), Some(last)) => first.span.cover(last.span),
                _ => Span::empty_at(rule.pattern.span.range().end),
            };
            let handles = finding.handles.join(" ");
            let replacement = match written.is_empty() {
                true => format!(" {handles}"),
                false => handles.clone(),
            };
            let d = Diagnostic::new(
                &CodeownersWrongOwner::META,
                id,
                span,
                format!(
                    "CODEOWNERS gives `{}` to {named}, but `{}` is owned by {}",
                    rule.pattern,
                    domain,
                    shared::owner_with_handles(&owner, &finding.handles),
                ),
            )
            .with_label(format!("{named}, not the domain's owner"));
            // The comment ownlint writes above a rule names the domain's owner: the fix names
            // the owner there too, so that the file reads as the export would write it.
            let source = ws.file(id);
            let commented = paths::owner_as_commented(&owner);
            let (span, replacement) = match shared::owner_in_comment(source, span, &domain) {
                Some(named) if !owner.is_empty() && source.slice(named) != commented => (
                    named.cover(span),
                    format!(
                        "{commented}{}{replacement}",
                        &source.text[named.end as usize..span.start as usize]
                    ),
                ),
                _ => (span, replacement),
            };
            let d = shared::with_domain_places(d, ws, finding)
                .with_help(format!(
                    "name the owner's handles: `{} {handles}`; or, if the owner changed, change the document",
                    rule.pattern
                ))
                .with_fix(Fix::safe(
                    format!("Give `{}` to `{handles}`", rule.pattern),
                    span,
                    replacement,
                ));
            cx.report(d);
        }
    }
}
