//! The workspace: all files of one run seen through their facts, with the documents the
//! cross-file rules look into.

use super::facts::{DomainFacts, Facts, NameAt, NameFacts};
use crate::model::names::{self, key_hash};
use crate::model::{Document, Domain, Slo, Text};
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

/// All files of one run: their documents as the parser read them, and their [`Facts`], from
/// which the cross-file rules find candidates before they look into the documents.
pub struct Workspace<'s> {
    pub files: &'s [SourceFile],
    /// The files of this workspace are `files[first..first + facts.len()]`.
    first: usize,
    facts: Vec<Facts>,
    documents: Vec<Document<'s>>,
    /// Domain name hashes, sorted, with their domains in workspace order.
    domains: Vec<(u64, DomainId)>,
    /// Names (SLOs', responsibilities, shared SLAs') whose hashes repeat, grouped.
    repeated_names: Vec<Vec<NameId>>,
}

impl<'s> Workspace<'s> {
    /// A workspace of `files[first..first + documents.len()]`, with each file's document and
    /// its [`Facts`], both in file order.
    pub fn new(
        files: &'s [SourceFile],
        first: usize,
        documents: Vec<Document<'s>>,
        facts: Vec<Facts>,
    ) -> Workspace<'s> {
        assert_eq!(
            documents.len(),
            facts.len(),
            "one document and facts per file"
        );
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
        }
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

    /// A domain's name as written in the source, when the source holds it verbatim (no
    /// markup inside the name); `None` otherwise, and the document must be read.
    pub fn written_name(&self, id: DomainId) -> Option<&'s str> {
        let facts = self.domain_facts(id);
        let written = self.file(id.file).slice(facts.name_span);
        (key_hash(written) == facts.name).then_some(written)
    }

    /// A file's document.
    pub fn document(&self, file: FileId) -> &Document<'s> {
        &self.documents[file.index() - self.first]
    }

    /// Every file's document, in file order.
    pub fn documents(&self) -> &[Document<'s>] {
        &self.documents
    }

    pub fn domain(&self, id: DomainId) -> &Domain<'s> {
        &self.document(id.file).domains[id.domain as usize]
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
            .find(|id| names::key(self.domain(*id).name.as_str()) == key)
    }

    /// Groups of two or more domains whose names hash alike, each in workspace order; the
    /// caller confirms with the names themselves.
    pub fn domains_sharing_a_name(&self) -> Vec<Vec<DomainId>> {
        runs(&self.domains)
    }

    /// Groups of two or more names (SLOs, responsibilities, shared SLAs) that hash alike, each
    /// in source order (file, then place).
    pub fn names_written_twice(&self) -> Vec<Vec<NameId>> {
        let mut groups = self.repeated_names.clone();
        for group in &mut groups {
            group.sort_by_key(|id| (id.file, self.name_text(*id).span.start));
        }
        groups
    }

    /// The text of a name.
    pub fn name_text(&self, id: NameId) -> &Text<'s> {
        let doc = self.document(id.file);
        match self.name_facts(id).at {
            NameAt::DomainSlo(d, s) => &doc.domains[d as usize].slos[s as usize].name,
            NameAt::Responsibility(d, r) => &doc.domains[d as usize].responsibilities[r as usize],
            NameAt::SharedSla(decl) => {
                &doc.shared[decl as usize]
                    .sla
                    .as_ref()
                    .expect("an indexed SLA exists")
                    .name
            }
        }
    }

    /// The SLO a name belongs to, when it is an SLO's.
    pub fn name_slo(&self, id: NameId) -> Option<&Slo<'s>> {
        let doc = self.document(id.file);
        match self.name_facts(id).at {
            NameAt::DomainSlo(d, s) => Some(&doc.domains[d as usize].slos[s as usize]),
            NameAt::Responsibility(..) => None,
            NameAt::SharedSla(decl) => doc.shared[decl as usize].sla.as_ref(),
        }
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
