//! Who owns a domain, as every command reads it: the owners a domain's owner fields name
//! (split at `,`, `;`, `+`, ` / `, ` and `, and `&` or `|` between two owners — never inside
//! brackets or a team's name), and the one real owner when there is exactly one that is not
//! a placeholder.

use std::ops::Range;

use super::placeholders::placeholder;
use crate::config::Settings;
use crate::model::{Domain, Field, Text, names};

/// What a domain's owner fields say.
#[derive(Debug)]
pub enum Ownership<'s> {
    /// No owner field.
    Missing,
    /// An owner field without a value.
    Empty,
    /// The owner is a placeholder (`TBD`, `[Team Name]`), with why it is one.
    Placeholder(Text<'s>, &'static str),
    /// More than one owner: two owner fields, a list, or a value naming several.
    Several(Vec<Text<'s>>),
    /// Exactly one real owner.
    One(Text<'s>),
}

/// What a domain's owner fields say; the one definition `check`, `who`, `stats` and the
/// exports share.
pub fn ownership<'s>(domain: &Domain<'s>, settings: &Settings) -> Ownership<'s> {
    let Some(first) = domain.owners.first() else {
        return Ownership::Missing;
    };
    if first.is_empty() {
        return Ownership::Empty;
    }
    if let Some((value, why)) = first
        .values()
        .find_map(|v| placeholder(v.as_str(), settings).map(|why| (v.trimmed(), why)))
    {
        return Ownership::Placeholder(value, why);
    }
    let mut owners = named_owners(first, settings);
    for field in &domain.owners[1..] {
        owners.extend(named_owners(field, settings));
    }
    match owners.len() {
        1 if domain.owners.len() == 1 => Ownership::One(owners.remove(0)),
        _ => Ownership::Several(owners),
    }
}

/// The one real owner of a domain: a single owner field naming a single owner that is not a
/// placeholder; `None` otherwise (the ownership rules report why).
pub fn owner<'s>(domain: &Domain<'s>, settings: &Settings) -> Option<Text<'s>> {
    match ownership(domain, settings) {
        Ownership::One(owner) => Some(owner),
        _ => None,
    }
}

/// Every owner one owner field names: its list items, or else its value, split into the
/// owners each names ([`split_owners_with`], the team registry of `settings` deciding an `&`).
pub fn named_owners<'s>(field: &Field<'s>, settings: &Settings) -> Vec<Text<'s>> {
    let is_team = |name: &str| registered(name, settings);
    if field.items.is_empty() {
        return split_owners_with(&field.value, &is_team);
    }
    field
        .items
        .iter()
        .flat_map(|item| split_owners_with(item, &is_team))
        .collect()
}

/// Whether the team registry of the configuration names this team.
fn registered(name: &str, settings: &Settings) -> bool {
    settings.teams.as_ref().is_some_and(|teams| {
        let key = names::key(name);
        teams.iter().any(|t| names::key(t) == key)
    })
}

/// How two parts of an owner value are joined.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Join {
    /// `,`, `;`, `+`, ` / `: always two owners.
    Apart,
    /// ` and `: two owners, unless the team word ends the whole name (`Research and
    /// Development Team`).
    And,
    /// `&` or `|`: two owners between two handles or emails (`@a & @b`), two team names
    /// (`Platform Team & Payments Team`) or two registered teams; else part of one name
    /// (`Research & Development Team`, `Auth & Security`).
    Amp,
}

/// Split an owner value into the owners it names. Separators inside parentheses or brackets
/// do not count (`CTO Team (Zach, Ana)` is one owner); several handles separated by spaces
/// are several owners. `is_team` says whether a name is a registered team: a value that is one
/// is one owner, and `&` between two of them separates two owners.
pub fn split_owners_with<'s>(value: &Text<'s>, is_team: &dyn Fn(&str) -> bool) -> Vec<Text<'s>> {
    let s = value.as_str();
    if names_one_owner(s) || (s.contains(['&', '|']) && is_team(s.trim())) {
        let text = value.trimmed();
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![text]
        };
    }
    let mut owners = Vec::new();
    for part in join_parts(s, cut(s), is_team) {
        let text = value.slice(part).trimmed();
        if text.is_empty() {
            continue;
        }
        // `@org/a @org/b`: several handles separated by spaces.
        let words: Vec<&str> = text.as_str().split_whitespace().collect();
        if words.len() > 1 && words.iter().all(|w| w.starts_with('@')) {
            let mut at = 0;
            for word in text.as_str().split(' ') {
                if !word.is_empty() {
                    owners.push(text.slice(at..at + word.len()));
                }
                at += word.len() + 1;
            }
        } else {
            owners.push(text);
        }
    }
    owners
}

/// The separators of an owner value outside brackets, with how each joins its neighbours.
fn cut(s: &str) -> Vec<(usize, usize, Join)> {
    let mut cuts = Vec::new();
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth -= 1,
            _ if depth > 0 => {}
            ',' | ';' | '+' => cuts.push((i, i + 1, Join::Apart)),
            '&' | '|' => cuts.push((i, i + 1, Join::Amp)),
            ' ' => {
                let rest = &s[i..];
                if rest.starts_with(" / ") {
                    cuts.push((i, i + 3, Join::Apart));
                } else if rest.len() > 5 && rest.as_bytes()[..5].eq_ignore_ascii_case(b" and ") {
                    cuts.push((i, i + 5, Join::And));
                }
            }
            _ => {}
        }
    }
    cuts
}

/// The parts between the cuts, joined again where a separator is part of a name.
fn join_parts(
    s: &str,
    cuts: Vec<(usize, usize, Join)>,
    is_team: &dyn Fn(&str) -> bool,
) -> Vec<Range<usize>> {
    let mut parts: Vec<(Range<usize>, Join)> = Vec::new();
    let mut start = 0;
    let mut join = Join::Apart;
    for (cut_start, cut_end, next) in cuts {
        if cut_start >= start {
            parts.push((start..cut_start, join));
            start = cut_end;
            join = next;
        }
    }
    parts.push((start..s.len(), join));
    let mut merged: Vec<Range<usize>> = Vec::new();
    for (part, join) in parts {
        if let Some(prev) = merged.last_mut() {
            let (left, right) = (s[prev.clone()].trim(), s[part.clone()].trim());
            let one_name = match join {
                Join::Apart => false,
                Join::And => !has_team_word(left) && has_team_word(right),
                Join::Amp => {
                    let two = (is_address(left) && is_address(right))
                        || (has_team_word(left) && has_team_word(right))
                        || (is_team(left) && is_team(right));
                    !two
                }
            };
            if one_name {
                prev.end = part.end;
                continue;
            }
        }
        merged.push(part);
    }
    merged
}

/// A handle (`@acme/payments`) or an email address.
fn is_address(s: &str) -> bool {
    !s.contains(char::is_whitespace) && (s.starts_with('@') || s.contains('@'))
}

/// Whether a value plainly names one owner: no separator, no bracket, no handle and no
/// ` and `, which is what nearly every owner looks like; the full split is for the rest.
fn names_one_owner(s: &str) -> bool {
    let bytes = s.as_bytes();
    let marked = bytes.iter().any(|&b| {
        matches!(
            b,
            b',' | b';'
                | b'+'
                | b'/'
                | b'&'
                | b'|'
                | b'@'
                | b'('
                | b'['
                | b'{'
                | b'<'
                | b')'
                | b']'
                | b'}'
                | b'>'
        )
    });
    !marked
        && !bytes
            .windows(5)
            .any(|w| w[0] == b' ' && w[4] == b' ' && w[1..4].eq_ignore_ascii_case(b"and"))
}

fn has_team_word(s: &str) -> bool {
    s.split_whitespace().any(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "team" | "squad" | "group" | "guild" | "crew" | "department" | "org" | "unit" | "tribe"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn split(s: &str) -> Vec<String> {
        split_with(s, &[])
    }

    /// The owners a value names when `registry` lists the teams.
    fn split_with(s: &str, registry: &[&str]) -> Vec<String> {
        let is_team = |name: &str| registry.iter().any(|t| names::key(t) == names::key(name));
        split_owners_with(&Text::exact(s, Span::new(0, s.len())), &is_team)
            .iter()
            .map(|t| t.as_str().to_owned())
            .collect()
    }

    /// Found by the property test: a multi-byte character right after a space.
    #[test]
    fn a_wide_character_after_a_space_is_not_cut() {
        assert_eq!(split("Team A, Tea 𑍇(m"), ["Team A", "Tea 𑍇(m"]);
        assert_eq!(split("A Team, B 𑍇𑍇"), ["A Team", "B 𑍇𑍇"]);
    }

    #[test]
    fn splits_owners_but_not_names() {
        assert_eq!(split("Payment Service Team"), ["Payment Service Team"]);
        assert_eq!(split("A Team, B Team"), ["A Team", "B Team"]);
        assert_eq!(
            split("Payments Core Team and Team Falcon"),
            ["Payments Core Team", "Team Falcon"]
        );
        assert_eq!(
            split("Research and Development Team"),
            ["Research and Development Team"]
        );
        assert_eq!(
            split("Research & Development Team"),
            ["Research & Development Team"]
        );
        assert_eq!(split("Owner + PM + SRE"), ["Owner", "PM", "SRE"]);
        assert_eq!(split("@org/a @org/b"), ["@org/a", "@org/b"]);
        assert_eq!(split("CTO Team (Zach, Ana)"), ["CTO Team (Zach, Ana)"]);
        assert_eq!(
            split("Jane Doe (jane@example.com)"),
            ["Jane Doe (jane@example.com)"]
        );
        assert_eq!(split("Alice and Bob"), ["Alice", "Bob"]);
        assert_eq!(
            split("Platform Lead / Infra Lead"),
            ["Platform Lead", "Infra Lead"]
        );
    }

    #[test]
    fn an_ampersand_between_two_owners_splits_but_not_inside_a_name() {
        assert_eq!(
            split("@acme/checkout & @acme/payments"),
            ["@acme/checkout", "@acme/payments"]
        );
        assert_eq!(split("@a & @b"), ["@a", "@b"]);
        assert_eq!(split("@acme/a | @acme/b"), ["@acme/a", "@acme/b"]);
        assert_eq!(
            split("ann@example.com & bo@example.com"),
            ["ann@example.com", "bo@example.com"]
        );
        assert_eq!(
            split("Platform Team & Payments Team"),
            ["Platform Team", "Payments Team"]
        );
        assert_eq!(
            split("Research & Development Team"),
            ["Research & Development Team"]
        );
        assert_eq!(split("Auth & Security"), ["Auth & Security"]);
        assert_eq!(split("R&D Team"), ["R&D Team"]);
        assert_eq!(
            split("Auth & Security, @acme/sre"),
            ["Auth & Security", "@acme/sre"]
        );
    }

    #[test]
    fn the_team_registry_decides_an_ampersand() {
        // Both sides registered: two teams.
        assert_eq!(
            split_with("Auth & Security", &["Auth", "Security"]),
            ["Auth", "Security"]
        );
        // The whole value registered: one team, whatever its words.
        assert_eq!(
            split_with(
                "Platform Team & Payments Team",
                &["Platform Team & Payments Team"]
            ),
            ["Platform Team & Payments Team"]
        );
        assert_eq!(
            split_with("Auth & Security", &["Auth & Security"]),
            ["Auth & Security"]
        );
    }
}
