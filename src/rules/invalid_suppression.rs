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
            Some(rule) => d.with_suggestion(rule, Some(span)),
            None => d.with_help("`ownlint rules` lists the rules by name and code"),
        }
    }

    /// The finding for a comment that looks like a suppression but whose directive is none
    /// of ownlint's, with the directive it is closest to. Raised by
    /// [`crate::lint::suppressions`].
    pub fn unknown_directive(
        file: FileId,
        word: &str,
        span: Span,
        suggestion: Option<&str>,
    ) -> Diagnostic {
        let d = Diagnostic::new(
            &Self::META,
            file,
            span,
            format!("`{word}` is not a suppression directive; the comment silences nothing"),
        );
        match suggestion {
            Some(directive) => d.with_suggestion(directive, Some(span)),
            None => d.with_help(
                "the directives are `ownlint-disable-next-line`, `ownlint-disable-line`, \
                 `ownlint-disable`, `ownlint-enable` and `ownlint-disable-file`",
            ),
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a suppression comment that names a rule that does not exist, or whose
    /// directive is not one of ownlint's, with the closest rule name or directive.
    ///
    /// A comment like `<!-- ownlint-disble-next-line OWN305 -->` or `# ownlnt-disable` is
    /// reported, not ignored. A comment looks like a suppression when its first word starts
    /// with `ownlint` (in any case: directives are lower case) but is not a directive, or
    /// when that word is at most two edits (insertions, deletions, substitutions, swaps of
    /// neighbours) from a directive, which catches a misspelt prefix (`ownlnt-disable`,
    /// `owlint-disable-file`) without taking prose or other tools' comments
    /// (`markdownlint-disable`) for ours.
    ///
    /// ## Why is this bad?
    /// A misspelt rule name or directive silences nothing, so the finding the comment was
    /// meant for is still reported, or worse, a later reader believes it is handled.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- ownlint-disable-next-line placeholder-escalation -->
    /// **Escalation Contact:** [Engineering Manager]
    ///
    /// <!-- ownlint-disble-next-line OWN305 -->
    /// ### Search Domain
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// <!-- ownlint-disable-next-line placeholder-escalation-contact -->
    /// **Escalation Contact:** [Engineering Manager]
    ///
    /// <!-- ownlint-disable-next-line OWN305 -->
    /// ### Search Domain
    /// ```
    pub struct InvalidSuppression {
        code: "OWN006",
        name: "invalid-suppression",
        severity: Error,
        category: Structure,
        checker: Suppressions,
    }
}
