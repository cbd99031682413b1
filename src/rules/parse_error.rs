use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, ParseProblem};
use crate::rules::{Context, Rule};
use crate::source::FileId;

fn diagnostic(file: FileId, problem: &ParseProblem) -> Diagnostic {
    let d = Diagnostic::new(
        &ParseError::META,
        file,
        problem.span,
        problem.message.clone(),
    );
    match &problem.help {
        Some(help) => d.with_help(help.clone()),
        None => d,
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a file, or a part of one, that ownlint cannot read: invalid YAML (a syntax
    /// error, a duplicate key, an alias bomb, a value of the wrong shape), or text that is
    /// not UTF-8.
    ///
    /// ## Why is this bad?
    /// What cannot be read cannot be checked. An ownership file that does not parse hides
    /// every domain in it, so a broken file must fail the check rather than pass silently.
    ///
    /// ## Example
    /// ```yaml
    /// domains:
    ///   - name: Payments
    ///     owner: Payment Service Team
    ///     owner: Platform Team   # duplicate key
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// domains:
    ///   - name: Payments
    ///     owner: Payment Service Team
    /// ```
    pub struct ParseError {
        code: "OWN001",
        name: "parse-error",
        severity: Error,
        category: Structure,
        checker: Document,
    }
}

impl Rule for ParseError {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for problem in &doc.problems {
            cx.report(diagnostic(doc.file, problem));
        }
    }
}
