//! The spanned YAML tree: serde-saphyr reads a file into [`Node`]s, every one with its
//! span, under options that keep duplicate keys, YAML 1.1 booleans and alias bombs out; its
//! errors become a [`ParseProblem`] at their place.

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use super::messages;
use crate::model::ParseProblem;
use crate::source::{SourceFile, Span};

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
/// while aliases cannot amplify it. The budgets count the whole stream, however many
/// documents it holds; each document costs events, so the event budget bounds them too.
fn options(len: usize) -> serde_saphyr::Options {
    let budget = serde_saphyr::budget! {
        max_events: (4 * len).max(1_000_000),
        max_nodes: (2 * len).max(250_000),
        max_total_scalar_bytes: (2 * len).max(64 << 20),
        max_depth: MAX_DEPTH,
        max_documents: len.max(1_024),
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

/// How deeply lists and mappings may nest.
pub(super) const MAX_DEPTH: usize = 128;

/// Parse a YAML stream into the spanned tree of each of its documents, in order; empty
/// documents (a trailing `---`, a document of only comments) are left out. Spans are byte
/// offsets into the whole text. A syntax error anywhere is the place and message of the
/// first one.
pub fn parse_stream(file: &SourceFile, src: &str) -> Result<Vec<Spanned<Node>>, ParseProblem> {
    serde_saphyr::from_multiple_with_options::<Spanned<Node>>(src, options(src.len()))
        .map_err(|e| yaml_problem(file, src, &e))
}

/// Parse YAML text that must be one document (the configuration file) into a spanned tree;
/// no document at all is a null. A second document is a problem at its place.
pub fn parse_tree(file: &SourceFile, src: &str) -> Result<Spanned<Node>, ParseProblem> {
    let mut documents = parse_stream(file, src)?.into_iter();
    let first = documents.next().unwrap_or_else(|| {
        let nowhere = serde_saphyr::Location::UNKNOWN;
        Spanned::new(Node::Null, nowhere, nowhere)
    });
    if let Some(second) = documents.next() {
        let start = second.referenced.span().byte_offset().unwrap_or(0) as usize;
        return Err(ParseProblem {
            span: Span::empty_at(start.min(src.len())),
            message: "a second YAML document, where one is read".into(),
            help: Some("write everything in one document, without `---` between".into()),
        });
    }
    Ok(first)
}

fn yaml_problem(file: &SourceFile, src: &str, error: &serde_saphyr::Error) -> ParseProblem {
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
    let said = messages::plain(error, src, span.start as usize);
    ParseProblem {
        span,
        message: format!("invalid YAML: {}", said.message),
        help: said.help,
    }
}
