//! YAML → model.
//!
//! serde-saphyr reads the file into a tree of [`Node`]s, every one spanned; this module then
//! reads the tree into the model, field by field through the shared [`LabelTable`]. Reading a
//! generic tree first, instead of deriving the model's structs, lets an unknown key become an
//! `unknown-field` finding at its place and an owner written as a list a `multiple-owners`
//! finding, where a derived struct could only fail.
//!
//! Duplicate keys are parse errors, YAML 1.1 booleans (`yes`, `n`) stay text, and an alias
//! budget stops an alias bomb in milliseconds.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::labels::{LabelTable, display_label, normalize};
use super::slo::{slo, slo_from_item};
use super::suppress::{self, RawSuppression};
use crate::model::{
    Boundary, Document, Domain, DomainOrigin, EscalationLadder, Field, FieldKind, FieldLabel,
    LadderLevel, ParseProblem, SharedOwnership, Slo, Text, UnknownField,
};
use crate::source::{FileId, SourceFile, Span};
use crate::util::suggest::closest_match;

/// The top-level keys that make a YAML file an ownership file.
pub const TOP_LEVEL_KEYS: &[&str] = &["domains", "escalation_ladder", "shared_ownership"];

/// Whether a YAML text looks like an ownership file: a top-level `domains`,
/// `escalation_ladder` or `shared_ownership` key (or a flow mapping, which is parsed to find
/// out). Other YAML met while walking a folder is not read at all.
pub fn looks_like_ownership(src: &str) -> bool {
    src.lines().any(|line| {
        let key = line.trim_start_matches(['"', '\'']);
        line.starts_with('{')
            || TOP_LEVEL_KEYS.iter().any(|k| {
                key.strip_prefix(k).is_some_and(|rest| {
                    rest.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with(':')
                })
            })
    })
}

/// A YAML node with the spans of everything in it.
#[derive(Debug)]
pub enum Node {
    Null,
    /// A scalar; `string` is false for numbers and booleans, whose source text is kept.
    Scalar {
        value: String,
        string: bool,
    },
    Seq(Vec<Spanned<Node>>),
    Map(Vec<(Spanned<Node>, Spanned<Node>)>),
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        struct NodeVisitor;
        impl<'de> Visitor<'de> for NodeVisitor {
            type Value = Node;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any YAML value")
            }
            fn visit_str<E>(self, v: &str) -> Result<Node, E> {
                Ok(Node::Scalar {
                    value: v.to_owned(),
                    string: true,
                })
            }
            fn visit_string<E>(self, v: String) -> Result<Node, E> {
                Ok(Node::Scalar {
                    value: v,
                    string: true,
                })
            }
            fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
                Ok(typed(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
                Ok(typed(v))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
                Ok(typed(v))
            }
            fn visit_i128<E>(self, v: i128) -> Result<Node, E> {
                Ok(typed(v))
            }
            fn visit_u128<E>(self, v: u128) -> Result<Node, E> {
                Ok(typed(v))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
                Ok(typed(v))
            }
            fn visit_unit<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_none<E>(self) -> Result<Node, E> {
                Ok(Node::Null)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
                Node::deserialize(d)
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Node, E> {
                Ok(Node::Scalar {
                    value: String::from_utf8_lossy(v).into_owned(),
                    string: true,
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Node::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(Node::Map(entries))
            }
        }
        deserializer.deserialize_any(NodeVisitor)
    }
}

fn typed(v: impl ToString) -> Node {
    Node::Scalar {
        value: v.to_string(),
        string: false,
    }
}

/// serde-saphyr's options for ownership files: duplicate keys are errors, booleans are only
/// `true`/`false`, and the budgets scale with the file so that a large honest file passes
/// while aliases cannot amplify it.
fn options(len: usize) -> serde_saphyr::Options {
    let budget = serde_saphyr::budget! {
        max_events: (4 * len).max(1_000_000),
        max_nodes: (2 * len).max(250_000),
        max_total_scalar_bytes: (2 * len).max(64 << 20),
        max_depth: 128,
        max_documents: 1,
    };
    serde_saphyr::options! {
        budget: budget,
        duplicate_keys: serde_saphyr::options::DuplicateKeyPolicy::Error,
        strict_booleans: true,
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 100_000,
            max_alias_expansions_per_anchor: 1_000,
        },
    }
}

/// Parse YAML text into a spanned tree, or the place and message of the first error.
pub fn parse_tree(file: &SourceFile, src: &str) -> Result<Spanned<Node>, ParseProblem> {
    serde_saphyr::from_str_with_options::<Spanned<Node>>(src, options(src.len()))
        .map_err(|e| yaml_problem(file, &e))
}

fn yaml_problem(file: &SourceFile, error: &serde_saphyr::Error) -> ParseProblem {
    let location = error.location();
    let span = location.map_or(Span::empty_at(0), |l| {
        let s = l.span();
        match (s.byte_offset(), s.byte_len()) {
            (Some(o), Some(n)) => Span::new(o as usize, (o + n) as usize),
            _ if l.line() > 0 => {
                Span::empty_at(file.offset_of(l.line() as usize, l.column() as usize))
            }
            _ => Span::empty_at(0),
        }
    });
    ParseProblem {
        span,
        message: format!("invalid YAML: {}", bare_message(&error.to_string())),
        help: None,
    }
}

/// serde-saphyr's message without its `error: line N column M:` prefix and snippet.
fn bare_message(rendered: &str) -> String {
    let first = rendered.lines().next().unwrap_or(rendered).trim();
    let first = first.strip_prefix("error:").unwrap_or(first).trim_start();
    let first = match first.strip_prefix("line ") {
        Some(rest) => rest.split_once(": ").map_or(rest, |(_, m)| m),
        None => first,
    };
    // Say what the library means in the file's terms, without its advice to programmers.
    if let Some(key) = first.strip_prefix("duplicate mapping key: ") {
        let key = key.split(", set DuplicateKeyPolicy").next().unwrap_or(key);
        return format!("duplicate key `{key}`");
    }
    if first.contains("budget breached") || first.contains("alias replay limit") {
        return format!("the document expands beyond ownlint's limits ({first}); an alias bomb?");
    }
    first.to_owned()
}

/// Read one YAML file.
pub fn parse<'s>(file: &'s SourceFile, labels: &LabelTable) -> Document<'s> {
    let src = file.text.as_str();
    let mut doc = Document::new(file.id);
    let mut reader = Reader {
        file: file.id,
        src,
        labels,
        doc: &mut doc,
    };
    match parse_tree(file, src) {
        Ok(root) => reader.top(&root),
        Err(problem) => doc.problems.push(problem),
    }
    doc.suppressions = suppress::resolve(src, comment_directives(src));
    doc
}

/// `# ownlint-…` comments.
fn comment_directives(src: &str) -> Vec<RawSuppression<'_>> {
    let mut out = Vec::new();
    if !src.contains("ownlint-") {
        return out;
    }
    let mut line_start = 0;
    for line in src.split_inclusive('\n') {
        if let Some(hash) = line.find("# ownlint-").or_else(|| line.find("#ownlint-"))
            && (hash == 0 || line[..hash].ends_with(char::is_whitespace))
        {
            let start = line_start + hash;
            let end = line_start + line.trim_end_matches(['\n', '\r']).len();
            let comment = Span::new(start, end);
            if let Some(raw) = suppress::read_directive(src, comment, start + 1, end) {
                out.push(raw);
            }
        }
        line_start += line.len();
    }
    out
}

struct Reader<'s, 'a> {
    file: FileId,
    src: &'s str,
    labels: &'a LabelTable,
    doc: &'a mut Document<'s>,
}

impl<'s> Reader<'s, '_> {
    fn span(&self, node: &Spanned<Node>) -> Span {
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
    fn text(&self, node: &Spanned<Node>) -> Option<Text<'s>> {
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

    fn problem(&mut self, span: Span, message: impl Into<String>) {
        self.doc.problems.push(ParseProblem {
            span,
            message: message.into(),
            help: None,
        });
    }

    fn unknown_key(&mut self, key: Text<'s>, known: &[&'static str]) {
        let word = normalize(key.as_str()).replace(' ', "_");
        let suggestion =
            closest_match(&word, known.iter().map(|k| (*k, ()))).map(|(k, _)| k.to_owned());
        self.doc.unknown_fields.push(UnknownField {
            label: key,
            suggestion,
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

    fn domains(&mut self, node: &Spanned<Node>) {
        for item in self.list(node, "domains") {
            self.domain(item);
        }
    }

    fn domain(&mut self, item: &Spanned<Node>) {
        let item_span = self.span(item);
        let entries = match &item.value {
            Node::Map(entries) => entries.as_slice(),
            Node::Scalar { .. } => {
                // `- Payments`: a domain with a name and nothing else.
                if let Some(name) = self.text(item) {
                    let span = name.span;
                    self.doc
                        .domains
                        .push(Domain::new(self.file, name, span, DomainOrigin::Yaml));
                }
                return;
            }
            _ => {
                self.problem(
                    item_span,
                    "expected a domain: a mapping with `name` and `owner`",
                );
                return;
            }
        };
        let head = entries.first().map_or(item_span, |(k, _)| self.span(k));
        let mut domain = Domain::new(
            self.file,
            Text::empty_at(head.start as usize),
            head,
            DomainOrigin::Yaml,
        );
        for (key, value) in entries {
            let Some(key_text) = self.text(key) else {
                continue;
            };
            let Some(kind) = self.labels.lookup(key_text.as_str()) else {
                let word = normalize(key_text.as_str());
                let suggestion = self
                    .labels
                    .closest(&word)
                    .map(|(label, _)| display_label(label, true));
                self.doc.unknown_fields.push(UnknownField {
                    label: key_text,
                    suggestion,
                });
                continue;
            };
            domain.labels.push(FieldLabel {
                kind,
                span: key_text.span,
            });
            match kind {
                FieldKind::Name => {
                    if let Some(name) = self.text(value) {
                        domain.span = head.cover(name.span);
                        domain.name = name;
                    }
                }
                FieldKind::Owner => {
                    let field = self.field(&key_text, value);
                    domain.owners.push(field);
                }
                FieldKind::EscalationContact => {
                    let field = self.field(&key_text, value);
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
                FieldKind::OwnershipTransfer => {
                    domain.transfer = Some(self.transfer(&key_text, value))
                }
                FieldKind::Backup | FieldKind::Other => {}
            }
        }
        self.doc.domains.push(domain);
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
                Field {
                    label: key.span,
                    value: Text::new(joined, span),
                    items,
                }
            }
            Node::Map(_) => {
                self.problem(
                    span,
                    format!("expected a value for `{}`, found a mapping", key),
                );
                Field {
                    label: key.span,
                    value: Text::new("", span),
                    items: Vec::new(),
                }
            }
            _ => Field {
                label: key.span,
                value: self.text(value).unwrap_or_else(|| Text::new("", span)),
                items: Vec::new(),
            },
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
        Field {
            label: key.span,
            value: text,
            items: Vec::new(),
        }
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
            let mut level = LadderLevel {
                number: None,
                span,
                roles: Vec::new(),
                duties: Vec::new(),
            };
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
                    "roles" | "role" => level.roles = self.texts(v),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_ownership_files_by_their_top_level_keys() {
        assert!(looks_like_ownership("# c\ndomains:\n  - name: A\n"));
        assert!(looks_like_ownership("\"shared_ownership\" : []\n"));
        assert!(!looks_like_ownership(
            "apiVersion: v1\nkind: Component\n  domains: x\n"
        ));
    }

    #[test]
    fn messages_lose_their_position_prefix() {
        assert_eq!(
            bare_message("error: line 1 column 10: unclosed bracket '['\n  |\n"),
            "unclosed bracket '['"
        );
    }
}
