use crate::declare_rule;
use crate::diagnostic::Diagnostic;

use crate::source::{FileId, Span};

impl UnusedSuppression {
    /// The finding for a comment (or one rule name in it, `name` non-empty) that silenced
    /// nothing. Raised by [`crate::lint::suppressions`], after every other rule has run.
    pub fn diagnostic(file: FileId, comment: Span, name_span: Span, name: &str) -> Diagnostic {
        if name.is_empty() {
            Diagnostic::new(
                &Self::META,
                file,
                comment,
                "suppression comment silences nothing",
            )
            .with_help("remove the comment")
        } else {
            Diagnostic::new(
                &Self::META,
                file,
                name_span,
                format!("suppression of `{name}` silences nothing"),
            )
            .with_help(format!("remove `{name}` from the comment, or the comment"))
        }
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a suppression comment, or a rule named in one, that silenced nothing: the
    /// problem it was written for has been fixed or moved.
    ///
    /// Suppression comments are, in Markdown:
    /// - `<!-- ownlint-disable-next-line RULE[, RULE…] [-- reason] -->`: the line after the
    ///   comment;
    /// - `<!-- ownlint-disable-line RULE -->`: the line the comment is on (as markdownlint's
    ///   `disable-line`), for a comment at the end of a line: `**Owner:** TBD <!-- … -->`;
    /// - `<!-- ownlint-disable RULE -->` … `<!-- ownlint-enable RULE -->`: the lines between
    ///   (or to the end of the file);
    /// - `<!-- ownlint-disable-file RULE -->`: the whole file.
    ///
    /// In YAML the same directives follow a `#`: `# ownlint-disable-next-line RULE`, a
    /// trailing `owner: TBD  # ownlint-disable-line orphaned-domain`, `# ownlint-disable-file
    /// RULE`. Rules are named by name or code; a comment without rules covers every rule. A
    /// comment naming a rule that is turned off is not reported.
    ///
    /// ## Why is this bad?
    /// A stale suppression silences the next real problem at that place without anyone
    /// deciding to. Removing it keeps every exception deliberate.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- ownlint-disable-next-line placeholder-escalation-contact -->
    /// **Escalation Contact:** Jane Doe (@jdoe)
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// **Escalation Contact:** Jane Doe (@jdoe)
    /// ```
    pub struct UnusedSuppression {
        code: "OWN004",
        name: "unused-suppression",
        severity: Warning,
        category: Structure,
        checker: Suppressions,
    }
}
