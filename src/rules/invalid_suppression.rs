use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::rules::closest_name;
use crate::source::{FileId, Span};

impl InvalidSuppression {
    /// The finding for a rule name in a suppression comment that names no rule. Raised by
    /// [`crate::lint::suppressions`].
    pub fn diagnostic(file: FileId, name: &str, span: Span) -> Diagnostic {
        let d = Diagnostic::new(
            &Self::META,
            file,
            span,
            format!("suppression names an unknown rule `{name}`"),
        );
        match closest_name(name) {
            Some(rule) => d.with_help(format!("did you mean `{rule}`?")),
            None => d.with_help("`ownlint rules` lists the rules by name and code"),
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a suppression comment that names a rule that does not exist, with the closest
    /// rule name.
    ///
    /// ## Why is this bad?
    /// A misspelt rule name silences nothing, so the finding the comment was meant for is
    /// still reported, or worse, a later reader believes it is handled.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- ownlint-disable-next-line placeholder-escalation -->
    /// **Escalation Contact:** [Engineering Manager]
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// <!-- ownlint-disable-next-line placeholder-escalation-contact -->
    /// **Escalation Contact:** [Engineering Manager]
    /// ```
    pub struct InvalidSuppression {
        code: "OWN006",
        name: "invalid-suppression",
        severity: Error,
        category: Structure,
        checker: Suppressions,
    }
}
