//! Which domain owns a file: the domains' paths read as the CODEOWNERS rules ownlint writes
//! for them (`export --format codeowners`), in that file's order, the last match winning.

use crate::model::codeowners::Pattern;
use crate::model::{Domain, Text};

/// How broad a pattern is, for ordering rules so that the narrower come later and win: the
/// number of path segments before its first wildcard (`*.md` 0, `src/` 1,
/// `src/payments/**` 2).
pub fn depth(pattern: &Pattern) -> usize {
    pattern
        .literal_prefix()
        .split('/')
        .filter(|s| !s.is_empty())
        .count()
}

/// The domain whose paths own `path` (relative to the repository, `/` separators; a leading
/// `./` or `/` is dropped), with the pattern that matched: of the matching patterns, the
/// narrowest ([`depth`], then the text, as the rules are written), a tie going to the domain
/// that comes later, as a later CODEOWNERS rule does.
pub fn owner_of<'a, 's>(
    domains: &[&'a Domain<'s>],
    path: &str,
) -> Option<(&'a Domain<'s>, &'a Text<'s>)> {
    let path = path.trim();
    let path = path
        .strip_prefix("./")
        .unwrap_or(path)
        .trim_start_matches('/');
    let mut best: Option<((usize, &str), &Domain<'s>, &Text<'s>)> = None;
    for domain in domains {
        for pattern in &domain.paths {
            let Ok(compiled) = Pattern::new(pattern.as_str()) else {
                continue;
            };
            if !compiled.matches(path) {
                continue;
            }
            let rank = (depth(&compiled), pattern.as_str());
            if best
                .as_ref()
                .is_none_or(|(best_rank, _, _)| rank >= *best_rank)
            {
                best = Some((rank, domain, pattern));
            }
        }
    }
    best.map(|(_, domain, pattern)| (domain, pattern))
}
