//! The path patterns of a CODEOWNERS file, as GitHub matches them: `.gitignore` patterns with
//! GitHub's exceptions (no `!`, no `[ ]`), and a last segment `*` that does not reach into
//! subdirectories (`docs/*` owns `docs/a.md`, not `docs/a/b.md`).

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
/// [`Pattern::matches`] does not allocate. For many rules against many paths, a caller can
/// index the rules by [`Pattern::literal_prefix`]: a path can only match a pattern whose
/// literal prefix it starts with, so a map from the prefix's first segment to rules (plus the
/// list of rules with an empty prefix, which must be tried on every path) narrows each path
/// to a few candidates, tried from the last one in file order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pattern {
    segments: Box<[Segment]>,
    prefix: Box<str>,
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

#[derive(Clone, Debug, PartialEq, Eq)]
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

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Literal(Box<str>),
    Star,
    Question,
}

impl Pattern {
    /// Compile a pattern as written in a CODEOWNERS file (escapes included).
    pub fn new(pattern: &str) -> Result<Pattern, PatternError> {
        if pattern.is_empty() {
            return Err(PatternError::Empty);
        }
        if pattern == "/" {
            return Err(PatternError::MatchesNothing);
        }
        let mut parts: Vec<&str> = pattern.split('/').collect();
        let anchored = parts[0].is_empty();
        if anchored {
            parts.remove(0);
        } else if (parts.len() == 1 || (parts.len() == 2 && parts[1].is_empty()))
            && parts[0] != "**"
        {
            // One segment: it matches at any depth, as if written `**/segment`.
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
        let segments: Box<[Segment]> = parts.iter().map(|p| segment(p)).collect();
        let prefix = literal_prefix(&segments).into_boxed_str();
        Ok(Pattern { segments, prefix })
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
            // A last segment also owns what is below it, unless it is `*` alone.
            return tail.is_none() || *segment != Segment::AnyOne;
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

fn segment(part: &str) -> Segment {
    match part {
        "**" => return Segment::AnyDepth,
        "*" => return Segment::AnyOne,
        _ => {}
    }
    let mut tokens = Vec::new();
    let mut literal = String::new();
    let mut chars = part.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => literal.push(chars.next().unwrap_or('\\')),
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
        let glob = |p: &str| match segment(p) {
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
        assert_eq!(segment(r"a\ b"), Segment::Literal("a b".into()));
        assert_eq!(segment(r"f\*o"), Segment::Literal("f*o".into()));
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
