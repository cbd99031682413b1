//! SLO objectives: `[percentile] comparator number [unit] [qualifier]`, parsed into a typed
//! value whose every part knows its span.
//!
//! Accepted: `P95 ≤ 300ms`, `p99.9 < 1.5 s`, `P95 latency <= 500ms (steady state)`,
//! `≥ 99.9%`, `100%` (a bare percentage is a lower bound), `99.9% uptime`,
//! `≥ 1000 ops/hour`, `>= 500 req/sec`, `< 1% 5xx responses`, `95% of requests < 100ms`,
//! comparators in words (`under 300ms`, `at least 99.5%`) and a trailing qualifier or period.

use std::ops::Range;

use crate::model::Text;
use crate::model::objective::{Comparator, Objective, ObjectiveError, Part, TimeUnit, Unit};

/// Parse an objective. Spans in the result are file spans, mapped through `text`.
pub fn parse_objective(text: &Text<'_>) -> Result<Objective, ObjectiveError> {
    let parsed = Parser::new(text.as_str()).objective();
    match parsed {
        Ok(local) => Ok(Objective {
            percentile: local.percentile.map(|(v, r)| part(text, v, r)),
            comparator: part(text, local.comparator.0, local.comparator.1),
            implicit_comparator: local.implicit_comparator,
            value: part(text, local.value.0, local.value.1),
            unit: part(text, local.unit.0, local.unit.1),
        }),
        Err((range, message)) => Err(ObjectiveError {
            span: text.span_of(range),
            message,
        }),
    }
}

fn part<T>(text: &Text<'_>, value: T, range: Range<usize>) -> Part<T> {
    Part {
        value,
        span: text.span_of(range),
    }
}

type Local<T> = (T, Range<usize>);

struct LocalObjective {
    percentile: Option<Local<f64>>,
    comparator: Local<Comparator>,
    implicit_comparator: bool,
    value: Local<f64>,
    unit: Local<Unit>,
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

    fn error<T>(&self, range: Range<usize>, message: String) -> Result<T, (Range<usize>, String)> {
        Err((range, message))
    }

    fn objective(mut self) -> Result<LocalObjective, (Range<usize>, String)> {
        self.skip_ws();
        if self.rest().is_empty() {
            return self.error(0..self.s.len(), format!("expected an objective {EXAMPLES}"));
        }
        let percentile = self.percentile();
        self.skip_metric_words();
        self.skip_ws();
        let comparator = self.comparator();
        self.skip_ws();
        let number_start = self.pos;
        let Some(value) = self.number() else {
            let token = self.next_token();
            let message = match (&comparator, &percentile) {
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
            let token = if token.is_empty() {
                0..self.s.len()
            } else {
                token
            };
            return self.error(token, message);
        };
        let unit = self.unit(&value)?;
        let comparator = match comparator {
            Some(c) => (c, false),
            None if unit.0 == Unit::Percent && percentile.is_none() => {
                ((Comparator::Ge, number_start..value.1.end), true)
            }
            None => {
                let whole = number_start..unit.1.end;
                let message = match &percentile {
                    Some((_, r)) => format!(
                        "expected a comparator such as `≤` after `{}`",
                        &self.s[r.clone()]
                    ),
                    None => format!(
                        "expected a comparator such as `≤` or `≥` before `{}`",
                        &self.s[whole.clone()]
                    ),
                };
                return self.error(whole, message);
            }
        };
        self.qualifier()?;
        Ok(LocalObjective {
            percentile,
            comparator: comparator.0,
            implicit_comparator: comparator.1,
            value,
            unit,
        })
    }

    /// `P95`, `p99.9`, or `95% of <metric> ` (the share of events as a percentile).
    fn percentile(&mut self) -> Option<Local<f64>> {
        let rest = self.rest();
        let bytes = rest.as_bytes();
        if matches!(bytes.first(), Some(b'P' | b'p'))
            && bytes.get(1).is_some_and(u8::is_ascii_digit)
        {
            let digits = decimal_len(&rest[1..]);
            let end = 1 + digits;
            if !rest[end..].starts_with(|c: char| c.is_alphanumeric()) {
                let value = decimal(&rest[1..end])?;
                let range = self.pos..self.pos + end;
                self.pos += end;
                return Some((value, range));
            }
        }
        // `95% of requests < 100ms`
        let digits = decimal_len(rest);
        if digits > 0 && rest[digits..].starts_with('%') {
            let after = rest[digits + 1..].trim_start();
            if let Some(tail) = after.strip_prefix("of ") {
                let value = decimal(&rest[..digits])?;
                let range = self.pos..self.pos + digits + 1;
                self.pos += rest.len() - tail.len();
                return Some((value, range));
            }
        }
        None
    }

    /// Words naming the metric between percentile and comparator: `P95 latency < 250ms`.
    fn skip_metric_words(&mut self) {
        loop {
            self.skip_ws();
            let rest = self.rest();
            if rest.starts_with(':') {
                self.pos += 1;
                continue;
            }
            let word_len = rest
                .find(|c: char| !(is_letter(c) || c == '-' || c == '_'))
                .unwrap_or(rest.len());
            if word_len == 0 || comparator_word(rest).is_some() {
                return;
            }
            // A unit right after a number is not a metric word; there is no number here.
            self.pos += word_len;
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

    fn unit(&mut self, value: &Local<f64>) -> Result<Local<Unit>, (Range<usize>, String)> {
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
            return self.error(at, expected());
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
        self.error(range, message)
    }

    /// Anything after the unit must be set apart from it: `(3 nines)`, ` monthly`, `.`.
    fn qualifier(&mut self) -> Result<(), (Range<usize>, String)> {
        let rest = self.rest();
        if rest.is_empty()
            || rest.starts_with(|c: char| c.is_whitespace() || ",;.()[]:".contains(c))
        {
            return Ok(());
        }
        let token = self.next_token();
        self.error(
            token.clone(),
            format!(
                "unexpected `{}` right after the unit; separate a qualifier with a space",
                &self.s[token]
            ),
        )
    }
}

/// `char::is_alphabetic`, answered at once for ASCII and for the symbols objectives are
/// written with (`≤`, `≥`, `−`, `→`), which the Unicode tables take long to look up.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    // General punctuation, arrows and mathematical operators hold no letters.
    if matches!(c, '\u{2000}'..='\u{206F}' | '\u{2190}'..='\u{22FF}') {
        return false;
    }
    c.is_alphabetic()
}

/// Comparators written as words, longest first.
fn comparator_word(s: &str) -> Option<(usize, Comparator)> {
    const WORDS: &[(&str, Comparator)] = &[
        ("less than or equal to", Comparator::Le),
        ("greater than or equal to", Comparator::Ge),
        ("no more than", Comparator::Le),
        ("no less than", Comparator::Ge),
        ("less than", Comparator::Lt),
        ("more than", Comparator::Gt),
        ("greater than", Comparator::Gt),
        ("at most", Comparator::Le),
        ("at least", Comparator::Ge),
        ("within", Comparator::Le),
        ("under", Comparator::Lt),
        ("below", Comparator::Lt),
        ("above", Comparator::Gt),
        ("over", Comparator::Gt),
        ("minimum", Comparator::Ge),
        ("maximum", Comparator::Le),
    ];
    WORDS.iter().find_map(|&(word, cmp)| {
        let head = s.get(..word.len())?;
        let boundary = !s[word.len()..].starts_with(|c: char| c.is_alphanumeric());
        (head.eq_ignore_ascii_case(word) && boundary).then_some((word.len(), cmp))
    })
}

/// `ops/hour`, `req/s`, `rps`: a count per unit of time written as one word.
fn rate_unit(word: &str) -> Option<TimeUnit> {
    let mut buf = [0; UNIT_WORD_MAX];
    match ascii_lowercase(word, &mut buf).unwrap_or_default() {
        b"rps" | b"qps" | b"tps" | b"ops" => return Some(TimeUnit::Seconds),
        b"rpm" => return Some(TimeUnit::Minutes),
        _ => {}
    }
    let (count, per) = word.split_once('/')?;
    if count.is_empty() || !count.chars().all(is_letter) {
        return None;
    }
    time_unit(per)
}

/// The longest unit word worth comparing (`milliseconds`, `requests/second`).
const UNIT_WORD_MAX: usize = 24;

/// A short word in ASCII lower case, in a buffer on the stack; `None` for a longer word,
/// which is no unit.
fn ascii_lowercase<'b>(word: &str, buf: &'b mut [u8; UNIT_WORD_MAX]) -> Option<&'b [u8]> {
    let out = buf.get_mut(..word.len())?;
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    Some(out)
}

/// The value of a decimal number as [`decimal_len`] finds them (`12`, `99.95`). Numbers of
/// up to 15 digits are an exact integer divided by an exact power of ten, which IEEE
/// division rounds correctly, the same value `str::parse` gives (Clinger's fast path);
/// longer ones take `str::parse`.
fn decimal(s: &str) -> Option<f64> {
    const POWERS: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut fraction: Option<usize> = None;
    for &b in s.as_bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
                if let Some(f) = &mut fraction {
                    *f += 1;
                }
            }
            b'.' if fraction.is_none() => fraction = Some(0),
            _ => return s.parse().ok(),
        }
        if digits > 15 {
            return s.parse().ok();
        }
    }
    if digits == 0 {
        return None;
    }
    Some(mantissa as f64 / POWERS[fraction.unwrap_or(0)])
}

/// Length of a leading decimal number (`12`, `99.95`); a trailing `.` is not part of it.
fn decimal_len(s: &str) -> usize {
    let bytes = s.as_bytes();
    let mut len = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if len > 0
        && bytes.get(len) == Some(&b'.')
        && bytes.get(len + 1).is_some_and(u8::is_ascii_digit)
    {
        len += 1 + bytes[len + 1..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
    }
    len
}

/// A time unit word: `ms`, `seconds`, `µs`, `h`.
fn time_unit(word: &str) -> Option<TimeUnit> {
    let mut buf = [0; UNIT_WORD_MAX];
    let unit = match ascii_lowercase(word, &mut buf)? {
        b"ns" | b"nanosecond" | b"nanoseconds" => TimeUnit::Nanoseconds,
        b"us" | b"\xC2\xB5s" | b"\xCE\xBCs" | b"microsecond" | b"microseconds" => {
            TimeUnit::Microseconds
        }
        b"ms" | b"msec" | b"msecs" | b"millisecond" | b"milliseconds" => TimeUnit::Milliseconds,
        b"s" | b"sec" | b"secs" | b"second" | b"seconds" => TimeUnit::Seconds,
        b"m" | b"min" | b"mins" | b"minute" | b"minutes" => TimeUnit::Minutes,
        b"h" | b"hr" | b"hrs" | b"hour" | b"hours" => TimeUnit::Hours,
        b"d" | b"day" | b"days" => TimeUnit::Days,
        b"w" | b"wk" | b"week" | b"weeks" => TimeUnit::Weeks,
        _ => return None,
    };
    Some(unit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    fn parse(s: &str) -> Result<Objective, ObjectiveError> {
        parse_objective(&Text::exact(s, Span::new(0, s.len())))
    }

    fn ok(s: &str) -> (Option<f64>, Comparator, f64, Unit) {
        let o = parse(s).unwrap_or_else(|e| panic!("{s:?}: {e:?}"));
        (
            o.percentile.map(|p| p.value),
            o.comparator.value,
            o.value.value,
            o.unit.value,
        )
    }

    fn err(s: &str) -> (String, String) {
        let e = parse(s).expect_err(s);
        (s[e.span.range()].to_owned(), e.message)
    }

    use Comparator::*;
    use TimeUnit::*;

    #[test]
    fn decimals_are_what_str_parse_gives() {
        for s in [
            "0",
            "1",
            "95",
            "99.9",
            "99.95",
            "99.999",
            "0.1",
            "0.3",
            "1.5",
            "123456789012345",
            "0.000000000000001",
            "12345.6789",
            "99.99999999999",
            "1234567890123456789",
            "007",
        ] {
            assert_eq!(decimal(s), s.parse().ok(), "{s}");
        }
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..100_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let int = seed % 1_000_000;
            let frac_digits = (seed >> 40) % 9;
            let frac = (seed >> 20) % 10u64.pow(frac_digits as u32);
            let s = if frac_digits == 0 {
                int.to_string()
            } else {
                format!("{int}.{frac:0width$}", width = frac_digits as usize)
            };
            assert_eq!(decimal(&s), s.parse().ok(), "{s}");
        }
    }

    #[test]
    fn latency_forms() {
        assert_eq!(
            ok("P95 ≤ 300ms"),
            (Some(95.0), Le, 300.0, Unit::Time(Milliseconds))
        );
        assert_eq!(
            ok("p99.9 < 1.5 s"),
            (Some(99.9), Lt, 1.5, Unit::Time(Seconds))
        );
        assert_eq!(ok("P95 ≤ 5min"), (Some(95.0), Le, 5.0, Unit::Time(Minutes)));
        assert_eq!(
            ok("P95 latency <= 500ms"),
            (Some(95.0), Le, 500.0, Unit::Time(Milliseconds))
        );
        assert_eq!(
            ok("p95 latency <200ms"),
            (Some(95.0), Lt, 200.0, Unit::Time(Milliseconds))
        );
        assert_eq!(
            ok("P90 <= 2 hours (steady state)"),
            (Some(90.0), Le, 2.0, Unit::Time(Hours))
        );
        assert_eq!(
            ok("P99.999 == 3µs"),
            (Some(99.999), Eq, 3.0, Unit::Time(Microseconds))
        );
        assert_eq!(
            ok("95% of requests < 100ms"),
            (Some(95.0), Lt, 100.0, Unit::Time(Milliseconds))
        );
        assert_eq!(
            ok("P95 under 300 ms."),
            (Some(95.0), Lt, 300.0, Unit::Time(Milliseconds))
        );
        assert_eq!(ok("≤ 5ms"), (None, Le, 5.0, Unit::Time(Milliseconds)));
        assert_eq!(ok("p95 < 100ms, p99 < 200ms").2, 100.0);
    }

    #[test]
    fn percentages_and_rates() {
        assert_eq!(ok("≥ 99.9%"), (None, Ge, 99.9, Unit::Percent));
        assert_eq!(ok("100%"), (None, Ge, 100.0, Unit::Percent));
        assert!(parse("100%").unwrap().implicit_comparator);
        assert_eq!(ok("99.9% (3 nines)"), (None, Ge, 99.9, Unit::Percent));
        assert_eq!(ok("99.5% monthly."), (None, Ge, 99.5, Unit::Percent));
        assert_eq!(ok(">=99.5% success"), (None, Ge, 99.5, Unit::Percent));
        assert_eq!(ok("< 1% 5xx responses"), (None, Lt, 1.0, Unit::Percent));
        assert_eq!(ok("at least 99.95 %"), (None, Ge, 99.95, Unit::Percent));
        assert_eq!(
            ok("≥ 1000 ops/hour"),
            (None, Ge, 1000.0, Unit::Rate { per: Hours })
        );
        assert_eq!(
            ok(">= 1,000 req/sec"),
            (None, Ge, 1000.0, Unit::Rate { per: Seconds })
        );
        assert_eq!(
            ok("≥ 20 jobs per minute"),
            (None, Ge, 20.0, Unit::Rate { per: Minutes })
        );
        assert_eq!(
            ok("> 500 rps"),
            (None, Gt, 500.0, Unit::Rate { per: Seconds })
        );
        assert_eq!(ok("P150 ≤ 200ms").0, Some(150.0));
        assert_eq!(ok("P95 ≤ -20ms").2, -20.0);
    }

    #[test]
    fn errors_point_at_the_token_where_parsing_broke() {
        assert_eq!(
            err("P95 <= fast"),
            (
                "fast".into(),
                "expected a number after `<=`, found `fast`".into()
            )
        );
        assert_eq!(err("P95 ≤ ms").0, "ms");
        assert_eq!(
            err("P95 ≤ 300"),
            (
                "300".into(),
                "expected a unit such as `ms` or `%` after `300`".into()
            )
        );
        assert_eq!(
            err("P95 ≤ 300 for checkout"),
            (
                "for".into(),
                "expected a unit such as `ms` or `%` after `300`".into()
            )
        );
        assert_eq!(
            err("99.9").1,
            "expected a unit such as `ms` or `%` after `99.9`"
        );
        assert_eq!(
            err("P95 300ms").1,
            "expected a comparator such as `≤` after `P95`"
        );
        assert_eq!(
            err("300ms").1,
            "expected a comparator such as `≤` or `≥` before `300ms`"
        );
        assert_eq!(err("P95 ≤ 300mss").0, "mss");
        assert_eq!(err("P95 ≤ 300ms5").0, "5");
        assert_eq!(
            err("fast").1,
            "expected an objective such as `P95 ≤ 300ms` or `≥ 99.9%`"
        );
        assert_eq!(
            err("").1,
            "expected an objective such as `P95 ≤ 300ms` or `≥ 99.9%`"
        );
    }

    #[test]
    fn spans_are_file_spans() {
        let src = "- Checkout: P95 ≤ 300ms";
        let text = Text::exact(src, Span::new(12, src.len()));
        let o = parse_objective(&text).unwrap();
        assert_eq!(&src[o.value.span.range()], "300");
        assert_eq!(&src[o.comparator.span.range()], "≤");
        assert_eq!(&src[o.percentile.unwrap().span.range()], "P95");
        assert_eq!(&src[o.unit.span.range()], "ms");
    }

    #[test]
    fn normalized_values_compare_across_spellings() {
        assert!(
            parse("P95 ≤ 300ms")
                .unwrap()
                .same_as(&parse("p95 <= 0.3 s").unwrap())
        );
        assert!(
            !parse("P95 ≤ 300ms")
                .unwrap()
                .same_as(&parse("P99 ≤ 300ms").unwrap())
        );
        assert!(
            parse("≥ 1000 ops/hour")
                .unwrap()
                .same_as(&parse(">= 1,000 ops/hour").unwrap())
        );
    }
}
