//! The path patterns of a CODEOWNERS file, as GitHub matches them: `.gitignore` patterns with
//! GitHub's exceptions (no `!`, no `[ ]`), and a last segment `*` that does not reach into
//! subdirectories (`docs/*` owns `docs/a.md`, not `docs/a/b.md`); and as GitLab matches
//! them ([`Pattern::with_flavor`]).

use smallvec::SmallVec;

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
#[derive(Clone, Debug)]
pub struct Pattern {
    /// The segments' text, escapes resolved, one after another with a `/` between two: a
    /// literal segment's text, a glob's literal pieces, nothing for `*` and `**`. Held in one
    /// allocation, as a file of a hundred thousand rules compiles a hundred thousand patterns.
    /// The literal prefix is its start.
    text: Box<str>,
    segments: SmallVec<[Segment; 4]>,
    /// The glob segments' tokens, one segment's after another's (empty, and not allocated,
    /// for a pattern without globs).
    tokens: Box<[Token]>,
    /// The length of the literal prefix in `text`.
    prefix: u32,
    /// A match of the last segment also owns the paths below it (GitHub), unless that
    /// segment is `*` alone; GitLab: never, a directory is written with its trailing `/`.
    below: bool,
    /// A hash of what the pattern matches by ([`Pattern::key`]).
    key: u64,
}

/// Two patterns are equal when they match by the same segments: `text` and the ranges into
/// it are built from the segments alone, so they are equal too.
impl PartialEq for Pattern {
    fn eq(&self, other: &Pattern) -> bool {
        self.key == other.key
            && self.below == other.below
            && self.segments == other.segments
            && self.text == other.text
            && self.tokens == other.tokens
    }
}

impl Eq for Pattern {}

impl std::hash::Hash for Pattern {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key.hash(state);
    }
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

/// One segment of a pattern; its text is in [`Pattern::text`], its tokens in
/// [`Pattern::tokens`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Segment {
    /// `**`: any number of segments (at least one when it ends the pattern).
    AnyDepth,
    /// `*` alone: exactly one segment.
    AnyOne,
    /// A segment without wildcards, escapes resolved: `text[start..end]`.
    Literal { start: u32, end: u32 },
    /// A segment with `*` or `?`: `tokens[first..end]`.
    Glob { first: u32, end: u32 },
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Token {
    /// `text[start..end]` of the pattern.
    Literal {
        start: u32,
        end: u32,
    },
    Star,
    Question,
    /// GitLab's `[a-c]`, `[!a]`: one character in (or, negated, not in) the ranges.
    Class {
        negated: bool,
        ranges: Box<[(char, char)]>,
    },
}

/// A segment as what it matches by, its text and tokens resolved: for comparing segments
/// of two patterns.
#[derive(Clone, Copy, Debug)]
enum Resolved<'p> {
    AnyDepth,
    AnyOne,
    Literal(&'p str),
    Glob(&'p [Token], &'p str),
}

impl Resolved<'_> {
    /// Whether two glob token lists match by the same text (their ranges index different
    /// patterns' texts).
    fn same_tokens(a: &[Token], a_text: &str, b: &[Token], b_text: &str) -> bool {
        a.len() == b.len()
            && a.iter().zip(b).all(|(x, y)| match (x, y) {
                (Token::Literal { start, end }, Token::Literal { start: s, end: e }) => {
                    a_text[*start as usize..*end as usize] == b_text[*s as usize..*e as usize]
                }
                (Token::Literal { .. }, _) | (_, Token::Literal { .. }) => false,
                (x, y) => x == y,
            })
    }
}

impl PartialEq for Resolved<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Resolved::AnyDepth, Resolved::AnyDepth) | (Resolved::AnyOne, Resolved::AnyOne) => true,
            (Resolved::Literal(a), Resolved::Literal(b)) => a == b,
            (Resolved::Glob(a, at), Resolved::Glob(b, bt)) => Resolved::same_tokens(a, at, b, bt),
            _ => false,
        }
    }
}

/// The text a range of a pattern's text names.
fn at(text: &str, start: u32, end: u32) -> &str {
    &text[start as usize..end as usize]
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
        // Split by hand: `str::split` looks for each `/` with a call that costs more than the
        // few bytes of a segment, on a hundred thousand patterns.
        let mut parts: SmallVec<[&str; 8]> = SmallVec::new();
        let mut start = 0;
        for (at, _) in pattern.bytes().enumerate().filter(|(_, b)| *b == b'/') {
            parts.push(&pattern[start..at]);
            start = at + 1;
        }
        parts.push(&pattern[start..]);
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
        // The text's length when no segment has an escape or a wildcard (fewer bytes when
        // some has), so that it is allocated once, at its size.
        let texts = parts.iter().filter(|p| !matches!(**p, "**" | "*"));
        let size = texts.map(|p| p.len()).sum::<usize>() + parts.len() - 1;
        let mut builder = Builder {
            text: String::with_capacity(size),
            tokens: Vec::new(),
        };
        let mut segments = SmallVec::with_capacity(parts.len());
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                builder.text.push('/');
            }
            segments.push(builder.segment(part, flavor));
        }
        let prefix = literal_prefix(&segments, builder.text.len());
        let below = flavor == Flavor::GitHub;
        let key = {
            use std::hash::{Hash, Hasher};
            let mut hasher = rustc_hash::FxHasher::default();
            (&builder.text, &segments, &builder.tokens, below).hash(&mut hasher);
            hasher.finish()
        };
        Ok(Pattern {
            text: builder.text.into_boxed_str(),
            segments,
            tokens: builder.tokens.into_boxed_slice(),
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
        !path.is_empty()
            && path.starts_with(self.literal_prefix())
            && self.matches_at(0, Some(path))
    }

    /// The literal text every path this pattern matches starts with: `docs/` for `/docs/`,
    /// `src/app/` for `src/app/*.rs`, empty for a pattern that matches at any depth or starts
    /// with a wildcard. For indexing many rules (see [`Pattern`]).
    pub fn literal_prefix(&self) -> &str {
        &self.text[..self.prefix as usize]
    }

    /// A segment with its text and tokens.
    fn resolved(&self, segment: Segment) -> Resolved<'_> {
        match segment {
            Segment::AnyDepth => Resolved::AnyDepth,
            Segment::AnyOne => Resolved::AnyOne,
            Segment::Literal { start, end } => Resolved::Literal(at(&self.text, start, end)),
            Segment::Glob { first, end } => {
                Resolved::Glob(&self.tokens[first as usize..end as usize], &self.text)
            }
        }
    }

    /// A path the pattern matches, made from its literal text with the least the wildcards
    /// need (`src/payments/` gives `src/payments/…`, `*.proto` gives `.proto`): a stand-in
    /// for the files it names, to ask which rule of a CODEOWNERS file owns them. `None`
    /// when no such path is found (a class that admits no character).
    pub fn example(&self) -> Option<String> {
        let mut path = String::with_capacity(self.text.len() + 8);
        self.example_into(&mut path).then_some(path)
    }

    /// [`Pattern::example`] into `path` (cleared first), for a caller that asks for many;
    /// false when there is none.
    pub fn example_into(&self, path: &mut String) -> bool {
        const ANY: &str = "\u{2026}";
        path.clear();
        for (i, segment) in self.segments.iter().enumerate() {
            let last = i + 1 == self.segments.len();
            // `**` in front or in the middle may be no segment at all; at the end, one.
            if *segment == Segment::AnyDepth && !last {
                continue;
            }
            if !path.is_empty() {
                path.push('/');
            }
            match self.resolved(*segment) {
                Resolved::AnyDepth | Resolved::AnyOne => path.push_str(ANY),
                Resolved::Literal(literal) => path.push_str(literal),
                Resolved::Glob(tokens, text) => {
                    for token in tokens {
                        match token {
                            Token::Literal { start, end } => path.push_str(at(text, *start, *end)),
                            Token::Star => {}
                            Token::Question => path.push('x'),
                            Token::Class {
                                negated: false,
                                ranges,
                            } => match ranges.first() {
                                Some(range) => path.push(range.0),
                                None => return false,
                            },
                            Token::Class {
                                negated: true,
                                ranges,
                            } => {
                                let outside = ['x', '_', '0']
                                    .into_iter()
                                    .find(|c| !ranges.iter().any(|&(lo, hi)| lo <= *c && *c <= hi));
                                match outside {
                                    Some(c) => path.push(c),
                                    None => return false,
                                }
                            }
                        }
                    }
                }
            }
        }
        self.matches(path)
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
                let name = self.resolved(*name);
                let others = &other.segments;
                return others.iter().enumerate().any(|(i, segment)| {
                    // `name/` matches below a folder of that name only: some segment of
                    // `other` must follow it.
                    let followed = i + 1 < others.len();
                    (!ends_deep || followed) && named(name, other.resolved(*segment))
                });
            }
            _ => {}
        }
        // A folder and what is below it: literal segments, then `**` or (GitHub) the end.
        let literal = self
            .segments
            .iter()
            .take_while(|s| matches!(s, Segment::Literal { .. }))
            .count();
        let folder = match self.segments.len() - literal {
            0 if self.below => literal,
            1 if ends_deep => literal,
            _ => return false,
        };
        if folder == 0 || other.segments.len() < folder {
            return false;
        }
        let same_folder = self.segments[..folder]
            .iter()
            .zip(&other.segments[..folder])
            .all(|(a, b)| self.resolved(*a) == other.resolved(*b));
        // `/src/` owns only what is below `src`: `other` must reach further.
        let further = other.segments.len() > folder;
        same_folder && (!ends_deep || further)
    }

    /// `rest` is what is left of the path; `None` once all of it is matched.
    fn matches_at(&self, index: usize, rest: Option<&str>) -> bool {
        let Some(&segment) = self.segments.get(index) else {
            return rest.is_none();
        };
        let last = index + 1 == self.segments.len();
        if segment == Segment::AnyDepth {
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
        if !self.segment_matches(segment, head) {
            return false;
        }
        if last {
            // A last segment also owns what is below it (GitHub), unless it is `*` alone.
            return tail.is_none() || (self.below && segment != Segment::AnyOne);
        }
        self.matches_at(index + 1, tail)
    }

    fn segment_matches(&self, segment: Segment, name: &str) -> bool {
        match self.resolved(segment) {
            Resolved::AnyDepth => true,
            Resolved::AnyOne => !name.is_empty(),
            Resolved::Literal(literal) => literal == name,
            Resolved::Glob(tokens, text) => glob_matches(tokens, text, name),
        }
    }
}

/// The text and tokens of a pattern while it is compiled.
struct Builder {
    text: String,
    tokens: Vec<Token>,
}

impl Builder {
    /// One segment as written (escapes and all), its text appended to `text`.
    fn segment(&mut self, part: &str, flavor: Flavor) -> Segment {
        match part {
            "**" => return Segment::AnyDepth,
            "*" => return Segment::AnyOne,
            _ => {}
        }
        let start = self.text.len() as u32;
        if !part
            .bytes()
            .any(|b| matches!(b, b'*' | b'?' | b'\\' | b'['))
        {
            // Most segments are plain names: their text as written.
            self.text.push_str(part);
            return Segment::Literal {
                start,
                end: self.text.len() as u32,
            };
        }
        let first = self.tokens.len() as u32;
        // Where the literal piece being read began in `text`.
        let mut piece = start;
        let mut globbed = false;
        let mut chars = part.char_indices();
        while let Some((at, c)) = chars.next() {
            let class = match c {
                '[' if flavor == Flavor::GitLab => class(&part[at + c.len_utf8()..]),
                _ => None,
            };
            if let Some((token, len)) = class {
                self.end_piece(&mut piece);
                self.tokens.push(token);
                globbed = true;
                // Past the class: `len` bytes after the `[`.
                let end = at + 1 + len;
                while chars.clone().next().is_some_and(|(i, _)| i < end) {
                    chars.next();
                }
                continue;
            }
            match c {
                '\\' => self.text.push(chars.next().map_or('\\', |(_, c)| c)),
                '*' | '?' => {
                    self.end_piece(&mut piece);
                    globbed = true;
                    // `**` inside a segment is two stars, which match what one does.
                    if c == '?' {
                        self.tokens.push(Token::Question);
                    } else if self.tokens.len() as u32 == first
                        || self.tokens.last() != Some(&Token::Star)
                    {
                        self.tokens.push(Token::Star);
                    }
                }
                _ => self.text.push(c),
            }
        }
        let end = self.text.len() as u32;
        if !globbed {
            return Segment::Literal { start, end };
        }
        self.end_piece(&mut piece);
        Segment::Glob {
            first,
            end: self.tokens.len() as u32,
        }
    }

    /// The literal piece read since `piece` becomes a token, when it is not empty; the next
    /// begins where it ends.
    fn end_piece(&mut self, piece: &mut u32) {
        let end = self.text.len() as u32;
        if end > *piece {
            self.tokens.push(Token::Literal { start: *piece, end });
        }
        *piece = end;
    }
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
fn named(name: Resolved<'_>, segment: Resolved<'_>) -> bool {
    match name {
        Resolved::Literal(_) => name == segment,
        Resolved::Glob([Token::Star, Token::Literal { start, end }], text) => {
            let suffix = at(text, *start, *end);
            match segment {
                Resolved::Literal(literal) => literal.ends_with(suffix),
                Resolved::Glob(theirs, their_text) => matches!(
                    theirs.last(),
                    Some(Token::Literal { start, end })
                        if at(their_text, *start, *end).ends_with(suffix)
                ),
                _ => false,
            }
        }
        _ => false,
    }
}

/// The length of the literal prefix in a pattern's text: its literal leading segments, each
/// followed by the `/` that joins it to the next when more of the pattern follows.
fn literal_prefix(segments: &[Segment], text_len: usize) -> u32 {
    let mut prefix = 0;
    for (i, segment) in segments.iter().enumerate() {
        let Segment::Literal { end, .. } = *segment else {
            break;
        };
        prefix = end;
        if i + 1 < segments.len() {
            prefix += 1;
        }
    }
    debug_assert!(prefix as usize <= text_len);
    prefix
}

/// Whether a glob matches one whole path segment: the usual two-pointer match that returns
/// to the last `*` on a mismatch, so it is linear in practice and never exponential. Its
/// literal tokens are ranges of `text`.
fn glob_matches(tokens: &[Token], text: &str, name: &str) -> bool {
    let mut t = 0;
    let mut pos = 0;
    let mut star: Option<(usize, usize)> = None;
    loop {
        let step = match tokens.get(t) {
            None if pos == name.len() => return true,
            None => None,
            Some(Token::Star) => {
                star = Some((t, pos));
                t += 1;
                continue;
            }
            Some(Token::Question) => name[pos..].chars().next().map(char::len_utf8),
            Some(Token::Literal { start, end }) => {
                let lit = at(text, *start, *end);
                name[pos..].starts_with(lit).then_some(lit.len())
            }
            Some(Token::Class { negated, ranges }) => name[pos..].chars().next().and_then(|c| {
                let inside = ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi);
                (inside != *negated).then_some(c.len_utf8())
            }),
        };
        if let Some(len) = step {
            pos += len;
            t += 1;
            continue;
        }
        // A mismatch: let the last `*` take one more character, or fail.
        let Some((star_t, star_pos)) = star else {
            return false;
        };
        let Some(c) = name[star_pos..].chars().next() else {
            return false;
        };
        let next = star_pos + c.len_utf8();
        star = Some((star_t, next));
        t = star_t + 1;
        pos = next;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A one-segment pattern's segment, resolved, for the tests to look at.
    fn only_segment(p: &Pattern) -> Resolved<'_> {
        assert_eq!(p.segments.len(), 1, "{p:?}");
        p.resolved(p.segments[0])
    }

    #[test]
    fn globs_match_whole_segments_by_characters() {
        let glob = |p: &str, name: &str| {
            let pattern = Pattern::new(&format!("/{p}")).unwrap();
            match only_segment(&pattern) {
                Resolved::Glob(tokens, text) => glob_matches(tokens, text, name),
                other => panic!("{other:?}"),
            }
        };
        assert!(glob("*.rs", "main.rs"));
        assert!(!glob("*.rs", "main.rsx"));
        assert!(glob("a*b*c", "aXbYbZc"));
        assert!(!glob("a*b*c", "aXbYbZ"));
        assert!(glob("?é", "éé"));
        assert!(!glob("?", ""));
        assert!(glob(r"a\*b*", "a*bc"));
        assert!(!glob(r"a\*b*", "aXbc"));
    }

    #[test]
    fn escapes_are_literal() {
        let literal = |p: &str| {
            let pattern = Pattern::new(&format!("/{p}")).unwrap();
            match only_segment(&pattern) {
                Resolved::Literal(text) => text.to_owned(),
                other => panic!("{other:?}"),
            }
        };
        assert_eq!(literal(r"a\ b"), "a b");
        assert_eq!(literal(r"f\*o"), "f*o");
    }

    #[test]
    fn equal_segments_make_equal_patterns_whatever_their_spelling() {
        let gh = |p: &str| Pattern::new(p).unwrap();
        assert_eq!(gh("/docs/**"), gh("/docs/"));
        assert_ne!(gh("/a/*.md"), gh("/a/*.rs"));
        assert_ne!(gh("/ab/c"), gh("/a/bc"));
        assert_eq!(gh("/a/x*y"), gh("/a/x**y"));
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
