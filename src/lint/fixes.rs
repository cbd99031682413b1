//! Applying the fixes of a run's findings to a file's text (`check --fix`): the safe ones
//! only ([`Applicability::Safe`]), in the order of the text, each edit once, and none that
//! overlaps an edit already taken (the next run finds what is left).

use std::collections::BTreeMap;

use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::source::FileId;

/// The safe fixes of `diagnostics`, by file, each file's in the order of its text.
pub fn safe_fixes(diagnostics: &[Diagnostic]) -> BTreeMap<FileId, Vec<&Fix>> {
    let mut by_file: BTreeMap<FileId, Vec<&Fix>> = BTreeMap::new();
    for d in diagnostics {
        if let Some(fix) = d
            .fix
            .as_ref()
            .filter(|f| f.applicability == Applicability::Safe)
        {
            by_file.entry(d.file).or_default().push(fix);
        }
    }
    for fixes in by_file.values_mut() {
        // Stable: two insertions at one place keep the order of their findings.
        fixes.sort_by_key(|f| (f.span.start, f.span.end));
        fixes.dedup_by(|a, b| a.span == b.span && a.replacement == b.replacement);
    }
    by_file
}

/// `text` with `fixes` (in the order of the text) applied, and how many were. An edit that
/// overlaps one before it is left out; insertions at one place are all made, in order.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    let mut applied = 0;
    for fix in fixes {
        let range = fix.span.range();
        if range.start < at || range.end > text.len() || !text.is_char_boundary(range.start) {
            continue;
        }
        if !text.is_char_boundary(range.end) {
            continue;
        }
        out.push_str(&text[at..range.start]);
        out.push_str(&fix.replacement);
        at = range.end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn overlapping_edits_wait_for_the_next_run_and_insertions_keep_their_order() {
        let fixes = [
            Fix::safe("", Span::new(0, 1), "A"),
            Fix::safe("", Span::new(0, 2), "X"),
            Fix::safe("", Span::empty_at(3), "1"),
            Fix::safe("", Span::empty_at(3), "2"),
            Fix::safe("", Span::new(3, 4), ""),
        ];
        let refs: Vec<&Fix> = fixes.iter().collect();
        assert_eq!(apply("abcd", &refs), ("Abc12".to_owned(), 4));
    }
}
