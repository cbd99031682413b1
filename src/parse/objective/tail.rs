//! What follows an objective's unit: a percentile (`p95`, `at p95`, `(p95)`), a window
//! (`monthly`, `over 28 days`), known qualifiers (`(steady state)`, `uptime`, `5xx
//! responses`, `for /api/*`, a trailing period), and the separator before a second
//! objective (`,`, `;`, `and`). Anything else is reported with its exact span.

use std::ops::Range;

use super::lexicon::word_at;
use super::window::window_at;
use super::{Failure, LocalWindow, Parser, Reading};
use crate::model::objective::Unit;

/// Words and phrases that qualify an objective without changing what it bounds, longest
/// first: the metric, what is counted, whether it is a floor.
const QUALIFIERS: &[&str] = &[
    "of successful requests",
    "of requests",
    "of the time",
    "success rate",
    "error rate",
    "failure rate",
    "5xx responses",
    "5xx errors",
    "steady state",
    "availability",
    "successful",
    "responses",
    "failures",
    "requests",
    "minimum",
    "maximum",
    "success",
    "latency",
    "uptime",
    "errors",
    "error",
    "target",
    "5xx",
    "4xx",
];

/// What may stand in parentheses besides a percentile or a window: `(steady state)`,
/// `(3 nines)`, `(three nines)`, `(2.5 nines)`, `(target)`.
fn known_aside(inner: &str) -> bool {
    let inner = inner.trim();
    if let Some(count) = inner.strip_suffix("nines").map(str::trim_end) {
        const WORDS: &[&str] = &["two", "three", "four", "five", "six"];
        return count.parse::<f64>().is_ok() || WORDS.iter().any(|w| count.eq_ignore_ascii_case(w));
    }
    QUALIFIERS
        .iter()
        .chain(&["slo", "sla", "goal"])
        .any(|q| word_at(inner, q) == Some(inner.len()))
}

impl Parser<'_> {
    /// Anything right after the unit must be set apart from it: `(3 nines)`, ` monthly`, `.`.
    pub(super) fn glued(&self) -> Result<(), Failure> {
        let rest = self.rest();
        if rest.is_empty()
            || rest.starts_with(|c: char| c.is_whitespace() || ",;.()[]:".contains(c))
        {
            return Ok(());
        }
        let token = self.next_token();
        Err((
            token.clone(),
            format!(
                "unexpected `{}` right after the unit; separate a qualifier with a space",
                &self.s[token]
            ),
        ))
    }

    /// Read the percentile, window and qualifiers after the unit, up to the end or a
    /// separator; the first run of words that are none of these is the error.
    pub(super) fn tail(&mut self, r: &mut Reading) -> Result<(), Failure> {
        let mut unknown: Option<Range<usize>> = None;
        loop {
            self.skip_ws();
            if self.rest().is_empty() || self.at_separator().is_some() {
                break;
            }
            if self.percentile_after(r)? || self.window(r) || self.qualifier() {
                if unknown.is_some() {
                    break;
                }
                continue;
            }
            let token = self.unknown_token();
            self.pos = token.end;
            unknown = Some(unknown.map_or(token.clone(), |u| u.start..token.end));
        }
        match unknown {
            None => Ok(()),
            Some(range) => {
                let message = format!(
                    "`{}` is not understood; expected a window such as `monthly` or `over 28 days`, or a qualifier such as `(steady state)`",
                    &self.s[range.clone()]
                );
                Err((range, message))
            }
        }
    }

    /// The next token not understood; a parenthesised aside whole.
    fn unknown_token(&self) -> Range<usize> {
        let rest = self.rest();
        if rest.starts_with('(') {
            let end = rest.find(')').map_or(rest.len(), |i| i + 1);
            return self.pos..self.pos + end;
        }
        self.next_token()
    }

    /// The length of a separator before another objective: `,`, `;`, `and`, `&`.
    fn at_separator(&self) -> Option<usize> {
        let rest = self.rest();
        if rest.starts_with([',', ';', '&']) {
            return Some(1);
        }
        word_at(rest, "and")
    }

    /// Past a separator, when one follows the objective and more text follows it.
    pub(super) fn separator(&mut self) -> bool {
        self.skip_ws();
        let Some(len) = self.at_separator() else {
            return false;
        };
        self.pos += len;
        !self.rest().trim().is_empty()
    }

    /// `p95`, `at p95` or `(p95)` after a latency's value.
    fn percentile_after(&mut self, r: &mut Reading) -> Result<bool, Failure> {
        if r.percentile.is_some() || matches!(r.unit.0, Unit::Percent) {
            return Ok(false);
        }
        let save = self.pos;
        let paren = self.rest().starts_with('(');
        if paren {
            self.pos += 1;
        } else if let Some(len) = word_at(self.rest(), "at") {
            self.pos += len;
        }
        self.skip_ws();
        if let Some(p) = self.percentile()?
            && (!paren || self.rest().starts_with(')'))
        {
            self.pos += usize::from(paren);
            r.percentile = Some(p);
            r.percentile_after = true;
            return Ok(true);
        }
        self.pos = save;
        Ok(false)
    }

    /// `monthly`, `over 28 days`, `(rolling 30d)`: the window, once.
    fn window(&mut self, r: &mut Reading) -> bool {
        if r.window.is_some() {
            return false;
        }
        let rest = self.rest();
        let (offset, found) = match rest.strip_prefix('(') {
            Some(inner) => {
                let close = inner.find(')').unwrap_or(inner.len());
                let w = window_at(&inner[..close], true)
                    .filter(|w| inner[w.len..close].trim().is_empty())
                    .map(|w| (w, close + 2));
                (1, w)
            }
            None => (0, window_at(rest, false).map(|w| (w, w.len))),
        };
        let Some((w, consumed)) = found else {
            return false;
        };
        let start = self.pos + offset + (rest[offset..].len() - rest[offset..].trim_start().len());
        r.window = Some(LocalWindow {
            amount: w.amount,
            unit: w.unit,
            rolling: w.rolling,
            range: start..self.pos + offset + w.len,
        });
        self.pos += consumed.min(rest.len());
        true
    }

    /// A known qualifier, a parenthesised aside, an endpoint (`for /api/v1/*`) or the
    /// closing period.
    fn qualifier(&mut self) -> bool {
        let rest = self.rest();
        if rest.trim_end() == "." {
            self.pos = self.s.len();
            return true;
        }
        if let Some(inner) = rest.strip_prefix('(')
            && let Some(close) = inner.find(')')
            && known_aside(&inner[..close])
        {
            self.pos += close + 2;
            return true;
        }
        if let Some(len) = word_at(rest, "for")
            && rest[len..].trim_start().starts_with('/')
        {
            let path = rest[len..].trim_start();
            let end = path.find(char::is_whitespace).unwrap_or(path.len());
            self.pos += rest.len() - path.len() + end;
            return true;
        }
        match QUALIFIERS.iter().find_map(|q| word_at(rest, q)) {
            Some(len) => {
                self.pos += len;
                true
            }
            None => false,
        }
    }
}
