use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::rules::codeowners as shared;
use crate::rules::{Context, Rule};
use crate::util::label::dns_label;

declare_rule! {
    /// ## What it does
    /// Reports a domain that lists paths (`**Paths:**`, `paths:`) while its owner has no
    /// handle in the team registry (`teams` in `.ownlint.yaml`), when CODEOWNERS is checked:
    /// without a handle, ownlint cannot write the domain's rules into CODEOWNERS nor check
    /// the rules there. The help shows the registry entry to add. A domain without paths
    /// needs no handle.
    ///
    /// Checked when the repository has a CODEOWNERS file, or `codeowners.check` is `true` in
    /// `.ownlint.yaml`.
    ///
    /// ## Why is this bad?
    /// CODEOWNERS names `@user`, `@org/team` or an email address, never a team's name as the
    /// documents write it. A domain whose owner has no handle has paths nobody can be asked
    /// to review.
    ///
    /// ## Example
    /// ```yaml
    /// teams:
    ///   - Payment Service Team
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// teams:
    ///   Payment Service Team: "@acme/payments"
    /// ```
    pub struct CodeownersMissingHandle {
        code: "OWN606",
        name: "codeowners-missing-handle",
        severity: Error,
        category: Codeowners,
        checker: Workspace,
    }
}

impl Rule for CodeownersMissingHandle {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        for &domain in &ws.codeowners_comparison(cx.settings).missing_handles {
            let Some((owner, span)) = shared::owner(ws, domain) else {
                continue;
            };
            let name = shared::domain_name(ws, domain);
            // A handle the registry accepts: a team slug, lowercase ASCII.
            let slug = match dns_label(&owner) {
                slug if slug.is_empty() => "team".to_owned(),
                slug => slug,
            };
            cx.report(
                Diagnostic::new(
                    &CodeownersMissingHandle::META,
                    domain.file,
                    span,
                    format!("`{owner}`, the owner of `{name}`, has no CODEOWNERS handle"),
                )
                .with_label("no handle in `teams`")
                .with_help(format!(
                    "give the team its handle under `teams:` in .ownlint.yaml: `{owner}: \"@your-org/{slug}\"`"
                )),
            );
        }
    }
}
