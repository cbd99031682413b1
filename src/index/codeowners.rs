//! The repository's CODEOWNERS file held against the documents, once per run for the
//! `codeowners-*` rules: for each path a domain lists, the rule that owns its files in
//! CODEOWNERS (the last that matches, in each GitLab section) and whether it names the
//! domain's owner; the rules a later rule leaves nothing to; the owners without a handle.
//!
//! A domain path is a pattern, not a file: its files are stood in for by one path it matches
//! ([`Pattern::example`]), and "the rule for the path" is a rule with the same pattern.
//! The file's rules are looked up by folder ([`RuleIndex`]), so a repository with a hundred
//! thousand domains and as many rules is compared in one pass over each.

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use super::facts::KeptText;
use super::{DomainId, Workspace};
use crate::config::Settings;
use crate::model::{Codeowners, Flavor, Pattern, RuleIndex, Text};
use crate::semantics::paths;
use crate::source::FileId;

/// What the comparison found.
#[derive(Debug, Default)]
pub struct Comparison {
    /// The CODEOWNERS file the run read, when there is one.
    pub file: Option<FileId>,
    pub paths: Vec<PathFinding>,
    pub shadowed: Vec<Shadowed>,
    /// Domains that list paths while their owner has no handle in the team registry.
    pub missing_handles: Vec<DomainId>,
}

/// A domain path whose files CODEOWNERS does not give to the domain's owner.
#[derive(Debug)]
pub struct PathFinding {
    pub domain: DomainId,
    /// The path as the document lists it.
    pub path: KeptText,
    /// The owner's handles in the team registry.
    pub handles: Vec<String>,
    pub problem: PathProblem,
}

/// How CODEOWNERS fails a domain path (rules by their index in the file).
#[derive(Debug, PartialEq, Eq)]
pub enum PathProblem {
    /// No rule has the path's pattern, and its files fall to `falls_to`, a broader rule that
    /// names someone else, or to no rule at all.
    NoRule { falls_to: Option<usize> },
    /// The rule with the path's pattern names someone else.
    WrongOwner { rule: usize },
    /// The rule with the path's pattern is right, but `by`, later, takes the path's files
    /// and names someone else.
    Overridden { rule: usize, by: usize },
    /// The path cannot be a CODEOWNERS pattern (`/`, a line break, a leading `#`): no rule
    /// can be written for it, and none is compared.
    NotAPattern,
}

/// A rule that never decides an owner: `by`, later in the same section, matches every path
/// it matches.
#[derive(Debug, PartialEq, Eq)]
pub struct Shadowed {
    pub rule: usize,
    pub by: usize,
}

/// Whether the run holds the documents against a CODEOWNERS file: when the repository has
/// one, or the configuration says so even without one (`codeowners.check: true`); never
/// when it says `false`.
fn checking(ws: &Workspace<'_>, settings: &Settings) -> bool {
    match settings.codeowners.check {
        Some(on) => on,
        None => ws.codeowners().is_some(),
    }
}

/// Whether `owners` are the owner's: some, and each one of its `handles` (compared without
/// case, as GitHub compares them).
fn gives_to(owners: &[Text<'_>], handles: &[String]) -> bool {
    !owners.is_empty()
        && owners
            .iter()
            .all(|o| handles.iter().any(|h| h.eq_ignore_ascii_case(o.as_str())))
}

pub(super) fn compare(ws: &Workspace<'_>, settings: &Settings) -> Comparison {
    let mut out = Comparison::default();
    if !checking(ws, settings) {
        return out;
    }
    let file = ws.codeowners();
    out.file = file.map(|(id, _)| id);
    let flavor = file.map_or(Flavor::GitHub, |(_, c)| c.flavor);
    let lookup = file.map(|(_, c)| Lookup::new(c));
    // The paths to hold against the file, each with its owner's handles; the domains whose
    // owner has none, once each.
    let mut paths: Vec<(DomainId, KeptText, &[String])> = Vec::new();
    for (file_id, facts) in ws.all_facts() {
        for (d, kept) in &facts.paths {
            let domain = DomainId {
                file: file_id,
                domain: *d,
            };
            let Some(owner) = ws.domain_facts(domain).owner() else {
                // Without one real owner there is nothing to compare; other rules say so.
                continue;
            };
            match settings.handles_by_key(owner) {
                Some(handles) => paths.push((domain, *kept, handles)),
                None if out.missing_handles.last() != Some(&domain) => {
                    out.missing_handles.push(domain);
                }
                None => {}
            }
        }
    }
    let problems = crate::util::parallel::map(&paths, |(domain, kept, handles)| {
        let path = ws.str(domain.file, kept);
        match &lookup {
            Some(lookup) => lookup.path(path, flavor, handles),
            None if paths::pattern(path, flavor).is_none() => vec![PathProblem::NotAPattern],
            None => vec![PathProblem::NoRule { falls_to: None }],
        }
    });
    for ((domain, path, handles), problems) in paths.iter().zip(problems) {
        out.paths
            .extend(problems.into_iter().map(|problem| PathFinding {
                domain: *domain,
                path: *path,
                handles: handles.to_vec(),
                problem,
            }));
    }
    if let Some(lookup) = &lookup {
        out.shadowed = lookup.shadowed();
    }
    out
}

/// A CODEOWNERS file ready for questions: its rules by folder, by pattern and by text.
struct Lookup<'a> {
    file: &'a Codeowners<'static>,
    index: RuleIndex,
    /// The rules that give owners (no exclusion, not skipped), by their pattern's key
    /// ([`Pattern::key`]; equal keys are confirmed by the patterns).
    by_pattern: FxHashMap<u64, SmallVec<[usize; 1]>>,
    /// The first such rule of each pattern as written: a domain path written as a rule's
    /// pattern is that rule's compiled pattern, not compiled again.
    by_text: FxHashMap<&'a str, usize>,
}

impl<'a> Lookup<'a> {
    fn new(file: &'a Codeowners<'static>) -> Lookup<'a> {
        let mut by_pattern: FxHashMap<u64, SmallVec<[usize; 1]>> = FxHashMap::default();
        let mut by_text: FxHashMap<&str, usize> = FxHashMap::default();
        by_pattern.reserve(file.rules.len());
        by_text.reserve(file.rules.len());
        for (i, rule) in file.rules.iter().enumerate() {
            if let Some(matcher) = rule.matcher.as_ref().filter(|_| gives_owners(rule)) {
                by_pattern.entry(matcher.key()).or_default().push(i);
                by_text.entry(rule.pattern.as_str()).or_insert(i);
            }
        }
        Lookup {
            file,
            index: RuleIndex::new(file),
            by_pattern,
            by_text,
        }
    }

    /// The rules whose pattern is `pattern`, in file order.
    fn rules_of<'p>(&'p self, pattern: &'p Pattern) -> impl Iterator<Item = usize> + 'p {
        let rules = &self.file.rules;
        self.by_pattern
            .get(&pattern.key())
            .into_iter()
            .flatten()
            .copied()
            .filter(move |&i| rules[i].matcher.as_ref() == Some(pattern))
    }

    /// What is wrong with how the file owns the files of a domain path, for an owner with
    /// `handles`. Each GitLab section that has a rule for the path is held to it; a path no
    /// section has a rule for needs some section's last match to give it to the owner.
    fn path(&self, path: &str, flavor: Flavor, handles: &[String]) -> Vec<PathProblem> {
        let Some(written) = paths::written(path) else {
            return vec![PathProblem::NotAPattern];
        };
        let compiled;
        let pattern = match self.by_text.get(&*written) {
            Some(&rule) => self.file.rules[rule].matcher.as_ref(),
            None => {
                compiled = Pattern::with_flavor(&written, flavor).ok();
                compiled.as_ref()
            }
        };
        let Some(pattern) = pattern else {
            return vec![PathProblem::NotAPattern];
        };
        let Some(example) = pattern.example() else {
            return Vec::new();
        };
        let mut candidates = Vec::new();
        self.index.candidates(&example, &mut candidates);
        let last = self.file.owners_by_section_among(&example, &candidates);
        let gives = |rule: usize| gives_to(self.file.owners_for(&self.file.rules[rule]), handles);
        // The last rule with the path's pattern in each section.
        let mut own: Vec<(Option<usize>, usize)> = Vec::new();
        for rule in self.rules_of(pattern) {
            let section = self.file.section_of(&self.file.rules[rule]);
            match own.iter_mut().find(|(s, _)| *s == section) {
                Some(slot) => slot.1 = rule,
                None => own.push((section, rule)),
            }
        }
        if own.is_empty() {
            if last.iter().any(|&(_, rule)| gives(rule)) {
                return Vec::new();
            }
            let falls_to = last.first().map(|&(_, rule)| rule);
            return vec![PathProblem::NoRule { falls_to }];
        }
        let mut problems = Vec::new();
        for (section, rule) in own {
            if !gives(rule) {
                problems.push(PathProblem::WrongOwner { rule });
            }
            let by = last.iter().find(|(s, _)| *s == section).map(|&(_, r)| r);
            if let Some(by) = by.filter(|&by| by != rule && !gives(by)) {
                problems.push(PathProblem::Overridden { rule, by });
            }
        }
        problems
    }

    /// The rules a later rule of their section leaves nothing to, each with the first such.
    fn shadowed(&self) -> Vec<Shadowed> {
        let rules: Vec<usize> = (0..self.file.rules.len()).collect();
        let found = crate::util::parallel::map(&rules, |&i| {
            let rule = &self.file.rules[i];
            let matcher = rule.matcher.as_ref().filter(|_| gives_owners(rule))?;
            let mut candidates = Vec::new();
            self.index.around(matcher, &mut candidates);
            let section = self.file.section_of(rule);
            let by = candidates.iter().map(|&j| j as usize).find(|&j| {
                let later = &self.file.rules[j];
                j > i
                    && gives_owners(later)
                    && self.file.section_of(later) == section
                    && later.matcher.as_ref().is_some_and(|m| m.covers(matcher))
            })?;
            Some(Shadowed { rule: i, by })
        });
        found.into_iter().flatten().collect()
    }
}

/// A rule that takes part in owning files: not skipped by the host, not a GitLab exclusion.
fn gives_owners(rule: &crate::model::CodeownersRule<'_>) -> bool {
    !rule.skipped && !rule.exclusion && rule.matcher.is_some()
}
