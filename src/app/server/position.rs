//! Places in a text as the client counts them: a line and a character offset within the line,
//! in UTF-16 code units unless the client and server agreed on UTF-8 bytes at initialization
//! (`positionEncoding`). ownlint's spans are byte offsets.

use lsp_types::{Position, PositionEncodingKind, Range, TextDocumentContentChangeEvent};

use crate::source::{SourceFile, Span};

const BOM: char = '\u{feff}';

/// How a position counts characters within a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no counting at all), else UTF-16, which every client
    /// understands (the protocol's default).
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

/// The position of a byte offset of `file` (clamped to the text and to a character boundary).
pub fn position(file: &SourceFile, offset: usize, encoding: Encoding) -> Position {
    position_of(&file.text, file.line_starts(), offset, encoding)
}

/// The range of a span of `file`.
pub fn range(file: &SourceFile, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position(file, span.start as usize, encoding),
        position(file, span.end as usize, encoding),
    )
}

/// The range of a span of a text that is not one of the folder's files (the configuration).
pub fn range_in(text: &str, span: Span, encoding: Encoding) -> Range {
    let starts = crate::source::line_starts(text);
    Range::new(
        position_of(text, &starts, span.start as usize, encoding),
        position_of(text, &starts, span.end as usize, encoding),
    )
}

/// The byte offset of a position of `file`: a character past the line's end is its end, a
/// line past the text's end is the text's end, as the protocol asks.
pub fn offset(file: &SourceFile, position: Position, encoding: Encoding) -> usize {
    offset_in(&file.text, file.line_starts(), position, encoding)
}

pub fn position_of(text: &str, starts: &[u32], offset: usize, encoding: Encoding) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let line = starts.partition_point(|&s| s as usize <= offset).max(1) - 1;
    let mut before = &text[starts[line] as usize..offset];
    if line == 0 {
        // Editors do not count a byte-order mark (and send the text without it).
        before = before.strip_prefix(BOM).unwrap_or(before);
    }
    let character = match encoding {
        Encoding::Utf8 => before.len(),
        Encoding::Utf16 => before.encode_utf16().count(),
    };
    Position::new(line as u32, character as u32)
}

pub fn offset_in(text: &str, starts: &[u32], position: Position, encoding: Encoding) -> usize {
    let Some(&start) = starts.get(position.line as usize) else {
        return text.len();
    };
    let mut start = start as usize;
    if position.line == 0 && text.starts_with(BOM) {
        start += BOM.len_utf8();
    }
    let end = starts
        .get(position.line as usize + 1)
        .map_or(text.len(), |&next| next as usize);
    let line = text[start..end].trim_end_matches(['\n', '\r']);
    let wanted = position.character as usize;
    let within = match encoding {
        Encoding::Utf8 => {
            let mut at = wanted.min(line.len());
            while !line.is_char_boundary(at) {
                at -= 1;
            }
            at
        }
        Encoding::Utf16 => {
            let mut units = 0;
            let mut at = line.len();
            for (i, c) in line.char_indices() {
                if units >= wanted {
                    at = i;
                    break;
                }
                units += c.len_utf16();
            }
            at
        }
    };
    start + within
}

/// `text` with a client's changes applied in order: a change with a range replaces that
/// range, one without replaces the whole text.
pub fn apply_changes(
    mut text: String,
    changes: Vec<TextDocumentContentChangeEvent>,
    encoding: Encoding,
) -> String {
    for change in changes {
        match change.range {
            None => text = change.text,
            Some(range) => {
                let starts = crate::source::line_starts(&text);
                let start = offset_in(&text, &starts, range.start, encoding);
                let end = offset_in(&text, &starts, range.end, encoding).max(start);
                text.replace_range(start..end, &change.text);
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((l1, c1), (l2, c2))| {
                Range::new(Position::new(l1, c1), Position::new(l2, c2))
            }),
            range_length: None,
            text: text.to_owned(),
        }
    }

    #[test]
    fn positions_count_utf16_units_or_bytes() {
        let text = "# Zürich 🚀 team\nnext\r\nlast";
        let starts = crate::source::line_starts(text);
        let rocket_end = text.find(" team").unwrap();
        assert_eq!(
            position_of(text, &starts, rocket_end, Encoding::Utf16),
            Position::new(0, 11)
        );
        assert_eq!(
            position_of(text, &starts, rocket_end, Encoding::Utf8),
            Position::new(0, 14)
        );
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let p = position_of(text, &starts, rocket_end, encoding);
            assert_eq!(offset_in(text, &starts, p, encoding), rocket_end);
        }
        let last = text.find("last").unwrap();
        assert_eq!(
            position_of(text, &starts, last, Encoding::Utf16),
            Position::new(2, 0)
        );
        // Past a line's end is its end (before the line break); past the text is its end.
        assert_eq!(
            offset_in(text, &starts, Position::new(1, 99), Encoding::Utf16),
            text.find("\r\n").unwrap()
        );
        assert_eq!(
            offset_in(text, &starts, Position::new(9, 0), Encoding::Utf16),
            text.len()
        );
    }

    #[test]
    fn a_byte_order_mark_is_not_counted() {
        let text = "\u{feff}## Payments";
        let starts = crate::source::line_starts(text);
        let hashes = text.find('#').unwrap();
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            assert_eq!(
                position_of(text, &starts, hashes, encoding),
                Position::new(0, 0)
            );
            assert_eq!(
                offset_in(text, &starts, Position::new(0, 0), encoding),
                hashes
            );
        }
    }

    #[test]
    fn changes_apply_in_order() {
        let text = "## Payments\n\n- **Owner:** team-a\n".to_owned();
        let text = apply_changes(
            text,
            vec![
                change(Some(((2, 13), (2, 19))), "team-b"),
                change(Some(((0, 3), (0, 3))), "Card "),
            ],
            Encoding::Utf16,
        );
        assert_eq!(text, "## Card Payments\n\n- **Owner:** team-b\n");
        assert_eq!(
            apply_changes(text, vec![change(None, "all new")], Encoding::Utf8),
            "all new"
        );
    }
}
