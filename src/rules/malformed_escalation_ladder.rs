use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, EscalationLadder, LadderLevel};
use crate::rules::{Context, Rule};

fn diagnostic(
    ladder: &EscalationLadder<'_>,
    level: &LadderLevel<'_>,
    message: String,
    help: &str,
) -> Diagnostic {
    Diagnostic::new(
        &MalformedEscalationLadder::META,
        ladder.file,
        level.span,
        message,
    )
    .with_help(help.to_owned())
}

declare_rule! {
    /// ## What it does
    /// Reports an escalation ladder whose levels are not numbered 1, 2, 3… without gaps or
    /// repeats, or a level without a role; on the offending level.
    ///
    /// ## Why is this bad?
    /// During an incident the ladder is followed step by step. A missing level, two levels 2,
    /// or a level nobody holds leaves the on-call engineer not knowing whom to call next.
    ///
    /// ## Example
    /// ```markdown
    /// ## Escalation Ladder
    /// ### Level 1: Domain Owner
    /// ### Level 3: Platform Lead
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ## Escalation Ladder
    /// ### Level 1: Domain Owner
    /// ### Level 2: Engineering Manager
    /// ### Level 3: Platform Lead
    /// ```
    pub struct MalformedEscalationLadder {
        code: "OWN204",
        name: "malformed-escalation-ladder",
        severity: Error,
        category: Escalation,
        checker: Document,
    }
}

impl Rule for MalformedEscalationLadder {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for ladder in &doc.ladders {
            let mut expected = 1;
            for level in &ladder.levels {
                match level.number {
                    None => cx.report(diagnostic(
                        ladder,
                        level,
                        "ladder level has no number".to_owned(),
                        "number the levels 1, 2, 3…",
                    )),
                    Some(n) if n == expected => expected += 1,
                    Some(n) if n < expected => cx.report(diagnostic(
                        ladder,
                        level,
                        format!("level {n} appears again after level {}", expected - 1),
                        "each level appears once, in order",
                    )),
                    Some(n) => {
                        let missing = if n == expected + 1 {
                            format!("level {expected} is missing")
                        } else {
                            format!("levels {expected} to {} are missing", n - 1)
                        };
                        cx.report(diagnostic(
                            ladder,
                            level,
                            if expected == 1 {
                                format!("the ladder starts at level {n}; {missing}")
                            } else {
                                format!("level {n} follows level {}; {missing}", expected - 1)
                            },
                            "number the levels 1, 2, 3… without gaps",
                        ));
                        expected = n + 1;
                    }
                }
                if level.roles.iter().all(|r| r.is_empty()) {
                    let which = level
                        .number
                        .map_or("ladder level".to_owned(), |n| format!("level {n}"));
                    cx.report(diagnostic(
                        ladder,
                        level,
                        format!("{which} has no role"),
                        "name who is called at this level, e.g. `Level 2: Engineering Manager`",
                    ));
                }
            }
        }
    }
}
