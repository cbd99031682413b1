//! The repository's CODEOWNERS file held against the documents, once per run for the
//! `codeowners-*` rules: for each path a domain lists, the rule that owns its files in
//! CODEOWNERS (the last that matches, in each GitLab section) and whether it names the
//! domain's owner; the rules a later rule leaves nothing to; the owners without a handle.
//!
//! A domain path is a pattern, not a file: its files are stood in for by one path it matches
//! ([`Pattern::example`]), and "the rule for the path" is a rule with the same pattern.
//! The file's rules are looked up by folder ([`RuleIndex`]), so a repository with a hundred
//! thousand domains and as many rules is compared in one pass over each.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use super::facts::KeptText;
use super::{DomainId, Workspace};
use crate::config::Settings;
use crate::model::{Codeowners, Flavor, Pattern, RuleIndex};
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

/// Whether `owners` are the owner's: some, and each one of its `handles` (both as numbers
/// of the file's owners, [`Codeowners::owner_ids`], which compare without case as GitHub
/// compares owners).
fn gives_to(owners: &[u32], handles: &[u32]) -> bool {
    !owners.is_empty() && owners.iter().all(|o| handles.contains(o))
}

pub(super) fn compare(ws: &Workspace<'_>, settings: &Settings) -> Comparison {
    let mut out = Comparison::default();
    if !checking(ws, settings) {
        return out;
    }
    let file = ws.codeowners();
    out.file = file.map(|(id, _)| id);
    let flavor = file.map_or(Flavor::GitHub, |(_, c)| c.flavor);
    // The file's index is built while the paths are gathered: for a file of a hundred
    // thousand rules, each takes milliseconds.
    let (lookup, (paths, owners, missing_handles)) = crate::util::parallel::join(
        || file.map(|(_, c)| Lookup::new(c)),
        || domain_paths(ws, settings, file.map(|(_, c)| c)),
    );
    out.missing_handles = missing_handles;
    let problems = match &lookup {
        Some(lookup) => lookup.paths(&paths, &owners),
        None => {
            crate::util::parallel::map(&paths, |path| match paths::pattern(path.text, flavor) {
                None => vec![PathProblem::NotAPattern],
                Some(_) => vec![PathProblem::NoRule { falls_to: None }],
            })
        }
    };
    for (path, problems) in paths.iter().zip(problems) {
        out.paths
            .extend(problems.into_iter().map(|problem| PathFinding {
                domain: path.domain,
                path: path.path,
                handles: owners[&path.owner].handles.to_vec(),
                problem,
            }));
    }
    if let Some(lookup) = &lookup {
        out.shadowed = lookup.shadowed();
    }
    out
}

/// The paths to hold against the file, each with its domain and its owner; the owners,
/// with their handles; and the domains that list paths while their owner has no handle,
/// once each.
fn domain_paths<'w>(
    ws: &'w Workspace<'_>,
    settings: &'w Settings,
    file: Option<&Codeowners<'_>>,
) -> (Vec<DomainPath<'w>>, Owners<'w>, Vec<DomainId>) {
    let mut paths = Vec::new();
    let mut owners = Owners::default();
    let mut missing_handles: Vec<DomainId> = Vec::new();
    for (file_id, facts) in ws.all_facts() {
        for path in &facts.paths {
            let domain = DomainId {
                file: file_id,
                domain: path.domain,
            };
            let Some(owner) = ws.domain_facts(domain).owner() else {
                // Without one real owner there is nothing to compare; other rules say so.
                continue;
            };
            if let Entry::Vacant(slot) = owners.entry(owner) {
                let Some(handles) = settings.handles_by_key(owner) else {
                    if missing_handles.last() != Some(&domain) {
                        missing_handles.push(domain);
                    }
                    continue;
                };
                // The handles by number in the file, once per team: one the file names
                // nowhere is given by no rule.
                let ids = handles.iter().filter_map(|h| file?.owner_id(h)).collect();
                slot.insert(Owner { handles, ids });
            }
            paths.push(DomainPath {
                domain,
                path: path.kept,
                text: facts.path_text(path),
                owner,
            });
        }
    }
    (paths, owners, missing_handles)
}

/// A domain path to hold against the file.
struct DomainPath<'w> {
    domain: DomainId,
    path: KeptText,
    text: &'w str,
    /// The domain's owner, by its key in [`Owners`].
    owner: u64,
}

/// The owners of the domains that list paths, by their names' keys: their handles in the
/// team registry, and those handles' numbers in the file ([`Codeowners::owner_id`]).
type Owners<'w> = FxHashMap<u64, Owner<'w>>;

struct Owner<'w> {
    handles: &'w [String],
    ids: SmallVec<[u32; 2]>,
}

/// A CODEOWNERS file ready for questions: its rules by folder. A domain path's own rules
/// (those with its pattern) are among the rules its example path is tried against, as their
/// folder is the path's literal prefix: one index answers both questions.
struct Lookup<'a, 's> {
    file: &'a Codeowners<'s>,
    index: RuleIndex,
}

impl<'a, 's> Lookup<'a, 's> {
    fn new(file: &'a Codeowners<'s>) -> Lookup<'a, 's> {
        Lookup {
            file,
            index: RuleIndex::new(file),
        }
    }

    /// What is wrong with how the file owns the files of each domain path, in their order.
    fn paths(&self, paths: &[DomainPath<'_>], owners: &Owners<'_>) -> Vec<Vec<PathProblem>> {
        crate::util::parallel::map_with_scratch(paths, |scratch: &mut Scratch, path| {
            let Some(pattern) = paths::pattern(path.text, self.file.flavor) else {
                return vec![PathProblem::NotAPattern];
            };
            match pattern.example_into(&mut scratch.example) {
                true => self.path(&pattern, scratch, &owners[&path.owner].ids),
                false => Vec::new(),
            }
        })
    }

    /// What is wrong with how the file owns the files of a domain path (its example in
    /// `scratch`), for an owner with `handles` (by number). Each GitLab section that has a
    /// rule for the path is held to it; a path no section has a rule for needs some section's
    /// last match to give it to the owner.
    fn path(&self, pattern: &Pattern, scratch: &mut Scratch, handles: &[u32]) -> Vec<PathProblem> {
        let Scratch {
            candidates,
            example,
        } = scratch;
        self.index.candidates(example, candidates);
        let rules = &self.file.rules;
        let gives = |rule: usize| gives_to(self.file.owner_ids_for(&rules[rule]), handles);
        // A rule with the path's pattern: it matches the example, which its pattern matches.
        let of_pattern =
            |i: usize| gives_owners(&rules[i]) && rules[i].matcher.as_ref() == Some(pattern);
        // Found without matching the path's own rules, which most often are the only
        // candidates.
        let last = self
            .file
            .last_matches_among(candidates, |i| of_pattern(i) || rules[i].matches(example));
        // The last rule with the path's pattern in each section.
        let mut own: SmallVec<[(Option<usize>, usize); 2]> = SmallVec::new();
        for rule in candidates
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| of_pattern(i))
        {
            let section = self.file.section_of(&rules[rule]);
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
            if self.index.alone(i, matcher) {
                return None;
            }
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

/// The buffers of one thread's comparisons: a hundred thousand paths are compared without
/// an allocation each.
#[derive(Default)]
struct Scratch {
    candidates: Vec<u32>,
    example: String,
}

/// A rule that takes part in owning files: not skipped by the host, not a GitLab exclusion.
fn gives_owners(rule: &crate::model::CodeownersRule<'_>) -> bool {
    !rule.skipped && !rule.exclusion && rule.matcher.is_some()
}
