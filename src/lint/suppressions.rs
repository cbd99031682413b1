//! Applying suppression comments to findings: a finding whose rule a comment names (by name
//! or code), at a place the comment covers, is silenced. Comments that silence nothing, and
//! comments naming rules that do not exist, become findings of their own.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Severity};
use crate::index::Workspace;
use crate::model::SuppressionScope;
use crate::rules::{InvalidSuppression, UnusedSuppression};
use crate::source::{FileId, Span};

/// The findings left after suppressions, and how many were silenced.
pub struct Applied {
    pub diagnostics: Vec<Diagnostic>,
    pub suppressed: usize,
}

/// One rule name of one comment, resolved.
struct Entry<'a> {
    file: FileId,
    comment: Span,
    scope: SuppressionScope,
    /// The rule code, or `None` for "every rule".
    code: Option<&'static str>,
    /// Where the name is written; the comment itself for "every rule".
    name_span: Span,
    name: &'a str,
    used: bool,
}

/// Apply the workspace's suppressions. `severity_of` says at which severity a rule runs, or
/// `None` when it is off (a comment naming a rule that is off is neither used nor unused).
pub fn apply(
    ws: &Workspace<'_>,
    diagnostics: Vec<Diagnostic>,
    severity_of: impl Fn(&'static str) -> Option<Severity>,
) -> Applied {
    let (mut entries, mut extra) = entries(ws, &severity_of);
    if entries.is_empty() {
        let mut diagnostics = diagnostics;
        diagnostics.extend(extra);
        return Applied {
            diagnostics,
            suppressed: 0,
        };
    }
    let mut by_file: HashMap<FileId, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        by_file.entry(e.file).or_default().push(i);
    }
    let mut kept = Vec::with_capacity(diagnostics.len());
    let mut suppressed = 0;
    for d in diagnostics {
        let mut silenced = false;
        for &i in by_file.get(&d.file).map_or(&[][..], Vec::as_slice) {
            let e = &mut entries[i];
            if e.silences(&d) {
                e.used = true;
                silenced = true;
            }
        }
        if silenced {
            suppressed += 1;
        } else {
            kept.push(d);
        }
    }
    if let Some(severity) = severity_of(UnusedSuppression::META.code) {
        for e in entries.iter().filter(|e| !e.used) {
            // A comment for a rule that is off cannot be judged.
            if e.code.is_some_and(|c| severity_of(c).is_none()) {
                continue;
            }
            let mut d = UnusedSuppression::diagnostic(e.file, e.comment, e.name_span, e.name);
            d.severity = severity;
            extra.push(d);
        }
    }
    kept.extend(extra);
    Applied {
        diagnostics: kept,
        suppressed,
    }
}

impl Entry<'_> {
    /// Whether the comment covers the finding's place and names its rule (or every rule).
    fn silences(&self, d: &Diagnostic) -> bool {
        let at = d.span.start as usize;
        let covers = match self.scope {
            SuppressionScope::NextLine(line)
            | SuppressionScope::Line(line)
            | SuppressionScope::Block(line) => {
                line.contains(at) || (line.is_empty() && line.start as usize == at)
            }
            SuppressionScope::File => true,
        };
        covers && self.code.is_none_or(|c| c == d.rule.code)
    }
}

/// Every rule name of every suppression comment, and the `invalid-suppression` findings for
/// the names that are no rule and the comments that look like suppressions but are none.
fn entries<'a>(
    ws: &'a Workspace<'_>,
    severity_of: &impl Fn(&'static str) -> Option<Severity>,
) -> (Vec<Entry<'a>>, Vec<Diagnostic>) {
    let mut invalid = Vec::new();
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for (file, facts) in ws.all_facts() {
        if let Some(severity) = severity_of(InvalidSuppression::META.code) {
            for (word, span, suggestion) in &facts.unknown_directives {
                let mut d = InvalidSuppression::unknown_directive(file, word, *span, *suggestion);
                d.severity = severity;
                invalid.push(d);
            }
        }
        for s in &facts.suppressions {
            let entry = |code, name_span, name| Entry {
                file,
                comment: s.comment,
                scope: s.scope,
                code,
                name_span,
                name,
                used: false,
            };
            if s.rules.is_empty() && s.unknown.is_empty() {
                entries.push(entry(None, s.comment, ""));
            }
            for (code, span, name) in &s.rules {
                entries.push(entry(Some(*code), *span, name));
            }
            if let Some(severity) = severity_of(InvalidSuppression::META.code) {
                for (name, span) in &s.unknown {
                    let mut d = InvalidSuppression::diagnostic(file, name, *span);
                    d.severity = severity;
                    invalid.push(d);
                }
            }
        }
    }
    (entries, invalid)
}
