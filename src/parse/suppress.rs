//! Suppression comments, the same in both formats once the comment markers are removed:
//! `ownlint-disable-next-line RULE[, RULE…] [-- reason]`, `ownlint-disable-line RULE`,
//! `ownlint-disable RULE` … `ownlint-enable RULE`, and `ownlint-disable-file RULE`.
//!
//! A comment that looks like one of these but is not (`ownlint-disble-next-line`,
//! `ownlnt-disable`) is read as an [`UnknownDirective`] rather than ignored: it silences
//! nothing, and whoever wrote it believes it does.

use crate::model::{Suppression, SuppressionScope, Text, UnknownDirective};
use crate::source::Span;
use crate::util::suggest::closest_match;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Directive {
    NextLine,
    Line,
    Disable,
    Enable,
    File,
}

/// The directives, as written.
const DIRECTIVES: [(&str, Directive); 5] = [
    ("ownlint-disable-next-line", Directive::NextLine),
    ("ownlint-disable-line", Directive::Line),
    ("ownlint-disable", Directive::Disable),
    ("ownlint-enable", Directive::Enable),
    ("ownlint-disable-file", Directive::File),
];

/// How many edits a comment's first word may be from a directive to be taken for a misspelt
/// one when it does not start with `ownlint` (`ownlnt-disable`, `owlint-disable-file`). Two
/// catches the typos people make in a prefix; words of prose are many more edits away from
/// a fourteen-letter directive.
const MISSPELT_PREFIX_EDITS: usize = 2;

/// A directive found in a comment, before the scopes are worked out.
#[derive(Debug)]
pub struct RawSuppression<'s> {
    directive: Directive,
    span: Span,
    rules: Vec<Text<'s>>,
}

/// What a comment is, as far as suppressions go.
#[derive(Debug)]
pub enum Comment<'s> {
    Directive(RawSuppression<'s>),
    /// It looks like a directive but is none.
    Unknown(UnknownDirective<'s>),
}

/// Read a directive from the body of a comment (`body` is `src[body_start..]` up to the
/// comment's end marker). Returns `None` when the comment is not, and does not look like,
/// an ownlint directive.
pub fn read_directive<'s>(
    src: &'s str,
    comment: Span,
    body_start: usize,
    body_end: usize,
) -> Option<Comment<'s>> {
    let body = &src[body_start..body_end];
    let lead = body.len() - body.trim_start().len();
    let trimmed = body.trim_start();
    let word_len = trimmed
        .find(|c: char| c.is_whitespace())
        .unwrap_or(trimmed.len());
    let word = &trimmed[..word_len];
    let word_start = body_start + lead;
    let Some(directive) = DIRECTIVES.iter().find(|(w, _)| *w == word).map(|d| d.1) else {
        return unknown(word).map(|suggestion| {
            Comment::Unknown(UnknownDirective {
                word: Text::exact(src, Span::new(word_start, word_start + word_len)),
                suggestion,
            })
        });
    };
    let list_start = word_start + word_len;
    let list = &src[list_start..body_end];
    // `-- reason` ends the rule list.
    let list_len = list.find("--").unwrap_or(list.len());
    let mut rules = Vec::new();
    let mut at = list_start;
    for piece in src[list_start..list_start + list_len].split([',', ' ', '\t', '\n', '\r']) {
        if !piece.is_empty() {
            rules.push(Text::exact(src, Span::new(at, at + piece.len())));
        }
        at += piece.len() + 1;
    }
    Some(Comment::Directive(RawSuppression {
        directive,
        span: comment,
        rules,
    }))
}

/// Whether a comment's first word, not a directive, looks like one: `Some` with the closest
/// directive (if one is close) when it does. A word starting with `ownlint` (in any case)
/// is meant for ownlint whatever follows; another word is when it is at most
/// [`MISSPELT_PREFIX_EDITS`] edits from a directive.
fn unknown(word: &str) -> Option<Option<&'static str>> {
    let lower = word.to_ascii_lowercase();
    let names = || DIRECTIVES.iter().map(|(w, _)| (*w, ()));
    // `OWNLINT-DISABLE` is a directive in the wrong case: say which.
    let closest = match names().find(|(w, _)| *w == lower) {
        Some((w, _)) => Some(w),
        None => closest_match(&lower, names()).map(|(w, _)| w),
    };
    if lower.starts_with("ownlint") {
        return Some(closest);
    }
    let close = closest.filter(|w| strsim::osa_distance(&lower, w) <= MISSPELT_PREFIX_EDITS);
    close.map(Some)
}

/// Work out what each directive covers: the next line, a block up to the matching enable
/// comment (or the end of the file), or the whole file. Enable comments only close blocks.
pub fn resolve<'s>(src: &str, raw: Vec<RawSuppression<'s>>) -> Vec<Suppression<'s>> {
    let mut out: Vec<Suppression<'s>> = Vec::new();
    let mut open: Vec<(usize, Vec<String>)> = Vec::new();
    for r in raw {
        match r.directive {
            Directive::NextLine => {
                let scope = SuppressionScope::NextLine(next_line(src, r.span.end as usize));
                out.push(Suppression {
                    span: r.span,
                    rules: r.rules,
                    scope,
                });
            }
            Directive::Line => out.push(Suppression {
                span: r.span,
                rules: r.rules,
                scope: SuppressionScope::Line(line_at(src, r.span.start as usize)),
            }),
            Directive::File => out.push(Suppression {
                span: r.span,
                rules: r.rules,
                scope: SuppressionScope::File,
            }),
            Directive::Disable => {
                let names = r.rules.iter().map(|t| t.as_str().to_owned()).collect();
                open.push((out.len(), names));
                let scope = SuppressionScope::Block(Span::new(r.span.end as usize, src.len()));
                out.push(Suppression {
                    span: r.span,
                    rules: r.rules,
                    scope,
                });
            }
            Directive::Enable => {
                let names: Vec<&str> = r.rules.iter().map(Text::as_str).collect();
                open.retain(|(index, disabled)| {
                    let closes =
                        names.is_empty() || disabled.iter().any(|d| names.iter().any(|n| n == d));
                    if closes && let SuppressionScope::Block(span) = &mut out[*index].scope {
                        *span = Span::new(span.start as usize, r.span.start as usize);
                    }
                    !closes
                });
            }
        }
    }
    out
}

/// The line holding `offset`, without its line break.
fn line_at(src: &str, offset: usize) -> Span {
    let bytes = src.as_bytes();
    let offset = offset.min(src.len());
    let start = bytes[..offset]
        .iter()
        .rposition(|&b| b == b'\n' || b == b'\r')
        .map_or(0, |i| i + 1);
    let end = bytes[offset..]
        .iter()
        .position(|&b| b == b'\n' || b == b'\r')
        .map_or(src.len(), |i| offset + i);
    Span::new(start, end)
}

/// The line after the one holding `offset`.
fn next_line(src: &str, offset: usize) -> Span {
    let bytes = src.as_bytes();
    let mut i = line_at(src, offset).end as usize;
    if i < bytes.len() && bytes[i] == b'\r' {
        i += 1;
    }
    if i < bytes.len() && bytes[i] == b'\n' {
        i += 1;
    }
    let start = i;
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
        i += 1;
    }
    Span::new(start, i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(src: &str) -> Option<Comment<'_>> {
        let body_start = src.find("<!--").map_or(1, |i| i + 4);
        let body_end = src.rfind("-->").unwrap_or(src.len());
        read_directive(src, Span::new(0, src.len()), body_start, body_end)
    }

    fn read(src: &str) -> RawSuppression<'_> {
        match comment(src) {
            Some(Comment::Directive(raw)) => raw,
            other => panic!("{other:?}"),
        }
    }

    fn unknown(src: &str) -> Option<(&str, Option<&'static str>)> {
        match comment(src)? {
            Comment::Unknown(u) => Some((&src[u.word.span.range()], u.suggestion)),
            Comment::Directive(raw) => panic!("{raw:?}"),
        }
    }

    #[test]
    fn misspelt_directives_are_read_with_the_closest_one() {
        let cases = [
            (
                "<!-- ownlint-disble-next-line OWN305 -->",
                Some((
                    "ownlint-disble-next-line",
                    Some("ownlint-disable-next-line"),
                )),
            ),
            (
                "<!-- ownlnt-disable missing-slo -->",
                Some(("ownlnt-disable", Some("ownlint-disable"))),
            ),
            (
                "# owlint-disable-file",
                Some(("owlint-disable-file", Some("ownlint-disable-file"))),
            ),
            (
                "<!-- OWNLINT-DISABLE-LINE -->",
                Some(("OWNLINT-DISABLE-LINE", Some("ownlint-disable-line"))),
            ),
            // Meant for ownlint, but nothing is close: reported without a guess.
            ("<!-- ownlint please ignore -->", Some(("ownlint", None))),
            // Prose and other tools' comments are not ours.
            ("<!-- markdownlint-disable MD013 -->", None),
            ("<!-- why: the owner is a placeholder -->", None),
            ("# online-only domains", None),
            ("<!-- -->", None),
        ];
        for (src, expected) in cases {
            assert_eq!(unknown(src), expected, "{src}");
        }
    }

    #[test]
    fn disable_line_covers_the_comments_own_line() {
        let src = "a\n**Owner:** TBD <!-- ownlint-disable-line orphaned-domain -->\nb";
        let at = src.find("<!--").unwrap();
        let raw = match read_directive(src, Span::new(at, src.len() - 2), at + 4, src.len() - 5) {
            Some(Comment::Directive(raw)) => raw,
            other => panic!("{other:?}"),
        };
        assert_eq!(raw.directive, Directive::Line);
        let resolved = resolve(src, vec![raw]);
        assert_eq!(
            resolved[0].scope,
            SuppressionScope::Line(Span::new(2, src.len() - 2))
        );
    }

    #[test]
    fn reads_rules_and_drops_the_reason() {
        let src = "<!-- ownlint-disable-next-line OWN101, multiple-owners -- legacy -->";
        let r = read(src);
        assert_eq!(r.directive, Directive::NextLine);
        let rules: Vec<&str> = r.rules.iter().map(Text::as_str).collect();
        assert_eq!(rules, ["OWN101", "multiple-owners"]);
        assert_eq!(&src[r.rules[1].span.range()], "multiple-owners");
    }

    #[test]
    fn blocks_end_at_their_enable_comment() {
        let src =
            "<!-- ownlint-disable missing-slo -->\na\n<!-- ownlint-enable missing-slo -->\nb\n";
        let first = read(&src[..36]);
        let enable_at = src.find("<!-- ownlint-enable").unwrap();
        let Some(Comment::Directive(second)) = read_directive(
            src,
            Span::new(enable_at, enable_at + 35),
            enable_at + 5,
            enable_at + 32,
        ) else {
            panic!("not a directive");
        };
        let resolved = resolve(src, vec![first, second]);
        assert_eq!(resolved.len(), 1);
        assert_eq!(
            resolved[0].scope,
            SuppressionScope::Block(Span::new(36, enable_at))
        );
    }

    #[test]
    fn next_line_is_the_line_after_the_comment() {
        let src = "<!-- c -->\r\nnext line\nafter";
        assert_eq!(next_line(src, 10), Span::new(12, 21));
    }
}
