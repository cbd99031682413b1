//! Who owns a domain, as every command reads it: the owners a domain's owner fields name
//! (split at `,`, `;`, `+`, ` / ` and ` and `, never inside brackets or a team's name), and
//! the one real owner when there is exactly one that is not a placeholder.

use super::placeholders::placeholder;
use crate::config::Settings;
use crate::model::{Domain, Field, Text};

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
    let mut owners = named_owners(first);
    for field in &domain.owners[1..] {
        owners.extend(named_owners(field));
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

/// Every owner one owner field names: each list item, or the value split into the owners it
/// names.
pub fn named_owners<'s>(field: &Field<'s>) -> Vec<Text<'s>> {
    if field.items.is_empty() {
        split_owners(&field.value)
    } else {
        field
            .items
            .iter()
            .filter(|i| !i.is_empty())
            .cloned()
            .collect()
    }
}

/// Split an owner value into the owners it names. Separators inside parentheses or brackets
/// do not count (`CTO Team (Zach, Ana)` is one owner).
pub fn split_owners<'s>(value: &Text<'s>) -> Vec<Text<'s>> {
    let s = value.as_str();
    if names_one_owner(s) {
        let text = value.trimmed();
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![text]
        };
    }
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut depth = 0i32;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' | '{' | '<' => depth += 1,
            ')' | ']' | '}' | '>' => depth -= 1,
            _ if depth > 0 => {}
            ',' | ';' | '+' => cuts.push((i, i + 1)),
            ' ' => {
                let rest = &s[i..];
                if rest.starts_with(" / ") {
                    cuts.push((i, i + 3));
                } else if rest.len() > 5 && rest.as_bytes()[..5].eq_ignore_ascii_case(b" and ") {
                    cuts.push((i, i + 5));
                }
            }
            _ => {}
        }
    }
    let mut parts = Vec::new();
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start >= start {
            parts.push(start..cut_start);
            start = cut_end;
        }
    }
    parts.push(start..s.len());
    // `Research and Development Team`: the team word ends the whole name, not the right part.
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for part in parts {
        if let Some(prev) = merged.last_mut() {
            let joined_by_and = s[prev.end..part.start].trim().eq_ignore_ascii_case("and");
            if joined_by_and && !has_team_word(&s[prev.clone()]) && has_team_word(&s[part.clone()])
            {
                prev.end = part.end;
                continue;
            }
        }
        merged.push(part);
    }
    let mut owners = Vec::new();
    for part in merged {
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
        split_owners(&Text::exact(s, Span::new(0, s.len())))
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
}
