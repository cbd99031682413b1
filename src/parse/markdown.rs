//! Markdown → model, in one pass over pulldown-cmark's events with offsets.
//!
//! The reader keeps a stack of open heading sections and decides what each one is from its
//! title and its parent: a domain candidate, a container of domains (`Domain Ownership`), the
//! escalation ladder, the shared-ownership exception, or prose (`Ownership Principles`,
//! `Notes`). Inline content is flattened into [`Line`]s; a block's lines are grouped into
//! logical lines (a line that does not start with a label continues the one before), and each
//! logical line is read as fields (`**Owner:** Team`), list entries, ladder levels or
//! shared-ownership parts depending on the section it is in.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use smallvec::SmallVec;

use super::labels::{LabelTable, RecentLabels, normalize, with_normalized};
use super::line::Line;
use super::slo::{slo, slo_from_item};
use super::suppress::{self, RawSuppression};
use crate::model::{
    Boundary, Document, Domain, DomainOrigin, EscalationLadder, Field, FieldKind, FieldLabel,
    LadderLevel, SharedOwnership, Slo, Text, UnknownField,
};
use crate::source::{FileId, Span};

/// The pulldown-cmark options ownlint reads Markdown with: tables on, smart punctuation off.
pub fn options() -> Options {
    Options::ENABLE_TABLES
}

/// Where the Markdown body starts: after a byte-order mark and front matter, which is only
/// recognised at the very start of the file.
pub fn body_start(src: &str) -> usize {
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
pub fn parse_with_pulldown<'s>(file: FileId, src: &'s str, labels: &LabelTable) -> Document<'s> {
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
pub fn pulldown_events(
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

/// Where list items at some depth go.
#[derive(Clone, Copy, Debug)]
struct Pending {
    /// `None` for a label ownlint does not check: its items are swallowed.
    kind: Option<FieldKind>,
    depth: usize,
}

struct DomainBuilder<'s> {
    domain: Domain<'s>,
    /// The section has a domain field (or a near miss of one).
    marked: bool,
    under_container: bool,
    has_child_domain: bool,
    unknown: Vec<UnknownField<'s>>,
    pending: Option<Pending>,
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

#[derive(Default)]
struct TableState<'s> {
    header: Vec<Text<'s>>,
    rows: Vec<(Span, Vec<Text<'s>>)>,
    row: Vec<Text<'s>>,
    /// Whether the row has cells that pulldown-cmark padded (a group row).
    row_padded: bool,
    in_head: bool,
}

/// A label found at the start of a line: its text range and where its value starts.
struct LabelAt {
    label: Range<usize>,
    value_start: usize,
    bold: bool,
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
            Tag::Table(_) => {
                self.flush_block();
                self.table = Some(TableState::default());
            }
            Tag::TableHead => {
                if let Some(t) = &mut self.table {
                    t.in_head = true;
                }
            }
            Tag::TableRow => self.row_span = trim_line_end(self.src, range),
            Tag::TableCell => {
                self.cell_range = range.clone();
                if range.is_empty()
                    && let Some(t) = &mut self.table
                {
                    t.row_padded = true;
                }
                self.begin_block(Block::Cell);
            }
            Tag::Strong => self.line.open_strong(),
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
            TagEnd::TableCell => {
                let cell = self.cell_text();
                if let Some(t) = &mut self.table {
                    t.row.push(cell);
                }
                self.block = None;
            }
            TagEnd::TableHead => {
                if let Some(t) = &mut self.table {
                    t.header = std::mem::take(&mut t.row);
                    t.in_head = false;
                    t.row_padded = false;
                }
            }
            TagEnd::TableRow => {
                if let Some(t) = &mut self.table {
                    let row = std::mem::take(&mut t.row);
                    if !t.row_padded {
                        t.rows.push((self.row_span, row));
                    }
                    t.row_padded = false;
                }
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    self.on_table(table);
                }
            }
            TagEnd::Strong => self.line.close_strong(),
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
        if html.contains("ownlint-") {
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

    /// Find `<!-- ownlint-… -->` comments in a piece of HTML.
    fn read_comments(&mut self, range: Range<usize>) {
        let mut at = range.start;
        while let Some(open) = self.src[at..range.end].find("<!--") {
            let body_start = at + open + 4;
            let Some(close) = self.src[body_start..].find("-->") else {
                break;
            };
            let body_end = body_start + close;
            let comment = Span::new(at + open, body_end + 3);
            if let Some(raw) = suppress::read_directive(self.src, comment, body_start, body_end) {
                self.raw_suppressions.push(raw);
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

    fn cell_text(&mut self) -> Text<'s> {
        let text = self.line.full_text(self.src);
        self.line.clear();
        if text.is_empty() {
            // An empty cell: an empty value where the cell is.
            Text::new("", Span::new(self.cell_range.start, self.cell_range.end))
        } else {
            text
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

    /// A label at the start of `range`: `**Label:** value`, `**Label**: value` or a plain
    /// `Label: value` when the label is one ownlint knows (or, with `near`, nearly).
    fn label_at(&self, range: Range<usize>, near: bool) -> Option<LabelAt> {
        let text = &self.line.text;
        let lead = text[range.clone()].len() - text[range.clone()].trim_start().len();
        let start = range.start + lead;
        if let Some(strong) = self
            .line
            .strong
            .iter()
            .find(|s| s.start == start && s.end <= range.end)
        {
            let inner = text[strong.clone()].trim_end();
            if let Some(label) = inner.strip_suffix(':') {
                return Some(LabelAt {
                    label: start..start + label.trim_end().len(),
                    value_start: strong.end,
                    bold: true,
                });
            }
            let after = &text[strong.end..range.end];
            if let Some(rest) = after.trim_start().strip_prefix(':') {
                return Some(LabelAt {
                    label: strong.start..strong.start + inner.len(),
                    value_start: range.end - rest.len(),
                    bold: true,
                });
            }
            return None;
        }
        let line = &text[start..range.end];
        // A label is short: only its first bytes can hold the colon that ends it.
        let window = &line.as_bytes()[..line.len().min(self.labels.longest_label())];
        let colon = memchr::memchr(b':', window)?;
        let label = line[..colon].trim_end();
        if !looks_like_label(label) {
            return None;
        }
        let known =
            self.labels.lookup(label).is_some() || (near && self.labels.closest(label).is_some());
        known.then(|| LabelAt {
            label: start..start + label.len(),
            value_start: start + colon + 1,
            bold: false,
        })
    }

    /// Split a logical line into its fields: `**Owner:** A **SLOs:** B` is two.
    fn fields_in(&self, range: Range<usize>, near: bool) -> SmallVec<[(LabelAt, Range<usize>); 2]> {
        let mut fields = SmallVec::new();
        let Some(first) = self.label_at(range.clone(), near) else {
            return fields;
        };
        let mut current = first;
        loop {
            let value = current.value_start..range.end;
            match self.next_label(value.clone()) {
                Some((value_end, next)) => {
                    fields.push((current, value.start..value_end));
                    current = next;
                }
                None => {
                    fields.push((current, value));
                    return fields;
                }
            }
        }
    }

    /// The next known label inside a value: a bold label, or a plain one after ` — `, ` – `
    /// or ` | `. Returns where the value ends and the label.
    fn next_label(&self, value: Range<usize>) -> Option<(usize, LabelAt)> {
        let text = &self.line.text;
        let bold = self
            .line
            .strong
            .iter()
            .filter(|s| s.start > value.start && s.end <= value.end)
            .find_map(|s| {
                let label = self.label_at(s.start..value.end, false)?;
                let name = &text[label.label.clone()];
                self.labels
                    .lookup(name)
                    .map(|_| (trim_separator(text, value.start, s.start), label))
            });
        // ` — `, ` – ` and ` | ` only need looking for where a `|` or a dash's first byte is.
        let value_bytes = &text.as_bytes()[value.clone()];
        let may_have_separator = value_bytes.iter().any(|&b| b == b'|' || b == 0xE2);
        let plain = [" — ", " – ", " | "]
            .iter()
            .filter(|_| may_have_separator)
            .find_map(|sep| {
                let at = text[value.clone()].find(sep)? + value.start;
                let label = self.label_at(at + sep.len()..value.end, false)?;
                self.labels
                    .lookup(&text[label.label.clone()])
                    .map(|_| (at, label))
            });
        match (bold, plain) {
            (Some(b), Some(p)) => Some(if b.0 <= p.0 { b } else { p }),
            (b, p) => b.or(p),
        }
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

    // ----- domains -----------------------------------------------------------------------

    fn innermost_domain(&mut self) -> Option<&mut DomainBuilder<'s>> {
        let index = match self.sections.last()? {
            Section {
                kind: Kind::FieldHeading { domain, .. },
                ..
            } => *domain,
            _ => self.sections.len() - 1,
        };
        match &mut self.sections.get_mut(index)?.kind {
            Kind::Candidate(b) => Some(b),
            _ => None,
        }
    }

    fn domain_line(&mut self, range: Range<usize>, ctx: LineCtx) {
        let in_entry_list = self
            .innermost_domain()
            .and_then(|b| b.pending)
            .is_some_and(|p| ctx.item_head && p.depth == ctx.depth);
        let fields = self.fields_in(range.clone(), !in_entry_list);
        let src = self.src;
        if !fields.is_empty() {
            let pending_depth = ctx.depth + 1;
            let mut read: SmallVec<[_; 2]> = SmallVec::new();
            for (label, value) in fields {
                let label_text = self.line.text(src, label.label.clone());
                let value_text = self.line.text(src, value.clone());
                let kind = self.labels.lookup(label_text.as_str());
                let near = kind
                    .is_none()
                    .then(|| self.labels.closest(label_text.as_str()))
                    .flatten();
                // Inside a list of entries only exact labels start fields: an SLO named
                // `Slots` is an entry, not a misspelt `SLOs`.
                if in_entry_list && kind.is_none() {
                    read.clear();
                    break;
                }
                if kind.is_none() && near.is_none() && !label.bold {
                    read.clear();
                    break;
                }
                read.push((
                    label_text,
                    value_text,
                    kind,
                    near.map(|(s, _)| s.to_owned()),
                ));
            }
            if !read.is_empty() {
                let Some(b) = self.innermost_domain() else {
                    return;
                };
                let mut last_kind = None;
                let mut last_empty = false;
                for (label, value, kind, near) in read {
                    last_empty = value.is_empty();
                    last_kind = kind;
                    match kind {
                        Some(kind) => b.add_field(kind, label, value),
                        None => {
                            if let Some(near) = near {
                                b.marked = true;
                                b.unknown.push(UnknownField {
                                    label,
                                    suggestion: Some(super::labels::display_label(&near, false)),
                                });
                            }
                        }
                    }
                }
                b.pending = last_empty.then_some(Pending {
                    kind: last_kind,
                    depth: pending_depth,
                });
                return;
            }
        }
        let field_heading = match self.sections.last() {
            Some(Section {
                kind: Kind::FieldHeading { kind, .. },
                ..
            }) => Some(*kind),
            _ => None,
        };
        let text = self.line.text(src, range);
        let Some(b) = self.innermost_domain() else {
            return;
        };
        match (ctx.block, b.pending) {
            (Block::Item, Some(p)) if ctx.item_head && p.depth == ctx.depth => {
                if let Some(kind) = p.kind {
                    b.add_entry(kind, text);
                }
            }
            _ if field_heading.is_some() => {
                if let Some(kind) = field_heading
                    && (ctx.item_head || ctx.block == Block::Paragraph)
                {
                    b.add_entry(kind, text);
                }
            }
            // Prose or a list at a shallower depth: the label's list is over.
            (Block::Item, Some(p)) if ctx.item_head && ctx.depth < p.depth => b.pending = None,
            (Block::Paragraph, Some(p)) if ctx.depth < p.depth => b.pending = None,
            _ => {}
        }
    }

    // ----- headings and sections ------------------------------------------------------------

    fn heading_line(&mut self, level: u8, start: usize) {
        let title = clean_title(&self.line.full_text(self.src));
        let heading_span = Span::new(start, self.line.whole_span().end.max(start as u32) as usize);
        self.line.clear();
        self.breaks.clear();
        self.block = None;
        // Close the sections this heading ends.
        while self.sections.last().is_some_and(|s| s.level >= level) {
            self.close_section();
        }
        let class = classify_title(title.as_str());
        let parent = self.sections.last().map(|s| &s.kind);
        // A heading named like a field (`#### SLOs`) belongs to the domain above it, when
        // that section is a domain already; under plain prose it is just a heading.
        let domain_index = self
            .sections
            .iter()
            .rposition(|s| matches!(&s.kind, Kind::Candidate(b) if b.marked || b.under_container));
        let field = self
            .labels
            .lookup(title.as_str())
            .filter(|k| *k != FieldKind::Name);
        let kind = match parent {
            Some(Kind::Excluded) => Kind::Excluded,
            // `#### Escalation` inside a domain is its escalation field, not a ladder.
            _ if class == TitleClass::Ladder && !(domain_index.is_some() && field.is_some()) => {
                self.doc.ladders.push(EscalationLadder {
                    file: self.file,
                    span: heading_span,
                    levels: Vec::new(),
                });
                Kind::Ladder(self.doc.ladders.len() - 1)
            }
            Some(Kind::Ladder(l)) | Some(Kind::LadderLevel(l, _)) => {
                let ladder = *l;
                match parse_level(title.as_str()) {
                    Some((number, roles_at)) => {
                        let roles = split_roles(&title.slice(roles_at..title.as_str().len()));
                        let levels = &mut self.doc.ladders[ladder].levels;
                        levels.push(LadderLevel {
                            number: Some(number),
                            span: heading_span,
                            roles,
                            duties: Vec::new(),
                        });
                        Kind::LadderLevel(ladder, levels.len() - 1)
                    }
                    None => Kind::Excluded,
                }
            }
            Some(Kind::Shared) | Some(Kind::SharedDecl(_)) => {
                match self.declaration(&title, heading_span) {
                    Some(decl) => Kind::SharedDecl(decl),
                    None => Kind::Excluded,
                }
            }
            _ if class == TitleClass::Shared => Kind::Shared,
            _ if class == TitleClass::Excluded => Kind::Excluded,
            _ if class == TitleClass::Container => Kind::Container,
            _ => match (domain_index, field) {
                (Some(domain), Some(kind)) => {
                    if let Kind::Candidate(b) = &mut self.sections[domain].kind {
                        b.domain.labels.push(FieldLabel {
                            kind,
                            span: title.span,
                        });
                        b.marked |= kind.marks_domain();
                        b.pending = None;
                        b.open_field(kind, title.span, Text::empty_at(title.span.end as usize));
                    }
                    Kind::FieldHeading { domain, kind }
                }
                (
                    None,
                    Some(
                        kind @ (FieldKind::Slos
                        | FieldKind::IncidentAuthority
                        | FieldKind::Responsibilities),
                    ),
                ) => Kind::LooseField(kind),
                _ => {
                    let under_container = matches!(parent, Some(Kind::Container));
                    let domain = Domain::new(self.file, title, heading_span, DomainOrigin::Section);
                    Kind::Candidate(Box::new(DomainBuilder {
                        domain,
                        marked: false,
                        under_container,
                        has_child_domain: false,
                        unknown: Vec::new(),
                        pending: None,
                    }))
                }
            },
        };
        self.sections.push(Section { level, kind });
    }

    fn close_section(&mut self) {
        let Some(section) = self.sections.pop() else {
            return;
        };
        if let Kind::Candidate(b) = section.kind {
            let is_domain = b.marked || (b.under_container && !b.has_child_domain);
            if is_domain {
                if let Some(Section {
                    kind: Kind::Candidate(parent),
                    ..
                }) = self.sections.last_mut()
                {
                    parent.has_child_domain = true;
                }
                let b = *b;
                self.doc.unknown_fields.extend(b.unknown);
                self.doc.domains.push(b.domain);
            } else if let Some(Section {
                kind: Kind::Candidate(parent),
                ..
            }) = self.sections.last_mut()
            {
                parent.has_child_domain |= b.has_child_domain;
            }
        }
    }

    // ----- tables ----------------------------------------------------------------------------

    fn on_table(&mut self, table: TableState<'s>) {
        if matches!(
            self.sections.last().map(|s| &s.kind),
            Some(Kind::Excluded | Kind::Shared | Kind::SharedDecl(_))
        ) {
            return;
        }
        let column = |pred: &dyn Fn(&str) -> bool| {
            table
                .header
                .iter()
                .position(|h| pred(&normalize(h.as_str())))
        };
        // `| Metric | Target |`: a table of SLOs, for the domain it sits in, or for the
        // document's only domain when it sits in a section of its own (`## SLOs`).
        let slo_name_col = column(&|h| {
            matches!(
                h,
                "metric"
                    | "slo"
                    | "sli"
                    | "indicator"
                    | "service level indicator"
                    | "objective name"
            )
        });
        let target_col = column(&|h| {
            matches!(
                h,
                "target" | "objective" | "slo target" | "threshold" | "goal"
            )
        });
        if let (Some(name_col), Some(target_col)) = (slo_name_col, target_col) {
            let slos: Vec<Slo<'s>> = table
                .rows
                .iter()
                .filter_map(|(span, row)| {
                    let name = row.get(name_col).filter(|n| !n.is_empty())?;
                    let target = row.get(target_col)?;
                    Some(slo(name.clone(), target.clone(), *span))
                })
                .collect();
            match self
                .innermost_domain()
                .filter(|b| b.marked || b.under_container)
            {
                Some(b) => b.domain.slos.extend(slos),
                None => self.loose_slos.extend(slos),
            }
            return;
        }
        if let Some(Kind::Ladder(ladder)) = self.sections.last().map(|s| &s.kind) {
            let ladder = *ladder;
            let level_col = column(&|h| matches!(h, "level" | "tier" | "step"));
            let role_col = column(&|h| {
                matches!(
                    h,
                    "role" | "roles" | "escalation to" | "escalate to" | "who" | "contact"
                )
            });
            if let (Some(level_col), Some(role_col)) = (level_col, role_col) {
                for (span, row) in table.rows {
                    let number = row.get(level_col).and_then(|c| leading_number(c.as_str()));
                    let roles = row.get(role_col).map(split_roles).unwrap_or_default();
                    self.doc.ladders[ladder].levels.push(LadderLevel {
                        number,
                        span,
                        roles,
                        duties: Vec::new(),
                    });
                }
            }
            return;
        }
        let name_col = column(&|h| {
            matches!(
                h,
                "domain"
                    | "service"
                    | "component"
                    | "system"
                    | "area"
                    | "name"
                    | "domain name"
                    | "service name"
            )
        });
        let owner_col = column(&|h| self.labels.lookup(h) == Some(FieldKind::Owner));
        let (Some(name_col), Some(owner_col)) = (name_col, owner_col) else {
            return;
        };
        let escalation_col =
            column(&|h| self.labels.lookup(h) == Some(FieldKind::EscalationContact));
        for (span, row) in table.rows {
            let Some(name) = row.get(name_col).filter(|n| !n.is_empty()) else {
                continue;
            };
            let mut domain = Domain::new(self.file, name.clone(), span, DomainOrigin::TableRow);
            let cell_field = |col: usize, kind: FieldKind, domain: &mut Domain<'s>| {
                let header = &table.header[col];
                let value = row
                    .get(col)
                    .cloned()
                    .unwrap_or_else(|| Text::empty_at(span.end as usize));
                domain.labels.push(FieldLabel {
                    kind,
                    span: header.span,
                });
                let field = Field {
                    label: header.span,
                    value,
                    items: Vec::new(),
                };
                match kind {
                    FieldKind::Owner => domain.owners.push(field),
                    _ => domain.escalation_contacts.push(field),
                }
            };
            cell_field(owner_col, FieldKind::Owner, &mut domain);
            if let Some(col) = escalation_col {
                cell_field(col, FieldKind::EscalationContact, &mut domain);
            }
            self.doc.domains.push(domain);
        }
    }

    // ----- escalation ladder -----------------------------------------------------------------

    fn ladder_line(
        &mut self,
        ladder: usize,
        level: Option<usize>,
        range: Range<usize>,
        ctx: LineCtx,
    ) {
        let text = self.line.text(self.src, range);
        let levels = &mut self.doc.ladders[ladder].levels;
        // `1. **Level 1**: Platform Team (0-15 min)` or `- Level 2: Engineering Manager`
        if ctx.item_head && ctx.depth == 1 {
            let parsed = parse_level(text.as_str()).or_else(|| {
                ctx.number
                    .filter(|_| level.is_none())
                    .map(|n| (n as u32, 0))
            });
            if let Some((number, roles_at)) = parsed
                && level.is_none()
            {
                let roles = split_roles(&text.slice(roles_at..text.as_str().len()));
                levels.push(LadderLevel {
                    number: Some(number),
                    span: text.span,
                    roles,
                    duties: Vec::new(),
                });
                return;
            }
        }
        // `NOC Lead -> Ops Manager -> CTO`
        if level.is_none() && ctx.block == Block::Paragraph {
            let parts = arrow_chain(text.as_str());
            if parts.len() > 1 {
                for (i, part) in parts.into_iter().enumerate() {
                    let role = text.slice(part).trimmed();
                    if !role.is_empty() {
                        levels.push(LadderLevel {
                            number: Some(i as u32 + 1),
                            span: role.span,
                            roles: vec![role],
                            duties: Vec::new(),
                        });
                    }
                }
                return;
            }
        }
        let target = level.or_else(|| {
            (ctx.depth > 1)
                .then(|| levels.len().checked_sub(1))
                .flatten()
        });
        if let Some(index) = target
            && ctx.block == Block::Item
            && let Some(level) = levels.get_mut(index)
        {
            level.duties.push(text);
        }
    }

    // ----- shared ownership --------------------------------------------------------------------

    /// A declaration from a heading or list item `Subscriptions + Payments: scope`.
    fn declaration(&mut self, text: &Text<'s>, span: Span) -> Option<usize> {
        let s = text.as_str();
        let (names_end, scope) = match s.find(':') {
            Some(colon) => (colon, Some(text.slice(colon + 1..s.len()).trimmed())),
            None => (s.len(), None),
        };
        let names = &s[..names_end];
        let separator = "+";
        if !names.contains(separator) {
            return None;
        }
        let mut domains = Vec::new();
        let mut at = 0;
        for part in names.split(separator) {
            let t = text.slice(at..at + part.len()).trimmed();
            at += part.len() + separator.len();
            if !t.is_empty() {
                domains.push(t);
            }
        }
        if domains.len() < 2 {
            return None;
        }
        self.doc.shared.push(SharedOwnership {
            file: self.file,
            span,
            domains,
            scope: scope.filter(|s| !s.is_empty()),
            sla: None,
            boundaries: Vec::new(),
            escalation: None,
            sync: None,
        });
        Some(self.doc.shared.len() - 1)
    }

    fn shared_line(&mut self, heading_decl: Option<usize>, range: Range<usize>, ctx: LineCtx) {
        let text = self.line.text(self.src, range);
        if ctx.block == Block::Item && ctx.item_head {
            if let Some((decl, depth)) = self.shared_parts
                && ctx.depth == depth
            {
                add_shared_part(&mut self.doc.shared[decl], &text);
                return;
            }
            if let Some(decl) = self.declaration(&text, text.span) {
                self.shared_parts = Some((decl, ctx.depth + 1));
                return;
            }
        }
        if let Some(decl) = heading_decl
            && (ctx.item_head || ctx.block == Block::Paragraph)
        {
            add_shared_part(&mut self.doc.shared[decl], &text);
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
                add_entry(domain, kind, text);
            }
        }
        self.doc.suppressions = suppress::resolve(self.src, self.raw_suppressions);
        self.doc
    }
}

impl<'s> DomainBuilder<'s> {
    fn add_field(&mut self, kind: FieldKind, label: Text<'s>, value: Text<'s>) {
        self.domain.labels.push(FieldLabel {
            kind,
            span: label.span,
        });
        self.marked |= kind.marks_domain();
        let value = match kind {
            FieldKind::Owner | FieldKind::EscalationContact => trim_trailing_period(value),
            _ => value,
        };
        self.open_field(kind, label.span, value);
    }

    /// Start a field: single-valued fields get a [`Field`], list fields take the inline value
    /// as their first entries.
    fn open_field(&mut self, kind: FieldKind, label: Span, value: Text<'s>) {
        match kind {
            FieldKind::Owner => self.domain.owners.push(Field {
                label,
                value,
                items: Vec::new(),
            }),
            FieldKind::EscalationContact => self.domain.escalation_contacts.push(Field {
                label,
                value,
                items: Vec::new(),
            }),
            FieldKind::Name if !value.is_empty() => self.domain.name = value,
            FieldKind::OwnershipTransfer => {
                self.domain.transfer = Some(Field {
                    label,
                    value,
                    items: Vec::new(),
                })
            }
            FieldKind::Slos | FieldKind::IncidentAuthority | FieldKind::Responsibilities
                if !value.is_empty() =>
            {
                let separators: &[char] = match kind {
                    FieldKind::Responsibilities => &[',', ';'],
                    _ => &[';'],
                };
                for part in split_text(&value, separators) {
                    self.add_entry(kind, part);
                }
            }
            _ => {}
        }
    }

    /// A list item under a field label.
    fn add_entry(&mut self, kind: FieldKind, text: Text<'s>) {
        add_entry(&mut self.domain, kind, text);
    }
}

/// A list item under a field label, added to a domain.
fn add_entry<'s>(domain: &mut Domain<'s>, kind: FieldKind, text: Text<'s>) {
    if text.is_empty() {
        return;
    }
    match kind {
        FieldKind::Owner => push_item(&mut domain.owners, text),
        FieldKind::EscalationContact => push_item(&mut domain.escalation_contacts, text),
        FieldKind::Slos => domain.slos.push(slo_from_item(&text)),
        FieldKind::IncidentAuthority => domain.incident_authority.push(text),
        FieldKind::Responsibilities => domain.responsibilities.push(text),
        _ => {}
    }
}

/// An item of a single-valued field written as a list (`**Owners:**` and a list below).
fn push_item<'s>(fields: &mut Vec<Field<'s>>, text: Text<'s>) {
    if fields.is_empty() {
        fields.push(Field {
            label: text.span,
            value: Text::empty_at(text.span.start as usize),
            items: Vec::new(),
        });
    }
    if let Some(field) = fields.last_mut() {
        field.items.push(trim_trailing_period(text));
    }
}

/// One sub-item of a shared-ownership declaration.
fn add_shared_part<'s>(decl: &mut SharedOwnership<'s>, text: &Text<'s>) {
    let s = text.as_str();
    let Some(colon) = s.find(':') else {
        let lower = s.to_lowercase();
        if lower.contains("sync") || lower.contains("meeting") {
            decl.sync = Some(text.trimmed());
        }
        return;
    };
    let label = text.slice(0..colon).trimmed();
    let value = text.slice(colon + 1..s.len()).trimmed();
    let part = with_normalized(label.as_str(), |key| match key {
        "shared sla" | "sla" | "shared slo" | "joint sla" => SharedPart::Sla,
        "escalation path" | "escalation paths" | "escalation" | "escalation contact"
        | "escalate to" => SharedPart::Escalation,
        "sync" | "sync meeting" | "sync meetings" | "sync cadence" | "cadence" | "meetings"
        | "regular sync" => SharedPart::Sync,
        "scope" => SharedPart::Scope,
        _ => SharedPart::Boundary,
    });
    match part {
        SharedPart::Sla => decl.sla = Some(slo_from_item(&value)),
        SharedPart::Escalation => decl.escalation = Some(value),
        SharedPart::Sync => decl.sync = Some(value),
        SharedPart::Scope => decl.scope = Some(value),
        SharedPart::Boundary => decl.boundaries.push(Boundary {
            party: label,
            part: value,
        }),
    }
}

/// What a `Label: value` line of a shared-ownership declaration gives.
enum SharedPart {
    Sla,
    Escalation,
    Sync,
    Scope,
    Boundary,
}

/// Split a value at separators, keeping spans.
fn split_text<'s>(text: &Text<'s>, separators: &[char]) -> Vec<Text<'s>> {
    let s = text.as_str();
    let mut out = Vec::new();
    let mut at = 0;
    for part in s.split(separators) {
        let t = text.slice(at..at + part.len()).trimmed();
        at += part.len() + 1;
        if !t.is_empty() {
            out.push(t);
        }
    }
    out
}

fn trim_trailing_period(text: Text<'_>) -> Text<'_> {
    let s = text.as_str();
    if s.ends_with('.') && !s.ends_with("..") {
        text.slice(0..s.len() - 1).trimmed()
    } else {
        text
    }
}

fn trim_separator(text: &str, start: usize, end: usize) -> usize {
    let part = &text[start..end];
    let trimmed = part
        .trim_end()
        .trim_end_matches(['—', '–', '|', '-'])
        .trim_end();
    start + trimmed.len()
}

/// Whether a plain `Label:` prefix can be a label: a few words of letters.
fn looks_like_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 40
        && label.split_whitespace().count() <= 4
        && label
            .chars()
            .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '_' || c == '/')
}

/// A heading's name: numbering (`1.`, `3.1.1`), emoji and decoration removed.
fn clean_title<'s>(title: &Text<'s>) -> Text<'s> {
    let s = title.as_str();
    let mut start = s.len() - s.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    // Numbering: digits and dots followed by white space.
    let rest = &s[start..];
    let number_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(0);
    if number_len > 0 && rest[number_len..].starts_with(char::is_whitespace) {
        start += number_len;
        start += s[start..].len()
            - s[start..]
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
    }
    let end = s
        .trim_end_matches(|c: char| !(c.is_alphanumeric() || c == ')'))
        .len()
        .max(start);
    title.slice(start..end)
}

/// What a section title says the section is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TitleClass {
    Ladder,
    Shared,
    Excluded,
    Container,
    Other,
}

/// Classify a title by its normalised form, a parenthetical dropped
/// (`Shared Ownership (Exception)` is `shared ownership`).
fn classify_title(title: &str) -> TitleClass {
    let base = match title.find('(') {
        Some(i) if i > 0 => &title[..i],
        _ => title,
    };
    with_normalized(base, |key| {
        if is_ladder_title(key) {
            TitleClass::Ladder
        } else if key.starts_with("shared ownership") || key == "shared domains" {
            TitleClass::Shared
        } else if is_excluded_title(key) {
            TitleClass::Excluded
        } else if is_container_title(key) {
            TitleClass::Container
        } else {
            TitleClass::Other
        }
    })
}

fn is_ladder_title(key: &str) -> bool {
    matches!(
        key,
        "escalation ladder"
            | "escalation levels"
            | "escalation matrix"
            | "escalation policy"
            | "escalation path"
            | "escalation paths"
            | "escalation chain"
            | "escalation procedure"
            | "escalation"
    )
}

fn is_container_title(key: &str) -> bool {
    matches!(
        key,
        "domain ownership"
            | "domains"
            | "services"
            | "components"
            | "systems"
            | "service ownership"
            | "component ownership"
            | "domain owners"
            | "service owners"
            | "ownership map"
            | "ownership matrix"
            | "service catalog"
            | "domain catalog"
            | "system domains"
    )
}

fn is_excluded_title(key: &str) -> bool {
    matches!(
        key,
        "ownership principles"
            | "principles"
            | "notes"
            | "note"
            | "ownership transfer"
            | "ownership transfers"
            | "transfer of ownership"
            | "legend"
            | "glossary"
            | "contents"
            | "table of contents"
            | "toc"
            | "overview"
            | "introduction"
            | "purpose"
            | "background"
            | "references"
            | "see also"
            | "changelog"
            | "change log"
            | "history"
            | "revision history"
            | "document control"
            | "former maintainers"
            | "emeritus"
            | "faq"
            | "appendix"
            | "how to use"
            | "about"
            | "contributing"
            | "license"
    )
}

/// `Level 3: Platform Lead / Infrastructure Lead` → 3 and where the roles start.
fn parse_level(text: &str) -> Option<(u32, usize)> {
    let lower = text.to_ascii_lowercase();
    let after = ["level", "tier", "l", "step"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let after_ws = after.trim_start();
    let digits = after_ws
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after_ws.len());
    if digits == 0 {
        return None;
    }
    let number = after_ws[..digits].parse().ok()?;
    let rest = &after_ws[digits..];
    let sep = rest.len()
        - rest
            .trim_start_matches([':', '-', '–', '—', '.', ')', ' ', '*'])
            .len();
    Some((number, text.len() - rest.len() + sep))
}

/// The parts of `A -> B → C`, when the text is such a chain.
fn arrow_chain(s: &str) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '→' {
            parts.push(start..i);
            start = i + c.len_utf8();
        } else if s[i..].starts_with("->") {
            parts.push(start..i);
            start = i + 2;
        }
    }
    parts.push(start..s.len());
    parts
}

/// A span without the line ending at its end.
fn trim_line_end(src: &str, range: Range<usize>) -> Span {
    let text = &src[range.clone()];
    Span::new(
        range.start,
        range.start + text.trim_end_matches(['\n', '\r']).len(),
    )
}

fn leading_number(text: &str) -> Option<u32> {
    let digits: String = text
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Roles of a ladder level: split at ` / ` and `,`, a time qualifier in parentheses dropped.
fn split_roles<'s>(text: &Text<'s>) -> Vec<Text<'s>> {
    let s = text.as_str();
    let end = s.find('(').unwrap_or(s.len());
    let mut out = Vec::new();
    let mut at = 0;
    for part in s[..end].split(['/', ',']) {
        let t = text.slice(at..at + part.len()).trimmed();
        at += part.len() + 1;
        if !t.is_empty() {
            out.push(t);
        }
    }
    out
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

    #[test]
    fn levels_and_roles() {
        assert_eq!(parse_level("Level 3: Platform Lead"), Some((3, 9)));
        assert_eq!(parse_level("Tier 2 - Ops"), Some((2, 9)));
        assert_eq!(parse_level("Levels of care"), None);
        let t = Text::exact(
            "Platform Lead / Infrastructure Lead (30+ min)",
            Span::new(0, 45),
        );
        let roles: Vec<String> = split_roles(&t).iter().map(|r| r.text.to_string()).collect();
        assert_eq!(roles, ["Platform Lead", "Infrastructure Lead"]);
    }

    #[test]
    fn titles_lose_numbering_and_decoration() {
        let clean = |s: &'static str| {
            clean_title(&Text::exact(s, Span::new(0, s.len())))
                .text
                .to_string()
        };
        assert_eq!(clean("1. Payments Domain"), "Payments Domain");
        assert_eq!(clean("3.1.1 Search"), "Search");
        assert_eq!(clean("🏛️ SLO Governance"), "SLO Governance");
        assert_eq!(
            clean("Shared Ownership (Exception)"),
            "Shared Ownership (Exception)"
        );
        assert_eq!(
            classify_title("Shared Ownership (Exception)"),
            TitleClass::Shared
        );
    }
}
