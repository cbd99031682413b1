//! Markdown → model, in one pass over pulldown-cmark's events with offsets.
//!
//! The reader keeps a stack of open heading sections and decides what each one is from its
//! title and its parent: a domain candidate, a container of domains (`Domain Ownership`), the
//! escalation ladder, the shared-ownership exception, or prose (`Ownership Principles`,
//! `Notes`). Inline content is flattened into [`Line`]s; a block's lines are grouped into
//! logical lines (a line that does not start with a label continues the one before), and each
//! logical line is read as fields (`**Owner:** Team`), list entries, ladder levels or
//! shared-ownership parts depending on the section it is in.
//!
//! This file holds the entry points, the reader and its event dispatch; each kind of content
//! is read in a file of its own: `fields` (labels in a line, a domain's fields and entries),
//! `headings` (heading lines, sections and their titles), `tables`, `ladder` (the escalation
//! ladder) and `shared` (shared-ownership declarations).

mod fields;
mod headings;
mod ladder;
mod shared;
mod tables;

use std::ops::Range;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use smallvec::SmallVec;

use crate::model::{Document, FieldKind, Slo, Text};
use crate::parse::labels::{LabelTable, RecentLabels};
use crate::parse::line::Line;
use crate::parse::suppress::{self, Comment, RawSuppression};
use crate::source::{FileId, Span};
use fields::{DomainBuilder, add_entry};
use tables::TableState;

/// The pulldown-cmark options ownlint reads Markdown with: tables on, smart punctuation off.
pub fn options() -> Options {
    Options::ENABLE_TABLES
}

/// Where the Markdown body starts: after a byte-order mark and front matter, which is only
/// recognised at the very start of the file.
pub(crate) fn body_start(src: &str) -> usize {
    let bom = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &src[bom..];
    let Some(after_open) = rest
        .strip_prefix("---\n")
        .or_else(|| rest.strip_prefix("---\r\n"))
    else {
        return bom;
    };
    let mut at = src.len() - after_open.len();
    for line in after_open.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        at += line.len();
        if content == "---" || content == "..." {
            return at;
        }
    }
    bom // unclosed: not front matter
}

/// Read one Markdown file: plain documents through the fast scanner, the rest through
/// pulldown-cmark (the two give the same events where the scanner applies).
pub fn parse<'s>(file: FileId, src: &'s str, labels: &LabelTable) -> Document<'s> {
    let start = body_start(src);
    match super::fast::events(src, start) {
        Some(events) => read_events(file, src, labels, events),
        None => read_events(file, src, labels, pulldown_events(src, start)),
    }
}

/// Read one Markdown file with pulldown-cmark only (the reference the fast scanner is
/// tested against).
#[cfg(any(test, feature = "testing"))]
pub(crate) fn parse_with_pulldown<'s>(
    file: FileId,
    src: &'s str,
    labels: &LabelTable,
) -> Document<'s> {
    read_events(file, src, labels, pulldown_events(src, body_start(src)))
}

fn read_events<'s, 'e>(
    file: FileId,
    src: &'s str,
    labels: &LabelTable,
    events: impl IntoIterator<Item = (Event<'e>, std::ops::Range<usize>)>,
) -> Document<'s> {
    let mut reader = Reader::new(file, src, labels);
    for (event, range) in events {
        reader.event(event, range);
    }
    reader.finish()
}

/// pulldown-cmark's events for the body `src[start..]`, with file offsets.
pub(crate) fn pulldown_events(
    src: &str,
    start: usize,
) -> impl Iterator<Item = (Event<'_>, std::ops::Range<usize>)> {
    Parser::new_ext(&src[start..], options())
        .into_offset_iter()
        .map(move |(event, range)| (event, range.start + start..range.end + start))
}

/// What a heading section is.
enum Kind<'s> {
    /// `Domain Ownership`, `Domains`, `Services`: its child headings are domains.
    Container,
    /// Prose that never holds domains, with everything below it.
    Excluded,
    Ladder(usize),
    LadderLevel(usize, usize),
    Shared,
    SharedDecl(usize),
    Candidate(Box<DomainBuilder<'s>>),
    /// A heading named like a field (`#### SLOs`) inside a domain: its content is that field.
    FieldHeading {
        domain: usize,
        kind: FieldKind,
    },
    /// A section named like a list field (`## Responsibilities`) outside any domain: its
    /// entries belong to the document's domain if the document has exactly one.
    LooseField(FieldKind),
}

struct Section<'s> {
    level: u8,
    kind: Kind<'s>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Block {
    Paragraph,
    Item,
    Heading,
    Cell,
}

/// The context of a logical line.
#[derive(Clone, Copy, Debug)]
struct LineCtx {
    block: Block,
    /// Number of open lists around the line.
    depth: usize,
    /// The first logical line of a list item.
    item_head: bool,
    /// The number of an ordered list item.
    number: Option<u64>,
}

struct ItemState {
    number: Option<u64>,
    /// Logical lines already read in this item.
    lines: usize,
}

struct Reader<'s, 'l> {
    file: FileId,
    src: &'s str,
    labels: RecentLabels<'l>,
    doc: Document<'s>,
    sections: Vec<Section<'s>>,
    lists: Vec<Option<u64>>,
    items: Vec<ItemState>,
    line: Line,
    /// Line-text offsets at which each physical line of the block starts.
    breaks: Vec<usize>,
    block: Option<Block>,
    heading: Option<(u8, usize)>,
    /// Nesting of code blocks, images and metadata, whose text is not read.
    skip: usize,
    table: Option<TableState<'s>>,
    cell_range: Range<usize>,
    row_span: Span,
    raw_suppressions: Vec<RawSuppression<'s>>,
    /// The shared-ownership declaration whose parts are list items at this depth.
    shared_parts: Option<(usize, usize)>,
    /// SLO tables and list-field sections met outside any domain.
    loose_slos: Vec<Slo<'s>>,
    loose_entries: Vec<(FieldKind, Text<'s>)>,
}

impl<'s, 'l> Reader<'s, 'l> {
    fn new(file: FileId, src: &'s str, labels: &'l LabelTable) -> Self {
        Reader {
            file,
            src,
            labels: RecentLabels::new(labels),
            doc: Document::new(file),
            sections: Vec::new(),
            lists: Vec::new(),
            items: Vec::new(),
            line: Line::default(),
            breaks: Vec::new(),
            block: None,
            heading: None,
            skip: 0,
            table: None,
            cell_range: 0..0,
            row_span: Span::default(),
            raw_suppressions: Vec::new(),
            shared_parts: None,
            loose_slos: Vec::new(),
            loose_entries: Vec::new(),
        }
    }

    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        if self.skip > 0 {
            match event {
                Event::Start(Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_)) => {
                    self.skip += 1
                }
                Event::End(TagEnd::CodeBlock | TagEnd::Image | TagEnd::MetadataBlock(_)) => {
                    self.skip -= 1
                }
                _ => {}
            }
            return;
        }
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, range),
            Event::Code(code) => self.text(&code, range),
            Event::SoftBreak | Event::HardBreak => self.line_break(range),
            Event::Html(html) | Event::InlineHtml(html) => self.html(&html, range),
            Event::Rule => self.block_boundary(),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>, range: Range<usize>) {
        match tag {
            Tag::Heading { level, .. } => {
                self.flush_block();
                self.heading = Some((level as u8, range.start));
                self.begin_block(Block::Heading);
            }
            Tag::Paragraph => {
                if self.items.is_empty() {
                    self.flush_block();
                    self.begin_block(Block::Paragraph);
                } else if self.block.is_none() {
                    // A paragraph after a nested list, still inside the item.
                    self.begin_block(Block::Item);
                } else if !self.line.is_blank() {
                    // A second paragraph of a loose item: a new physical line.
                    self.line_break(range.start..range.start);
                }
            }
            Tag::List(start) => {
                self.flush_block();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush_block();
                let number = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let number = *n;
                        *n += 1;
                        Some(number)
                    }
                    _ => None,
                };
                self.items.push(ItemState { number, lines: 0 });
                self.begin_block(Block::Item);
            }
            Tag::Table(_) => self.start_table(),
            Tag::TableHead => self.start_table_head(range),
            Tag::TableRow => self.start_table_row(range),
            Tag::TableCell => self.start_table_cell(range),
            Tag::Strong => self.line.open_strong(),
            // An autolink's text is its target: nothing to keep beside it.
            Tag::Link {
                link_type,
                dest_url,
                ..
            } if link_type != LinkType::Autolink && link_type != LinkType::Email => {
                self.line.open_link(&dest_url, self.src, range)
            }
            Tag::CodeBlock(_) | Tag::Image { .. } | Tag::MetadataBlock(_) => {
                self.flush_block();
                self.skip = 1;
            }
            Tag::HtmlBlock | Tag::BlockQuote(_) => self.flush_block(),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) => {
                let (level, start) = self.heading.take().unwrap_or((1, 0));
                self.heading_line(level, start);
            }
            TagEnd::Paragraph if self.items.is_empty() => self.flush_block(),
            TagEnd::Item => {
                self.flush_block();
                self.items.pop();
            }
            TagEnd::List(_) => {
                self.flush_block();
                self.lists.pop();
                if self
                    .shared_parts
                    .is_some_and(|(_, depth)| depth > self.lists.len())
                {
                    self.shared_parts = None;
                }
            }
            TagEnd::TableCell => self.end_table_cell(),
            TagEnd::TableHead => self.end_table_head(),
            TagEnd::TableRow => self.end_table_row(),
            TagEnd::Table => self.end_table(),
            TagEnd::Strong => self.line.close_strong(),
            TagEnd::Link => self.line.close_link(),
            _ => {}
        }
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if self.block.is_none() {
            // Text directly in a tight list item after a nested list, or in a block quote.
            self.begin_block(if self.items.is_empty() {
                Block::Paragraph
            } else {
                Block::Item
            });
        }
        self.line.push(text, self.src, range);
    }

    fn line_break(&mut self, range: Range<usize>) {
        if self.block.is_some() {
            self.line.push(" ", self.src, range);
            self.breaks.push(self.line.text.len());
        }
    }

    fn html(&mut self, html: &str, range: Range<usize>) {
        // Any comment may be a suppression, or a misspelt one that must not pass unread.
        if html.contains("<!--") {
            self.read_comments(range.clone());
        }
        let trimmed = html.trim_start();
        if trimmed.starts_with("<!--") {
            return;
        }
        if self.block.is_some() {
            let tag = trimmed.to_ascii_lowercase();
            if tag.starts_with("<br") {
                self.line_break(range);
            } else if trimmed.starts_with('<') && !trimmed.starts_with("</") {
                // `<name>` and `<team>` are placeholders people write; keep them as text.
                self.line.push(html, self.src, range);
            }
        }
    }

    /// Find `<!-- ownlint-… -->` comments, and the ones that look like them, in a piece of HTML.
    fn read_comments(&mut self, range: Range<usize>) {
        let mut at = range.start;
        while let Some(open) = self.src[at..range.end].find("<!--") {
            let body_start = at + open + 4;
            let Some(close) = self.src[body_start..].find("-->") else {
                break;
            };
            let body_end = body_start + close;
            let comment = Span::new(at + open, body_end + 3);
            match suppress::read_directive(self.src, comment, body_start, body_end) {
                Some(Comment::Directive(raw)) => self.raw_suppressions.push(raw),
                Some(Comment::Unknown(unknown)) => self.doc.unknown_directives.push(unknown),
                None => {}
            }
            at = body_end + 3;
            if at >= range.end {
                break;
            }
        }
    }

    fn begin_block(&mut self, block: Block) {
        self.line.clear();
        self.breaks.clear();
        self.block = Some(block);
    }

    /// A rule (`---`) ends whatever a label was collecting.
    fn block_boundary(&mut self) {
        self.flush_block();
        if let Some(b) = self.innermost_domain() {
            b.pending = None;
        }
    }

    /// Read the lines of the block that just ended.
    fn flush_block(&mut self) {
        let Some(block) = self.block.take() else {
            return;
        };
        if block == Block::Cell || block == Block::Heading || self.line.is_blank() {
            self.line.clear();
            self.breaks.clear();
            return;
        }
        let depth = self.lists.len();
        // Group physical lines into logical ones: a line that does not start with a label
        // continues the one before. Most blocks are one line.
        let mut logical: SmallVec<[Range<usize>; 4]> = SmallVec::new();
        let text_len = self.line.text.len();
        for i in 0..=self.breaks.len() {
            let s = if i == 0 { 0 } else { self.breaks[i - 1] };
            let e = self.breaks.get(i).map_or(text_len, |&next| next - 1);
            let starts_field = i == 0 || self.label_at(s..e, true).is_some();
            match logical.last_mut() {
                Some(last) if !starts_field => last.end = e,
                _ => logical.push(s..e),
            }
        }
        for range in logical {
            let (item_head, number) = match self.items.last_mut() {
                Some(item) if block == Block::Item => {
                    item.lines += 1;
                    (item.lines == 1, item.number)
                }
                _ => (false, None),
            };
            let ctx = LineCtx {
                block,
                depth,
                item_head,
                number,
            };
            self.logical_line(range, ctx);
        }
        self.line.clear();
        self.breaks.clear();
    }

    fn logical_line(&mut self, range: Range<usize>, ctx: LineCtx) {
        match self.sections.last().map(|s| &s.kind) {
            Some(Kind::Candidate(_)) | Some(Kind::FieldHeading { .. }) => {
                self.domain_line(range, ctx)
            }
            Some(Kind::Ladder(ladder)) => {
                let ladder = *ladder;
                self.ladder_line(ladder, None, range, ctx)
            }
            Some(Kind::LadderLevel(ladder, level)) => {
                let (ladder, level) = (*ladder, *level);
                self.ladder_line(ladder, Some(level), range, ctx)
            }
            Some(Kind::Shared) => self.shared_line(None, range, ctx),
            Some(Kind::SharedDecl(decl)) => {
                let decl = *decl;
                self.shared_line(Some(decl), range, ctx)
            }
            Some(Kind::LooseField(kind)) => {
                if ctx.item_head || ctx.block == Block::Paragraph {
                    let entry = (*kind, self.line.text(self.src, range));
                    self.loose_entries.push(entry);
                }
            }
            Some(Kind::Container) | Some(Kind::Excluded) | None => {}
        }
    }

    fn finish(mut self) -> Document<'s> {
        self.flush_block();
        while !self.sections.is_empty() {
            self.close_section();
        }
        self.doc.ladders.retain(|l| !l.levels.is_empty());
        self.doc.domains.sort_by_key(|d| d.span.start);
        // A single-entity document: SLO tables outside the domain's section are its SLOs.
        if let [domain] = &mut self.doc.domains[..]
            && domain.has_body()
        {
            domain.slos.append(&mut self.loose_slos);
            for (kind, text) in self.loose_entries.drain(..) {
                add_entry(domain, kind, text, Vec::new());
            }
        }
        self.doc.suppressions = suppress::resolve(self.src, self.raw_suppressions);
        self.doc
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_only_at_the_start() {
        assert_eq!(body_start("---\ntitle: x\n---\n# A"), 17);
        assert_eq!(body_start("# A\n---\nb: c\n---\n"), 0);
        assert_eq!(body_start("---\nunclosed"), 0);
        assert_eq!(body_start("\u{feff}# A"), 3);
    }
}
