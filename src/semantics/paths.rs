//! A domain's paths as CODEOWNERS patterns: how a path is written in a CODEOWNERS line, and
//! which domain owns a file, the domains' paths read as the CODEOWNERS rules ownlint writes
//! for them (`export --format codeowners`), in that file's order, the last match winning.

use std::borrow::Cow;

use crate::model::codeowners::{Flavor, Pattern};
use crate::model::{Domain, Text};
use crate::util::sanitize::{escape, is_unsafe};

/// A path as a CODEOWNERS line holds it: white space escaped (`\ `) so that the pattern stays
/// one; none when it holds a line break, a control character or a bidirectional override
/// (which would start another line, hide one or show it in another order), a line or
/// paragraph separator, or ends in a `\` that would escape the space before the owners: a
/// document cannot write a rule, or an owner, of its own into the file.
pub fn written(path: &str) -> Option<Cow<'_, str>> {
    let path = path.trim();
    if path.is_empty() || path.starts_with('#') {
        return None;
    }
    // Visible ASCII, the common case, has none of the characters below and no white space to
    // escape: one pass over the bytes says so.
    if path.bytes().all(|b| b.is_ascii_graphic()) && !path.ends_with('\\') {
        return Some(Cow::Borrowed(path));
    }
    let unsafe_char = |c: char| is_unsafe(c) || matches!(c, '\n' | '\t' | '\u{2028}' | '\u{2029}');
    if path.chars().any(unsafe_char) {
        return None;
    }
    // An odd run of backslashes at the end escapes what follows the pattern.
    let trailing = path.len() - path.trim_end_matches('\\').len();
    if trailing % 2 == 1 {
        return None;
    }
    if !path.contains(char::is_whitespace) {
        return Some(Cow::Borrowed(path));
    }
    let mut out = String::with_capacity(path.len() + 2);
    let mut escaped = false;
    for c in path.chars() {
        if c.is_whitespace() && !escaped {
            out.push('\\');
        }
        escaped = c == '\\' && !escaped;
        out.push(c);
    }
    Some(Cow::Owned(out))
}

/// What separates the owner from the escalation contact in a [`rule_comment`].
const ESCALATION: &str = ", escalation ";

/// The comment ownlint writes above each rule of the CODEOWNERS file it generates, naming the
/// domain, its owner and its escalation contact (`# Payments: Payment Service Team,
/// escalation @payments-oncall`), on one line whatever the documents hold.
pub fn rule_comment(domain: &str, owner: &str, contact: Option<&str>) -> String {
    let mut comment = format!("# {domain}: {owner}");
    if let Some(contact) = contact {
        comment.push_str(ESCALATION);
        comment.push_str(contact);
    }
    escape(&comment).into_owned()
}

/// Where `line`, when it is the [`rule_comment`] of `domain`, names the owner; with the owner
/// as that comment writes it, to put in its place.
pub fn owner_in_rule_comment(line: &str, domain: &str) -> Option<std::ops::Range<usize>> {
    let prefix = escape(&format!("# {domain}: ")).into_owned();
    let named = line.strip_prefix(prefix.as_str())?;
    let len = named.find(ESCALATION).unwrap_or(named.len());
    (len > 0).then(|| prefix.len()..prefix.len() + len)
}

/// An owner as a [`rule_comment`] writes it.
pub fn owner_as_commented(owner: &str) -> Cow<'_, str> {
    escape(owner)
}

/// A domain's path compiled as the CODEOWNERS pattern it is written as ([`written`]), read
/// as `flavor`'s host reads it; `None` when it cannot be one.
pub fn pattern(path: &str, flavor: Flavor) -> Option<Pattern> {
    Pattern::with_flavor(&written(path)?, flavor).ok()
}

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
/// `./` or `/` is dropped), with the pattern that matched, the paths read as `flavor`'s host
/// reads CODEOWNERS patterns: of the matching patterns, the narrowest ([`depth`], then the
/// text, as the rules are written), a tie going to the domain that comes later, as a later
/// CODEOWNERS rule does.
pub fn owner_of<'a, 's>(
    domains: &[&'a Domain<'s>],
    path: &str,
    flavor: Flavor,
) -> Option<(&'a Domain<'s>, &'a Text<'s>)> {
    let path = path.trim();
    let path = path
        .strip_prefix("./")
        .unwrap_or(path)
        .trim_start_matches('/');
    let mut best: Option<((usize, &str), &Domain<'s>, &Text<'s>)> = None;
    for domain in domains {
        for pattern in &domain.paths {
            let Some(compiled) = self::pattern(pattern.as_str(), flavor) else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_comment_is_one_line_and_its_owner_is_found_again() {
        let comment = rule_comment("Payments", "Pay\nTeam", Some("@oncall"));
        assert_eq!(comment, "# Payments: Pay\\u{a}Team, escalation @oncall");
        let owner = owner_in_rule_comment(&comment, "Payments").unwrap();
        assert_eq!(&comment[owner], owner_as_commented("Pay\nTeam"));
        let bare = rule_comment("Ops\r", "Ops Team", None);
        assert_eq!(
            &bare[owner_in_rule_comment(&bare, "Ops\r").unwrap()],
            "Ops Team"
        );
        assert_eq!(owner_in_rule_comment(&comment, "Billing"), None);
        assert_eq!(
            owner_in_rule_comment("# Payments: , escalation x", "Payments"),
            None
        );
    }

    #[test]
    fn a_path_cannot_write_a_line_or_an_owner_of_its_own() {
        assert_eq!(
            written("src/pay ments/").as_deref(),
            Some("src/pay\\ ments/")
        );
        assert_eq!(
            written("src/pay\\ ments/").as_deref(),
            Some("src/pay\\ ments/")
        );
        assert_eq!(
            written("docs/ @evil/team").as_deref(),
            Some("docs/\\ @evil/team")
        );
        assert_eq!(written("a\n* @evil"), None);
        assert_eq!(written("# comment"), None);
        // The escape would take the space before the owners: `src/a\ @team` has none.
        assert_eq!(written("src/a\\"), None);
        assert_eq!(written("src/a\\\\").as_deref(), Some("src/a\\\\"));
        assert_eq!(written("src/\u{202E}lanigiro/"), None);
        assert_eq!(written("src/a\u{2028}* @evil"), None);
    }
}
