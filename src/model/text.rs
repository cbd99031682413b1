use std::borrow::Cow;
use std::ops::Range;

use crate::source::Span;

/// A piece of text read from a document, with the span it was read from.
///
/// When `text` is borrowed it is exactly the source text under `span`, so a part of it can be
/// pointed at precisely. When the reader had to change the text (Markdown markup removed,
/// YAML escapes decoded, wrapped lines joined) it is owned, and parts of it map to the whole
/// span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text<'s> {
    pub text: Cow<'s, str>,
    pub span: Span,
}

impl<'s> Text<'s> {
    pub fn new(text: impl Into<Cow<'s, str>>, span: Span) -> Text<'s> {
        Text {
            text: text.into(),
            span,
        }
    }

    /// Text that is exactly the source under its span.
    pub fn exact(source: &'s str, span: Span) -> Text<'s> {
        Text::new(&source[span.range()], span)
    }

    /// An empty value at `offset`: a field written with nothing after its label.
    pub fn empty_at(offset: usize) -> Text<'s> {
        Text::new("", Span::empty_at(offset))
    }

    /// The text, no longer borrowed from the source, to keep past it.
    pub fn into_owned(self) -> Text<'static> {
        Text {
            text: Cow::Owned(self.text.into_owned()),
            span: self.span,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the text is empty or only white space.
    pub fn is_empty(&self) -> bool {
        is_blank(&self.text)
    }

    /// Whether the text is the source under its span, byte for byte.
    pub fn is_exact(&self) -> bool {
        matches!(self.text, Cow::Borrowed(_))
    }

    /// The file span of a byte range of this text.
    pub fn span_of(&self, range: Range<usize>) -> Span {
        if self.is_exact() {
            Span::new(
                self.span.start as usize + range.start,
                self.span.start as usize + range.end,
            )
        } else {
            self.span
        }
    }

    /// A part of this text, keeping exactness where it can.
    pub fn slice(&self, range: Range<usize>) -> Text<'s> {
        let span = self.span_of(range.clone());
        match &self.text {
            Cow::Borrowed(s) => Text::new(&s[range], span),
            Cow::Owned(s) => Text::new(s[range].to_owned(), span),
        }
    }

    /// The text with surrounding white space removed.
    pub fn trimmed(&self) -> Text<'s> {
        let (start, len) = trim_bounds(self.as_str());
        if start == 0 && len == self.text.len() {
            return self.clone();
        }
        self.slice(start..start + len)
    }
}

/// Whether `s` is empty or only white space; ASCII is answered byte by byte.
pub fn is_blank(s: &str) -> bool {
    match s.bytes().find(|b| !b.is_ascii_whitespace()) {
        None => true,
        Some(b) if b < 0x80 => false,
        Some(_) => s.trim().is_empty(),
    }
}

/// White space around `s`: how much leads, and how long the rest is. ASCII white space is
/// skipped byte by byte (`u8::is_ascii_whitespace`); a character outside ASCII is decoded only
/// where it stands at an end, and skipped when it is white space (a no-break space; not the
/// `≥` that half of all objectives start with).
pub fn trim_bounds(s: &str) -> (usize, usize) {
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(&b) = bytes.get(start) {
        if b.is_ascii_whitespace() {
            start += 1;
            continue;
        }
        if b < 0x80 {
            break;
        }
        match s[start..].chars().next() {
            Some(c) if c.is_whitespace() => start += c.len_utf8(),
            _ => break,
        }
    }
    let mut end = bytes.len();
    while end > start {
        let b = bytes[end - 1];
        if b.is_ascii_whitespace() {
            end -= 1;
            continue;
        }
        if b < 0x80 {
            break;
        }
        match s[..end].chars().next_back() {
            Some(c) if c.is_whitespace() => end -= c.len_utf8(),
            _ => break,
        }
    }
    (start, end - start)
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Folds ASCII names for comparison: each byte lower-cased, and every run of separators
/// (white space as `char::is_whitespace` sees ASCII, plus the extra separators given) made
/// one space, none leading or trailing. Names, labels and titles use it with their own
/// separators; the table makes it one lookup per byte.
pub struct AsciiFold([u8; 128]);

/// What the fold table gives for a separator: no ASCII byte is 0xFF.
const SEPARATOR: u8 = 0xFF;

impl AsciiFold {
    pub const fn new(extra_separators: &[u8]) -> AsciiFold {
        let mut table = [0u8; 128];
        let mut b = 0;
        while b < 128 {
            let byte = b as u8;
            table[b] = match byte {
                b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ' => SEPARATOR,
                _ => byte.to_ascii_lowercase(),
            };
            b += 1;
        }
        let mut i = 0;
        while i < extra_separators.len() {
            table[extra_separators[i] as usize] = SEPARATOR;
            i += 1;
        }
        AsciiFold(table)
    }

    /// Fold ASCII `bytes` into `buf` (at least as long) and return the folded length.
    pub fn fold(&self, bytes: &[u8], buf: &mut [u8]) -> usize {
        let mut len = 0;
        let mut space = false;
        for &b in bytes {
            let folded = self.0[usize::from(b & 0x7F)];
            if folded == SEPARATOR {
                space = len > 0;
            } else {
                if space {
                    buf[len] = b' ';
                    len += 1;
                    space = false;
                }
                buf[len] = folded;
                len += 1;
            }
        }
        len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_text_maps_parts_precisely_and_owned_text_to_its_span() {
        let src = "**Owner:**  Team A ";
        let exact = Text::exact(src, Span::new(10, 19));
        assert_eq!(exact.trimmed().span, Span::new(12, 18));
        assert_eq!(exact.trimmed().as_str(), "Team A");
        let owned = Text::new(String::from("Team A"), Span::new(10, 19));
        assert_eq!(owned.slice(0..4).span, Span::new(10, 19));
    }

    #[test]
    fn trim_bounds_skips_white_space_outside_ascii_and_nothing_else() {
        let cases = [
            ("", (0, 0)),
            ("   ", (3, 0)),
            (" ≥ 99.9% ", (1, 9)),
            ("≥ 99.9%", (0, 9)),
            ("\u{a0}Team\u{3000}", (2, 4)),
            ("\t\u{2003} a ≤\u{a0}\n", (5, 5)),
            ("\u{a0}", (2, 0)),
            ("é", (0, 2)),
        ];
        for (s, expected) in cases {
            assert_eq!(trim_bounds(s), expected, "{s:?}");
        }
    }
}
