//! The pipeline after the files are read: parse every file and run the per-document rules in
//! parallel, then the cross-file rules, and return the findings in a fixed order.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use std::ops::Range;

use crate::model::Workspace;
use crate::model::facts::Facts;
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
    let per_file: Vec<(Facts, Vec<Diagnostic>)> =
        crate::parallel::map(&files[range.clone()], |file| {
            let doc = parse::parse(file, &settings.labels);
            let mut cx = Context::new(settings);
            for (rule, severity) in rules {
                cx.set_severity(*severity);
                rule.check_document(&doc, &mut cx);
            }
            (facts::facts(&doc, settings), cx.into_diagnostics())
        });
    let mut all_facts = Vec::with_capacity(per_file.len());
    let mut diagnostics = Vec::new();
    for (facts, diags) in per_file {
        all_facts.push(facts);
        diagnostics.extend(diags);
    }
    let mut workspace = Workspace::new(files, range.start, all_facts, settings.labels.clone());
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
