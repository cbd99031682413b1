//! Windows an objective is measured over: `monthly`, `per month`, `over 28 days`,
//! `rolling 30d`, `per rolling 30 min`, `over 5m`, `30-day rolling window`, `(30d)`.

use super::lexicon::{decimal, decimal_len, is_letter, window_unit, word_at};
use crate::model::objective::WindowUnit;

/// A window read from the start of a text: its length in bytes, amount, unit, and whether
/// it rolls.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct WindowAt {
    pub len: usize,
    pub amount: f64,
    pub unit: WindowUnit,
    pub rolling: bool,
}

/// One calendar unit, as an adverb.
const ADVERBS: &[(&str, WindowUnit)] = &[
    ("hourly", WindowUnit::Hours),
    ("daily", WindowUnit::Days),
    ("weekly", WindowUnit::Weeks),
    ("monthly", WindowUnit::Months),
    ("quarterly", WindowUnit::Quarters),
    ("yearly", WindowUnit::Years),
    ("annually", WindowUnit::Years),
];

/// A window at the start of `s`. A bare length (`30d`) is a window only in parentheses
/// (`inside`) or with a word that says so (`over`, `per`, `rolling`, `window`).
pub(super) fn window_at(s: &str, inside: bool) -> Option<WindowAt> {
    let mut c = Cursor { s, pos: 0 };
    if let Some(&(_, unit)) = ADVERBS.iter().find(|(w, _)| c.word(w)) {
        return Some(c.done(1.0, unit, false));
    }
    let per = c.word("per") || c.word("each") || c.word("every") || c.word("a");
    let over = !per && (c.word("over") || c.word("in") || c.word("across") || c.word("during"));
    if per || over {
        let _ = c.word("the") && (c.word("last") || c.word("past"));
        let _ = c.word("a");
    }
    let mut rolling = c.word("rolling") || c.word("sliding");
    let calendar = !rolling && c.word("calendar");
    let (amount, unit, written) = match c.amount_unit() {
        Some((amount, unit)) => (amount, unit, true),
        None if per || over || rolling || calendar => (1.0, c.unit_word()?, false),
        None => return None,
    };
    let trailing_rolling = c.word("rolling") || c.word("sliding");
    rolling |= trailing_rolling;
    let named = c.word("window") || c.word("period");
    if !(per || over || rolling || calendar || named || inside) {
        return None;
    }
    // `per month`, `a calendar month`: a calendar window; `over 28 days`: a rolling one.
    let rolling = rolling || (!calendar && (over || written));
    Some(c.done(amount, unit, rolling))
}

struct Cursor<'a> {
    s: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn rest(&self) -> &str {
        &self.s[self.pos..]
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    /// The word next (after white space), consumed when it is there.
    fn word(&mut self, word: &str) -> bool {
        let save = self.pos;
        self.skip_ws();
        match word_at(self.rest(), word) {
            Some(len) => {
                self.pos += len;
                true
            }
            None => {
                self.pos = save;
                false
            }
        }
    }

    /// `28 days`, `30d`, `28-day`, `5m`.
    fn amount_unit(&mut self) -> Option<(f64, WindowUnit)> {
        let save = self.pos;
        self.skip_ws();
        let digits = decimal_len(self.rest());
        let amount = decimal(&self.rest()[..digits]).filter(|&a| a > 0.0);
        let Some(amount) = amount else {
            self.pos = save;
            return None;
        };
        self.pos += digits;
        if self.rest().starts_with('-') {
            self.pos += 1;
        }
        match self.unit_word() {
            Some(unit) => Some((amount, unit)),
            None => {
                self.pos = save;
                None
            }
        }
    }

    fn unit_word(&mut self) -> Option<WindowUnit> {
        let save = self.pos;
        self.skip_ws();
        let rest = self.rest();
        let len = rest.find(|c: char| !is_letter(c)).unwrap_or(rest.len());
        let after = &rest[len..];
        let unit = window_unit(&rest[..len]).filter(|_| !after.starts_with(char::is_numeric));
        match unit {
            Some(unit) => {
                self.pos += len;
                Some(unit)
            }
            None => {
                self.pos = save;
                None
            }
        }
    }

    fn done(&self, amount: f64, unit: WindowUnit, rolling: bool) -> WindowAt {
        WindowAt {
            len: self.pos,
            amount,
            unit,
            rolling,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use WindowUnit::*;

    fn w(s: &str) -> Option<(usize, f64, WindowUnit, bool)> {
        window_at(s, false).map(|w| (w.len, w.amount, w.unit, w.rolling))
    }

    #[test]
    fn windows() {
        assert_eq!(w("monthly"), Some((7, 1.0, Months, false)));
        assert_eq!(w("per month."), Some((9, 1.0, Months, false)));
        assert_eq!(w("over 28 days"), Some((12, 28.0, Days, true)));
        assert_eq!(w("rolling 30d"), Some((11, 30.0, Days, true)));
        assert_eq!(w("per rolling 30 min"), Some((18, 30.0, Minutes, true)));
        assert_eq!(w("over 5m"), Some((7, 5.0, Minutes, true)));
        assert_eq!(w("30-day rolling window"), Some((21, 30.0, Days, true)));
        assert_eq!(w("over the last 7 days"), Some((20, 7.0, Days, true)));
        assert_eq!(w("per calendar month"), Some((18, 1.0, Months, false)));
        assert_eq!(w("30d"), None);
        assert_eq!(window_at("30d", true).map(|w| w.len), Some(3));
        assert_eq!(w("over 5 seconds"), None);
        assert_eq!(w("for 10 minutes"), None);
        assert_eq!(w("monthlyish"), None);
        assert_eq!(w("a"), None);
    }
}
