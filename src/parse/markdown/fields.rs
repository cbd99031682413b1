//! Labels in a line and what they give a domain: a label at the start of a line
//! (`**Owner:** Team`, `Owner: Team`), the fields of a logical line, and the domain being
//! built from a section, with its fields and list entries.

use std::ops::Range;

use smallvec::SmallVec;

use super::{Block, Kind, LineCtx, Reader, Section};
use crate::model::{Domain, Field, FieldKind, FieldLabel, FoldedLabel, Link, Text, UnknownField};
use crate::parse::labels::display_label;
use crate::parse::slo::slo_from_item;
use crate::source::Span;

/// Where list items at some depth go.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pending {
    /// `None` for a label ownlint does not check: its items are swallowed.
    kind: Option<FieldKind>,
    depth: usize,
}

/// The domain a section may turn out to be, while its content is read.
pub(super) struct DomainBuilder<'s> {
    pub(super) domain: Domain<'s>,
    /// The section has a domain field (or a near miss of one).
    pub(super) marked: bool,
    pub(super) under_container: bool,
    pub(super) has_child_domain: bool,
    pub(super) unknown: Vec<UnknownField<'s>>,
    pub(super) pending: Option<Pending>,
}

/// A label found at the start of a line: its text range and where its value starts.
pub(super) struct LabelAt {
    label: Range<usize>,
    value_start: usize,
    bold: bool,
}

/// A field of a domain line, read before it is added: exact labels give a kind, near misses
/// of one a suggestion.
struct ReadField<'s> {
    label: Text<'s>,
    value: Text<'s>,
    /// The links written in the value.
    links: Vec<Link<'s>>,
    /// The entries of a list field's value (`**Paths:** `a/`, `b/``), each with its own place,
    /// taken from the line: the value with its markup removed only knows the whole span.
    parts: Vec<Text<'s>>,
    kind: Option<FieldKind>,
    near: Option<(String, FieldKind)>,
    /// Written bold (`**Label:**`): a label for sure, known or not.
    bold: bool,
}

impl<'s> Reader<'s, '_> {
    /// A label at the start of `range`: `**Label:** value`, `**Label**: value` or a plain
    /// `Label: value` when the label is one ownlint knows (or, with `near`, nearly).
    pub(super) fn label_at(&self, range: Range<usize>, near: bool) -> Option<LabelAt> {
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

    pub(super) fn innermost_domain(&mut self) -> Option<&mut DomainBuilder<'s>> {
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

    pub(super) fn domain_line(&mut self, range: Range<usize>, ctx: LineCtx) {
        let in_entry_list = self
            .innermost_domain()
            .and_then(|b| b.pending)
            .is_some_and(|p| ctx.item_head && p.depth == ctx.depth);
        // Filled in place: returned, the fields (two inline) would be copied on every line
        // of every domain.
        let mut read = SmallVec::new();
        self.read_fields(range.clone(), in_entry_list, &mut read);
        if !read.is_empty() {
            // A label below the first line of an entry of a list (no blank line before it)
            // is folded into that entry by CommonMark: it is read as the field it is, whose
            // entries are the list's next items, and said.
            let folded = ctx.block == Block::Item
                && !ctx.item_head
                && self
                    .innermost_domain()
                    .and_then(|b| b.pending)
                    .is_some_and(|p| p.depth == ctx.depth);
            if folded {
                let label = read[0].label.span;
                let line_start = self.src[..label.start as usize]
                    .rfind(['\n', '\r'])
                    .map_or(0, |i| i + 1);
                let indented = &self.src[line_start..];
                let indent = indented.len() - indented.trim_start_matches([' ', '\t']).len();
                self.doc.labels_in_list_items.push(FoldedLabel {
                    label,
                    indent: Span::new(line_start, line_start + indent),
                });
            }
            self.add_fields(
                read.drain(..),
                if folded { ctx.depth } else { ctx.depth + 1 },
            );
            return;
        }
        self.domain_entry_line(range, ctx);
    }

    /// The fields of a domain line into `read`, left empty when the line is not read as
    /// fields.
    fn read_fields(
        &self,
        range: Range<usize>,
        in_entry_list: bool,
        read: &mut SmallVec<[ReadField<'s>; 2]>,
    ) {
        let fields = self.fields_in(range, !in_entry_list);
        let src = self.src;
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
            let parts = match kind.map(list_separators) {
                Some(separators) if !separators.is_empty() && !value_text.is_exact() => {
                    self.split_line(value.clone(), separators)
                }
                _ => Vec::new(),
            };
            read.push(ReadField {
                label: label_text,
                value: value_text,
                links: self.line.links_in(src, value.clone()),
                parts,
                kind,
                near: near.map(|(s, kind)| (s.to_owned(), kind)),
                bold: label.bold,
            });
        }
    }

    /// The parts of a range of the line between separators, each trimmed, with its place.
    fn split_line(&self, range: Range<usize>, separators: &[char]) -> Vec<Text<'s>> {
        let mut parts = Vec::new();
        let mut at = range.start;
        for part in self.line.text[range.clone()].split(separators) {
            let text = self.line.text(self.src, at..at + part.len());
            at += part.len() + 1;
            if !text.is_empty() {
                parts.push(text);
            }
        }
        parts
    }

    /// Add the fields of a line to the innermost domain: known ones as fields, near misses as
    /// unknown fields with a suggestion. A last field without a value collects the list items
    /// at `pending_depth` below it.
    fn add_fields(&mut self, read: impl Iterator<Item = ReadField<'s>>, pending_depth: usize) {
        let Some(b) = self.innermost_domain() else {
            return;
        };
        let mut last_kind = None;
        let mut last_empty = false;
        for ReadField {
            label,
            value,
            links,
            parts,
            kind,
            near,
            bold,
        } in read
        {
            last_empty = value.is_empty();
            last_kind = kind;
            match (kind, near) {
                (Some(kind), _) => b.add_field(kind, label, value, links, parts),
                // A misspelt label marks a domain as a real one would.
                (None, Some((near, near_kind))) => {
                    b.marked = true;
                    b.unknown.push(UnknownField {
                        label,
                        suggestion: Some(display_label(&near, false)),
                        near: Some(near_kind),
                        domain: None,
                    });
                }
                // Any other bold label in a domain is one ownlint does not read: said, so
                // that `**Point of Contact:**` is not dropped without a word (it is reported
                // only if the section turns out to be a domain).
                (None, None) if bold => b.unknown.push(UnknownField {
                    label,
                    suggestion: None,
                    near: None,
                    domain: None,
                }),
                (None, None) => {}
            }
        }
        b.pending = last_empty.then_some(Pending {
            kind: last_kind,
            depth: pending_depth,
        });
    }

    /// A domain line without fields: an entry of the list a label (or a field heading) opened,
    /// or the end of that list.
    fn domain_entry_line(&mut self, range: Range<usize>, ctx: LineCtx) {
        let field_heading = match self.sections.last() {
            Some(Section {
                kind: Kind::FieldHeading { kind, .. },
                ..
            }) => Some(*kind),
            _ => None,
        };
        let text = self.line.text(self.src, range.clone());
        let links = self.line.links_in(self.src, range);
        let Some(b) = self.innermost_domain() else {
            return;
        };
        match (ctx.block, b.pending) {
            (Block::Item, Some(p)) if ctx.item_head && p.depth == ctx.depth => {
                if let Some(kind) = p.kind {
                    add_entry(&mut b.domain, kind, text, links);
                }
            }
            _ if field_heading.is_some() => {
                if let Some(kind) = field_heading
                    && (ctx.item_head || ctx.block == Block::Paragraph)
                {
                    add_entry(&mut b.domain, kind, text, links);
                }
            }
            // Prose or a list at a shallower depth: the label's list is over.
            (Block::Item, Some(p)) if ctx.item_head && ctx.depth < p.depth => b.pending = None,
            (Block::Paragraph, Some(p)) if ctx.depth < p.depth => b.pending = None,
            _ => {}
        }
    }
}

impl<'s> DomainBuilder<'s> {
    /// A section that may be a domain, not marked as one yet.
    pub(super) fn new(domain: Domain<'s>, under_container: bool) -> Self {
        DomainBuilder {
            domain,
            marked: false,
            under_container,
            has_child_domain: false,
            unknown: Vec::new(),
            pending: None,
        }
    }

    fn add_field(
        &mut self,
        kind: FieldKind,
        label: Text<'s>,
        value: Text<'s>,
        links: Vec<Link<'s>>,
        parts: Vec<Text<'s>>,
    ) {
        self.domain.labels.push(FieldLabel {
            kind,
            span: label.span,
        });
        self.marked |= kind.marks_domain();
        let value = match kind {
            FieldKind::Owner | FieldKind::EscalationContact => trim_trailing_period(value),
            _ => value,
        };
        self.open_field(kind, label.span, value, links, parts);
    }

    /// Start a field: single-valued fields get a [`Field`], list fields take the inline value
    /// as their first entries.
    /// `parts`: a list field's entries with their places, when the caller has them (else the
    /// value is split here).
    pub(super) fn open_field(
        &mut self,
        kind: FieldKind,
        label: Span,
        value: Text<'s>,
        links: Vec<Link<'s>>,
        parts: Vec<Text<'s>>,
    ) {
        let field = |value| Field {
            links,
            ..Field::new(label, value)
        };
        match kind {
            FieldKind::Owner => self.domain.owners.push(field(value)),
            FieldKind::EscalationContact => self.domain.escalation_contacts.push(field(value)),
            FieldKind::Name if !value.is_empty() => self.domain.name = value,
            FieldKind::OwnershipTransfer => self.domain.transfer = Some(field(value)),
            FieldKind::Slos
            | FieldKind::IncidentAuthority
            | FieldKind::Responsibilities
            | FieldKind::Paths
                if !value.is_empty() =>
            {
                let parts = match parts.is_empty() {
                    true => split_text(&value, list_separators(kind)),
                    false => parts,
                };
                for part in parts {
                    add_entry(&mut self.domain, kind, part, Vec::new());
                }
            }
            _ => {}
        }
    }
}

/// A list item under a field label, added to a domain, with the links written in it.
pub(super) fn add_entry<'s>(
    domain: &mut Domain<'s>,
    kind: FieldKind,
    text: Text<'s>,
    links: Vec<Link<'s>>,
) {
    if text.is_empty() {
        return;
    }
    match kind {
        FieldKind::Owner => push_item(&mut domain.owners, text, links),
        FieldKind::EscalationContact => push_item(&mut domain.escalation_contacts, text, links),
        FieldKind::Slos => domain.slos.push(slo_from_item(&text)),
        FieldKind::IncidentAuthority => domain.incident_authority.push(text),
        FieldKind::Responsibilities => domain.responsibilities.push(text),
        FieldKind::Paths => domain.paths.push(text),
        _ => {}
    }
}

/// An item of a single-valued field written as a list (`**Owners:**` and a list below).
fn push_item<'s>(fields: &mut Vec<Field<'s>>, text: Text<'s>, links: Vec<Link<'s>>) {
    if fields.is_empty() {
        let value = Text::empty_at(text.span.start as usize);
        fields.push(Field::new(text.span, value));
    }
    if let Some(field) = fields.last_mut() {
        field.items.push(trim_trailing_period(text));
        field.links.extend(links);
    }
}

/// Where the value of a list field written on one line is split into entries: none for the
/// fields that are not lists.
fn list_separators(kind: FieldKind) -> &'static [char] {
    match kind {
        FieldKind::Responsibilities | FieldKind::Paths => &[',', ';'],
        FieldKind::Slos | FieldKind::IncidentAuthority => &[';'],
        _ => &[],
    }
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
