//! The path patterns of a CODEOWNERS file, as GitHub matches them: `.gitignore` patterns with
//! GitHub's exceptions (no `!`, no `[ ]`), and a last segment `*` that does not reach into
//! subdirectories (`docs/*` owns `docs/a.md`, not `docs/a/b.md`); and as GitLab matches
//! them ([`Pattern::with_flavor`]).

use crate::source::Flavor;

/// A compiled CODEOWNERS pattern.
///
/// - A pattern with a `/` at its start or in its middle is anchored to the repository root;
///   one without (`*.js`, `apps/`) matches at any depth.
/// - A trailing `/` matches everything below a directory, never the directory's own path.
/// - `*` matches within one path segment, `?` one character, `**` any number of segments
///   (`**/logs`, `logs/**`, `a/**/b`). A segment that is `*` alone matches exactly one
///   segment; any other last segment matches a file or a directory and everything below it.
/// - `\` takes the next character literally (`\ ` for a space, `\*` for a star).
/// - Matching is case-sensitive, on repository-relative paths with `/` separators and no
///   leading `/`.
///
/// GitLab matches the same syntax three ways differently, as its documentation shows: a path
/// that does not start with `/` matches at any depth even with a `/` inside
/// (`internal/README.md` is `/**/internal/README.md`); a path without a trailing `/` is a
/// file, and owns nothing below it (`/docs/` owns `docs/a.md`, `/docs` does not); and `[ ]`
/// is a character class (`[a-c]`, `[!a]`), as in `fnmatch`.
///
/// [`Pattern::matches`] does not allocate. For many rules against many paths, a caller can
/// index the rules by [`Pattern::literal_prefix`]: a path can only match a pattern whose
/// literal prefix it starts with, so a map from the prefix's first segment to rules (plus the
/// list of rules with an empty prefix, which must be tried on every path) narrows each path
/// to a few candidates, tried from the last one in file order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Pattern {
    segments: Box<[Segment]>,
    prefix: Box<str>,
    /// A match of the last segment also owns the paths below it (GitHub), unless that
    /// segment is `*` alone; GitLab: never, a directory is written with its trailing `/`.
    below: bool,
    /// A hash of what the pattern matches by ([`Pattern::key`]).
    key: u64,
}

/// Why a pattern cannot be compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternError {
    /// Nothing to match: an empty pattern.
    Empty,
    /// The pattern can never match a path: `/`, or a `//` with an empty segment.
    MatchesNothing,
}

impl std::fmt::Display for PatternError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PatternError::Empty => "the pattern is empty",
            PatternError::MatchesNothing => "the pattern can never match a path",
        })
    }
}

impl std::error::Error for PatternError {}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Segment {
    /// `**`: any number of segments (at least one when it ends the pattern).
    AnyDepth,
    /// `*` alone: exactly one segment.
    AnyOne,
    /// A segment without wildcards, escapes resolved.
    Literal(Box<str>),
    /// A segment with `*` or `?`.
    Glob(Box<[Token]>),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Token {
    Literal(Box<str>),
    Star,
    Question,
    /// GitLab's `[a-c]`, `[!a]`: one character in (or, negated, not in) the ranges.
    Class {
        negated: bool,
        ranges: Box<[(char, char)]>,
    },
}

impl Pattern {
    /// Compile a pattern as written in a GitHub CODEOWNERS file (escapes included).
    pub fn new(pattern: &str) -> Result<Pattern, PatternError> {
        Pattern::with_flavor(pattern, Flavor::GitHub)
    }

    /// Compile a pattern as written in a CODEOWNERS file that `flavor`'s host reads.
    pub fn with_flavor(pattern: &str, flavor: Flavor) -> Result<Pattern, PatternError> {
        if pattern.is_empty() {
            return Err(PatternError::Empty);
        }
        if pattern == "/" {
            return Err(PatternError::MatchesNothing);
        }
        let mut parts: smallvec::SmallVec<[&str; 8]> = pattern.split('/').collect();
        let anchored = parts[0].is_empty();
        let one_segment = parts.len() == 1 || (parts.len() == 2 && parts[1].is_empty());
        if anchored {
            parts.remove(0);
        } else if (one_segment || flavor == Flavor::GitLab) && parts[0] != "**" {
            // It matches at any depth, as if written `**/pattern`: on GitHub a single
            // segment, on GitLab any path that does not start with `/`.
            parts.insert(0, "**");
        }
        if let Some(last) = parts.last_mut()
            && last.is_empty()
        {
            *last = "**";
        }
        if parts.iter().any(|p| p.is_empty()) {
            return Err(PatternError::MatchesNothing);
        }
        let segments: Box<[Segment]> = parts.iter().map(|p| segment(p, flavor)).collect();
        let prefix = literal_prefix(&segments).into_boxed_str();
        let below = flavor == Flavor::GitHub;
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = rustc_hash::FxHasher::default();
            (&segments, below).hash(&mut hasher);
            hasher.finish()
        };
        Ok(Pattern {
            segments,
            prefix,
            below,
            key,
        })
    }

    /// A hash of what the pattern matches by, computed once: two patterns that are equal
    /// (`/src/` and `src/`, `docs/**` and `docs/`) have the same key, for finding the rules
    /// of one pattern among many without hashing each again.
    pub fn key(&self) -> u64 {
        self.key
    }

    /// Whether the pattern matches a repository-relative path (`src/main.rs`).
    pub fn matches(&self, path: &str) -> bool {
        !path.is_empty() && path.starts_with(&*self.prefix) && self.matches_at(0, Some(path))
    }

    /// The literal text every path this pattern matches starts with: `docs/` for `/docs/`,
    /// `src/app/` for `src/app/*.rs`, empty for a pattern that matches at any depth or starts
    /// with a wildcard. For indexing many rules (see [`Pattern`]).
    pub fn literal_prefix(&self) -> &str {
        &self.prefix
    }

    /// A path the pattern matches, made from its literal text with the least the wildcards
    /// need (`src/payments/` gives `src/payments/…`, `*.proto` gives `.proto`): a stand-in
    /// for the files it names, to ask which rule of a CODEOWNERS file owns them. `None`
    /// when no such path is found (a class that admits no character).
    pub fn example(&self) -> Option<String> {
        const ANY: &str = "\u{2026}";
        let mut path = String::with_capacity(self.prefix.len() + 8);
        for (i, segment) in self.segments.iter().enumerate() {
            let last = i + 1 == self.segments.len();
            // `**` in front or in the middle may be no segment at all; at the end, one.
            if *segment == Segment::AnyDepth && !last {
                continue;
            }
            if !path.is_empty() {
                path.push('/');
            }
            match segment {
                Segment::AnyDepth | Segment::AnyOne => path.push_str(ANY),
                Segment::Literal(literal) => path.push_str(literal),
                Segment::Glob(tokens) => {
                    for token in tokens.iter() {
                        match token {
                            Token::Literal(l) => path.push_str(l),
                            Token::Star => {}
                            Token::Question => path.push('x'),
                            Token::Class {
                                negated: false,
                                ranges,
                            } => {
                                path.push(ranges.first()?.0);
                            }
                            Token::Class {
                                negated: true,
                                ranges,
                            } => {
                                path.push(['x', '_', '0'].into_iter().find(|c| {
                                    !ranges.iter().any(|&(lo, hi)| lo <= *c && *c <= hi)
                                })?)
                            }
                        }
                    }
                }
            }
        }
        self.matches(&path).then_some(path)
    }

    /// Whether every path `other` matches is matched by this pattern too: a rule with this
    /// pattern after one with `other` leaves that one nothing. Answered only where it can be
    /// shown from the patterns' shapes — the same pattern; one that matches everything
    /// (`*`, `**`); a folder and everything below it (`/src/`, `/src`) over patterns inside
    /// it; a name matched at any depth (`docs/`, `generated`, `*.md`) over patterns that
    /// name it — and `false` otherwise, never a guess.
    pub fn covers(&self, other: &Pattern) -> bool {
        if self == other {
            return true;
        }
        let ends_deep = self.segments.last() == Some(&Segment::AnyDepth);
        match &*self.segments {
            [Segment::AnyDepth] | [Segment::AnyDepth, Segment::AnyOne] => return true,
            // A name at any depth: `name`, `name/`, `*.ext` (GitHub, which owns below).
            [Segment::AnyDepth, name] | [Segment::AnyDepth, name, Segment::AnyDepth]
                if self.below || ends_deep =>
            {
                let others = &other.segments;
                return others.iter().enumerate().any(|(i, segment)| {
                    // `name/` matches below a folder of that name only: some segment of
                    // `other` must follow it.
                    let followed = i + 1 < others.len();
                    (!ends_deep || followed) && named(name, segment)
                });
            }
            _ => {}
        }
        // A folder and what is below it: literal segments, then `**` or (GitHub) the end.
        let literal = self
            .segments
            .iter()
            .take_while(|s| matches!(s, Segment::Literal(_)))
            .count();
        let folder = match self.segments.len() - literal {
            0 if self.below => literal,
            1 if ends_deep => literal,
            _ => return false,
        };
        if folder == 0 || other.segments.len() < folder {
            return false;
        }
        let same_folder = self.segments[..folder] == other.segments[..folder];
        // `/src/` owns only what is below `src`: `other` must reach further.
        let further = other.segments.len() > folder;
        same_folder && (!ends_deep || further)
    }

    /// `rest` is what is left of the path; `None` once all of it is matched.
    fn matches_at(&self, index: usize, rest: Option<&str>) -> bool {
        let Some(segment) = self.segments.get(index) else {
            return rest.is_none();
        };
        let last = index + 1 == self.segments.len();
        if *segment == Segment::AnyDepth {
            if last {
                return rest.is_some();
            }
            let mut rest = rest;
            loop {
                if self.matches_at(index + 1, rest) {
                    return true;
                }
                rest = match rest {
                    Some(s) => s.find('/').map(|at| &s[at + 1..]),
                    None => return false,
                };
            }
        }
        let Some(path) = rest else {
            return false;
        };
        let (head, tail) = match path.find('/') {
            Some(at) => (&path[..at], Some(&path[at + 1..])),
            None => (path, None),
        };
        if !segment.matches(head) {
            return false;
        }
        if last {
            // A last segment also owns what is below it (GitHub), unless it is `*` alone.
            return tail.is_none() || (self.below && *segment != Segment::AnyOne);
        }
        self.matches_at(index + 1, tail)
    }
}

impl Segment {
    fn matches(&self, name: &str) -> bool {
        match self {
            Segment::AnyDepth => true,
            Segment::AnyOne => !name.is_empty(),
            Segment::Literal(literal) => **literal == *name,
            Segment::Glob(tokens) => glob_matches(tokens, name),
        }
    }
}

fn segment(part: &str, flavor: Flavor) -> Segment {
    match part {
        "**" => return Segment::AnyDepth,
        "*" => return Segment::AnyOne,
        _ => {}
    }
    let mut tokens = Vec::new();
    let mut literal = String::new();
    let mut chars = part.char_indices();
    while let Some((at, c)) = chars.next() {
        let class = match c {
            '[' if flavor == Flavor::GitLab => class(&part[at + c.len_utf8()..]),
            _ => None,
        };
        if let Some((token, len)) = class {
            if !literal.is_empty() {
                tokens.push(Token::Literal(std::mem::take(&mut literal).into()));
            }
            tokens.push(token);
            // Past the class: `len` bytes after the `[`.
            let end = at + 1 + len;
            while chars.clone().next().is_some_and(|(i, _)| i < end) {
                chars.next();
            }
            continue;
        }
        match c {
            '\\' => literal.push(chars.next().map_or('\\', |(_, c)| c)),
            '*' | '?' => {
                if !literal.is_empty() {
                    tokens.push(Token::Literal(std::mem::take(&mut literal).into()));
                }
                // `**` inside a segment is two stars, which match what one does.
                if c == '?' {
                    tokens.push(Token::Question);
                } else if tokens.last() != Some(&Token::Star) {
                    tokens.push(Token::Star);
                }
            }
            _ => literal.push(c),
        }
    }
    if tokens.is_empty() {
        return Segment::Literal(literal.into());
    }
    if !literal.is_empty() {
        tokens.push(Token::Literal(literal.into()));
    }
    Segment::Glob(tokens.into())
}

/// A character class after its `[`, as `fnmatch` reads one: `!` or `^` first negates, a `]`
/// first is a member, `a-c` is a range; with how many bytes it takes up to its `]`. `None`
/// when there is no closing `]`: the `[` is then a character like any other.
fn class(rest: &str) -> Option<(Token, usize)> {
    let mut chars = rest.char_indices().peekable();
    let negated = matches!(chars.peek(), Some((_, '!' | '^')));
    if negated {
        chars.next();
    }
    let mut ranges = Vec::new();
    let mut first = true;
    while let Some((at, c)) = chars.next() {
        if c == ']' && !first {
            return Some((
                Token::Class {
                    negated,
                    ranges: ranges.into(),
                },
                at + 1,
            ));
        }
        first = false;
        let c = match c {
            '\\' => chars.next()?.1,
            c => c,
        };
        let range_end = {
            let mut ahead = chars.clone();
            match (ahead.next(), ahead.next()) {
                (Some((_, '-')), Some((_, end))) if end != ']' => Some(end),
                _ => None,
            }
        };
        match range_end {
            Some(end) => {
                chars.next();
                chars.next();
                ranges.push((c, end));
            }
            None => ranges.push((c, c)),
        }
    }
    None
}

/// Whether every name `segment` matches is one `name` (a segment of a pattern matched at any
/// depth) matches: the same literal, or a literal or a glob that ends in the literal text
/// `*.ext` asks for.
fn named(name: &Segment, segment: &Segment) -> bool {
    match name {
        Segment::Literal(_) => name == segment,
        Segment::Glob(tokens) => match &**tokens {
            [Token::Star, Token::Literal(suffix)] => match segment {
                Segment::Literal(literal) => literal.ends_with(&**suffix),
                Segment::Glob(theirs) => {
                    matches!(theirs.last(), Some(Token::Literal(l)) if l.ends_with(&**suffix))
                }
                _ => false,
            },
            _ => false,
        },
        _ => false,
    }
}

/// The literal leading segments of an anchored pattern, each followed by `/` when more of the
/// pattern follows.
fn literal_prefix(segments: &[Segment]) -> String {
    let mut prefix = String::new();
    for (i, segment) in segments.iter().enumerate() {
        let Segment::Literal(literal) = segment else {
            break;
        };
        prefix.push_str(literal);
        if i + 1 < segments.len() {
            prefix.push('/');
        }
    }
    prefix
}

/// Whether a glob matches one whole path segment: the usual two-pointer match that returns
/// to the last `*` on a mismatch, so it is linear in practice and never exponential.
fn glob_matches(tokens: &[Token], name: &str) -> bool {
    let mut t = 0;
    let mut at = 0;
    let mut star: Option<(usize, usize)> = None;
    loop {
        let step = match tokens.get(t) {
            None if at == name.len() => return true,
            None => None,
            Some(Token::Star) => {
                star = Some((t, at));
                t += 1;
                continue;
            }
            Some(Token::Question) => name[at..].chars().next().map(char::len_utf8),
            Some(Token::Literal(lit)) => name[at..].starts_with(&**lit).then_some(lit.len()),
            Some(Token::Class { negated, ranges }) => name[at..].chars().next().and_then(|c| {
                let inside = ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
                (inside != *negated).then_some(c.len_utf8())
            }),
        };
        if let Some(len) = step {
            at += len;
            t += 1;
            continue;
        }
        // A mismatch: let the last `*` take one more character, or fail.
        let Some((star_t, star_at)) = star else {
            return false;
        };
        let Some(c) = name[star_at..].chars().next() else {
            return false;
        };
        let next = star_at + c.len_utf8();
        star = Some((star_t, next));
        t = star_t + 1;
        at = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_whole_segments_by_characters() {
        let glob = |p: &str| match segment(p, Flavor::GitHub) {
            Segment::Glob(tokens) => tokens,
            other => panic!("{other:?}"),
        };
        assert!(glob_matches(&glob("*.rs"), "main.rs"));
        assert!(!glob_matches(&glob("*.rs"), "main.rsx"));
        assert!(glob_matches(&glob("a*b*c"), "aXbYbZc"));
        assert!(!glob_matches(&glob("a*b*c"), "aXbYbZ"));
        assert!(glob_matches(&glob("?é"), "éé"));
        assert!(!glob_matches(&glob("?"), ""));
    }

    #[test]
    fn escapes_are_literal() {
        let gh = Flavor::GitHub;
        assert_eq!(segment(r"a\ b", gh), Segment::Literal("a b".into()));
        assert_eq!(segment(r"f\*o", gh), Segment::Literal("f*o".into()));
    }

    #[test]
    fn prefixes_stop_at_the_first_wildcard() {
        let prefix = |p: &str| Pattern::new(p).unwrap().literal_prefix().to_owned();
        assert_eq!(prefix("/docs/"), "docs/");
        assert_eq!(prefix("/docs"), "docs");
        assert_eq!(prefix("src/app/*.rs"), "src/app/");
        assert_eq!(prefix("a/**/b"), "a/");
        assert_eq!(prefix("*.js"), "");
        assert_eq!(prefix("apps/"), "");
    }

    #[test]
    fn patterns_that_match_nothing_are_errors() {
        assert_eq!(Pattern::new(""), Err(PatternError::Empty));
        assert_eq!(Pattern::new("/"), Err(PatternError::MatchesNothing));
        assert_eq!(Pattern::new("a//b"), Err(PatternError::MatchesNothing));
    }
}
