//! Tables: the rows collected from pulldown-cmark's table events, then read by their header
//! as SLOs (`| Metric | Target |`), ladder levels (`| Level | Role |`) or one domain per row
//! (`| Service | Owner |`). A cell keeps the links written in it, read as the links of any
//! other line are, so that a contact in a table keeps its target as a `**Label:**` field does.

use std::ops::Range;

use super::ladder::split_roles;
use super::{Block, Kind, Reader};
use crate::model::{
    Domain, DomainOrigin, Field, FieldKind, FieldLabel, LadderLevel, Link, Slo, Text,
};
use crate::parse::labels::normalize;
use crate::parse::slo::slo;
use crate::source::Span;

#[derive(Default)]
pub(super) struct TableState<'s> {
    header: Vec<Text<'s>>,
    rows: Vec<(Span, Vec<Cell<'s>>)>,
    row: Vec<Cell<'s>>,
    /// Whether the row has cells that pulldown-cmark padded (a group row).
    row_padded: bool,
    in_head: bool,
}

/// A cell of a table: its text as a reader sees it, and the links written in it.
struct Cell<'s> {
    text: Text<'s>,
    links: Vec<Link<'s>>,
}

impl<'s> TableState<'s> {
    /// The first column whose normalised header satisfies `pred`.
    fn column(&self, pred: impl Fn(&str) -> bool) -> Option<usize> {
        self.header
            .iter()
            .position(|h| pred(&normalize(h.as_str())))
    }
}

/// Collecting a table's cells from its events.
impl<'s> Reader<'s, '_> {
    pub(super) fn start_table(&mut self) {
        self.flush_block();
        self.table = Some(TableState::default());
    }

    pub(super) fn start_table_head(&mut self, range: Range<usize>) {
        self.row_span = trim_line_end(self.src, range);
        if let Some(t) = &mut self.table {
            t.in_head = true;
        }
    }

    pub(super) fn start_table_row(&mut self, range: Range<usize>) {
        self.row_span = trim_line_end(self.src, range);
    }

    pub(super) fn start_table_cell(&mut self, range: Range<usize>) {
        self.cell_range = range.clone();
        if range.is_empty()
            && let Some(t) = &mut self.table
        {
            t.row_padded = true;
        }
        self.begin_block(Block::Cell);
    }

    pub(super) fn end_table_cell(&mut self) {
        let cell = self.cell();
        if let Some(t) = &mut self.table {
            t.row.push(cell);
        }
        self.block = None;
    }

    /// Comments written after a row's last cell: GitHub's tables drop the cells a row has
    /// beyond its header's, and pulldown-cmark with them, so a comment at the end of a row
    /// (`| Payments | TBD | <!-- ownlint-disable-line orphaned-domain -->`) reaches no event.
    /// It is read from the source, as a comment at the end of any other line is.
    fn comments_after_cells(&mut self) {
        let row_end = self.row_span.end as usize;
        let last_cell_end = self.cell_range.end.max(self.row_span.start as usize);
        if last_cell_end < row_end && self.src[last_cell_end..row_end].contains("<!--") {
            self.read_comments(last_cell_end..row_end);
        }
    }

    pub(super) fn end_table_head(&mut self) {
        self.comments_after_cells();
        if let Some(t) = &mut self.table {
            t.header = std::mem::take(&mut t.row)
                .into_iter()
                .map(|cell| cell.text)
                .collect();
            t.in_head = false;
            t.row_padded = false;
        }
    }

    pub(super) fn end_table_row(&mut self) {
        self.comments_after_cells();
        if let Some(t) = &mut self.table {
            let row = std::mem::take(&mut t.row);
            if !t.row_padded {
                t.rows.push((self.row_span, row));
            }
            t.row_padded = false;
        }
    }

    pub(super) fn end_table(&mut self) {
        if let Some(table) = self.table.take() {
            self.on_table(table);
        }
    }

    fn cell(&mut self) -> Cell<'s> {
        let text = self.line.full_text(self.src);
        let links = self.line.links_in(self.src, 0..self.line.text.len());
        self.line.clear();
        let text = if text.is_empty() {
            // An empty cell: an empty value where the cell is.
            Text::new("", Span::new(self.cell_range.start, self.cell_range.end))
        } else {
            text
        };
        Cell { text, links }
    }
}

/// Reading a whole table by its header.
impl<'s> Reader<'s, '_> {
    fn on_table(&mut self, table: TableState<'s>) {
        if matches!(
            self.sections.last().map(|s| &s.kind),
            Some(Kind::Excluded | Kind::Shared | Kind::SharedDecl(_))
        ) {
            return;
        }
        let slo_name_col = table.column(is_slo_name_header);
        let target_col = table.column(is_slo_target_header);
        if let (Some(name_col), Some(target_col)) = (slo_name_col, target_col) {
            self.slo_table(&table, name_col, target_col);
            return;
        }
        if let Some(Kind::Ladder(ladder)) = self.sections.last().map(|s| &s.kind) {
            let ladder = *ladder;
            self.ladder_table(ladder, table);
            return;
        }
        self.domain_table(table);
    }

    /// `| Metric | Target |`: a table of SLOs, for the domain it sits in, or for the
    /// document's only domain when it sits in a section of its own (`## SLOs`).
    fn slo_table(&mut self, table: &TableState<'s>, name_col: usize, target_col: usize) {
        let slos: Vec<Slo<'s>> = table
            .rows
            .iter()
            .filter_map(|(span, row)| {
                let name = row.get(name_col).filter(|n| !n.text.is_empty())?;
                let target = row.get(target_col)?;
                Some(slo(name.text.clone(), target.text.clone(), *span))
            })
            .collect();
        match self
            .innermost_domain()
            .filter(|b| b.marked || b.under_container)
        {
            Some(b) => b.domain.slos.extend(slos),
            None => self.loose_slos.extend(slos),
        }
    }

    /// `| Level | Role |` in the ladder's section: a level for each row.
    fn ladder_table(&mut self, ladder: usize, table: TableState<'s>) {
        let level_col = table.column(|h| matches!(h, "level" | "tier" | "step"));
        let role_col = table.column(is_role_header);
        if let (Some(level_col), Some(role_col)) = (level_col, role_col) {
            for (span, row) in table.rows {
                let number = row
                    .get(level_col)
                    .and_then(|c| leading_number(c.text.as_str()));
                let (roles, links) = match row.get(role_col) {
                    Some(cell) => (split_roles(&cell.text), cell.links.clone()),
                    None => (Vec::new(), Vec::new()),
                };
                let level = LadderLevel::new(number, span, roles, links);
                self.doc.ladders[ladder].levels.push(level);
            }
        }
    }

    /// `| Service | Owner |`: a domain for each row with a name, with its owner (and
    /// escalation contact) from their columns.
    fn domain_table(&mut self, table: TableState<'s>) {
        let name_col = table.column(is_domain_name_header);
        let owner_col = table.column(|h| self.labels.lookup(h) == Some(FieldKind::Owner));
        let (Some(name_col), Some(owner_col)) = (name_col, owner_col) else {
            return;
        };
        let escalation_col =
            table.column(|h| self.labels.lookup(h) == Some(FieldKind::EscalationContact));
        for (span, row) in table.rows {
            let Some(name) = row.get(name_col).filter(|n| !n.text.is_empty()) else {
                continue;
            };
            let name = name.text.clone();
            let mut domain = Domain::new(self.file, name, span, DomainOrigin::TableRow);
            let (header, cell) = (&table.header[owner_col], row.get(owner_col));
            add_cell_field(&mut domain, FieldKind::Owner, header, cell, span);
            if let Some(col) = escalation_col {
                let (header, cell) = (&table.header[col], row.get(col));
                add_cell_field(
                    &mut domain,
                    FieldKind::EscalationContact,
                    header,
                    cell,
                    span,
                );
            }
            self.doc.domains.push(domain);
        }
    }
}

/// The owner or escalation contact a row's cell gives its domain, labelled by the column's
/// header, with the links written in the cell; a missing cell is an empty value at the row's
/// end.
fn add_cell_field<'s>(
    domain: &mut Domain<'s>,
    kind: FieldKind,
    header: &Text<'s>,
    cell: Option<&Cell<'s>>,
    row_span: Span,
) {
    let (value, links) = match cell {
        Some(cell) => (cell.text.clone(), cell.links.clone()),
        None => (Text::empty_at(row_span.end as usize), Vec::new()),
    };
    domain.labels.push(FieldLabel {
        kind,
        span: header.span,
    });
    let field = Field {
        links,
        ..Field::new(header.span, value)
    };
    match kind {
        FieldKind::Owner => domain.owners.push(field),
        _ => domain.escalation_contacts.push(field),
    }
}

fn is_slo_name_header(h: &str) -> bool {
    matches!(
        h,
        "metric" | "slo" | "sli" | "indicator" | "service level indicator" | "objective name"
    )
}

fn is_slo_target_header(h: &str) -> bool {
    matches!(
        h,
        "target" | "objective" | "slo target" | "threshold" | "goal"
    )
}

fn is_role_header(h: &str) -> bool {
    matches!(
        h,
        "role" | "roles" | "escalation to" | "escalate to" | "who" | "contact"
    )
}

fn is_domain_name_header(h: &str) -> bool {
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
