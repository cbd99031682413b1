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

    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_empty(&self) -> bool {
        self.text.trim().is_empty()
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
        let s = self.as_str();
        let start = s.len() - s.trim_start().len();
        let end = s.trim_end().len().max(start);
        if start == 0 && end == s.len() {
            return self.clone();
        }
        self.slice(start..end)
    }
}

impl std::fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
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
}
