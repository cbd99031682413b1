//! Applying suppression comments to findings: a finding whose rule a comment names (by name
//! or code), at a place the comment covers, is silenced. Comments that silence nothing, and
//! comments naming rules that do not exist, become findings of their own.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Fix, Severity};
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
    /// How many names the comment has, rules and unknown names.
    names: usize,
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
            let mut d = UnusedSuppression::diagnostic(e.file, e.comment, e.name_span, e.name)
                .with_fix(removal(&ws.file(e.file).text, e));
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

/// The edit that removes what silences nothing: the rule's name with a comma beside it when
/// the comment names others, else the whole comment, with its line when it stands alone on one
/// and with the white space before it when it ends a line.
fn removal(text: &str, e: &Entry<'_>) -> Fix {
    let blank = [' ', '\t'];
    if e.names > 1 {
        let (start, end) = (e.name_span.start as usize, e.name_span.end as usize);
        let after = &text[end..];
        let after_name = after.trim_start_matches(blank);
        let span = match after_name.strip_prefix(',') {
            // `a, b`: the name, its comma and the space up to the next name.
            Some(rest) => start..text.len() - rest.trim_start_matches(blank).len(),
            // The last name: the comma before it.
            None => {
                let before = text[..start].trim_end_matches(blank);
                match before.strip_suffix(',') {
                    Some(kept) => kept.len()..end,
                    None => start..end,
                }
            }
        };
        return Fix::safe(
            format!("Remove `{}` from the comment", e.name),
            Span::new(span.start, span.end),
            "",
        );
    }
    let (start, end) = (e.comment.start as usize, e.comment.end as usize);
    let line_start = text[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    let span = if text[line_start..start].trim().is_empty() && text[end..line_end].trim().is_empty()
    {
        line_start..line_end
    } else {
        text[..start].trim_end_matches(blank).len()..end
    };
    Fix::safe(
        "Remove the suppression comment",
        Span::new(span.start, span.end),
        "",
    )
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
                names: s.rules.len() + s.unknown.len(),
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
