//! Suppression comments, the same in both formats once the comment markers are removed:
//! `ownlint-disable-next-line RULE[, RULE…] [-- reason]`, `ownlint-disable RULE` …
//! `ownlint-enable RULE`, and `ownlint-disable-file RULE`.

use crate::model::{Suppression, SuppressionScope, Text};
use crate::source::Span;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Directive {
    NextLine,
    Disable,
    Enable,
    File,
}

/// A directive found in a comment, before the scopes are worked out.
#[derive(Debug)]
pub struct RawSuppression<'s> {
    directive: Directive,
    span: Span,
    rules: Vec<Text<'s>>,
}

/// Read a directive from the body of a comment (`body` is `src[body_start..]` up to the
/// comment's end marker). Returns `None` when the comment is not an ownlint directive.
pub fn read_directive<'s>(
    src: &'s str,
    comment: Span,
    body_start: usize,
    body_end: usize,
) -> Option<RawSuppression<'s>> {
    let body = &src[body_start..body_end];
    let lead = body.len() - body.trim_start().len();
    let trimmed = body.trim_start();
    let word_len = trimmed
        .find(|c: char| c.is_whitespace())
        .unwrap_or(trimmed.len());
    let directive = match &trimmed[..word_len] {
        "ownlint-disable-next-line" => Directive::NextLine,
        "ownlint-disable" => Directive::Disable,
        "ownlint-enable" => Directive::Enable,
        "ownlint-disable-file" => Directive::File,
        _ => return None,
    };
    let list_start = body_start + lead + word_len;
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
    Some(RawSuppression {
        directive,
        span: comment,
        rules,
    })
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

/// The line after the one holding `offset`.
fn next_line(src: &str, offset: usize) -> Span {
    let bytes = src.as_bytes();
    let mut i = offset.min(src.len());
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
        i += 1;
    }
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

    fn read(src: &str) -> RawSuppression<'_> {
        let body_start = src.find("ownlint").unwrap();
        let body_end = src.rfind("-->").unwrap_or(src.len());
        read_directive(src, Span::new(0, src.len()), body_start, body_end).unwrap()
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
        let second = read_directive(
            src,
            Span::new(enable_at, enable_at + 35),
            enable_at + 5,
            enable_at + 32,
        )
        .unwrap();
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
