use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Domain, DomainOrigin, FieldKind};
use crate::rules::{Context, Rule, report_lacking};

fn diagnostic(domain: &Domain<'_>) -> Diagnostic {
    let help = match domain.origin {
        DomainOrigin::Yaml => "add `responsibilities:` with what the domain covers",
        _ => "add `**Responsibilities:**` with what the domain covers, e.g. `- Payment processing`",
    };
    Diagnostic::new(
        &MissingResponsibilities::META,
        domain.file,
        domain.span,
        format!(
            "domain `{}` lists no responsibilities",
            domain.display_name()
        ),
    )
    .with_help(help)
}

declare_rule! {
    /// ## What it does
    /// Reports a domain that lists no responsibilities, on its heading (or YAML item).
    /// Domains read from a table row are not reported. When the domain has a misspelt label
    /// close to `Responsibilities` (`**Responsibilites:**`), the finding is at that label
    /// with the right spelling, and `unknown-field` does not report the label again.
    ///
    /// ## Why is this bad?
    /// Ownership is responsibility: without a list of what the domain covers, nobody can tell
    /// whether a failing part is this owner's, and overlaps between domains stay invisible.
    ///
    /// ## Example
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Payment Service Team
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Payment Service Team
    /// **Responsibilities:**
    /// - Payment processing
    /// - Payment provider integration
    /// ```
    pub struct MissingResponsibilities {
        code: "OWN402",
        name: "missing-responsibilities",
        severity: Warning,
        category: Authority,
        checker: Document,
    }
}

impl Rule for MissingResponsibilities {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        report_lacking(
            doc,
            cx,
            &Self::META,
            FieldKind::Responsibilities,
            diagnostic,
        );
    }
}
