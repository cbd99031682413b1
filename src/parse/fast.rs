//! A fast path for the plain Markdown that ownership documents are mostly written in:
//! ATX headings, paragraphs, tight `-` and `1.` lists nested by the item's content indent,
//! `---` rules, `**Label:**` bold labels and simple code spans (`` `src/` ``), with no other
//! inline markup. For such a
//! document this scanner produces exactly the events pulldown-cmark produces (text pieces
//! that pulldown splits are given whole, which the reader joins the same way), in one pass
//! over the lines instead of pulldown's two. Anything outside that subset — a tab, a CR, a
//! block quote, a code block or another code span, HTML, a table, a link, an entity, emphasis other than a leading bold
//! label, a loose list, a lazy continuation line, trailing spaces — makes it give up, and
//! the document is read by pulldown-cmark as before. `tests/fast_markdown.rs` checks the
//! two agree on every fixture, on generated repositories and on mutated documents.
//!
//! The ranges of container events (paragraphs, lists, items) are not pulldown's: the reader
//! does not use them for these blocks (only a loose item's paragraph start, and loose lists
//! are outside the subset), so they are left empty at the block's start.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};

/// One event with its source range, as `into_offset_iter` yields them.
pub type Spanned<'s> = (Event<'s>, Range<usize>);

/// The events of `src[start..]`, or `None` when the body is outside the plain subset.
pub fn events(src: &str, start: usize) -> Option<Vec<Spanned<'_>>> {
    let mut scan = Scanner {
        src,
        out: Vec::with_capacity((src.len() - start) / 8),
        paragraph: false,
        lists: Vec::new(),
        blank_before: false,
        last_line_end: start,
    };
    let mut at = start;
    while at < src.len() {
        let end = memchr::memchr(b'\n', &src.as_bytes()[at..]).map_or(src.len(), |i| at + i);
        scan.line(at, end)?;
        scan.last_line_end = end;
        at = end + 1;
    }
    scan.close_paragraph();
    scan.close_lists(0);
    Some(scan.out)
}

/// An open list: where its markers stand, where its items' content starts, its kind.
struct List {
    indent: usize,
    content: usize,
    /// `-`, or the `.` or `)` after an ordered item's number.
    delimiter: u8,
    ordered: bool,
}

struct Scanner<'s> {
    src: &'s str,
    out: Vec<Spanned<'s>>,
    paragraph: bool,
    lists: Vec<List>,
    /// A blank line came since the last line with content.
    blank_before: bool,
    /// The end (the newline) of the last line read.
    last_line_end: usize,
}

impl<'s> Scanner<'s> {
    fn line(&mut self, start: usize, end: usize) -> Option<()> {
        let line = &self.src[start..end];
        let bytes = line.as_bytes();
        let indent = bytes.iter().take_while(|&&b| b == b' ').count();
        if indent == bytes.len() {
            // Blank. A paragraph ends here; whether a list does is known at the next line.
            self.close_paragraph();
            self.blank_before = true;
            return Some(());
        }
        if bytes[bytes.len() - 1] == b' ' {
            return None; // trailing spaces: a hard break, or trimmed text
        }
        let blank_before = std::mem::replace(&mut self.blank_before, false);
        if let Some(marker) = list_marker(&bytes[indent..]) {
            if !self.lists.is_empty() && blank_before {
                return None; // a loose list, or an item after a blank line
            }
            return self.item(start, end, indent, marker);
        }
        if indent > 0 {
            return None; // indented code, or a continuation inside an item
        }
        if !self.lists.is_empty() {
            if !blank_before {
                return None; // a lazy continuation line of an item
            }
            self.close_lists(0);
        }
        match bytes[0] {
            b'#' => self.heading(start, end),
            b'-' if line == "---" => {
                if self.paragraph {
                    return None; // a setext heading underline
                }
                self.out.push((Event::Rule, start..line_end(self.src, end)));
                Some(())
            }
            _ => self.paragraph_line(start, end),
        }
    }

    fn heading(&mut self, start: usize, end: usize) -> Option<()> {
        let line = &self.src[start..end];
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        let level = match hashes {
            1 => HeadingLevel::H1,
            2 => HeadingLevel::H2,
            3 => HeadingLevel::H3,
            4 => HeadingLevel::H4,
            5 => HeadingLevel::H5,
            6 => HeadingLevel::H6,
            _ => return None,
        };
        let rest = &line[hashes..];
        let content = rest.strip_prefix(' ')?;
        if content.is_empty() || content.starts_with(' ') || content.ends_with('#') {
            return None; // closing hashes, or text spacing pulldown trims
        }
        self.close_paragraph();
        let whole = start..line_end(self.src, end);
        self.out.push((
            Event::Start(Tag::Heading {
                level,
                id: None,
                classes: Vec::new(),
                attrs: Vec::new(),
            }),
            whole.clone(),
        ));
        self.inline(end - content.len(), end)?;
        self.out.push((Event::End(TagEnd::Heading(level)), whole));
        Some(())
    }

    fn paragraph_line(&mut self, start: usize, end: usize) -> Option<()> {
        if !starts_plain(&self.src.as_bytes()[start..end]) {
            return None;
        }
        if self.paragraph {
            let newline = self.last_line_end;
            self.out.push((Event::SoftBreak, newline..newline + 1));
        } else {
            self.out.push((Event::Start(Tag::Paragraph), start..start));
            self.paragraph = true;
        }
        self.inline(start, end)
    }

    fn item(&mut self, start: usize, end: usize, indent: usize, marker: Marker) -> Option<()> {
        let content = indent + marker.width;
        if !starts_plain(&self.src.as_bytes()[start + content..end]) {
            return None; // a block inside the item: a heading, quote, rule or list
        }
        // Find the list this item belongs to: a sibling at the same indent, or a list nested
        // at the content indent of the open item.
        loop {
            match self.lists.last() {
                None => {
                    if indent != 0 {
                        return None;
                    }
                    if self.paragraph && marker.start.is_some_and(|n| n != 1) {
                        return None; // only a list starting at 1 interrupts a paragraph
                    }
                    self.close_paragraph();
                    self.open_list(indent, content, &marker);
                    break;
                }
                Some(list) if indent == list.indent => {
                    if list.delimiter != marker.delimiter {
                        return None; // another kind of list: a new list
                    }
                    self.out.push((Event::End(TagEnd::Item), start..start));
                    self.out.push((Event::Start(Tag::Item), start..start));
                    break;
                }
                Some(list) if indent == list.content => {
                    // The open item's text is a paragraph, and only a list starting at 1
                    // interrupts one (`   5. Notify` under `4. Update` continues item 4).
                    if marker.start.is_some_and(|n| n != 1) {
                        return None;
                    }
                    self.open_list(indent, content, &marker);
                    break;
                }
                Some(list) if indent < list.indent => self.close_list(),
                Some(_) => return None,
            }
        }
        self.inline(start + content, end)
    }

    fn open_list(&mut self, indent: usize, content: usize, marker: &Marker) {
        self.out.push((Event::Start(Tag::List(marker.start)), 0..0));
        self.out.push((Event::Start(Tag::Item), 0..0));
        self.lists.push(List {
            indent,
            content,
            delimiter: marker.delimiter,
            ordered: marker.start.is_some(),
        });
    }

    fn close_list(&mut self) {
        if let Some(list) = self.lists.pop() {
            self.out.push((Event::End(TagEnd::Item), 0..0));
            self.out
                .push((Event::End(TagEnd::List(list.ordered)), 0..0));
        }
    }

    /// Close lists until `keep` remain.
    fn close_lists(&mut self, keep: usize) {
        while self.lists.len() > keep {
            self.close_list();
        }
    }

    fn close_paragraph(&mut self) {
        if std::mem::take(&mut self.paragraph) {
            self.out.push((Event::End(TagEnd::Paragraph), 0..0));
        }
    }

    /// The inline content `start..end`: plain text, after an optional leading bold label
    /// (`**Owner:**`, `**Subscriptions + Payments**:`).
    fn inline(&mut self, start: usize, end: usize) -> Option<()> {
        let text = &self.src[start..end];
        let mut rest_start = start;
        if let Some(after_open) = text.strip_prefix("**") {
            // The first `**` after the opener (a single `*` in between fails `plain` below).
            let close = double_star(after_open.as_bytes())?;
            let inner = &after_open[..close];
            let after = &after_open[close + 2..];
            let (first, last) = (inner.chars().next()?, inner.chars().next_back()?);
            // A left-flanking opener and a right-flanking closer that cannot also open:
            // no space inside the stars; after the closer, the line ends or a space follows,
            // or (after a word) `:`, `,` or `.`.
            if first.is_whitespace() || last.is_whitespace() || !plain(inner) {
                return None;
            }
            let next = after.bytes().next();
            let closes = match next {
                None | Some(b' ') => true,
                Some(b':' | b',' | b'.') => last.is_alphanumeric(),
                Some(_) => false,
            };
            if !closes {
                return None;
            }
            let strong = start..start + 2 + close + 2;
            self.out.push((Event::Start(Tag::Strong), strong.clone()));
            self.out.push((
                Event::Text(CowStr::Borrowed(inner)),
                start + 2..start + 2 + close,
            ));
            self.out.push((Event::End(TagEnd::Strong), strong.clone()));
            rest_start = strong.end;
        }
        self.text_and_code(rest_start, end)
    }

    /// Plain text with simple code spans in it (`` `src/payments/` ``): one backtick, text
    /// without a backtick or a line break that neither starts nor ends with a space, one
    /// backtick. Inside one, nothing is markup. Any other backtick (a longer run, one not
    /// closed on its line) gives up: pulldown's matching of backtick runs across lines
    /// decides those.
    fn text_and_code(&mut self, start: usize, end: usize) -> Option<()> {
        let mut at = start;
        while at < end {
            let rest = &self.src[at..end];
            // Plain up to the first backtick, in the same pass that looks for markup.
            let open = plain_until_code(rest)?;
            if open == rest.len() {
                self.push_text(at, end);
                return Some(());
            }
            let after = &rest[open + 1..];
            let close = memchr::memchr(b'`', after.as_bytes())?;
            let code = &after[..close];
            let run_continues = after.as_bytes().get(close + 1) == Some(&b'`');
            if code.is_empty()
                || run_continues
                || code.starts_with(' ')
                || code.ends_with(' ')
                || code.bytes().any(|b| b < 0x20)
            {
                return None;
            }
            self.push_text(at, at + open);
            let span = at + open..at + open + 1 + close + 1;
            self.out
                .push((Event::Code(CowStr::Borrowed(code)), span.clone()));
            at = span.end;
        }
        Some(())
    }

    /// `start..end`, plain text, as one text event (none when it is empty).
    fn push_text(&mut self, start: usize, end: usize) {
        if start < end {
            let text = &self.src[start..end];
            self.out
                .push((Event::Text(CowStr::Borrowed(text)), start..end));
        }
    }
}

/// A list marker at the start of `line` (after its indent): `- ` or `1. ` / `1) `, followed
/// by content.
struct Marker {
    /// Bytes from the marker to the content.
    width: usize,
    delimiter: u8,
    /// The number of an ordered item.
    start: Option<u64>,
}

fn list_marker(line: &[u8]) -> Option<Marker> {
    if line.starts_with(b"- ") {
        return (line.len() > 2).then_some(Marker {
            width: 2,
            delimiter: b'-',
            start: None,
        });
    }
    let digits = line.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 9 {
        return None;
    }
    match &line[digits..] {
        [delimiter @ (b'.' | b')'), b' ', _, ..] => {
            let number = std::str::from_utf8(&line[..digits]).ok()?.parse().ok()?;
            Some(Marker {
                width: digits + 2,
                delimiter: *delimiter,
                start: Some(number),
            })
        }
        _ => None,
    }
}

/// Whether a line of content may start like this and still be a plain paragraph line: a
/// bold label (`**`, then neither a star nor a space), or a byte that is not a block marker
/// (heading, quote, list, rule, code, HTML, table, setext underline) nor a space (pulldown
/// trims it).
fn starts_plain(content: &[u8]) -> bool {
    match content {
        [b'*', b'*', third, ..] => !matches!(third, b'*' | b' '),
        // A code span, not a fence (three backticks or more).
        [b'`', second, ..] => *second != b'`',
        [first, ..] => {
            !matches!(
                first,
                b'#' | b'>' | b'-' | b'*' | b'+' | b'=' | b'`' | b'~' | b'<' | b'|' | b'_' | b' '
                    // A link reference definition.
                    | b'['
            ) && !first.is_ascii_digit()
        }
        [] => false,
    }
}

/// Whether text has no inline markup pulldown would read: no emphasis, code, link, image,
/// entity, escape, HTML or autolink, no table pipe, no NUL (which pulldown replaces).
/// `[Engineering Manager]` is text: no link reference definition exists to make it a link.
fn plain(text: &str) -> bool {
    plain_until_code(text) == Some(text.len())
}

/// How much of `text` is plain ([`plain`]) before its first backtick (all of it when it has
/// none); `None` when other markup comes first.
fn plain_until_code(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut from = 0;
    // Nearly every byte is text: find the next one that is not in a tight loop, then see
    // what it starts.
    while let Some(offset) = bytes[from..]
        .iter()
        .position(|&b| !matches!(MARKUP[b as usize], Markup::None))
    {
        let i = from + offset;
        from = i + 1;
        match MARKUP[bytes[i] as usize] {
            Markup::None => {}
            Markup::Always if bytes[i] == b'`' => return Some(i),
            Markup::Always => return None,
            // Brackets are text when no link can form: a document in the plain subset has no
            // link reference definition (no line starts with `[`), so only an inline link
            // `](` or a full reference `][` could make one.
            Markup::Bracket => {
                if matches!(bytes.get(i + 1), Some(b'(' | b'[')) {
                    return None;
                }
            }
            Markup::Bang => {
                if bytes.get(i + 1) == Some(&b'[') {
                    return None;
                }
            }
            Markup::Underscore => {
                let word = |at: Option<&u8>| at.is_some_and(u8::is_ascii_alphanumeric);
                if !(i > 0 && word(bytes.get(i - 1)) && word(bytes.get(i + 1))) {
                    return None;
                }
            }
            Markup::Ampersand => {
                if bytes.get(i + 1) != Some(&b' ') {
                    return None;
                }
            }
            // `<=` and `< 5` are text; `<a`, `</`, `<!`, `<?` may be HTML or an autolink.
            Markup::Angle => {
                if bytes
                    .get(i + 1)
                    .is_none_or(|&n| n.is_ascii_alphabetic() || matches!(n, b'/' | b'!' | b'?'))
                {
                    return None;
                }
            }
        }
    }
    Some(bytes.len())
}

/// What a byte may start in inline Markdown.
#[derive(Clone, Copy)]
enum Markup {
    None,
    /// `*` emphasis, code, an escape, a table pipe, a control character.
    Always,
    /// `]`: a link, when `(` or `[` follows.
    Bracket,
    /// `<`: HTML or an autolink, when a letter, `/`, `!` or `?` follows.
    Angle,
    /// `!`: an image, when `[` follows.
    Bang,
    /// `_`: emphasis, unless between two letters or digits (`on_call`).
    Underscore,
    /// `&`: an entity, unless a space follows (`R & D`).
    Ampersand,
}

/// [`Markup`] by byte, so that the scan of plain text is one table lookup per byte.
static MARKUP: [Markup; 256] = {
    let mut table = [Markup::None; 256];
    let always = b"*`\\|";
    let mut i = 0;
    while i < always.len() {
        table[always[i] as usize] = Markup::Always;
        i += 1;
    }
    // Control characters change how lines split (CR), what counts as blank or indented
    // (tab, vertical tab, form feed) or what a byte means (NUL). Every byte of a line that
    // is not indentation, a list or heading marker or `---` is checked here, so this is
    // where they are refused.
    let mut control = 0;
    while control < 0x20 {
        table[control] = Markup::Always;
        control += 1;
    }
    table[b']' as usize] = Markup::Bracket;
    table[b'<' as usize] = Markup::Angle;
    table[b'!' as usize] = Markup::Bang;
    table[b'_' as usize] = Markup::Underscore;
    table[b'&' as usize] = Markup::Ampersand;
    table
};

/// Where the first `**` in `bytes` starts.
fn double_star(bytes: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = memchr::memchr(b'*', &bytes[from..]) {
        let at = from + i;
        if bytes.get(at + 1) == Some(&b'*') {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// The end of a line's range including its newline, as pulldown's block ranges are.
fn line_end(src: &str, end: usize) -> usize {
    (end + 1).min(src.len())
}
