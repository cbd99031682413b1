//! SARIF 2.1.0 for GitHub code scanning: one run whose driver lists every rule, and one result
//! per finding with its region, related locations for secondary labels, and a partial
//! fingerprint that does not move with unrelated lines.

use std::io::{self, Write};

use serde::Serialize;

use super::{Findings, Reporter, write_json};
use crate::diagnostic::{Diagnostic, RuleMeta, Severity};
use crate::error::IoProblem;
use crate::source::{SourceFile, Span};

pub struct Sarif;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const INFORMATION_URI: &str = crate::diagnostic::HOME;

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool,
    /// Whether every file could be read, and a notification per file that could not.
    invocations: [Invocation; 1],
    column_kind: &'static str,
    results: Vec<SarifResult<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: [NotificationLocation; 1],
}

/// Where a notification applies: a file, without a region.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationLocation {
    physical_location: NotificationPlace,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct NotificationPlace {
    artifact_location: ArtifactLocation,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    semantic_version: &'static str,
    information_uri: &'static str,
    rules: Vec<RuleDescriptor>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor {
    id: &'static str,
    name: &'static str,
    short_description: Text,
    full_description: Text,
    help: Markdown,
    help_uri: String,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Markdown {
    text: String,
    markdown: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult<'a> {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location<'a>; 1],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location<'a>>,
    partial_fingerprints: Fingerprints,
}

#[derive(Serialize)]
struct Fingerprints {
    #[serde(rename = "ownlint/v1")]
    v1: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<TextRef<'a>>,
}

#[derive(Serialize)]
struct TextRef<'a> {
    text: &'a str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    start_column: usize,
    end_line: usize,
    end_column: usize,
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn physical(file: &SourceFile, span: Span) -> PhysicalLocation {
    let start = file.line_col(span.start as usize);
    let end = file.line_col(span.end as usize);
    PhysicalLocation {
        artifact_location: ArtifactLocation {
            uri: uri(&file.path),
        },
        region: Region {
            start_line: start.line,
            start_column: start.column,
            end_line: end.line,
            end_column: end.column,
        },
    }
}

/// A path as a URI reference: relative paths stay relative (code scanning resolves them
/// against the repository), absolute ones become `file://` URIs.
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn message(d: &Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}\n\nhelp: {help}", d.message),
        None => d.message.clone(),
    }
}

/// A rule as SARIF describes it: its documentation and default level.
fn descriptor(m: &RuleMeta) -> RuleDescriptor {
    let docs = m.documentation();
    RuleDescriptor {
        id: m.code,
        name: m.name,
        short_description: Text { text: m.summary() },
        full_description: Text {
            text: what_it_does(&docs),
        },
        help: Markdown {
            text: docs.clone(),
            markdown: docs,
        },
        help_uri: m.docs_url(),
        default_configuration: Configuration {
            level: level(m.default_severity),
        },
    }
}

/// A finding as a SARIF result, with its related places and fingerprint.
fn result<'a>(findings: &Findings<'a>, d: &'a Diagnostic, fingerprint: String) -> SarifResult<'a> {
    SarifResult {
        rule_id: d.rule.code,
        rule_index: findings
            .catalog
            .iter()
            .position(|m| m.code == d.rule.code)
            .unwrap_or(0),
        level: level(d.severity),
        message: Text { text: message(d) },
        locations: [Location {
            id: None,
            physical_location: physical(findings.file(d), d.span),
            message: None,
        }],
        related_locations: d
            .secondary
            .iter()
            .enumerate()
            .map(|(i, l)| Location {
                id: Some(i),
                physical_location: physical(&findings.files[l.file.index()], l.span),
                message: Some(TextRef { text: &l.message }),
            })
            .collect(),
        partial_fingerprints: Fingerprints { v1: fingerprint },
    }
}

/// A file that could not be read, as a tool execution notification.
fn unreadable(p: &IoProblem) -> Notification {
    Notification {
        level: "error",
        message: Text {
            text: format!("cannot read {}: {}", p.path, p.message),
        },
        locations: [NotificationLocation {
            physical_location: NotificationPlace {
                artifact_location: ArtifactLocation { uri: uri(&p.path) },
            },
        }],
    }
}

impl Reporter for Sarif {
    fn report(&mut self, findings: &Findings<'_>, out: &mut dyn Write) -> io::Result<()> {
        let results = findings
            .diagnostics
            .iter()
            .zip(findings.fingerprints.iter().cloned())
            .map(|(d, fingerprint)| result(findings, d, fingerprint))
            .collect();
        let log = Log {
            schema: SCHEMA,
            version: "2.1.0",
            runs: [Run {
                tool: Tool {
                    driver: Driver {
                        name: "ownlint",
                        semantic_version: env!("CARGO_PKG_VERSION"),
                        information_uri: INFORMATION_URI,
                        rules: findings.catalog.iter().map(|m| descriptor(m)).collect(),
                    },
                },
                invocations: [Invocation {
                    execution_successful: findings.unreadable.is_empty(),
                    tool_execution_notifications: findings
                        .unreadable
                        .iter()
                        .map(unreadable)
                        .collect(),
                }],
                column_kind: "unicodeCodePoints",
                results,
            }],
        };
        write_json(out, &log, true)
    }
}

/// The `## What it does` section of a rule's documentation, as plain text.
fn what_it_does(docs: &str) -> String {
    let body = docs
        .split_once("## What it does")
        .map_or(docs, |(_, rest)| rest);
    let end = body.find("\n## ").unwrap_or(body.len());
    body[..end].split_whitespace().collect::<Vec<_>>().join(" ")
}
