//! Text from documents shown on a terminal: every control character is shown escaped, so a
//! document cannot move the cursor, change colours, ring the bell or reorder text.
//!
//! Source text is rewritten for display with a map back to the original offsets, so spans
//! still underline the right characters.

use std::borrow::Cow;

use std::ops::Range;

/// Whether a character must not reach a terminal as is: C0 controls other than tab and line
/// feed, DEL, C1 controls, and the bidirectional overrides and isolates.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn escape_char(c: char, out: &mut String) {
    use std::fmt::Write;
    let _ = write!(out, "\\u{{{:x}}}", c as u32);
}

/// A string with unsafe characters escaped (line breaks included: a message is one line),
/// and `##[` written `##\[`: the GitHub Actions runner reads `##[command]` anywhere on a
/// line of a job's log, stderr included, which no fence covers before it is printed.
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe(c) || c == '\n') && !s.contains("##[") {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) || c == '\n' {
            escape_char(c, &mut out);
        } else if c == '[' && out.ends_with("##") {
            out.push_str("\\[");
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Source text as shown on a terminal, and how its offsets relate to the original's.
pub struct DisplayText<'a> {
    pub text: Cow<'a, str>,
    /// `(original offset, display offset)` at each change, in order.
    shifts: Vec<(usize, usize)>,
}

impl<'a> DisplayText<'a> {
    /// Escape unsafe characters; `\r\n` becomes `\n` and a lone `\r` a line break.
    pub fn new(src: &'a str) -> DisplayText<'a> {
        if !src.chars().any(|c| is_unsafe(c) || c == '\r') {
            return DisplayText {
                text: Cow::Borrowed(src),
                shifts: Vec::new(),
            };
        }
        let mut out = String::with_capacity(src.len() + 16);
        let mut shifts = Vec::new();
        let mut chars = src.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if c == '\r' {
                if chars.peek().is_some_and(|&(_, n)| n == '\n') {
                    // Drop the carriage return of a CRLF.
                    shifts.push((i + 1, out.len()));
                } else {
                    out.push('\n');
                }
            } else if is_unsafe(c) {
                escape_char(c, &mut out);
                shifts.push((i + c.len_utf8(), out.len()));
            } else {
                out.push(c);
            }
        }
        DisplayText {
            text: Cow::Owned(out),
            shifts,
        }
    }

    fn map(&self, offset: usize) -> usize {
        let i = self.shifts.partition_point(|&(orig, _)| orig <= offset);
        match i.checked_sub(1).map(|j| self.shifts[j]) {
            Some((orig, display)) => display + (offset - orig),
            None => offset,
        }
    }

    /// The display range of a byte range of the original text.
    pub fn range(&self, range: Range<usize>) -> Range<usize> {
        if self.shifts.is_empty() {
            return range;
        }
        let start = self.map(range.start);
        start..self.map(range.end).max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_and_keeps_spans_right() {
        let src = "a\x1b[31mb\r\nc\u{202e}d";
        let shown = DisplayText::new(src);
        assert_eq!(shown.text, "a\\u{1b}[31mb\nc\\u{202e}d");
        let d = src.find('d').unwrap();
        assert_eq!(&shown.text[shown.range(d..d + 1)], "d");
        let b = src.find('b').unwrap();
        assert_eq!(&shown.text[shown.range(b..b + 1)], "b");
    }

    #[test]
    fn plain_text_is_borrowed() {
        assert!(matches!(
            DisplayText::new("plain\ntext").text,
            Cow::Borrowed(_)
        ));
        assert_eq!(escape("a\u{7}b\nc"), "a\\u{7}b\\u{a}c");
        assert_eq!(escape("x ##[error]y ##[z"), "x ##\\[error]y ##\\[z");
        assert_eq!(escape("#[a] ## [b]"), "#[a] ## [b]");
    }
}
