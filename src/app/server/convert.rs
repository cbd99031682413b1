//! ownlint's findings as the protocol's diagnostics.

use std::collections::HashMap;

use lsp_types::{
    self as lsp, CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location,
    NumberOrString,
};

use super::file_uri;
use super::folder::Folder;
use super::position::{self, Encoding};
use crate::diagnostic::{Diagnostic, Severity};
use crate::error::Error;
use crate::source::Span;

/// What the client shows as the source of the findings.
pub const SOURCE: &str = "ownlint";

/// Add a folder's findings to `out`, by the URI of their file, in the findings' order.
pub fn by_uri(
    folder: &Folder,
    diagnostics: &[Diagnostic],
    encoding: Encoding,
    out: &mut HashMap<String, Vec<lsp::Diagnostic>>,
) {
    let mut uris: HashMap<usize, Option<String>> = HashMap::new();
    for d in diagnostics {
        let uri = uris
            .entry(d.file.index())
            .or_insert_with(|| file_uri(folder.path(d.file)).map(|u| u.as_str().to_owned()));
        if let Some(uri) = uri {
            out.entry(uri.clone())
                .or_default()
                .push(diagnostic(folder, d, encoding));
        }
    }
}

/// One finding: its range, severity, rule code with a link to the rule's documentation, the
/// message with the underline's words and the help, the other labels as related places.
pub fn diagnostic(folder: &Folder, d: &Diagnostic, encoding: Encoding) -> lsp::Diagnostic {
    let file = folder.file(d.file);
    let mut message = d.message.clone();
    if let Some(label) = d
        .label
        .as_deref()
        .filter(|l| !l.is_empty() && *l != d.message)
    {
        message.push('\n');
        message.push_str(label);
    }
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .filter_map(|label| {
            let uri = file_uri(folder.path(label.file))?;
            let range = position::range(folder.file(label.file), label.span, encoding);
            Some(DiagnosticRelatedInformation {
                location: Location { uri, range },
                message: label.message.clone(),
            })
        })
        .collect();
    lsp::Diagnostic {
        range: position::range(file, d.span, encoding),
        severity: Some(severity(d.severity)),
        code: Some(NumberOrString::String(d.rule.code.to_owned())),
        code_description: d
            .rule
            .docs_url()
            .parse()
            .ok()
            .map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: None,
        data: Some(serde_json::json!({ "name": d.rule.name })),
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
    }
}

/// The problems of a configuration file that could not be used, on that file.
pub fn configuration_errors(
    folder: &Folder,
    encoding: Encoding,
    out: &mut HashMap<String, Vec<lsp::Diagnostic>>,
) {
    let Some(Error::Config(config)) = &folder.config_error else {
        return;
    };
    let Some(uri) = file_uri(&folder.root.join(&config.path)) else {
        return;
    };
    let diagnostics = config
        .problems
        .iter()
        .map(|p| {
            let mut message = format!("invalid configuration: {}", p.message);
            if let Some(help) = &p.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            lsp::Diagnostic {
                range: position::range_in(
                    &config.text,
                    Span::new(p.span.start, p.span.end),
                    encoding,
                ),
                severity: Some(DiagnosticSeverity::ERROR),
                source: Some(SOURCE.to_owned()),
                message,
                ..lsp::Diagnostic::default()
            }
        })
        .collect();
    out.insert(uri.as_str().to_owned(), diagnostics);
}
