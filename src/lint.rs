//! The pipeline after the files are read: parse every file and run the per-document rules in
//! parallel, then the cross-file rules, and return the findings in a fixed order.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use std::ops::Range;

use crate::model::facts::Facts;
use crate::model::{Document, Workspace};
use crate::parse;
use crate::rules::{Context, Rule, facts};
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

/// The rules to run given `--select` and `--ignore`: selected rules run even when the
/// configuration turns them off (at their configured or default severity); ignored rules
/// never run. Selectors are names, codes or code prefixes.
pub fn selected_rules(
    settings: &Settings,
    select: &[String],
    ignore: &[String],
) -> Result<Vec<EnabledRule>, crate::Error> {
    let select = resolve(select)?;
    let ignore = resolve(ignore)?;
    Ok(crate::rules::ALL
        .iter()
        .filter(|rule| !ignore.contains(&rule.meta().code))
        .filter_map(|rule| {
            let m = rule.meta();
            if select.is_empty() {
                settings.severity(m).map(|s| (*rule, s))
            } else if select.contains(&m.code) {
                Some((*rule, settings.severity(m).unwrap_or(m.default_severity)))
            } else {
                None
            }
        })
        .collect())
}

/// The codes a list of selectors names.
fn resolve(selectors: &[String]) -> Result<Vec<&'static str>, crate::Error> {
    let mut codes = Vec::new();
    for selector in selectors.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        let matched: Vec<&'static str> = crate::rules::ALL
            .iter()
            .map(|r| r.meta())
            .filter(|m| {
                m.name.eq_ignore_ascii_case(selector)
                    || m.code.len() >= selector.len()
                        && m.code[..selector.len()].eq_ignore_ascii_case(selector)
                    || selector.eq_ignore_ascii_case("all")
            })
            .map(|m| m.code)
            .collect();
        if matched.is_empty() {
            let help = crate::rules::closest_name(selector).map(|n| format!("did you mean `{n}`?"));
            return Err(crate::Error::Usage {
                message: format!("unknown rule or code prefix `{selector}`"),
                help: help.or_else(|| Some("`ownlint rules` lists the rules".to_owned())),
            });
        }
        codes.extend(matched);
    }
    Ok(codes)
}

pub struct Linted<'s> {
    pub workspace: Workspace<'s>,
    /// Sorted by file, then place, then rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Findings silenced by suppression comments.
    pub suppressed: usize,
}

impl Linted<'_> {
    /// Leave out the findings in the files a run leaves out (walked files without ownership
    /// content, a README: [`Workspace::skipped_files`]); returns which files those are.
    pub fn leave_out_skipped_files(&mut self) -> Vec<bool> {
        let skipped = self.workspace.skipped_files();
        self.diagnostics.retain(|d| !skipped[d.file.index()]);
        skipped
    }
}

/// Lint files that have been read.
pub fn lint<'s>(files: &'s [SourceFile], settings: &Settings, rules: &[EnabledRule]) -> Linted<'s> {
    lint_range(files, 0..files.len(), settings, rules)
}

/// Lint `files[range]` (the other files are there for the file ids of the range to index).
/// Each file is parsed, checked by the per-file rules and reduced to its facts in parallel;
/// the documents are dropped, and the cross-file rules run on the facts.
pub fn lint_range<'s>(
    files: &'s [SourceFile],
    range: Range<usize>,
    settings: &Settings,
    rules: &[EnabledRule],
) -> Linted<'s> {
    let per_file = crate::parallel::map(&files[range.clone()], |file| {
        check_document(&parse::parse(file, &settings.labels), settings, rules)
    });
    lint_facts(files, range.start, per_file, settings, rules)
}

/// Lint files whose documents a command has already read (and keeps: `export`, `stats`),
/// without reading them again.
pub fn lint_documents<'s>(
    files: &'s [SourceFile],
    documents: &[Document<'_>],
    settings: &Settings,
    rules: &[EnabledRule],
) -> Linted<'s> {
    let per_file = crate::parallel::map(documents, |doc| check_document(doc, settings, rules));
    lint_facts(files, 0, per_file, settings, rules)
}

/// The per-file rules' findings in one document, and its facts for the cross-file rules.
fn check_document(
    doc: &Document<'_>,
    settings: &Settings,
    rules: &[EnabledRule],
) -> (Facts, Vec<Diagnostic>) {
    let mut cx = Context::new(settings);
    for (rule, severity) in rules {
        cx.set_severity(*severity);
        rule.check_document(doc, &mut cx);
    }
    (facts::facts(doc, settings), cx.into_diagnostics())
}

/// The cross-file rules on the facts of `files[first..]`, then suppressions and order.
fn lint_facts<'s>(
    files: &'s [SourceFile],
    first: usize,
    per_file: Vec<(Facts, Vec<Diagnostic>)>,
    settings: &Settings,
    rules: &[EnabledRule],
) -> Linted<'s> {
    let mut all_facts = Vec::with_capacity(per_file.len());
    let mut diagnostics = Vec::new();
    for (facts, diags) in per_file {
        all_facts.push(facts);
        diagnostics.extend(diags);
    }
    let mut workspace = Workspace::new(files, first, all_facts, settings.labels.clone());
    let mut cx = Context::new(settings);
    for (rule, severity) in rules {
        cx.set_severity(*severity);
        rule.check_workspace(&workspace, &mut cx);
        workspace.forget_documents();
    }
    diagnostics.extend(cx.into_diagnostics());
    let severity_of = |code: &'static str| {
        rules
            .iter()
            .find(|(rule, _)| rule.meta().code == code)
            .map(|(_, severity)| *severity)
    };
    let applied = crate::suppressions::apply(&workspace, diagnostics, severity_of);
    let mut diagnostics = applied.diagnostics;
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Linted {
        workspace,
        diagnostics,
        suppressed: applied.suppressed,
    }
}
