//! The workspace: all files of one run seen through their facts, with the documents the
//! cross-file rules look into.

use super::codeowners::Comparison;
use super::facts::{DomainFacts, Facts, KeptText, NameFacts, SloFacts};
use crate::config::Settings;
use crate::model::Codeowners;
use crate::model::names::{self, key_hash};
use crate::model::objective::Meaning;
use crate::model::{Document, DomainOrigin, Text};
use crate::source::{FileId, SourceFile};

/// A domain of the workspace: the file it is in and its place in that file's document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DomainId {
    pub file: FileId,
    pub domain: u32,
}

/// A name (an SLO's, a responsibility, a shared SLA's) of the workspace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NameId {
    pub file: FileId,
    pub name: u32,
}

/// All files of one run seen through their [`Facts`], which the cross-file rules work from,
/// and the documents as the parser read them when the run keeps them for a command that reads
/// them (`who`, `stats`, `export`).
pub struct Workspace<'s> {
    pub files: &'s [SourceFile],
    /// The files of this workspace are `files[first..first + facts.len()]`.
    first: usize,
    facts: Vec<Facts>,
    documents: Option<Vec<Document<'s>>>,
    /// Domain name hashes, sorted, with their domains in workspace order.
    domains: Vec<(u64, DomainId)>,
    /// Names (SLOs', responsibilities, shared SLAs') whose hashes repeat, grouped.
    repeated_names: Vec<Vec<NameId>>,
    /// The repository's CODEOWNERS file as the run read it, when it is not in the facts.
    codeowners_file: Option<Codeowners<'s>>,
    /// The CODEOWNERS file held against the documents, computed when a rule first asks.
    codeowners: std::sync::OnceLock<Comparison>,
    catalog: std::sync::OnceLock<super::catalog::Catalog>,
}

impl<'s> Workspace<'s> {
    /// A workspace of `files[first..first + facts.len()]`, with each file's [`Facts`] and,
    /// when kept, its document, both in file order.
    pub fn new(
        files: &'s [SourceFile],
        first: usize,
        facts: Vec<Facts>,
        documents: Option<Vec<Document<'s>>>,
    ) -> Workspace<'s> {
        if let Some(documents) = &documents {
            assert_eq!(
                documents.len(),
                facts.len(),
                "one document and facts per file"
            );
        }
        let mut domains = Vec::new();
        for (i, f) in facts.iter().enumerate() {
            let file = FileId((first + i) as u32);
            domains.extend(f.domains.iter().enumerate().map(|(d, facts)| {
                (
                    facts.name,
                    DomainId {
                        file,
                        domain: d as u32,
                    },
                )
            }));
        }
        crate::util::parallel::sort_unstable(&mut domains);
        let repeated_names = repeated_names(&facts, first);
        Workspace {
            files,
            first,
            facts,
            documents,
            domains,
            repeated_names,
            codeowners_file: None,
            codeowners: std::sync::OnceLock::new(),
            catalog: std::sync::OnceLock::new(),
        }
    }

    /// The workspace with the repository's CODEOWNERS file, read from one of its files and
    /// borrowed from it (a run's; a [`crate::lint::Session`] keeps the file in its facts).
    pub fn with_codeowners(mut self, file: Option<Codeowners<'s>>) -> Workspace<'s> {
        self.codeowners_file = file;
        self
    }

    /// The repository's CODEOWNERS file, when the run reads one: its id and its rules.
    pub fn codeowners(&self) -> Option<(FileId, &Codeowners<'s>)> {
        if let Some(file) = &self.codeowners_file {
            return Some((file.file, file));
        }
        self.all_facts()
            .find_map(|(id, f)| f.codeowners.as_deref().map(|c| (id, c as &Codeowners<'s>)))
    }

    /// The CODEOWNERS file held against the documents ([`super::codeowners`]), computed once
    /// for all the rules that report from it.
    pub fn codeowners_comparison(&self, settings: &Settings) -> &Comparison {
        self.codeowners
            .get_or_init(|| super::codeowners::compare(self, settings))
    }

    /// The catalog's entities by their identity ([`super::catalog`]), gathered once for all
    /// the rules that resolve references.
    pub fn catalog(&self) -> &super::catalog::Catalog {
        self.catalog
            .get_or_init(|| super::catalog::Catalog::new(self))
    }

    /// The facts back, for a run that keeps them for the next ([`crate::lint::Session`]).
    pub fn into_facts(self) -> Vec<Facts> {
        self.facts
    }

    pub fn file(&self, id: FileId) -> &'s SourceFile {
        &self.files[id.index()]
    }

    /// The files of this workspace.
    pub fn file_ids(&self) -> impl Iterator<Item = FileId> + '_ {
        (self.first..self.first + self.facts.len()).map(|i| FileId(i as u32))
    }

    pub fn facts(&self, file: FileId) -> &Facts {
        &self.facts[file.index() - self.first]
    }

    /// For each file, whether the run leaves it out: a file met while walking a folder that
    /// has no ownership content (a README) and no parse problem.
    pub fn skipped_files(&self) -> Vec<bool> {
        self.facts
            .iter()
            .map(|f| !f.explicit && !f.ownership && !f.problems)
            .collect()
    }

    /// Every file's facts, with the file.
    pub fn all_facts(&self) -> impl Iterator<Item = (FileId, &Facts)> + '_ {
        self.file_ids().zip(&self.facts)
    }

    /// Every file's document, in file order, as the parser read it.
    ///
    /// # Panics
    /// When the run did not keep its documents ([`crate::lint::Run::keep_documents`]): a
    /// command that reads documents asks for them.
    pub fn documents(&self) -> &[Document<'s>] {
        self.documents
            .as_deref()
            .expect("the run keeps its documents (lint::Run::keep_documents)")
    }

    /// A text kept in the facts of `file`, as the document had it.
    pub fn text(&self, file: FileId, kept: &KeptText) -> Text<'_> {
        self.facts(file).text(self.file(file), kept)
    }

    /// A text kept in the facts of `file`.
    pub fn str(&self, file: FileId, kept: &KeptText) -> &str {
        self.facts(file).str(self.file(file), kept)
    }

    /// A domain's name, as written.
    pub fn domain_name(&self, id: DomainId) -> Text<'_> {
        self.text(id.file, &self.domain_facts(id).name_text)
    }

    pub fn domain_facts(&self, id: DomainId) -> &DomainFacts {
        &self.facts(id.file).domains[id.domain as usize]
    }

    pub fn name_facts(&self, id: NameId) -> &NameFacts {
        &self.facts(id.file).names[id.name as usize]
    }

    /// How many domains the workspace holds.
    pub fn domain_count(&self) -> usize {
        self.domains.len()
    }

    /// The domains whose name hash is `hash`, in workspace order.
    pub fn domains_hashed(&self, hash: u64) -> impl Iterator<Item = DomainId> + '_ {
        let start = self.domains.partition_point(|(h, _)| *h < hash);
        self.domains[start..]
            .iter()
            .take_while(move |(h, _)| *h == hash)
            .map(|(_, id)| *id)
    }

    /// The first domain with this name, compared as names are.
    pub fn find_domain(&self, name: &str) -> Option<DomainId> {
        let key = names::key(name);
        self.domains_hashed(key_hash(name))
            .find(|id| names::key(self.domain_name(*id).as_str()) == key)
    }

    /// Groups of two or more domains whose names hash alike, each in workspace order; the
    /// caller confirms with the names themselves.
    pub fn domains_sharing_a_name(&self) -> Vec<Vec<DomainId>> {
        runs(&self.domains)
    }

    /// Groups of two or more domains of one name (compared as names are), catalog entities'
    /// included, each in workspace order.
    pub fn domains_of_one_name(&self) -> Vec<Vec<DomainId>> {
        let mut out = Vec::new();
        for group in self.domains_sharing_a_name() {
            // The hashes agree; the names decide.
            let mut by_key: Vec<(String, Vec<DomainId>)> = Vec::new();
            for id in group {
                names::group_of(&mut by_key, self.domain_name(id).as_str()).push(id);
            }
            out.extend(
                by_key
                    .into_iter()
                    .map(|(_, ids)| ids)
                    .filter(|ids| ids.len() > 1),
            );
        }
        out
    }

    /// The domains defined more than once: groups of two or more definitions of one domain
    /// (names compared as names are), each in workspace order, the first definition first.
    pub fn domains_defined_twice(&self) -> Vec<Vec<DomainId>> {
        let mut groups = self.domains_of_one_name();
        for ids in &mut groups {
            ids.retain(|&id| !self.is_entity(id));
        }
        groups.retain(|ids| ids.len() > 1);
        groups
    }

    /// Whether a domain is a catalog entity's. An entity is no second definition of a domain
    /// the documents define: it is the same domain as Backstage describes it, held to the
    /// same owner (`multiple-owners`); and two entities are one only by Backstage's identity
    /// (kind, namespace and name: a System and a Component may share a name), which
    /// `catalog-duplicate-entity` judges.
    pub fn is_entity(&self, id: DomainId) -> bool {
        self.domain_facts(id).origin == DomainOrigin::Catalog
    }

    /// Groups of two or more names (SLOs, responsibilities, shared SLAs) that hash alike, each
    /// in source order (file, then place).
    pub fn names_written_twice(&self) -> Vec<Vec<NameId>> {
        let mut groups = self.repeated_names.clone();
        for group in &mut groups {
            group.sort_by_key(|id| (id.file, self.name_facts(*id).text.span.start));
        }
        groups
    }

    /// The text of a name.
    pub fn name_text(&self, id: NameId) -> Text<'_> {
        self.text(id.file, &self.name_facts(id).text)
    }

    /// The objective of a named SLO (a domain's SLO or a shared SLA); `None` for a
    /// responsibility.
    pub fn slo(&self, id: NameId) -> Option<&SloFacts> {
        self.facts(id.file).slos.get(id.name as usize)
    }

    /// What every objective of a named SLO means, in the order written; empty when its
    /// objectives could not be read.
    pub fn slo_meanings(&self, id: NameId) -> Vec<Meaning> {
        let facts = self.facts(id.file);
        let more = facts
            .more_objectives
            .iter()
            .filter(|(name, _)| *name == id.name)
            .map(|(_, o)| o);
        let first = facts.slos.get(id.name as usize);
        first
            .into_iter()
            .chain(more)
            .filter_map(SloFacts::meaning)
            .collect()
    }
}

/// The names whose hashes repeat, grouped: they are many and repeat rarely, so only their
/// hashes are sorted (eight bytes each), and only the repeats are looked for again.
fn repeated_names(facts: &[Facts], first: usize) -> Vec<Vec<NameId>> {
    let mut hashes: Vec<u64> = facts
        .iter()
        .flat_map(|f| f.names.iter().map(|n| n.hash))
        .collect();
    crate::util::parallel::sort_unstable(&mut hashes);
    let repeated: rustc_hash::FxHashSet<u64> = hashes
        .windows(2)
        .filter(|w| w[0] == w[1])
        .map(|w| w[0])
        .collect();
    drop(hashes);
    if repeated.is_empty() {
        return Vec::new();
    }
    let mut found: Vec<(u64, NameId)> = Vec::new();
    for (i, f) in facts.iter().enumerate() {
        let file = FileId((first + i) as u32);
        for (n, name) in f.names.iter().enumerate() {
            if repeated.contains(&name.hash) {
                found.push((
                    name.hash,
                    NameId {
                        file,
                        name: n as u32,
                    },
                ));
            }
        }
    }
    found.sort_unstable();
    runs(&found)
}

/// Runs of two or more equal hashes.
fn runs<T: Copy>(sorted: &[(u64, T)]) -> Vec<Vec<T>> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let hash = sorted[i].0;
        let end = i + sorted[i..].iter().take_while(|(h, _)| *h == hash).count();
        if end - i > 1 {
            out.push(sorted[i..end].iter().map(|(_, t)| *t).collect());
        }
        i = end;
    }
    out
}
