//! The spanned tree read into the model: domains field by field through the shared
//! [`LabelTable`], the escalation ladder and the shared-ownership declarations. What does not
//! fit becomes an unknown field (with a suggestion) or a [`ParseProblem`] at its place.

use serde_saphyr::Spanned;

use super::TOP_LEVEL_KEYS;
use super::tree::Node;
use crate::model::names;
use crate::model::{
    Boundary, Document, Domain, DomainOrigin, EscalationLadder, Field, FieldKind, FieldLabel,
    LadderLevel, ParseProblem, SharedOwnership, Slo, Text, UnknownField,
};
use crate::parse::labels::{LabelTable, display_label, normalize};
use crate::parse::links;
use crate::parse::slo::{slo, slo_from_item};
use crate::source::{FileId, Span};
use crate::util::suggest::closest_match;

/// Read a file's tree into its document.
pub(super) fn read_root<'s>(
    file: FileId,
    src: &'s str,
    labels: &LabelTable,
    root: &Spanned<Node>,
    catalog_file: bool,
    doc: &mut Document<'s>,
) {
    let mut reader = Reader {
        file,
        src,
        labels,
        doc,
    };
    match super::catalog::entity_fields(root) {
        Some(entries) => reader.entity(root, entries),
        // Read by its plugin; nothing for ownlint to check.
        None if super::catalog::is_plugin_entity(root) => {}
        None if catalog_file => reader.not_an_entity(root),
        None => reader.top(root),
    }
}

pub(super) struct Reader<'s, 'a> {
    pub(super) file: FileId,
    pub(super) src: &'s str,
    labels: &'a LabelTable,
    pub(super) doc: &'a mut Document<'s>,
}

impl<'s> Reader<'s, '_> {
    pub(super) fn span(&self, node: &Spanned<Node>) -> Span {
        let s = node.referenced.span();
        match (s.byte_offset(), s.byte_len()) {
            (Some(o), Some(n)) => {
                let start = (o as usize).min(self.src.len());
                let end = ((o + n) as usize).min(self.src.len());
                let span = Span::new(start, end);
                match &node.value {
                    Node::Seq(items) => {
                        self.cover_collection(span, items.last().map(|i| self.span(i)), ']')
                    }
                    Node::Map(entries) => {
                        self.cover_collection(span, entries.last().map(|(_, v)| self.span(v)), '}')
                    }
                    _ => span,
                }
            }
            _ => Span::empty_at(0),
        }
    }

    /// A collection's span runs from its start to its last element (and a closing bracket).
    fn cover_collection(&self, start: Span, last: Option<Span>, close: char) -> Span {
        let Some(last) = last else {
            return start;
        };
        let mut end = last.end as usize;
        let rest = &self.src[end..];
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if trimmed.starts_with(close) {
            end += rest.len() - trimmed.len() + 1;
        }
        Span::new(start.start as usize, end.max(start.end as usize))
    }

    /// A scalar as [`Text`]: borrowed from the source when written plainly or quoted without
    /// escapes, so that its parts can be pointed at.
    pub(super) fn text(&self, node: &Spanned<Node>) -> Option<Text<'s>> {
        let span = self.span(node);
        match &node.value {
            Node::Null => Some(Text::new("", span)),
            Node::Scalar { value, string } => {
                let raw = &self.src[span.range()];
                if !string || raw == value {
                    return Some(Text::exact(self.src, span));
                }
                let quoted = raw.len() >= 2
                    && (raw.starts_with('"') && raw.ends_with('"')
                        || raw.starts_with('\'') && raw.ends_with('\''));
                if quoted && &raw[1..raw.len() - 1] == value && !value.is_empty() {
                    let inner = Span::new(span.start as usize + 1, span.end as usize - 1);
                    return Some(Text::exact(self.src, inner));
                }
                Some(Text::new(value.clone(), span))
            }
            Node::Seq(_) | Node::Map(_) => None,
        }
    }

    pub(super) fn problem(&mut self, span: Span, message: impl Into<String>) {
        self.doc.problems.push(ParseProblem {
            span,
            message: message.into(),
            help: None,
        });
    }

    /// A problem, with what to write instead.
    pub(super) fn problem_with_help(
        &mut self,
        span: Span,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.doc.problems.push(ParseProblem {
            span,
            message: message.into(),
            help: Some(help.into()),
        });
    }

    fn unknown_key(&mut self, key: Text<'s>, known: &[&'static str]) {
        let word = normalize(key.as_str()).replace(' ', "_");
        let suggestion =
            closest_match(&word, known.iter().map(|k| (*k, ()))).map(|(k, _)| k.to_owned());
        self.doc.unknown_fields.push(UnknownField {
            label: key,
            suggestion,
            near: None,
            domain: None,
        });
    }

    fn top(&mut self, root: &Spanned<Node>) {
        let Node::Map(entries) = &root.value else {
            let span = self.span(root);
            self.problem(
                span,
                "expected a mapping with `domains`, `escalation_ladder` or `shared_ownership`",
            );
            return;
        };
        for (key, value) in entries {
            let Some(key_text) = self.text(key) else {
                continue;
            };
            match key_text.as_str() {
                "domains" => self.domains(value),
                "escalation_ladder" => self.ladder(&key_text, value),
                "shared_ownership" => self.shared(value),
                k if k.starts_with("x-") || k == "version" || k == "$schema" => {}
                _ => self.unknown_key(key_text, TOP_LEVEL_KEYS),
            }
        }
    }

    fn list<'n>(&mut self, node: &'n Spanned<Node>, what: &str) -> &'n [Spanned<Node>] {
        match &node.value {
            Node::Seq(items) => items,
            Node::Null => &[],
            _ => {
                let span = self.span(node);
                self.problem(span, format!("expected a list of {what}"));
                &[]
            }
        }
    }

    /// `domains:` as a list of domains, or as a mapping keyed by their names.
    fn domains(&mut self, node: &Spanned<Node>) {
        if let Node::Map(entries) = &node.value {
            for (key, value) in entries {
                self.keyed_domain(key, value);
            }
            return;
        }
        for item in self.list(node, "domains") {
            self.domain(item);
        }
    }

    /// An item of the list form: a mapping of fields, or just a name (`- Payments`).
    fn domain(&mut self, item: &Spanned<Node>) {
        let item_span = self.span(item);
        match &item.value {
            Node::Map(entries) => {
                let head = entries.first().map_or(item_span, |(k, _)| self.span(k));
                let name = Text::empty_at(head.start as usize);
                let domain = Domain::new(self.file, name, head, DomainOrigin::Yaml);
                self.domain_fields(domain, false, entries);
            }
            Node::Scalar { .. } => {
                if let Some(name) = self.text(item) {
                    let span = name.span;
                    self.doc
                        .domains
                        .push(Domain::new(self.file, name, span, DomainOrigin::Yaml));
                }
            }
            _ => self.problem(
                item_span,
                "expected a domain: a mapping with `name` and `owner`",
            ),
        }
    }

    /// An entry of the mapping form, `Payments: {owner: …}`: the key is the domain's name
    /// (and its span the name's); no fields at all is a domain with only a name.
    fn keyed_domain(&mut self, key: &Spanned<Node>, value: &Spanned<Node>) {
        let Some(name) = self.text(key) else {
            let span = self.span(key);
            self.problem(
                span,
                "expected a domain's name as the key, found a list or mapping",
            );
            return;
        };
        let domain = Domain::new(self.file, name.clone(), name.span, DomainOrigin::Yaml);
        match &value.value {
            Node::Map(entries) => self.domain_fields(domain, true, entries),
            Node::Null => self.doc.domains.push(domain),
            _ => {
                let span = self.span(value);
                self.problem_with_help(
                    span,
                    format!(
                        "expected the fields of the domain `{name}` (a mapping with `owner`), \
                         found a single value"
                    ),
                    format!("write `{name}: {{owner: …}}`, or `- name: {name}` in a list"),
                );
            }
        }
    }

    /// A domain's fields, read into `domain`; a domain named by its key (the mapping form)
    /// keeps that name, and a `name:` that differs from it is a problem.
    fn domain_fields(
        &mut self,
        mut domain: Domain<'s>,
        keyed: bool,
        entries: &[(Spanned<Node>, Spanned<Node>)],
    ) {
        let head = domain.span;
        let unknown_from = self.doc.unknown_fields.len();
        for (key, value) in entries {
            let Some(key_text) = self.text(key) else {
                continue;
            };
            let Some(kind) = self.labels.lookup(key_text.as_str()) else {
                self.unknown_label(key_text);
                continue;
            };
            domain.labels.push(FieldLabel {
                kind,
                span: key_text.span,
            });
            if keyed && kind == FieldKind::Name {
                self.second_name(&domain.name, &key_text, value);
                continue;
            }
            self.domain_field(&mut domain, head, kind, &key_text, value);
        }
        for unknown in &mut self.doc.unknown_fields[unknown_from..] {
            unknown.domain = Some(domain.span);
        }
        self.doc.domains.push(domain);
    }

    /// `name:` inside a domain of the mapping form: the same name as the key says nothing
    /// more; another name is a problem, since which of the two is meant cannot be known.
    fn second_name(&mut self, keyed: &Text<'s>, key: &Text<'s>, value: &Spanned<Node>) {
        let span = self.span(value);
        let named = self.text(value).unwrap_or_else(|| Text::new("", span));
        if names::key(named.as_str()) == names::key(keyed.as_str()) {
            return;
        }
        self.problem_with_help(
            span,
            format!("`{key}: {named}` differs from the domain's key `{keyed}`: which is its name?"),
            format!("the key is the domain's name: remove `{key}`, or make the key `{named}`"),
        );
    }

    /// A key of a domain that is not a label: an unknown field, with the nearest label.
    fn unknown_label(&mut self, key: Text<'s>) {
        let word = normalize(key.as_str());
        let closest = self.labels.closest(&word);
        self.doc.unknown_fields.push(UnknownField {
            label: key,
            suggestion: closest.map(|(label, _)| display_label(label, true)),
            near: closest.map(|(_, kind)| kind),
            domain: None,
        });
    }

    /// The value of a domain's field of `kind`; `head` is where the domain's mapping starts.
    fn domain_field(
        &mut self,
        domain: &mut Domain<'s>,
        head: Span,
        kind: FieldKind,
        key: &Text<'s>,
        value: &Spanned<Node>,
    ) {
        match kind {
            FieldKind::Name => {
                if let Some(name) = self.text(value) {
                    domain.span = head.cover(name.span);
                    domain.name = name;
                }
            }
            FieldKind::Owner => {
                let field = self.field(key, value);
                domain.owners.push(field);
            }
            FieldKind::EscalationContact => {
                let field = self.field(key, value);
                domain.escalation_contacts.push(field);
            }
            FieldKind::Slos => {
                for slo in self.list_or_one(value) {
                    if let Some(slo) = self.slo(slo) {
                        domain.slos.push(slo);
                    }
                }
            }
            FieldKind::IncidentAuthority => {
                let texts = self.texts(value);
                domain.incident_authority.extend(texts);
            }
            FieldKind::Responsibilities => {
                let texts = self.texts(value);
                domain.responsibilities.extend(texts);
            }
            FieldKind::Paths => domain.paths.extend(self.texts(value)),
            FieldKind::OwnershipTransfer => domain.transfer = Some(self.transfer(key, value)),
            FieldKind::Backup | FieldKind::Other => {}
        }
    }

    /// A field written as a scalar or as a list of scalars.
    fn field(&mut self, key: &Text<'s>, value: &Spanned<Node>) -> Field<'s> {
        let span = self.span(value);
        match &value.value {
            Node::Seq(items) => {
                let items: Vec<Text<'s>> = items.iter().filter_map(|i| self.text(i)).collect();
                let joined = items
                    .iter()
                    .map(Text::as_str)
                    .collect::<Vec<_>>()
                    .join(", ");
                links::read_field_links(Field {
                    items,
                    ..Field::new(key.span, Text::new(joined, span))
                })
            }
            Node::Map(_) => {
                self.problem(
                    span,
                    format!("expected a value for `{}`, found a mapping", key),
                );
                Field::new(key.span, Text::new("", span))
            }
            _ => {
                let value = self.text(value).unwrap_or_else(|| Text::new("", span));
                links::read_field_links(Field::new(key.span, value))
            }
        }
    }

    /// `ownership_transfer: "from Payments Team on 2026-03-01"`, or a mapping with `from`
    /// and `date` (and anything else), read as one text.
    fn transfer(&mut self, key: &Text<'s>, value: &Spanned<Node>) -> Field<'s> {
        let span = self.span(value);
        let text = match &value.value {
            Node::Map(entries) => {
                let parts: Vec<String> = entries
                    .iter()
                    .filter_map(|(k, v)| Some(format!("{}: {}", self.text(k)?, self.text(v)?)))
                    .collect();
                Text::new(parts.join(", "), span)
            }
            _ => self.text(value).unwrap_or_else(|| Text::new("", span)),
        };
        links::read_field_links(Field::new(key.span, text))
    }

    fn list_or_one<'n>(&self, node: &'n Spanned<Node>) -> &'n [Spanned<Node>] {
        match &node.value {
            Node::Seq(items) => items,
            Node::Null => &[],
            _ => std::slice::from_ref(node),
        }
    }

    fn texts(&mut self, node: &Spanned<Node>) -> Vec<Text<'s>> {
        let mut out = Vec::new();
        for item in self.list_or_one(node) {
            match self.text(item) {
                Some(t) if !t.is_empty() => out.push(t),
                Some(_) => {}
                None => {
                    let span = self.span(item);
                    self.problem(span, "expected text, found a nested list or mapping");
                }
            }
        }
        out
    }

    /// An SLO: `"Name: objective"` or `{name, objective}`.
    fn slo(&mut self, node: &Spanned<Node>) -> Option<Slo<'s>> {
        const KEYS: &[&str] = &["name", "objective", "description"];
        let span = self.span(node);
        match &node.value {
            Node::Map(entries) => {
                let mut name = None;
                let mut objective = None;
                for (key, value) in entries {
                    let Some(key_text) = self.text(key) else {
                        continue;
                    };
                    match key_text.as_str() {
                        "name" => name = self.text(value),
                        "objective" => objective = self.text(value),
                        "description" => {}
                        _ => self.unknown_key(key_text, KEYS),
                    }
                }
                let name = name.unwrap_or_else(|| Text::empty_at(span.start as usize));
                let objective = objective.unwrap_or_else(|| Text::empty_at(span.end as usize));
                Some(slo(name, objective, span))
            }
            Node::Seq(_) => {
                self.problem(
                    span,
                    "expected an SLO: `Name: objective` or a mapping with `name` and `objective`",
                );
                None
            }
            _ => self.text(node).map(|t| slo_from_item(&t)),
        }
    }

    fn ladder(&mut self, key: &Text<'s>, node: &Spanned<Node>) {
        const KEYS: &[&str] = &["level", "roles", "duties"];
        let mut levels = Vec::new();
        for item in self.list(node, "ladder levels") {
            let span = self.span(item);
            let Node::Map(entries) = &item.value else {
                self.problem(
                    span,
                    "expected a ladder level: a mapping with `level` and `roles`",
                );
                continue;
            };
            let mut level = LadderLevel::new(None, span, Vec::new(), Vec::new());
            if let Some((k, _)) = entries.first() {
                level.span = self.span(k);
            }
            for (k, v) in entries {
                let Some(k_text) = self.text(k) else {
                    continue;
                };
                match k_text.as_str() {
                    "level" => {
                        let t = self.text(v);
                        level.number = t.as_ref().and_then(|t| t.as_str().trim().parse().ok());
                        if let Some(t) = t {
                            level.span = level.span.cover(t.span);
                        }
                    }
                    "roles" | "role" => {
                        (level.roles, level.links) = links::read_each(self.texts(v))
                    }
                    "duties" => level.duties = self.texts(v),
                    _ => self.unknown_key(k_text, KEYS),
                }
            }
            levels.push(level);
        }
        if !levels.is_empty() {
            self.doc.ladders.push(EscalationLadder {
                file: self.file,
                span: key.span,
                levels,
            });
        }
    }

    fn shared(&mut self, node: &Spanned<Node>) {
        const KEYS: &[&str] = &[
            "domains",
            "scope",
            "sla",
            "boundaries",
            "escalation",
            "sync",
        ];
        for item in self.list(node, "shared-ownership declarations") {
            let span = self.span(item);
            let Node::Map(entries) = &item.value else {
                self.problem(
                    span,
                    "expected a shared-ownership declaration: a mapping with `domains` and `sla`",
                );
                continue;
            };
            let head = entries.first().map_or(span, |(k, _)| self.span(k));
            let mut decl = SharedOwnership {
                file: self.file,
                span: head,
                domains: Vec::new(),
                scope: None,
                sla: None,
                boundaries: Vec::new(),
                escalation: None,
                sync: None,
            };
            for (k, v) in entries {
                let Some(k_text) = self.text(k) else {
                    continue;
                };
                match normalize(k_text.as_str()).as_str() {
                    "domains" => {
                        decl.domains = self.texts(v);
                        decl.span = decl.span.cover(self.span(v));
                    }
                    "scope" => decl.scope = self.text(v).filter(|t| !t.is_empty()),
                    "sla" | "shared sla" => {
                        decl.sla = self
                            .slo(v)
                            .filter(|s| !(s.name.is_empty() && s.objective.is_empty()));
                    }
                    "boundaries" => decl.boundaries = self.boundaries(v),
                    "escalation" | "escalation path" => {
                        decl.escalation = self.text(v).filter(|t| !t.is_empty())
                    }
                    "sync" | "sync cadence" => decl.sync = self.text(v).filter(|t| !t.is_empty()),
                    _ => self.unknown_key(k_text, KEYS),
                }
            }
            self.doc.shared.push(decl);
        }
    }

    /// `{party: part}` or `["party: part"]`.
    fn boundaries(&mut self, node: &Spanned<Node>) -> Vec<Boundary<'s>> {
        let mut out = Vec::new();
        match &node.value {
            Node::Map(entries) => {
                for (k, v) in entries {
                    if let (Some(party), Some(part)) = (self.text(k), self.text(v)) {
                        out.push(Boundary { party, part });
                    }
                }
            }
            _ => {
                for t in self.texts(node) {
                    let s = t.as_str();
                    if let Some(colon) = s.find(':') {
                        out.push(Boundary {
                            party: t.slice(0..colon).trimmed(),
                            part: t.slice(colon + 1..s.len()).trimmed(),
                        });
                    }
                }
            }
        }
        out
    }
}
