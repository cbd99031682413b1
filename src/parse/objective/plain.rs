//! The plain objectives that nearly every SLO is written as — `P95 ≤ 300ms`, `≥ 99.9%`,
//! `p99 < 1s`, `<= 0.5%` — read in one pass, without the general grammar's alternatives
//! (words, shares of events, windows, qualifiers, a second objective). Anything else is left
//! to the general grammar, and so is anything this reads: both give the same objective
//! (`tests/objectives.rs` compares them on generated spellings).

use super::lexicon::{decimal_len, rate_unit, time_unit};
use super::{Hints, Parser, Reading};
use crate::model::objective::{Comparator, TimeUnit, Unit};
use crate::model::{Objective, Text};

/// The objective of a plain text, when it is one: `[P<n> ]<comparator>[ ]<number><unit>`
/// with a unit of `ms`, `s`, `min`, `h` or `%` (no percentile on a percentage), or a unit
/// word after a space (`300 ms`, `500 req/sec`), or a bare share (`99.9%`), and nothing
/// else; `None` for any other text.
pub(super) fn objective(text: &Text<'_>, hints: &Hints) -> Option<Objective> {
    let s = text.as_str();
    let bytes = s.as_bytes();
    let mut at = 0;
    let mut percentile = None;
    if matches!(bytes.first(), Some(b'P' | b'p')) {
        let len = decimal_len(&s[1..]);
        // `P1`…`P9` may be priorities, which the grammar tells apart: two digits at least.
        let digits = bytes[1..].iter().take_while(|b| b.is_ascii_digit()).count();
        if len == 0 || digits < 2 || bytes.get(1 + len) != Some(&b' ') {
            return None;
        }
        percentile = Some((super::lexicon::decimal(&s[1..1 + len])?, 0..1 + len));
        at = 2 + len;
    }
    // A share without a comparator (`99.9%`) is bounded by what it counts, as the general
    // grammar settles it.
    let comparator = comparator(&s[at..]).map(|(comparator, len)| {
        let range = at..at + len;
        at += len;
        if bytes.get(at) == Some(&b' ') {
            at += 1;
        }
        (comparator, range)
    });
    let len = decimal_len(&s[at..]);
    if len == 0 {
        return None;
    }
    let value = (super::lexicon::decimal(&s[at..at + len])?, at..at + len);
    at += len;
    let unit = match &s[at..] {
        "ms" => Unit::Time(TimeUnit::Milliseconds),
        "s" => Unit::Time(TimeUnit::Seconds),
        "min" => Unit::Time(TimeUnit::Minutes),
        "h" => Unit::Time(TimeUnit::Hours),
        "%" if percentile.is_none() => Unit::Percent,
        // A unit word after a space: `300 ms`, `500 req/sec`, `20 ops/hour`.
        spaced => {
            let word = spaced.strip_prefix(' ')?;
            if word.is_empty() || !word.bytes().all(|b| b.is_ascii_alphabetic() || b == b'/') {
                return None;
            }
            at += 1;
            match time_unit(word) {
                Some(unit) => Unit::Time(unit),
                None => Unit::Rate {
                    per: rate_unit(word)?,
                },
            }
        }
    };
    if comparator.is_none() && unit != Unit::Percent {
        return None;
    }
    let reading = Reading {
        percentile,
        percentile_after: false,
        comparator,
        value,
        unit: (unit, at..s.len()),
        window: None,
    };
    let local = Parser::new(s).settle(reading, 0..s.len(), hints).ok()?;
    Some(local.into_objective(text, hints))
}

/// A comparator at the start of `s`, with its length.
fn comparator(s: &str) -> Option<(Comparator, usize)> {
    let bytes = s.as_bytes();
    match bytes.first()? {
        b'<' if bytes.get(1) == Some(&b'=') => Some((Comparator::Le, 2)),
        b'>' if bytes.get(1) == Some(&b'=') => Some((Comparator::Ge, 2)),
        b'<' => Some((Comparator::Lt, 1)),
        b'>' => Some((Comparator::Gt, 1)),
        _ if s.starts_with('≤') => Some((Comparator::Le, '≤'.len_utf8())),
        _ if s.starts_with('≥') => Some((Comparator::Ge, '≥'.len_utf8())),
        _ => None,
    }
}
