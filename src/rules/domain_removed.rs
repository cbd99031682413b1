use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Span};

impl DomainRemoved {
    /// The finding for a domain defined at the base revision and gone now. `file` and `span`
    /// are where it was: its old definition, or the start of the file it was in when that
    /// file still exists. Raised by [`crate::lint::changes`] when `--base` is given.
    pub fn diagnostic(file: FileId, span: Span, name: &str, line: usize, rev: &str) -> Diagnostic {
        Diagnostic::new(
            &Self::META,
            file,
            span,
            format!("domain `{name}` (line {line} at `{rev}`) was removed",),
        )
        .with_help(
            "if the domain moved to another team or file, keep its definition there; if it was \
             retired, make sure its responsibilities and SLOs have a new owner",
        )
    }
}

declare_rule! {
    /// ## What it does
    /// With `--base REV`, reports a domain that is defined at `REV` and no longer defined
    /// anywhere, on the file it was in. A domain renamed in place (same owner, same
    /// responsibilities) is not a removal.
    ///
    /// ## Why is this bad?
    /// Removing a domain removes the owner of its responsibilities and SLOs. Unless they
    /// moved somewhere, the systems are still running and nobody answers for them.
    ///
    /// ## Example
    /// A pull request deletes:
    /// ```markdown
    /// ### Refunds Domain
    /// **Owner:** Payment Service Team
    /// ```
    ///
    /// Use instead: move the domain, or give its responsibilities to another domain in the
    /// same pull request.
    pub struct DomainRemoved {
        code: "OWN502",
        name: "domain-removed",
        severity: Warning,
        category: Change,
        checker: Changes,
    }
}
