//! The head of an objective: metric words, percentile, comparator, number and unit, and
//! the share-of-events form of a latency (`95% of requests < 100ms`, `99% within 10s`).

use super::lexicon::{
    comparator_word, decimal, decimal_len, is_letter, rate_unit, time_unit, word_at,
};
use super::{EXAMPLES, Failure, Local, Parser, Reading};
use crate::model::objective::{Comparator, Unit};

impl Parser<'_> {
    /// Everything up to the unit, and a share of events read as a latency's percentile.
    pub(super) fn head(&mut self, start: usize) -> Result<Reading, Failure> {
        let percentile = self.lead()?;
        self.skip_ws();
        let comparator = self.comparator();
        self.skip_ws();
        let Some(value) = self.number() else {
            return Err(self.no_number(start, comparator.as_ref(), percentile.as_ref()));
        };
        let unit = self.unit(&value)?;
        let mut reading = Reading {
            percentile,
            percentile_after: false,
            comparator,
            value,
            unit,
            window: None,
        };
        if reading.unit.0 == Unit::Percent && reading.percentile.is_none() {
            self.share_of_events(&mut reading)?;
        }
        Ok(reading)
    }

    fn no_number(
        &self,
        start: usize,
        comparator: Option<&Local<Comparator>>,
        percentile: Option<&Local<f64>>,
    ) -> Failure {
        let token = self.next_token();
        let message = match (comparator, percentile) {
            (Some((_, r)), _) => format!(
                "expected a number after `{}`, found `{}`",
                &self.s[r.clone()],
                &self.s[token.clone()]
            ),
            (None, Some((_, r))) => format!(
                "expected a comparator such as `≤` after `{}`",
                &self.s[r.clone()]
            ),
            (None, None) => format!("expected an objective {EXAMPLES}"),
        };
        let token = match (comparator, percentile) {
            (None, None) => self.rest_from(start),
            _ if token.is_empty() => 0..self.s.len(),
            _ => token,
        };
        (token, message)
    }

    /// Metric words, colons and a percentile before the comparator: `P95 sync API latency:`,
    /// `Error rate`, `p95:`, `latency p99`.
    fn lead(&mut self) -> Result<Option<Local<f64>>, Failure> {
        let mut percentile = None;
        loop {
            self.skip_ws();
            let rest = self.rest();
            if rest.starts_with(':') {
                self.pos += 1;
                continue;
            }
            if percentile.is_none()
                && let Some(p) = self.percentile()?
            {
                percentile = Some(p);
                continue;
            }
            let word_len = rest
                .find(|c: char| !(is_letter(c) || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            if word_len == 0 || comparator_word(rest).is_some() {
                return Ok(percentile);
            }
            self.pos += word_len;
        }
    }

    /// `P95`, `p99.9`. `P1` to `P9` are priorities (`P1 within 5m`), not percentiles.
    pub(super) fn percentile(&mut self) -> Result<Option<Local<f64>>, Failure> {
        let rest = self.rest();
        let bytes = rest.as_bytes();
        if !(matches!(bytes.first(), Some(b'P' | b'p'))
            && bytes.get(1).is_some_and(u8::is_ascii_digit))
        {
            return Ok(None);
        }
        let end = 1 + decimal_len(&rest[1..]);
        if rest[end..].starts_with(|c: char| c.is_alphanumeric()) {
            return Ok(None);
        }
        let range = self.pos..self.pos + end;
        if end == 2 && bytes[1] != b'0' {
            return Err((
                range.clone(),
                format!(
                    "`{}` reads as a priority, not a percentile; write a percentile as `P50`, `P95` or `P99.9`",
                    &rest[..end]
                ),
            ));
        }
        let Some(value) = decimal(&rest[1..end]) else {
            return Ok(None);
        };
        self.pos += end;
        Ok(Some((value, range)))
    }

    /// After `N%`: `of requests [succeed] within 200ms`, `within 10s`, `< 100ms` make the
    /// share the percentile of a latency. Nothing is read otherwise.
    fn share_of_events(&mut self, r: &mut Reading) -> Result<(), Failure> {
        let save = self.pos;
        self.skip_ws();
        let of = word_at(self.rest(), "of");
        if let Some(len) = of {
            self.pos += len;
            self.skip_words();
        }
        self.skip_ws();
        let bound = match self.comparator() {
            Some(c) if c.0.is_upper_bound() => c,
            _ => {
                self.pos = save;
                return Ok(());
            }
        };
        if let Some((c, range)) = &r.comparator
            && c.is_upper_bound()
        {
            return Err((
                range.clone(),
                "a share of events within a bound is a floor: write `≥` or nothing before it"
                    .to_owned(),
            ));
        }
        self.skip_ws();
        let Some(value) = self.number() else {
            let token = self.next_token();
            let token = if token.is_empty() {
                bound.1.clone()
            } else {
                token
            };
            let message = format!("expected a duration after `{}`", &self.s[bound.1.clone()]);
            return Err((token, message));
        };
        let unit = self.unit(&value)?;
        if !matches!(unit.0, Unit::Time(_)) {
            let message = format!(
                "expected a duration after `{}`, such as `200ms`",
                &self.s[bound.1.clone()]
            );
            return Err((value.1.start..unit.1.end, message));
        }
        r.percentile = Some((r.value.0, r.value.1.start..r.unit.1.end));
        r.comparator = Some(bound);
        r.value = value;
        r.unit = unit;
        Ok(())
    }

    /// Words that are not a comparator: `requests succeed` in `of requests succeed within`.
    fn skip_words(&mut self) {
        loop {
            self.skip_ws();
            let rest = self.rest();
            let len = rest
                .find(|c: char| !(is_letter(c) || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            if len == 0 || comparator_word(rest).is_some() {
                return;
            }
            self.pos += len;
        }
    }

    fn comparator(&mut self) -> Option<Local<Comparator>> {
        let rest = self.rest();
        const SYMBOLS: &[(&str, Comparator)] = &[
            ("<=", Comparator::Le),
            ("=<", Comparator::Le),
            (">=", Comparator::Ge),
            ("=>", Comparator::Ge),
            ("==", Comparator::Eq),
            ("≤", Comparator::Le),
            ("≦", Comparator::Le),
            ("≥", Comparator::Ge),
            ("≧", Comparator::Ge),
            ("<", Comparator::Lt),
            (">", Comparator::Gt),
            ("=", Comparator::Eq),
        ];
        let (len, cmp) = SYMBOLS
            .iter()
            .find(|(sym, _)| rest.starts_with(sym))
            .map(|&(sym, cmp)| (sym.len(), cmp))
            .or_else(|| comparator_word(rest))?;
        let range = self.pos..self.pos + len;
        self.pos += len;
        Some((cmp, range))
    }

    fn number(&mut self) -> Option<Local<f64>> {
        let rest = self.rest();
        let sign = usize::from(rest.starts_with(['-', '+', '−']));
        let sign_len = rest.chars().next().map_or(0, char::len_utf8) * sign;
        let body = &rest[sign_len..];
        let mut len = decimal_len(body);
        if len == 0 {
            return None;
        }
        // Thousands separators: `1,000` but not `100ms, p99`.
        while body[len..].starts_with(',')
            && body.len() >= len + 4
            && body.as_bytes()[len + 1..len + 4]
                .iter()
                .all(u8::is_ascii_digit)
            && !body.as_bytes().get(len + 4).is_some_and(u8::is_ascii_digit)
        {
            len += 4;
        }
        let written = &body[..len];
        let mut value: f64 = if written.contains(',') {
            written.replace(',', "").parse().ok()?
        } else {
            decimal(written)?
        };
        if sign == 1 && !rest.starts_with('+') {
            value = -value;
        }
        let range = self.pos..self.pos + sign_len + len;
        self.pos += sign_len + len;
        Some((value, range))
    }

    fn unit(&mut self, value: &Local<f64>) -> Result<Local<Unit>, Failure> {
        let number = &self.s[value.1.clone()];
        let glued = self.pos;
        self.skip_ws();
        let rest = self.rest();
        if rest.starts_with('%') {
            let range = self.pos..self.pos + 1;
            self.pos += 1;
            return Ok((Unit::Percent, range));
        }
        let word_len = rest
            .find(|c: char| !(is_letter(c) || c == '/'))
            .unwrap_or(rest.len());
        let expected = || format!("expected a unit such as `ms` or `%` after `{number}`");
        if word_len == 0 {
            let at = if rest.is_empty() {
                value.1.clone()
            } else {
                self.next_token()
            };
            return Err((at, expected()));
        }
        let word = &rest[..word_len];
        let range = self.pos..self.pos + word_len;
        if let Some(t) = time_unit(word) {
            self.pos += word_len;
            return Ok((Unit::Time(t), range));
        }
        if let Some(per) = rate_unit(word) {
            self.pos += word_len;
            return Ok((Unit::Rate { per }, range));
        }
        // `jobs per minute`, `requests per second`
        let after = rest[word_len..].trim_start();
        if let Some(tail) = after.strip_prefix("per ") {
            let tail_trim = tail.trim_start();
            let unit_len = tail_trim
                .find(|c: char| !is_letter(c))
                .unwrap_or(tail_trim.len());
            if let Some(per) = time_unit(&tail_trim[..unit_len]) {
                let consumed = rest.len() - tail_trim.len() + unit_len;
                let range = self.pos..self.pos + consumed;
                self.pos += consumed;
                return Ok((Unit::Rate { per }, range));
            }
        }
        let message = if glued == self.pos {
            format!("unknown unit `{word}` after `{number}`; expected a unit such as `ms` or `%`")
        } else {
            expected()
        };
        Err((range, message))
    }
}
