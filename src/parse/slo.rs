//! An SLO item read into its name and objective: `Name: objective`, or `Name objective` where
//! the objective starts at its percentile, share of events or comparator.

use super::objective::parse_objective_named;
use crate::model::{Slo, Text};
use crate::source::Span;

/// An SLO with its objective read.
pub fn slo<'s>(name: Text<'s>, objective: Text<'s>, span: Span) -> Slo<'s> {
    let parsed = parse_objective_named(&name, &objective);
    Slo {
        name,
        objective,
        parsed,
        span,
    }
}

/// Split `Name: objective` (or `Name objective`, the objective starting at its percentile or
/// comparator) into an SLO.
pub fn slo_from_item<'s>(item: &Text<'s>) -> Slo<'s> {
    let (name, objective) = split_name_objective(item);
    slo(name, objective, item.span)
}

/// Where the name of an SLO item ends and its objective starts.
fn split_name_objective<'s>(item: &Text<'s>) -> (Text<'s>, Text<'s>) {
    let s = item.as_str();
    let at = match memchr::memchr(b':', s.as_bytes()) {
        Some(colon) => Some((colon, colon + 1)),
        None => objective_start(s).map(|start| (start, start)),
    };
    match at {
        Some((name_end, objective_start)) => (
            item.slice(0..name_end).trimmed(),
            item.slice(objective_start..s.len()).trimmed(),
        ),
        None => (item.trimmed(), Text::empty_at(item.span.end as usize)),
    }
}

/// Where the objective starts in `Name objective`: at the first percentile (`P95`), share of
/// events (`95% of`) or comparator, else at the first percentage (`99.9%`). A plain number
/// is part of the name (`Checkout 2 latency P95 ≤ 300ms`).
fn objective_start(s: &str) -> Option<usize> {
    let mut word_start = true;
    let mut percentage = None;
    for (i, c) in s.char_indices() {
        if word_start {
            let rest = &s[i..];
            let percentile =
                rest.starts_with(['P', 'p']) && rest[1..].starts_with(|c: char| c.is_ascii_digit());
            let digits = rest.len()
                - rest
                    .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
                    .len();
            let percent = digits > 0 && rest[digits..].trim_start().starts_with('%');
            let share = percent
                && rest[digits..].trim_start()[1..]
                    .trim_start()
                    .starts_with("of ");
            if percentile || share || "≤≥<>=".contains(c) {
                return Some(i);
            }
            if percent && percentage.is_none() {
                percentage = Some(i);
            }
        }
        word_start = c.is_whitespace();
    }
    percentage
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(s: &str) -> (String, String) {
        let slo = slo_from_item(&Text::exact(s, Span::new(0, s.len())));
        (slo.name.text.into_owned(), slo.objective.text.into_owned())
    }

    #[test]
    fn splits_at_the_colon_or_where_the_objective_starts() {
        assert_eq!(
            split("Payment processing: P95 ≤ 500ms"),
            ("Payment processing".into(), "P95 ≤ 500ms".into())
        );
        assert_eq!(
            split("Payment finalization P95 ≤ 300ms"),
            ("Payment finalization".into(), "P95 ≤ 300ms".into())
        );
        assert_eq!(
            split("API availability ≥ 99.9%"),
            ("API availability".into(), "≥ 99.9%".into())
        );
        assert_eq!(split("Checkout"), ("Checkout".into(), "".into()));
        assert_eq!(
            split("Experiments 2 refunds P50 <= 500ms"),
            ("Experiments 2 refunds".into(), "P50 <= 500ms".into())
        );
        assert_eq!(
            split("Search 95% of requests < 100ms"),
            ("Search".into(), "95% of requests < 100ms".into())
        );
        assert_eq!(
            split("Uptime 99.9% monthly"),
            ("Uptime".into(), "99.9% monthly".into())
        );
    }
}
