//! SLO objectives, read whole into typed values whose every part knows its span:
//! `[metric words] [percentile] [metric words] comparator number unit [percentile]
//! [window] [qualifiers]`, one or more to a line (`p95 < 100ms, p99 < 200ms`,
//! `P95 ≤ 300ms and P99 ≤ 1s`).
//!
//! Accepted: `P95 ≤ 300ms`, `p99.9 < 1.5 s`, `P95 latency <= 500ms (steady state)`,
//! `p95: < 300ms`, `< 300ms p95`, `300ms at p95`, `< 300ms (p95)`, a percentile in the SLO's
//! name (`Request latency (p95)`), `95% of requests < 100ms`, `99% within 10s`,
//! `≥ 99.9% of requests succeed within 200ms`; `≥ 99.9%`, `100%` (a bare percentage of good
//! events is a lower bound), `99.9% uptime`, `0.1% error rate` and `< 1% 5xx responses`
//! (shares of bad events, upper bounds); `≥ 1000 ops/hour`, `>= 500 req/sec`; comparators in
//! words (`under 300ms`, `at least 99.5%`); windows (`monthly`, `per month`, `over 28 days`,
//! `rolling 30d`, `per rolling 30 min`); known qualifiers (`(steady state)`, `(3 nines)`,
//! `success rate`, `for /api/*`, a trailing period). Anything else is an error whose span is
//! exactly the part not understood.

mod head;
mod lexicon;
mod plain;
mod tail;
mod window;

use std::ops::Range;

use crate::model::Text;
use crate::model::objective::{
    Comparator, Objective, ObjectiveError, ObjectiveKind, Objectives, Part, Unit, Window,
    WindowUnit,
};

/// Parse the objectives of a text. Spans in the result are file spans, mapped through `text`.
pub fn parse_objective(text: &Text<'_>) -> Result<Objectives, ObjectiveError> {
    parse_objective_named(&Text::empty_at(text.span.start as usize), text)
}

/// Parse the objectives of an SLO named `name`: a percentile in the name (`Request latency
/// (p95)`, `P99.9`) is the percentile of a latency that states none, and the name's words
/// (`Query errors`, `API availability`) say whether a percentage counts bad or good events
/// when the objective's own words do not.
pub fn parse_objective_named(
    name: &Text<'_>,
    text: &Text<'_>,
) -> Result<Objectives, ObjectiveError> {
    let hints = Hints::of(name);
    if let Some(objective) = plain::objective(text, &hints) {
        return Ok(smallvec::smallvec![objective]);
    }
    parse_objective_general(&hints, text)
}

/// Whether the plain reader agrees with the general grammar on `text` (for an SLO named
/// `name`): it either leaves the text to the grammar, or reads exactly what the grammar reads.
#[cfg(any(test, feature = "testing"))]
pub fn plain_agrees(name: &Text<'_>, text: &Text<'_>) -> bool {
    let hints = Hints::of(name);
    match plain::objective(text, &hints) {
        None => true,
        Some(plain) => {
            parse_objective_general(&hints, text).is_ok_and(|general| general.as_slice() == [plain])
        }
    }
}

/// The general grammar, for every text (and the reference the plain reader is tested
/// against).
fn parse_objective_general(
    hints: &Hints<'_>,
    text: &Text<'_>,
) -> Result<Objectives, ObjectiveError> {
    let mut parser = Parser::new(text.as_str());
    let mut objectives = Objectives::new();
    loop {
        let local = parser
            .objective(hints)
            .map_err(|(range, message)| ObjectiveError {
                span: text.span_of(range),
                message,
            })?;
        objectives.push(local.into_objective(text, hints));
        if !parser.separator() {
            share_last_window(&mut objectives);
            return Ok(objectives);
        }
    }
}

/// A window written once, after the last objective of a line, is the SLO's: every objective
/// of the line that states none is measured over it (`p95 < 100ms, p99 < 200ms monthly`:
/// both monthly), as an OpenSLO SLO has one window for all its objectives. A window written
/// after an earlier objective is that objective's own.
fn share_last_window(objectives: &mut [Objective]) {
    let Some(window) = objectives.last().and_then(|last| last.window) else {
        return;
    };
    for objective in objectives {
        objective.window.get_or_insert(window);
    }
}

fn part<T>(text: &Text<'_>, value: T, range: Range<usize>) -> Part<T> {
    Part {
        value,
        span: text.span_of(range),
    }
}

/// What the SLO's name says about its objectives: a percentile (`Request latency (p95)`),
/// read only for a latency or rate that states none, and, when the objective's words do not
/// say, what a percentage counts (`Query errors`). Both are read only when asked: most
/// objectives need neither.
struct Hints<'n> {
    name: &'n Text<'n>,
}

impl<'n> Hints<'n> {
    fn of(name: &'n Text<'_>) -> Hints<'n> {
        Hints { name }
    }

    fn percentile(&self) -> Option<Part<f64>> {
        name_percentile(self.name.as_str()).map(|(v, r)| part(self.name, v, r))
    }
}

/// `Request latency (p95)`, `P99.9`: the first word of a name that is a percentile.
fn name_percentile(name: &str) -> Option<(f64, Range<usize>)> {
    // Nearly every name has no `p` before a digit: say so without reading it by characters.
    let bytes = name.as_bytes();
    if !bytes
        .windows(2)
        .any(|w| w[0] | 0x20 == b'p' && w[1].is_ascii_digit())
    {
        return None;
    }
    let mut start = 0;
    for (i, c) in name.char_indices().chain([(name.len(), ' ')]) {
        if c.is_alphanumeric() || c == '.' {
            continue;
        }
        let word = name[start..i].trim_end_matches('.');
        if word.len() > 1
            && word.starts_with(['p', 'P'])
            && word[1..].bytes().all(|b| b.is_ascii_digit() || b == b'.')
            && let Some(value) = lexicon::decimal(&word[1..])
        {
            return Some((value, start..start + word.len()));
        }
        start = i + c.len_utf8();
    }
    None
}

type Local<T> = (T, Range<usize>);
type Failure = (Range<usize>, String);

struct LocalWindow {
    amount: f64,
    unit: WindowUnit,
    rolling: bool,
    range: Range<usize>,
}

struct LocalObjective {
    range: Range<usize>,
    percentile: Option<Local<f64>>,
    comparator: Local<Comparator>,
    implicit_comparator: bool,
    value: Local<f64>,
    unit: Local<Unit>,
    kind: ObjectiveKind,
    window: Option<LocalWindow>,
}

impl LocalObjective {
    fn into_objective(self, text: &Text<'_>, hints: &Hints) -> Objective {
        let percentile = match self.percentile {
            Some((value, range)) => Some(part(text, value, range)),
            None if matches!(self.unit.0, Unit::Time(_) | Unit::Rate { .. }) => hints.percentile(),
            None => None,
        };
        Objective {
            percentile,
            comparator: part(text, self.comparator.0, self.comparator.1),
            implicit_comparator: self.implicit_comparator,
            value: part(text, self.value.0, self.value.1),
            unit: part(text, self.unit.0, self.unit.1),
            kind: self.kind,
            window: self.window.map(|w| Window {
                amount: w.amount,
                unit: w.unit,
                rolling: w.rolling,
                span: text.span_of(w.range),
            }),
            span: text.span_of(self.range),
        }
    }
}

/// What an objective has read before its comparator is settled.
struct Reading {
    percentile: Option<Local<f64>>,
    /// The percentile came after the value: `300ms at p95`.
    percentile_after: bool,
    comparator: Option<Local<Comparator>>,
    value: Local<f64>,
    unit: Local<Unit>,
    window: Option<LocalWindow>,
}

const EXAMPLES: &str = "such as `P95 ≤ 300ms` or `≥ 99.9%`";

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(s: &'a str) -> Parser<'a> {
        Parser { s, pos: 0 }
    }

    fn rest(&self) -> &'a str {
        &self.s[self.pos..]
    }

    fn skip_ws(&mut self) {
        let bytes = self.s.as_bytes();
        while bytes
            .get(self.pos)
            .is_some_and(|&b| b == b' ' || b == b'\t')
        {
            self.pos += 1;
        }
        // Other white space (a no-break space) the general way.
        if bytes.get(self.pos).is_some_and(|&b| b >= 0x80) {
            let rest = self.rest();
            self.pos += rest.len() - rest.trim_start().len();
        }
    }

    /// The next word (letters, digits, `%`, `.`, `/`, `µ`), for error spans and messages.
    fn next_token(&self) -> Range<usize> {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() || matches!(c, ',' | ';' | '(' | ')'))
            .map_or(rest.len(), |(i, _)| i);
        let len = if len == 0 {
            rest.chars().next().map_or(0, char::len_utf8)
        } else {
            len
        };
        self.pos..self.pos + len
    }

    /// The rest of the text from `start`, without the white space around it: what an error
    /// about a whole objective underlines.
    fn rest_from(&self, start: usize) -> Range<usize> {
        let (lead, len) = crate::model::text::trim_bounds(&self.s[start..]);
        let range = start + lead..start + lead + len;
        if range.is_empty() {
            0..self.s.len()
        } else {
            range
        }
    }

    /// One objective, from its first word to its last qualifier.
    fn objective(&mut self, hints: &Hints) -> Result<LocalObjective, Failure> {
        self.skip_ws();
        let start = self.pos;
        if self.rest().trim().is_empty() {
            return Err((
                self.rest_from(start),
                format!("expected an objective {EXAMPLES}"),
            ));
        }
        let mut reading = self.head(start)?;
        self.glued()?;
        self.tail(&mut reading)?;
        let end = self.s[..self.pos].trim_end().len().max(start);
        self.settle(reading, start..end, hints)
    }

    /// The kind of the objective, and its comparator when none was written.
    fn settle(
        &self,
        r: Reading,
        range: Range<usize>,
        hints: &Hints,
    ) -> Result<LocalObjective, Failure> {
        let kind = match r.unit.0 {
            Unit::Time(_) => ObjectiveKind::Latency,
            Unit::Rate { .. } => ObjectiveKind::Throughput,
            Unit::Percent => {
                let counts_bad = lexicon::counts_bad_events(&self.s[range.clone()])
                    .or_else(|| lexicon::counts_bad_events(hints.name.as_str()))
                    .unwrap_or_else(|| r.comparator.as_ref().is_some_and(|c| c.0.is_upper_bound()));
                if counts_bad {
                    ObjectiveKind::ErrorRate
                } else {
                    ObjectiveKind::Availability
                }
            }
        };
        let comparator = match r.comparator {
            Some(c) => (c, false),
            None if r.unit.0 == Unit::Percent && r.percentile.is_none() => {
                let bound = if kind == ObjectiveKind::ErrorRate {
                    Comparator::Le
                } else {
                    Comparator::Ge
                };
                ((bound, r.value.1.start..r.unit.1.end), true)
            }
            None if kind == ObjectiveKind::Latency && r.percentile_after => {
                ((Comparator::Le, r.value.1.start..r.unit.1.end), true)
            }
            None => return Err(self.no_comparator(&r)),
        };
        Ok(LocalObjective {
            range,
            percentile: r.percentile,
            comparator: comparator.0,
            implicit_comparator: comparator.1,
            value: r.value,
            unit: r.unit,
            kind,
            window: r.window,
        })
    }

    fn no_comparator(&self, r: &Reading) -> Failure {
        let whole = r.value.1.start..r.unit.1.end;
        let message = match &r.percentile {
            Some((_, p)) if !r.percentile_after => format!(
                "expected a comparator such as `≤` after `{}`",
                &self.s[p.clone()]
            ),
            _ => format!(
                "expected a comparator such as `≤` or `≥` before `{}`",
                &self.s[whole.clone()]
            ),
        };
        (whole, message)
    }
}

#[cfg(test)]
mod tests;
