use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::rules::{Context, Rule};
use crate::source::{FileId, Span};

fn diagnostic(file: FileId) -> Diagnostic {
    Diagnostic::new(
        &NoDomains::META,
        file,
        Span::empty_at(0),
        "no ownership content found in this file",
    )
    .with_help(
        "ownlint reads domains from headings with fields such as `**Owner:**`, from tables \
         with a Domain and an Owner column, from YAML with a top-level `domains`, \
         `escalation_ladder` or `shared_ownership` key, and from Backstage catalog entities \
         (`apiVersion: backstage.io/v1alpha1`)",
    )
}

declare_rule! {
    /// ## What it does
    /// Reports a file that was named on the command line, or matched by an `include` glob,
    /// but holds no ownership content at all: no domain, no escalation ladder and no
    /// shared-ownership declaration.
    ///
    /// Markdown files without ownership content met while walking a folder (a README, a
    /// changelog) are skipped silently instead; `--verbose` lists them. When no input at all
    /// has ownership content there is no finding: the run is one error that says where
    /// ownlint looked and what it skipped (exit 2).
    ///
    /// ## Why is this bad?
    /// A file you asked ownlint to check that yields nothing usually means the document is
    /// written in a shape ownlint does not recognise, so none of it is being checked.
    ///
    /// ## Example
    /// ```markdown
    /// # Payments
    ///
    /// The payments team looks after this.
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Payments Domain
    ///
    /// **Owner:** Payment Service Team
    /// **Escalation Contact:** @payments-oncall
    /// ```
    pub struct NoDomains {
        code: "OWN002",
        name: "no-domains",
        severity: Warning,
        category: Structure,
        checker: Document,
    }
}

impl Rule for NoDomains {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        // A CODEOWNERS file holds rules, not domains.
        if doc.explicit
            && !doc.has_ownership_content()
            && doc.problems.is_empty()
            && doc.codeowners.is_none()
        {
            cx.report(diagnostic(doc.file));
        }
    }
}
