//! The one pipeline from files to findings, which every command goes through: select the
//! rules, parse every file and run the per-document rules in parallel, gather the cross-file
//! facts, run the cross-file rules, apply suppressions, and return the findings in a fixed
//! order; with `--base`, the change rules; then fingerprints and the baseline.
//!
//! May import: `parse`, `rules`, `index`, `semantics`, `model`, `diagnostic`, `config`,
//! `source`, `error`, `util`. Never `report` or `app`: the pipeline returns data.

pub mod baseline;
pub mod changes;
mod copies;
pub mod fingerprint;
pub mod fixes;
pub mod suppressions;

use std::ops::Range;

use crate::config::Settings;
use crate::diagnostic::{Checker, Diagnostic, RuleMeta, Severity, Summary};
use crate::index::{Facts, Workspace};
use crate::model::{Codeowners, Document};
use crate::parse;
use crate::rules::{ALL, Context};
use crate::source::SourceFile;

pub use crate::rules::EnabledRule;

/// The rules the settings leave on, in code order.
pub fn enabled_rules(settings: &Settings) -> Vec<EnabledRule> {
    ALL.iter()
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
    Ok(ALL
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
        let matched: Vec<&'static str> = ALL
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
            let help = crate::util::suggest::did_you_mean(&crate::rules::suggestions(selector));
            return Err(crate::Error::Usage {
                message: format!("unknown rule or code prefix `{selector}`"),
                help: help.or_else(|| Some("`ownlint rules` lists the rules".to_owned())),
            });
        }
        codes.extend(matched);
    }
    Ok(codes)
}

/// What one run lints, and how: the rules and their severities, and what else the run
/// compares against.
pub struct Run<'a> {
    pub settings: &'a Settings,
    /// The rules to run, from [`enabled_rules`] or [`selected_rules`].
    pub rules: &'a [EnabledRule],
    /// With `--base REV`: the revision, and the index in `files` of its first file (the
    /// base revision's files follow the current ones).
    pub base: Option<(&'a str, usize)>,
    /// The entries of a `--baseline`: findings they know are left out.
    pub baseline: Option<&'a [baseline::Entry]>,
    /// Keep every document in the workspace, for a command that reads them (`who`, `stats`,
    /// `export`). `check` does not: the cross-file rules work from the facts, and a large
    /// repository's documents take several times the memory of its text.
    pub keep_documents: bool,
}

impl<'a> Run<'a> {
    /// The rules, nothing to compare against.
    pub fn new(settings: &'a Settings, rules: &'a [EnabledRule]) -> Run<'a> {
        Run {
            settings,
            rules,
            base: None,
            baseline: None,
            keep_documents: false,
        }
    }

    /// The metadata of the rules that actually run: the change rules only with a base.
    pub fn rules_run(&self) -> Vec<&'static RuleMeta> {
        self.rules
            .iter()
            .map(|(r, _)| r.meta())
            .filter(|m| self.base.is_some() || m.checker != Checker::Changes)
            .collect()
    }

    fn severity_of(&self, code: &'static str) -> Option<Severity> {
        self.rules
            .iter()
            .find(|(rule, _)| rule.meta().code == code)
            .map(|(_, severity)| *severity)
    }
}

/// What a run found.
pub struct Linted<'s> {
    /// The current files' documents and facts.
    pub workspace: Workspace<'s>,
    /// Sorted by file, then place, then rule; without the findings in skipped files and
    /// those the baseline knows.
    pub diagnostics: Vec<Diagnostic>,
    /// One per finding, in the same order.
    pub fingerprints: Vec<String>,
    /// For each current file, whether the run leaves it out: a walked file without ownership
    /// content (a README) and without a parse problem.
    pub skipped: Vec<bool>,
    /// Findings silenced by suppression comments.
    pub suppressed: usize,
    /// Findings the baseline knows.
    pub baselined: usize,
    /// Baseline entries that matched no finding: fixed since it was written.
    pub stale: usize,
}

impl Linted<'_> {
    /// The counts of the run: files checked, domains, findings by severity, suppressed and
    /// baselined.
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            files: self.skipped.iter().filter(|s| !**s).count(),
            domains: self.workspace.domain_count(),
            suppressed: self.suppressed,
            baselined: self.baselined,
            ..Summary::default()
        };
        summary.count(&self.diagnostics);
        summary
    }

    /// How many current files hold no ownership content: no domain, no escalation ladder,
    /// no shared-ownership declaration.
    pub fn files_without_ownership_content(&self) -> usize {
        self.workspace
            .all_facts()
            .filter(|(_, facts)| !facts.ownership)
            .count()
    }

    /// Whether a current file holds ownership content.
    pub fn found_ownership_content(&self) -> bool {
        self.workspace.all_facts().any(|(_, facts)| facts.ownership)
    }

    /// Whether any file holds a Backstage catalog entity (a catalog of Groups alone holds no
    /// domain, but is checked all the same).
    pub fn found_catalog_entities(&self) -> bool {
        self.workspace
            .all_facts()
            .any(|(_, facts)| !facts.entities.is_empty())
    }

    /// The indices of the files the run checked (not skipped).
    pub fn checked_files(&self) -> Vec<usize> {
        (0..self.skipped.len())
            .filter(|i| !self.skipped[*i])
            .collect()
    }
}

/// The one pipeline from files to findings, for every command: lint the current files
/// (`files[..first base file]`), leave out the skipped files' findings, compare with the base
/// revision, fingerprint, and apply the baseline.
pub fn run<'s>(files: &'s [SourceFile], run: &Run<'_>) -> Linted<'s> {
    let current = run.base.map_or(files.len(), |(_, first)| first);
    let (workspace, mut diagnostics, suppressed) = lint_range(files, 0..current, run);
    let skipped = workspace.skipped_files();
    diagnostics.retain(|d| !skipped[d.file.index()]);
    if let Some((rev, first)) = run.base {
        let base_run = Run::new(run.settings, &[]);
        let (base, _, _) = lint_range(files, first..files.len(), &base_run);
        let severity_of = |code| run.severity_of(code);
        diagnostics.extend(changes::compare(&base, &workspace, rev, severity_of));
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }
    let fingerprints = fingerprint::fingerprints(files, &diagnostics);
    let mut linted = Linted {
        workspace,
        diagnostics,
        fingerprints,
        skipped,
        suppressed,
        baselined: 0,
        stale: 0,
    };
    if let Some(entries) = run.baseline {
        let applied = baseline::apply(
            entries,
            std::mem::take(&mut linted.diagnostics),
            std::mem::take(&mut linted.fingerprints),
        );
        linted.diagnostics = applied.diagnostics;
        linted.fingerprints = applied.fingerprints;
        linted.baselined = applied.matched;
        linted.stale = applied.stale;
    }
    linted
}

/// Lint `files[range]` (the other files are there for the file ids of the range to index).
/// Each file is parsed once, checked by the per-file rules and reduced to its facts, in
/// parallel, and its document kept only when the run asks; then the cross-file rules run on
/// the facts, and the suppressions apply. Returns the workspace, the findings in order, and how
/// many were suppressed.
fn lint_range<'s>(
    files: &'s [SourceFile],
    range: Range<usize>,
    run: &Run<'_>,
) -> (Workspace<'s>, Vec<Diagnostic>, usize) {
    let per_file = map_largest_first(&files[range.clone()], |file| check_file(file, run));
    let mut documents = Vec::with_capacity(if run.keep_documents {
        per_file.len()
    } else {
        0
    });
    let mut all_facts = Vec::with_capacity(per_file.len());
    let mut diagnostics = Vec::new();
    let mut codeowners = None;
    for checked in per_file {
        documents.extend(checked.document);
        all_facts.push(checked.facts);
        diagnostics.extend(checked.diagnostics);
        codeowners = codeowners.or(checked.codeowners);
    }
    let documents = run.keep_documents.then_some(documents);
    let workspace =
        Workspace::new(files, range.start, all_facts, documents).with_codeowners(codeowners);
    let (diagnostics, suppressed) = check_together(&workspace, diagnostics, run);
    (workspace, diagnostics, suppressed)
}

/// The second half of a run, once every file has been checked on its own: the cross-file
/// rules on the workspace's facts, then the suppressions, then the repeats left out, in order.
/// `diagnostics` are the per-file rules' findings. Returns the findings and how many were
/// suppressed.
fn check_together(
    workspace: &Workspace<'_>,
    mut diagnostics: Vec<Diagnostic>,
    run: &Run<'_>,
) -> (Vec<Diagnostic>, usize) {
    let mut cx = Context::new(run.settings, run.rules);
    for (rule, severity) in run.rules {
        cx.set_severity(*severity);
        rule.check_workspace(workspace, &mut cx);
    }
    diagnostics.extend(cx.into_diagnostics());
    // What a pasted copy of a domain repeats is no finding, before suppressions apply: a
    // comment that silences a finding of the first definition must not bring the copy's back.
    let diagnostics = copies::leave_out_repeats(workspace, diagnostics);
    let applied = suppressions::apply(workspace, diagnostics, |code| run.severity_of(code));
    let mut diagnostics = applied.diagnostics;
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    (diagnostics, applied.suppressed)
}

/// The pipeline kept between runs, for a client that changes one file at a time (the language
/// server): each file's facts and per-file findings are kept, a changed file is checked again
/// on its own, and the cross-file rules run again over every file's facts. The findings are
/// those [`run`] gives for the same files, without a base or a baseline.
pub struct Session {
    files: Vec<SourceFile>,
    facts: Vec<Facts>,
    per_file: Vec<Vec<Diagnostic>>,
}

impl Session {
    /// Check every file on its own, in parallel. The files' ids are their indices.
    pub fn new(files: Vec<SourceFile>, run: &Run<'_>) -> Session {
        let checked = map_largest_first(&files, |file| check_file(file, run).keep_facts());
        let (facts, per_file) = checked.into_iter().unzip();
        Session {
            files,
            facts,
            per_file,
        }
    }

    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }

    /// Put `file` in place of the file of its id, or after the last one when its id is the
    /// next, and check it on its own.
    pub fn set_file(&mut self, file: SourceFile, run: &Run<'_>) {
        let index = file.id.index();
        assert!(index <= self.files.len(), "file ids follow one another");
        let (facts, diagnostics) = check_file(&file, run).keep_facts();
        if index == self.files.len() {
            self.files.push(file);
            self.facts.push(facts);
            self.per_file.push(diagnostics);
        } else {
            self.files[index] = file;
            self.facts[index] = facts;
            self.per_file[index] = diagnostics;
        }
    }

    /// Every file's findings: the cross-file rules run on the kept facts, and the findings of
    /// skipped files are left out, as in [`run`]. Sorted by file, then place, then rule.
    pub fn lint(&mut self, run: &Run<'_>) -> Vec<Diagnostic> {
        let per_file: Vec<Diagnostic> = self.per_file.iter().flatten().cloned().collect();
        let facts = std::mem::take(&mut self.facts);
        let workspace = Workspace::new(&self.files, 0, facts, None);
        let (mut diagnostics, _) = check_together(&workspace, per_file, run);
        let skipped = workspace.skipped_files();
        diagnostics.retain(|d| !skipped[d.file.index()]);
        self.facts = workspace.into_facts();
        diagnostics
    }

    /// A file's facts: for a reader of the workspace between runs.
    pub fn facts(&self, file: crate::source::FileId) -> &Facts {
        &self.facts[file.index()]
    }
}

/// One file parsed and checked on its own.
struct Checked<'s> {
    /// The document, when the run keeps documents.
    document: Option<Document<'s>>,
    facts: Facts,
    /// The per-file rules' findings.
    diagnostics: Vec<Diagnostic>,
    /// A CODEOWNERS file's rules, for the cross-file rules that hold them against the
    /// documents: borrowed from the file's text, as a run's workspace borrows the files.
    codeowners: Option<Codeowners<'s>>,
}

impl Checked<'_> {
    /// The facts and findings to keep past the file's text ([`Session`]): a CODEOWNERS
    /// file's rules go to the facts, no longer borrowed.
    fn keep_facts(self) -> (Facts, Vec<Diagnostic>) {
        let mut facts = self.facts;
        facts.codeowners = self.codeowners.map(|c| Box::new(c.into_owned()));
        (facts, self.diagnostics)
    }
}

/// Parse one file and check it on its own.
fn check_file<'s>(file: &'s SourceFile, run: &Run<'_>) -> Checked<'s> {
    let mut document = parse::parse(file, &run.settings.labels);
    let (facts, diagnostics) = check_document(&document, run);
    // Taken from a document nobody keeps: a hundred thousand rules are not copied.
    let codeowners = match run.keep_documents {
        true => document.codeowners.clone(),
        false => document.codeowners.take(),
    };
    Checked {
        document: run.keep_documents.then_some(document),
        facts,
        diagnostics,
        codeowners,
    }
}

/// `files.iter().map(f)` on the thread pool, the largest files begun first: a run's one
/// large file (a CODEOWNERS of a hundred thousand rules) is read alongside the others, not
/// alone after them. The results are in input order.
fn map_largest_first<'a, R: Send>(
    files: &'a [SourceFile],
    f: impl Fn(&'a SourceFile) -> R + Sync + Send,
) -> Vec<R> {
    let mut order: Vec<usize> = (0..files.len()).collect();
    // Stable: files of one size keep their order.
    order.sort_by_key(|&i| std::cmp::Reverse(files[i].text.len()));
    let mut results: Vec<(usize, R)> = crate::util::parallel::map(&order, |&i| (i, f(&files[i])));
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// The per-file rules' findings in one document, and its facts for the cross-file rules.
fn check_document(doc: &Document<'_>, run: &Run<'_>) -> (Facts, Vec<Diagnostic>) {
    let mut cx = Context::new(run.settings, run.rules);
    for (rule, severity) in run.rules {
        cx.set_severity(*severity);
        rule.check_document(doc, &mut cx);
    }
    let rule_code = |name: &str| crate::rules::find(name).map(|r| r.meta().code);
    (
        crate::index::facts(doc, run.settings, &rule_code),
        cx.into_diagnostics(),
    )
}
