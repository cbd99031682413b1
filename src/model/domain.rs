use super::slo::Slo;
use super::text::Text;
use crate::source::{FileId, Span};

/// One system domain and everything its document says about it.
#[derive(Clone, Debug)]
pub struct Domain<'s> {
    pub file: FileId,
    /// The name as written, markup and numbering removed (`Subscriptions Domain`).
    pub name: Text<'s>,
    /// The heading, YAML item or table row that defines the domain.
    pub span: Span,
    pub origin: DomainOrigin,
    /// Every owner field, in order; a domain should have exactly one with one owner in it.
    pub owners: Vec<Field<'s>>,
    /// Every escalation contact field, in order.
    pub escalation_contacts: Vec<Field<'s>>,
    pub slos: Vec<Slo<'s>>,
    pub incident_authority: Vec<Text<'s>>,
    pub responsibilities: Vec<Text<'s>>,
    /// The code the domain owns, as CODEOWNERS patterns (`src/payments/`, `/services/billing/**`),
    /// as written.
    pub paths: Vec<Text<'s>>,
    /// The record of the last ownership transfer, naming the previous owner and a date.
    pub transfer: Option<Field<'s>>,
    /// Every field label written in the domain, in order, so that repeated fields can be seen.
    pub labels: Vec<FieldLabel>,
}

impl<'s> Domain<'s> {
    pub fn new(file: FileId, name: Text<'s>, span: Span, origin: DomainOrigin) -> Domain<'s> {
        Domain {
            file,
            name,
            span,
            origin,
            owners: Vec::new(),
            escalation_contacts: Vec::new(),
            slos: Vec::new(),
            incident_authority: Vec::new(),
            responsibilities: Vec::new(),
            paths: Vec::new(),
            transfer: None,
            labels: Vec::new(),
        }
    }

    /// The part of the file the domain is written in: from its heading (or YAML item, or
    /// table row) to the last value it holds.
    pub fn extent(&self) -> Span {
        let fields = self.owners.iter().chain(&self.escalation_contacts);
        let field_spans = fields.chain(&self.transfer).flat_map(|f| {
            std::iter::once(f.label)
                .chain(std::iter::once(f.value.span))
                .chain(f.items.iter().map(|i| i.span))
        });
        let texts = self.incident_authority.iter().chain(&self.responsibilities);
        field_spans
            .chain(texts.map(|t| t.span))
            .chain(self.slos.iter().map(|s| s.span))
            .chain(self.labels.iter().map(|l| l.span))
            .fold(self.span, Span::cover)
    }

    /// The name for messages: as written, without a trailing `Domain` or `Service`.
    pub fn display_name(&self) -> &str {
        super::names::display_name(self.name.as_str())
    }

    /// Whether the domain can carry SLOs, incident authority and responsibilities: a table
    /// row has only the columns of its table, a catalog entity only what Backstage's model
    /// gives it (an owner, references, annotations).
    pub fn has_body(&self) -> bool {
        !matches!(self.origin, DomainOrigin::TableRow | DomainOrigin::Catalog)
    }
}

/// Where a domain was defined.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DomainOrigin {
    /// A Markdown heading and the section below it.
    Section,
    /// A row of a Markdown table with a domain and an owner column.
    TableRow,
    /// An item of a YAML `domains` list.
    Yaml,
    /// A Backstage catalog entity of a kind a team owns (`kind: Component`).
    Catalog,
}

/// A single-valued field: its label and the value written after it, plus the list items
/// written under it (a Markdown list after the label, or a YAML sequence).
#[derive(Clone, Debug)]
pub struct Field<'s> {
    pub label: Span,
    pub value: Text<'s>,
    pub items: Vec<Text<'s>>,
    /// The links written in the value and the items (`[#payments-oncall](https://…)`), in
    /// order: the value keeps the link's text, the link its target.
    pub links: Vec<Link<'s>>,
}

impl<'s> Field<'s> {
    /// A field with a value and nothing else.
    pub fn new(label: Span, value: Text<'s>) -> Field<'s> {
        Field {
            label,
            value,
            items: Vec::new(),
            links: Vec::new(),
        }
    }

    /// The links written inside one of the field's values (its inline value or an item).
    pub fn links_in<'a>(&'a self, value: &'a Text<'_>) -> impl Iterator<Item = &'a Link<'s>> {
        self.links.iter().filter(move |l| l.is_in(value))
    }

    /// Whether nothing at all was written for the field.
    pub fn is_empty(&self) -> bool {
        self.value.is_empty() && self.items.iter().all(Text::is_empty)
    }

    /// Where to point at an empty field: its value when the value has a place of its own
    /// (an empty table cell, `""`), else its label.
    pub fn empty_span(&self) -> Span {
        if self.value.span.is_empty() {
            self.label
        } else {
            self.value.span
        }
    }

    /// The values the field holds: its items when it has some, else its inline value.
    pub fn values(&self) -> impl Iterator<Item = &Text<'s>> {
        let inline = (self.items.is_empty() || !self.value.is_empty()).then_some(&self.value);
        inline.into_iter().chain(self.items.iter())
    }
}

/// A Markdown link written in a value: the text a reader sees, which the value holds, and the
/// target it points at (a URL as written: document text, escaped wherever it is shown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link<'s> {
    pub text: Text<'s>,
    pub target: Text<'s>,
}

impl Link<'_> {
    /// Whether the link is written inside `value`: its text lies within the value's span and
    /// is part of the value's text. (A value cut out of a line read from several pieces of
    /// markup, a ladder role in `**Level 3**: CTO / [VP](…)`, has the whole line's span.)
    pub fn is_in(&self, value: &Text<'_>) -> bool {
        value.span.contains_span(self.text.span) && value.as_str().contains(self.text.as_str())
    }
}

/// The fields ownlint knows. The parser maps labels to these.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldKind {
    Name,
    Owner,
    Backup,
    EscalationContact,
    Slos,
    IncidentAuthority,
    Responsibilities,
    /// The code a domain owns: CODEOWNERS patterns.
    Paths,
    OwnershipTransfer,
    /// Known labels that carry nothing ownlint checks (`Description`, `Runbook`).
    Other,
}

impl FieldKind {
    /// The canonical label, as the user's document writes it.
    pub fn label(self) -> &'static str {
        match self {
            FieldKind::Name => "Name",
            FieldKind::Owner => "Owner",
            FieldKind::Backup => "Backup",
            FieldKind::EscalationContact => "Escalation Contact",
            FieldKind::Slos => "SLO Responsibility",
            FieldKind::IncidentAuthority => "Incident Authority",
            FieldKind::Responsibilities => "Responsibilities",
            FieldKind::Paths => "Paths",
            FieldKind::OwnershipTransfer => "Ownership Transfer",
            FieldKind::Other => "Other",
        }
    }

    /// The key the YAML format uses.
    pub fn yaml_key(self) -> &'static str {
        match self {
            FieldKind::Name => "name",
            FieldKind::Owner => "owner",
            FieldKind::Backup => "backup",
            FieldKind::EscalationContact => "escalation_contact",
            FieldKind::Slos => "slos",
            FieldKind::IncidentAuthority => "incident_authority",
            FieldKind::Responsibilities => "responsibilities",
            FieldKind::Paths => "paths",
            FieldKind::OwnershipTransfer => "ownership_transfer",
            FieldKind::Other => "other",
        }
    }

    /// Whether a section with this field is an entity (a domain) rather than prose.
    pub fn marks_domain(self) -> bool {
        matches!(
            self,
            FieldKind::Owner
                | FieldKind::EscalationContact
                | FieldKind::Slos
                | FieldKind::IncidentAuthority
                | FieldKind::Responsibilities
        )
    }
}

/// A field label as written in a domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldLabel {
    pub kind: FieldKind,
    pub span: Span,
}
