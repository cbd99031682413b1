use std::sync::OnceLock;

use super::domain::Domain;
use super::facts::{DomainFacts, Facts, NameAt, NameFacts, key_hash};
use super::ladder::EscalationLadder;
use super::names;
use super::objective::Objective;
use super::shared::SharedOwnership;
use super::slo::Slo;
use super::text::Text;
use crate::parse::labels::LabelTable;
use crate::source::{FileId, SourceFile, Span};

/// Everything one file says, as the parser read it.
#[derive(Debug)]
pub struct Document<'s> {
    pub file: FileId,
    /// The file was named on the command line or matched an include glob, so a file without
    /// ownership content is worth a finding.
    pub explicit: bool,
    pub domains: Vec<Domain<'s>>,
    pub ladders: Vec<EscalationLadder<'s>>,
    pub shared: Vec<SharedOwnership<'s>>,
    pub suppressions: Vec<Suppression<'s>>,
    /// Places the parser could not read; a file that cannot be parsed at all has one here
    /// and nothing else.
    pub problems: Vec<ParseProblem>,
    pub unknown_fields: Vec<UnknownField<'s>>,
}

impl<'s> Document<'s> {
    pub fn new(file: FileId) -> Document<'s> {
        Document {
            file,
            explicit: false,
            domains: Vec::new(),
            ladders: Vec::new(),
            shared: Vec::new(),
            suppressions: Vec::new(),
            problems: Vec::new(),
            unknown_fields: Vec::new(),
        }
    }

    /// Every SLO the document states: the domains' SLOs and the shared SLAs.
    pub fn slos(&self) -> impl Iterator<Item = &Slo<'s>> {
        let domains = self.domains.iter().flat_map(|d| &d.slos);
        domains.chain(self.shared.iter().filter_map(|s| s.sla.as_ref()))
    }

    /// Every SLO whose objective could be read, with the objective.
    pub fn parsed_slos(&self) -> impl Iterator<Item = (&Slo<'s>, &Objective)> {
        self.slos()
            .filter_map(|s| s.parsed.as_ref().ok().map(|o| (s, o)))
    }

    /// Whether the file holds anything ownlint reads: a domain, a ladder or a shared-ownership
    /// declaration.
    pub fn has_ownership_content(&self) -> bool {
        !self.domains.is_empty() || !self.ladders.is_empty() || !self.shared.is_empty()
    }
}

/// A place where a document could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProblem {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// A field label or YAML key that ownlint does not know.
#[derive(Clone, Debug)]
pub struct UnknownField<'s> {
    pub label: Text<'s>,
    /// The known label it is closest to, if any is close.
    pub suggestion: Option<String>,
}

/// A comment that silences rules over a part of a file.
#[derive(Clone, Debug)]
pub struct Suppression<'s> {
    /// The comment itself.
    pub span: Span,
    /// Rule names or codes as written; empty means every rule.
    pub rules: Vec<Text<'s>>,
    pub scope: SuppressionScope,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressionScope {
    /// The byte range of the line after the comment.
    NextLine(Span),
    /// From a disable comment to its enable comment (or the end of the file).
    Block(Span),
    File,
}

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

/// How much source the documents kept between cross-file rules may hold: a document model
/// takes several times its source, so this keeps tens of megabytes at most.
const KEPT_DOCUMENTS_BYTES: usize = 4 << 20;

/// All files of one run, seen through their [`Facts`], with their documents parsed again on
/// demand. Cross-file rules find candidates in the facts and read documents only there.
pub struct Workspace<'s> {
    pub files: &'s [SourceFile],
    /// The files of this workspace are `files[first..first + facts.len()]`.
    first: usize,
    facts: Vec<Facts>,
    documents: Vec<OnceLock<Document<'s>>>,
    labels: LabelTable,
    /// Domain name hashes, sorted, with their domains in workspace order.
    domains: Vec<(u64, DomainId)>,
    /// Names (SLOs', responsibilities, shared SLAs') whose hashes repeat, grouped.
    repeated_names: Vec<Vec<NameId>>,
}

impl<'s> Workspace<'s> {
    /// A workspace of `files[first..first + facts.len()]`, one [`Facts`] per file, whose
    /// documents are read with `labels` when asked for.
    pub fn new(
        files: &'s [SourceFile],
        first: usize,
        facts: Vec<Facts>,
        labels: LabelTable,
    ) -> Workspace<'s> {
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
        crate::parallel::sort_unstable(&mut domains);
        let repeated_names = repeated_names(&facts, first);
        let documents = (0..facts.len()).map(|_| OnceLock::new()).collect();
        Workspace {
            files,
            first,
            facts,
            documents,
            labels,
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

    /// Drop the documents read so far when they hold more than [`KEPT_DOCUMENTS_BYTES`] of
    /// source; the next rule reads what it needs again. Keeps the memory of a large run
    /// bounded by what one rule looks at, while a small one reads each document once.
    pub fn forget_documents(&mut self) {
        let first = self.first;
        let read: usize = self
            .documents
            .iter()
            .enumerate()
            .filter(|(_, d)| d.get().is_some())
            .map(|(i, _)| self.files[first + i].text.len())
            .sum();
        if read > KEPT_DOCUMENTS_BYTES {
            for doc in &mut self.documents {
                doc.take();
            }
        }
    }

    /// A domain's name as written in the source, when the source holds it verbatim (no
    /// markup inside the name); `None` otherwise, and the document must be read.
    pub fn written_name(&self, id: DomainId) -> Option<&'s str> {
        let facts = self.domain_facts(id);
        let written = self.file(id.file).slice(facts.name_span);
        (key_hash(written) == facts.name).then_some(written)
    }

    /// A file's document, parsed again from its text the first time it is asked for.
    pub fn document(&self, file: FileId) -> &Document<'s> {
        self.documents[file.index() - self.first]
            .get_or_init(|| crate::parse::parse(self.file(file), &self.labels))
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
    crate::parallel::sort_unstable(&mut hashes);
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
