use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Domain, Field, Text};
use crate::rules::{Context, Rule};

fn second_field(domain: &Domain<'_>, first: &Field<'_>, second: &Field<'_>) -> Diagnostic {
    let span = if second.value.is_empty() {
        second.label
    } else {
        second.value.span
    };
    Diagnostic::new(
        &MultipleOwners::META,
        domain.file,
        span,
        format!(
            "domain `{}` has a second owner field",
            domain.display_name()
        ),
    )
    .with_label("second owner")
    .with_secondary(
        domain.file,
        if first.value.span.is_empty() {
            first.label
        } else {
            first.value.span
        },
        "first owner",
    )
    .with_help(HELP)
}

fn several(domain: &Domain<'_>, field: &Field<'_>, owners: &[Text<'_>]) -> Diagnostic {
    let names: Vec<String> = owners.iter().map(|o| format!("`{o}`")).collect();
    let span = if field.value.is_empty() {
        owners[0].span.cover(owners[owners.len() - 1].span)
    } else {
        field.value.span
    };
    Diagnostic::new(
        &MultipleOwners::META,
        domain.file,
        span,
        format!(
            "domain `{}` has {} owners: {}",
            domain.display_name(),
            owners.len(),
            names.join(", ")
        ),
    )
    .with_help(HELP)
}

const HELP: &str = "a domain has exactly one owner; name the others as `Backup:`, or declare \
                    shared ownership with an explicit SLA";

declare_rule! {
    /// ## What it does
    /// Reports a domain with more than one owner: `A, B`, `A and B`, `A + B`, `A / B`, two
    /// team handles, a YAML list, a list under the owner label, or the owner field given
    /// twice (reported on the second).
    ///
    /// A backup (`Backup:`, `Fallback:`, `Secondary:`) is not a second owner, and `&` inside
    /// a name (`Research & Development Team`) does not split it.
    ///
    /// ## Why is this bad?
    /// When two teams own a domain, each assumes the other has it. Shared ownership is an
    /// exception that needs an explicit agreement with an SLA, boundaries, an escalation path
    /// and a sync cadence; a second name in the owner field has none of that.
    ///
    /// ## Example
    /// ```markdown
    /// **Owner:** Payment Service Team, Platform Team
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// **Owner:** Payment Service Team
    /// **Backup:** Platform Team
    /// ```
    pub struct MultipleOwners {
        code: "OWN102",
        name: "multiple-owners",
        severity: Error,
        category: Ownership,
    }
}

impl Rule for MultipleOwners {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for domain in &doc.domains {
            let Some(first) = domain.owners.first() else {
                continue;
            };
            if let Some(second) = domain.owners.get(1) {
                cx.report(second_field(domain, first, second));
                continue;
            }
            let owners: Vec<Text<'_>> = if first.items.is_empty() {
                split_owners(&first.value)
            } else {
                first
                    .items
                    .iter()
                    .filter(|i| !i.is_empty())
                    .cloned()
                    .collect()
            };
            if owners.len() > 1 {
                cx.report(several(domain, first, &owners));
            }
        }
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
