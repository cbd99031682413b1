//! A line of inline Markdown content as plain text, with a map back to the source.
//!
//! The Markdown reader flattens inline events (text, code, bold, links) into one string per
//! line, the way a reader sees it, and remembers for each piece where it came from. A part of
//! the line becomes a [`Text`] that borrows the source when that part was written verbatim, and
//! points at the whole part otherwise.

use std::ops::Range;

use crate::model::text::{is_blank, trim_bounds};
use crate::model::{Link, Text};
use crate::source::Span;

#[derive(Clone, Copy, Debug)]
struct Segment {
    /// Where the piece starts in the line text.
    text_start: u32,
    /// Where it was read from.
    src_start: u32,
    src_end: u32,
    /// Whether the piece is the source under `src_start..src_end` byte for byte.
    exact: bool,
}

/// One line of inline content.
#[derive(Debug, Default)]
pub struct Line {
    pub text: String,
    segments: Vec<Segment>,
    /// Line-text ranges written in bold.
    pub strong: Vec<Range<usize>>,
    strong_open: Vec<usize>,
    /// Links: their text in the line and their target.
    links: Vec<LineLink>,
    links_open: Vec<(usize, LinkTarget)>,
}

/// A link of the line: the range of its text in the line text and its target.
#[derive(Debug)]
struct LineLink {
    text: Range<usize>,
    target: LinkTarget,
}

/// Where a link points: written in the source at a range (an inline link), or elsewhere
/// (a reference definition, a target with escapes), with the span of the whole link.
#[derive(Debug)]
enum LinkTarget {
    Exact(Range<usize>),
    Decoded(String, Range<usize>),
}

impl Line {
    pub fn clear(&mut self) {
        self.text.clear();
        self.segments.clear();
        self.strong.clear();
        self.strong_open.clear();
        self.links.clear();
        self.links_open.clear();
    }

    pub fn is_blank(&self) -> bool {
        is_blank(&self.text)
    }

    /// Append a piece: `content` as read, taken from `src` at `range`.
    pub fn push(&mut self, content: &str, src: &str, range: Range<usize>) {
        if content.is_empty() {
            return;
        }
        // Text the parser borrowed from the source (plain text, the inside of a code span)
        // is the source where it lies; decoded text (an entity, an escape) is not.
        let base = src.as_ptr() as usize;
        let at = content.as_ptr() as usize;
        let (range, exact) = if at >= base && at + content.len() <= base + src.len() {
            let start = at - base;
            (start..start + content.len(), true)
        } else {
            (range, false)
        };
        let text_start = self.text.len();
        self.text.push_str(content);
        if let Some(last) = self.segments.last_mut() {
            let last_len = text_start - last.text_start as usize;
            let contiguous = last.exact
                && exact
                && last.src_end as usize == range.start
                && (last.src_end - last.src_start) as usize == last_len;
            if contiguous {
                last.src_end = range.end as u32;
                return;
            }
        }
        self.segments.push(Segment {
            text_start: text_start as u32,
            src_start: range.start as u32,
            src_end: range.end as u32,
            exact,
        });
    }

    pub fn open_strong(&mut self) {
        self.strong_open.push(self.text.len());
    }

    pub fn close_strong(&mut self) {
        if let Some(start) = self.strong_open.pop() {
            self.strong.push(start..self.text.len());
        }
    }

    /// A link starts: `target` as pulldown-cmark read it, `range` the whole link in `src`.
    pub fn open_link(&mut self, target: &str, src: &str, range: Range<usize>) {
        // An inline link writes its target inside the link, after the text: the last place
        // it appears there is where it is written.
        let target = match src.get(range.clone()).and_then(|s| s.rfind(target)) {
            Some(at) if !target.is_empty() => {
                let start = range.start + at;
                LinkTarget::Exact(start..start + target.len())
            }
            _ => LinkTarget::Decoded(target.to_owned(), range),
        };
        self.links_open.push((self.text.len(), target));
    }

    pub fn close_link(&mut self) {
        if let Some((start, target)) = self.links_open.pop() {
            let text = start..self.text.len();
            self.links.push(LineLink { text, target });
        }
    }

    /// The links whose text lies in a range of the line text, each with its text and its
    /// target as [`Text`].
    pub fn links_in<'s>(&self, src: &'s str, range: Range<usize>) -> Vec<Link<'s>> {
        // Nearly every line has none: asked of every line of every domain.
        if self.links.is_empty() {
            return Vec::new();
        }
        self.links
            .iter()
            .filter(|l| range.start <= l.text.start && l.text.end <= range.end)
            .map(|l| Link {
                text: self.text(src, l.text.clone()),
                target: match &l.target {
                    LinkTarget::Exact(r) => Text::exact(src, Span::new(r.start, r.end)),
                    LinkTarget::Decoded(s, r) => Text::new(s.clone(), Span::new(r.start, r.end)),
                },
            })
            .filter(|l| !l.target.is_empty())
            .collect()
    }

    /// The source offset of a line-text offset; `end` chooses the end of an inexact piece.
    fn src_offset(&self, at: usize, end: bool) -> usize {
        // An end offset belongs to the piece before it, a start offset to the piece after.
        let probe = if end && at > 0 { at - 1 } else { at };
        let i = self
            .segments
            .partition_point(|s| (s.text_start as usize) <= probe)
            .saturating_sub(1);
        let Some(seg) = self.segments.get(i) else {
            return 0;
        };
        let seg_len = self
            .segments
            .get(i + 1)
            .map_or(self.text.len(), |n| n.text_start as usize)
            - seg.text_start as usize;
        let within = at - seg.text_start as usize;
        if seg.exact {
            seg.src_start as usize + within.min(seg_len)
        } else if end && within > 0 || within >= seg_len {
            seg.src_end as usize
        } else {
            seg.src_start as usize
        }
    }

    /// The source span of a range of the line text.
    pub fn span(&self, range: Range<usize>) -> Span {
        if range.is_empty() {
            let at = self.src_offset(range.start, range.start > 0);
            return Span::empty_at(at);
        }
        let start = self.src_offset(range.start, false);
        let end = self.src_offset(range.end, true).max(start);
        Span::new(start, end)
    }

    /// The source span of the whole line.
    pub fn whole_span(&self) -> Span {
        match (self.segments.first(), self.segments.last()) {
            (Some(first), Some(last)) => Span::new(first.src_start as usize, last.src_end as usize),
            _ => Span::default(),
        }
    }

    /// A part of the line as [`Text`], trimmed of white space; borrowed from `src` when the
    /// part was written verbatim.
    pub fn text<'s>(&self, src: &'s str, range: Range<usize>) -> Text<'s> {
        let part = &self.text[range.clone()];
        let (lead, kept) = trim_bounds(part);
        let start = range.start + lead;
        let range = start..start + kept;
        // Most lines are one piece read verbatim: the part is where it lies in the source.
        if let [seg] = &self.segments[..]
            && seg.exact
            && !range.is_empty()
        {
            let at = seg.src_start as usize;
            return Text::exact(src, Span::new(at + range.start, at + range.end));
        }
        let span = self.span(range.clone());
        let i = self
            .segments
            .partition_point(|s| (s.text_start as usize) <= range.start)
            .saturating_sub(1);
        if let Some(seg) = self.segments.get(i) {
            let seg_end = self
                .segments
                .get(i + 1)
                .map_or(self.text.len(), |n| n.text_start as usize);
            if seg.exact && range.end <= seg_end {
                return Text::exact(src, span);
            }
        }
        Text::new(self.text[range].to_owned(), span)
    }

    /// The whole line as trimmed [`Text`].
    pub fn full_text<'s>(&self, src: &'s str) -> Text<'s> {
        self.text(src, 0..self.text.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contiguous_exact_pieces_stay_borrowed() {
        let src = "**Owner:** Research & Development";
        let mut line = Line::default();
        line.open_strong();
        // The parser hands out slices of the source, as here.
        line.push(&src[2..8], src, 2..8);
        line.close_strong();
        line.push(&src[10..20], src, 10..20);
        line.push(&src[20..21], src, 20..21);
        line.push(&src[21..33], src, 21..33);
        assert_eq!(line.text, "Owner: Research & Development");
        assert_eq!(line.strong, vec![0..6]);
        let value = line.text(src, 6..line.text.len());
        assert!(value.is_exact());
        assert_eq!(&src[value.span.range()], "Research & Development");
    }

    #[test]
    fn inexact_pieces_map_to_their_whole_source() {
        let src = "`@org/team` and AT&amp;T";
        let mut line = Line::default();
        line.push(&src[1..10], src, 0..11);
        line.push(&src[11..18], src, 11..18);
        // A decoded entity is not a slice of the source.
        line.push("&", src, 18..23);
        line.push(&src[23..24], src, 23..24);
        let code = line.text(src, 0..9);
        assert!(code.is_exact());
        assert_eq!(code.span, Span::new(1, 10));
        let all = line.full_text(src);
        assert!(!all.is_exact());
        assert_eq!(all.as_str(), "@org/team and AT&T");
        assert_eq!(all.span, Span::new(1, 24));
    }
}
