//! The pipeline after the files are read: parse every file and run the per-document rules in
//! parallel, then the cross-file rules, and return the findings in a fixed order.

use rayon::prelude::*;

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Workspace};
use crate::parse;
use crate::rules::{Context, Rule};
use crate::source::SourceFile;

/// A rule to run and the severity its findings get.
pub type EnabledRule = (&'static dyn Rule, Severity);

/// The rules the settings leave on, in code order.
pub fn enabled_rules(settings: &Settings) -> Vec<EnabledRule> {
    crate::rules::ALL
        .iter()
        .filter_map(|rule| settings.severity(rule.meta()).map(|s| (*rule, s)))
        .collect()
}

pub struct Linted<'s> {
    pub workspace: Workspace<'s>,
    /// Sorted by file, then place, then rule.
    pub diagnostics: Vec<Diagnostic>,
}

/// Lint files that have been read.
pub fn lint<'s>(files: &'s [SourceFile], settings: &Settings, rules: &[EnabledRule]) -> Linted<'s> {
    let per_file: Vec<(Document<'s>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|file| {
            let doc = parse::parse(file, &settings.labels);
            let mut cx = Context::new(settings);
            for (rule, severity) in rules {
                cx.set_severity(*severity);
                rule.check_document(&doc, &mut cx);
            }
            (doc, cx.into_diagnostics())
        })
        .collect();
    let mut documents = Vec::with_capacity(per_file.len());
    let mut diagnostics = Vec::new();
    for (doc, diags) in per_file {
        documents.push(doc);
        diagnostics.extend(diags);
    }
    let workspace = Workspace { files, documents };
    let mut cx = Context::new(settings);
    for (rule, severity) in rules {
        cx.set_severity(*severity);
        rule.check_workspace(&workspace, &mut cx);
    }
    diagnostics.extend(cx.into_diagnostics());
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Linted {
        workspace,
        diagnostics,
    }
}
