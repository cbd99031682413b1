use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::rules::{Context, Rule};

declare_rule! {
    /// ## What it does
    /// Reports a line of the repository's CODEOWNERS file (`.github/CODEOWNERS`,
    /// `CODEOWNERS` or `docs/CODEOWNERS`, the first that exists) that GitHub or GitLab cannot
    /// read as written: a negated pattern (`!`), a character range (`[a-z]`), an owner that is
    /// not `@user`, `@org/team` or an email address, an owner written as a pattern, a
    /// pattern that can never match, a file over GitHub's size limit; and GitLab's section
    /// headers and exclusions. Each finding is on the words at fault, with what to write
    /// instead. The file is read when `ownlint check` runs without paths.
    ///
    /// ## Why is this bad?
    /// GitHub skips a line it cannot read, without a word in the pull request: the files the
    /// line was written for get no required review, or the review of a broader rule above it.
    /// Its CODEOWNERS errors page says so only to whoever opens it.
    ///
    /// ## Example
    /// ```text
    /// /src/payments/ payments-team
    /// !/src/payments/generated/ @acme/payments
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// /src/payments/ @acme/payments
    /// /src/payments/generated/
    /// ```
    pub struct CodeownersSyntax {
        code: "OWN601",
        name: "codeowners-syntax",
        severity: Error,
        category: Codeowners,
        checker: Document,
    }
}

impl Rule for CodeownersSyntax {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        let Some(codeowners) = &doc.codeowners else {
            return;
        };
        for problem in &codeowners.problems {
            let mut d =
                Diagnostic::new(&Self::META, doc.file, problem.span, problem.message.clone());
            if let Some(help) = &problem.help {
                d = d.with_help(help.clone());
            }
            cx.report(d);
        }
    }
}
