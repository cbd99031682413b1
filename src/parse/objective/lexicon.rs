//! The words and numbers objectives are written with: comparators in words, units, decimals.

use crate::model::objective::{Comparator, TimeUnit, WindowUnit};

/// `char::is_alphabetic`, answered at once for ASCII and for the symbols objectives are
/// written with (`≤`, `≥`, `−`, `→`), which the Unicode tables take long to look up.
pub(super) fn is_letter(c: char) -> bool {
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
pub(super) fn comparator_word(s: &str) -> Option<(usize, Comparator)> {
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
pub(super) fn rate_unit(word: &str) -> Option<TimeUnit> {
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
pub(super) const UNIT_WORD_MAX: usize = 24;

/// A short word in ASCII lower case, in a buffer on the stack; `None` for a longer word,
/// which is no unit.
pub(super) fn ascii_lowercase<'b>(
    word: &str,
    buf: &'b mut [u8; UNIT_WORD_MAX],
) -> Option<&'b [u8]> {
    let out = buf.get_mut(..word.len())?;
    out.copy_from_slice(word.as_bytes());
    out.make_ascii_lowercase();
    Some(out)
}

/// The value of a decimal number as [`decimal_len`] finds them (`12`, `99.95`). Numbers of
/// up to 15 digits are an exact integer divided by an exact power of ten, which IEEE
/// division rounds correctly, the same value `str::parse` gives (Clinger's fast path);
/// longer ones take `str::parse`.
pub(super) fn decimal(s: &str) -> Option<f64> {
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
pub(super) fn decimal_len(s: &str) -> usize {
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
pub(super) fn time_unit(word: &str) -> Option<TimeUnit> {
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

/// A window's unit word: `m`, `min`, `hours`, `d`, `day`, `weeks`, `month`, `Q`, `years`.
pub(super) fn window_unit(word: &str) -> Option<WindowUnit> {
    if word == "M" {
        return Some(WindowUnit::Months);
    }
    let mut buf = [0; UNIT_WORD_MAX];
    let unit = match ascii_lowercase(word, &mut buf)? {
        b"m" | b"min" | b"mins" | b"minute" | b"minutes" => WindowUnit::Minutes,
        b"h" | b"hr" | b"hrs" | b"hour" | b"hours" => WindowUnit::Hours,
        b"d" | b"day" | b"days" => WindowUnit::Days,
        b"w" | b"wk" | b"wks" | b"week" | b"weeks" => WindowUnit::Weeks,
        b"mo" | b"mon" | b"month" | b"months" => WindowUnit::Months,
        b"q" | b"quarter" | b"quarters" => WindowUnit::Quarters,
        b"y" | b"yr" | b"yrs" | b"year" | b"years" => WindowUnit::Years,
        _ => return None,
    };
    Some(unit)
}

/// The length of `word` (ASCII, any case) at the start of `s`, when a whole word stands there.
pub(super) fn word_at(s: &str, word: &str) -> Option<usize> {
    let head = s.get(..word.len())?;
    let boundary = !s[word.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '_');
    (head.eq_ignore_ascii_case(word) && boundary).then_some(word.len())
}

/// Whether a word starts with a stem that makes a percentage a share of bad events (an upper
/// bound: `error`, `fail`, `5xx`, `4xx`, `loss`, `drop`, `timeout`, `reject`, `abandon`,
/// `bounce`, `defect`, `downtime`) or of good events (a lower bound: `availab`, `uptime`,
/// `success`, `reliab`, `durab`, `complete`, `accura`, `correct`, `deliver`, `coverage`,
/// `nines`), as `(bad, good)`. Looked up by the first letter: it is asked of every word of
/// every percentage's SLO.
fn stem_of(word: &[u8]) -> (bool, bool) {
    // `| 0x20` lowers an upper-case letter and maps no other byte onto a lower-case letter;
    // the one digit of a stem is its first byte, matched exactly below.
    let starts = |stem: &str| {
        word.len() >= stem.len() && word.iter().zip(stem.bytes()).all(|(&b, s)| b | 0x20 == s)
    };
    match word[0].to_ascii_lowercase() {
        b'e' => (starts("error"), false),
        b'f' => (starts("fail"), false),
        b'5' => (starts("5xx"), false),
        b'4' => (starts("4xx"), false),
        b'l' => (starts("loss"), false),
        b't' => (starts("timeout"), false),
        b'b' => (starts("bounce"), false),
        b'd' => (
            starts("drop") || starts("defect") || starts("downtime"),
            starts("durab") || starts("deliver"),
        ),
        b'r' => (starts("reject"), starts("reliab")),
        b'a' => (starts("abandon"), starts("availab") || starts("accura")),
        b'u' => (false, starts("uptime")),
        b's' => (false, starts("success")),
        b'c' => (
            false,
            starts("complete") || starts("correct") || starts("coverage"),
        ),
        b'n' => (false, starts("nines")),
        _ => (false, false),
    }
}

/// The bytes words are made of: ASCII letters and digits, and every byte of a letter outside
/// ASCII (`überror` is no error).
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b >= 0x80 || (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// What the words of a text say a percentage counts: `Some(true)` bad events, `Some(false)`
/// good events, `None` when they say neither (or both). A word counts when it starts with one
/// of the stems, in any case (`Errors`, `5xx`, `availability`; not `unavailability`). Every
/// SLO's name is read with it, so it looks at each word once, without allocating.
pub(super) fn counts_bad_events(text: &str) -> Option<bool> {
    let (mut bad, mut good) = (false, false);
    let mut in_word = false;
    for (at, &b) in text.as_bytes().iter().enumerate() {
        let word_byte = WORD_BYTES[usize::from(b)];
        if word_byte && !in_word {
            let (is_bad, is_good) = stem_of(&text.as_bytes()[at..]);
            bad |= is_bad;
            good |= is_good;
        }
        in_word = word_byte;
    }
    match (bad, good) {
        (true, false) => Some(true),
        (false, true) => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::counts_bad_events;

    #[test]
    fn words_that_say_what_a_percentage_counts() {
        assert_eq!(counts_bad_events("Query errors"), Some(true));
        assert_eq!(counts_bad_events("5xx responses"), Some(true));
        assert_eq!(counts_bad_events("API availability"), Some(false));
        assert_eq!(counts_bad_events("error_rate"), Some(true));
        assert_eq!(counts_bad_events("Success rate"), Some(false));
        assert_eq!(counts_bad_events("errors and availability"), None);
        assert_eq!(counts_bad_events("Checkout latency"), None);
        // A stem inside a word is not the word.
        assert_eq!(counts_bad_events("Unavailability"), None);
        assert_eq!(counts_bad_events("Ünines"), None);
        assert_eq!(counts_bad_events("Überror"), None);
    }
}
