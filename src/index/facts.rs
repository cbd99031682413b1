//! What the cross-file rules need to know of each document, kept for the whole run while the
//! documents themselves are dropped after the per-file rules (unless a command asks to keep
//! them): names as hashes of their keys, texts as spans into the source, a few meanings and
//! flags. A few hundred bytes per domain, where the parsed model is kilobytes, so that a
//! repository with a hundred thousand domains is checked in a fraction of the memory its text
//! takes. The cross-file rules find candidates by hash and read the texts they report from
//! the source, through the [`super::Workspace`]; no document is parsed twice.

use std::borrow::Cow;

use smallvec::SmallVec;

use crate::model::objective::{Comparator, Meaning, UnitKind};
use crate::model::{Codeowners, DomainOrigin, SuppressionScope, Text};
use crate::source::{SourceFile, Span};

/// A text the facts keep: where it is written and, when the source does not hold it verbatim
/// (Markdown markup removed, YAML escapes decoded), which of the file's [`Facts::rewritten`]
/// texts it is. Nearly every text is the source under its span, and costs twelve bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeptText {
    pub span: Span,
    rewritten: u32,
}

/// [`KeptText::rewritten`] of a text that is the source under its span.
const VERBATIM: u32 = u32::MAX;

/// The cross-file facts of one domain.
#[derive(Clone, Debug)]
pub struct DomainFacts {
    /// [`crate::model::names::key_hash`] of the name.
    pub name: u64,
    /// The owner's key hash when the domain has exactly one real owner, else [`NO_OWNER`].
    pub owner: u64,
    pub name_text: KeptText,
    /// The heading, YAML item or table row that defines the domain.
    pub span: Span,
    /// From the heading to the last value of the domain ([`crate::model::Domain::extent`]).
    pub extent: Span,
    /// The one real owner as written, when there is one.
    pub owner_text: Option<KeptText>,
    pub origin: DomainOrigin,
}

/// The owner hash of a domain without one real owner.
pub const NO_OWNER: u64 = 0;

impl DomainFacts {
    pub fn owner(&self) -> Option<u64> {
        (self.owner != NO_OWNER).then_some(self.owner)
    }
}

/// What a name (an SLO's, a responsibility, a shared SLA's) belongs to: the kind of name in
/// the top two bits, the domain's or the declaration's index below. Four bytes, for there
/// are several names per domain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NameAt(u32);

const KIND_SHIFT: u32 = 30;
const INDEX_MASK: u32 = (1 << KIND_SHIFT) - 1;
const SLO: u32 = 0;
const RESPONSIBILITY: u32 = 1;
const SHARED_SLA: u32 = 2;

impl NameAt {
    /// An SLO of domain `domain`.
    pub fn slo(domain: u32) -> NameAt {
        NameAt::new(SLO, domain)
    }

    /// A responsibility of domain `domain`.
    pub fn responsibility(domain: u32) -> NameAt {
        NameAt::new(RESPONSIBILITY, domain)
    }

    /// The SLA of shared-ownership declaration `decl`.
    pub fn shared_sla(decl: u32) -> NameAt {
        NameAt::new(SHARED_SLA, decl)
    }

    fn new(kind: u32, index: u32) -> NameAt {
        // A file holds far fewer than a billion domains: its spans are 32-bit.
        NameAt(kind << KIND_SHIFT | index & INDEX_MASK)
    }

    /// The domain that claims the name, if a domain does.
    pub fn domain(self) -> Option<u32> {
        (self.0 >> KIND_SHIFT != SHARED_SLA).then_some(self.0 & INDEX_MASK)
    }

    /// The domain whose responsibility the name is, if it is one.
    pub fn responsibility_of(self) -> Option<u32> {
        (self.0 >> KIND_SHIFT == RESPONSIBILITY).then_some(self.0 & INDEX_MASK)
    }
}

/// A name: its key hash, what it names and its text.
#[derive(Clone, Debug)]
pub struct NameFacts {
    pub hash: u64,
    pub at: NameAt,
    pub text: KeptText,
}

/// The objective of a named SLO (a domain's SLO or a shared SLA), for comparing copies:
/// `Facts::slos[i]` is the (first) objective of `Facts::names[i]`; the second objective of
/// `P95 ≤ 300ms and P99 ≤ 1s`, rare, is in `Facts::more_objectives`. Thirty-two bytes, for
/// there are several per domain: the meaning is kept flat, its percentile and window in
/// single precision (percentiles have a few digits, windows are whole seconds).
#[derive(Clone, Debug)]
pub struct SloFacts {
    pub objective: KeptText,
    /// The parts of [`Meaning`]; no unit kind when the objective could not be read.
    percentile: f32,
    window: f32,
    value: f64,
    comparator: Comparator,
    kind: Option<UnitKind>,
}

impl SloFacts {
    pub fn new(objective: KeptText, meaning: Option<Meaning>) -> SloFacts {
        match meaning {
            Some(m) => SloFacts {
                objective,
                percentile: m.percentile as f32,
                window: m.window as f32,
                value: m.value,
                comparator: m.comparator,
                kind: Some(m.kind),
            },
            None => SloFacts {
                objective,
                percentile: f32::NAN,
                window: f32::NAN,
                value: f64::NAN,
                comparator: Comparator::Eq,
                kind: None,
            },
        }
    }

    /// What the objective means, when it could be read.
    pub fn meaning(&self) -> Option<Meaning> {
        Some(Meaning {
            percentile: f64::from(self.percentile),
            window: f64::from(self.window),
            value: self.value,
            comparator: self.comparator,
            kind: self.kind?,
        })
    }
}

/// A shared-ownership declaration.
#[derive(Clone, Debug)]
pub struct SharedFacts {
    /// The whole declaration.
    pub span: Span,
    /// The key hashes of the domains named.
    pub domains: SmallVec<[u64; 2]>,
    /// The domains named, as written.
    pub domain_names: SmallVec<[KeptText; 2]>,
    /// The key hashes of the parties that have a boundary.
    pub parties: SmallVec<[u64; 2]>,
    /// Those parties, as written.
    pub party_names: SmallVec<[KeptText; 2]>,
    pub has_sla: bool,
    pub has_escalation: bool,
    pub has_sync: bool,
}

/// A contact written as a bracketed role, `[Product Manager]`.
#[derive(Clone, Debug)]
pub struct RoleContact {
    pub role: u64,
    pub domain: u32,
    /// The contact as written, `[Product Manager]`.
    pub contact: KeptText,
}

/// A suppression comment, its rules resolved.
#[derive(Clone, Debug)]
pub struct SuppressionFacts {
    pub comment: Span,
    pub scope: SuppressionScope,
    /// Rule codes named, with where each name is written; empty for every rule.
    pub rules: Vec<(&'static str, Span, String)>,
    /// Names that are not rules, with where they are written.
    pub unknown: Vec<(String, Span)>,
}

/// A domain path: its domain's index, where the path is written, and its text in
/// [`Facts::path_texts`].
#[derive(Clone, Debug)]
pub struct PathFacts {
    pub domain: u32,
    pub kept: KeptText,
    text: std::ops::Range<u32>,
}

/// Everything the cross-file rules know of one document.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub explicit: bool,
    /// The document holds a domain, a ladder or a shared-ownership declaration.
    pub ownership: bool,
    /// The document could not be read in full.
    pub problems: bool,
    pub domains: Vec<DomainFacts>,
    pub names: Vec<NameFacts>,
    /// The objectives of the named SLOs, in the order of their names.
    pub slos: Vec<SloFacts>,
    /// The further objectives of named SLOs with more than one, by the index of the name.
    pub more_objectives: Vec<(u32, SloFacts)>,
    pub shared: Vec<SharedFacts>,
    /// The roles of the document's escalation ladders: key hash and text.
    pub ladder_roles: Vec<(u64, KeptText)>,
    pub has_ladder: bool,
    /// The first escalation ladder of the document, the one domains escalate along.
    pub ladder: Option<Span>,
    pub role_contacts: Vec<RoleContact>,
    /// The ownership transfer records of the domains that have one, by domain.
    pub transfers: Vec<(u32, KeptText)>,
    pub suppressions: Vec<SuppressionFacts>,
    /// Comments that look like suppressions but are none: the word as written, where, and
    /// the directive it is closest to.
    pub unknown_directives: Vec<(String, Span, Option<&'static str>)>,
    /// The paths of the domains that list code they own (`**Paths:**`), by domain, in order.
    pub paths: Vec<PathFacts>,
    /// The paths' texts one after another ([`Facts::path_text`]): holding a hundred thousand
    /// paths against a CODEOWNERS file reads them from here, in order, rather than from all
    /// over the documents.
    pub path_texts: String,
    /// The file's rules, when it is the repository's CODEOWNERS file and the facts are kept
    /// past the run ([`crate::lint::Session`]); a run's workspace borrows them instead.
    pub codeowners: Option<Box<Codeowners<'static>>>,
    /// With a team registry (`teams` in `.ownlint.yaml`): the owners the document's domains
    /// name that it does not have, placeholders aside, each with its domain; a catalog's
    /// Groups may have them still (`unknown-owner`).
    pub unregistered_owners: Vec<(u32, KeptText)>,
    /// The document's Backstage catalog entities, in order.
    pub entities: Vec<super::catalog::EntityFacts>,
    /// The kept texts that are not the source under their span.
    pub rewritten: Vec<Box<str>>,
}

impl Facts {
    /// Keep a path of domain `domain`, with its text.
    pub fn keep_path(&mut self, domain: u32, path: &Text<'_>) {
        let kept = self.keep(path);
        let start = self.path_texts.len() as u32;
        self.path_texts.push_str(path.as_str());
        let text = start..self.path_texts.len() as u32;
        self.paths.push(PathFacts { domain, kept, text });
    }

    /// The text of a path of this file's ([`Facts::path_texts`]).
    pub fn path_text(&self, path: &PathFacts) -> &str {
        &self.path_texts[path.text.start as usize..path.text.end as usize]
    }

    /// Keep a text of this file's document.
    pub fn keep(&mut self, text: &Text<'_>) -> KeptText {
        if text.is_exact() {
            return KeptText {
                span: text.span,
                rewritten: VERBATIM,
            };
        }
        self.rewritten.push(text.as_str().into());
        KeptText {
            span: text.span,
            rewritten: (self.rewritten.len() - 1) as u32,
        }
    }

    /// A kept text, read from `file` (the file the facts are of) when it is verbatim.
    pub fn str<'a>(&'a self, file: &'a SourceFile, kept: &KeptText) -> &'a str {
        match self.rewritten.get(kept.rewritten as usize) {
            Some(text) => text,
            None => file.slice(kept.span),
        }
    }

    /// A kept text as the document had it: exact when it is the source under its span.
    pub fn text<'a>(&'a self, file: &'a SourceFile, kept: &KeptText) -> Text<'a> {
        match self.rewritten.get(kept.rewritten as usize) {
            Some(text) => Text::new(Cow::Owned(text.to_string()), kept.span),
            None => Text::exact(&file.text, kept.span),
        }
    }

    /// A domain's ownership transfer record, when it has one.
    pub fn transfer(&self, domain: u32) -> Option<&KeptText> {
        self.transfers
            .iter()
            .find(|(d, _)| *d == domain)
            .map(|(_, t)| t)
    }

    /// Give back the room the vectors grew into.
    pub fn shrink(&mut self) {
        self.domains.shrink_to_fit();
        self.names.shrink_to_fit();
        self.slos.shrink_to_fit();
        self.more_objectives.shrink_to_fit();
        self.shared.shrink_to_fit();
        self.ladder_roles.shrink_to_fit();
        self.role_contacts.shrink_to_fit();
        self.suppressions.shrink_to_fit();
        self.unknown_directives.shrink_to_fit();
        self.transfers.shrink_to_fit();
        self.paths.shrink_to_fit();
        self.path_texts.shrink_to_fit();
        self.entities.shrink_to_fit();
        self.unregistered_owners.shrink_to_fit();
        self.rewritten.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_knows_what_it_belongs_to() {
        for index in [0, 1, 77, INDEX_MASK] {
            assert_eq!(NameAt::slo(index).domain(), Some(index));
            assert_eq!(NameAt::slo(index).responsibility_of(), None);
            assert_eq!(NameAt::responsibility(index).domain(), Some(index));
            assert_eq!(
                NameAt::responsibility(index).responsibility_of(),
                Some(index)
            );
            assert_eq!(NameAt::shared_sla(index).domain(), None);
            assert_eq!(NameAt::shared_sla(index).responsibility_of(), None);
        }
    }

    #[test]
    fn kept_texts_read_back_as_the_document_had_them() {
        let file = SourceFile::new(
            crate::source::FileId(0),
            "a.md".into(),
            "a.md".into(),
            crate::source::Format::Markdown,
            crate::source::Origin::Explicit,
            b"### **Pay**ments Domain".to_vec(),
        );
        let mut facts = Facts::default();
        let exact = facts.keep(&Text::exact(&file.text, Span::new(4, 11)));
        let rewritten = facts.keep(&Text::new("Payments Domain".to_owned(), Span::new(4, 23)));
        assert_eq!(facts.str(&file, &exact), "**Pay**");
        assert!(facts.text(&file, &exact).is_exact());
        assert_eq!(facts.str(&file, &rewritten), "Payments Domain");
        assert!(!facts.text(&file, &rewritten).is_exact());
        assert_eq!(facts.rewritten.len(), 1);
    }

    #[test]
    fn an_slo_keeps_its_meaning_or_that_it_has_none() {
        let kept = KeptText {
            span: Span::new(0, 1),
            rewritten: VERBATIM,
        };
        assert!(SloFacts::new(kept, None).meaning().is_none());
        let meaning = Meaning {
            percentile: f64::NAN,
            window: f64::NAN,
            comparator: Comparator::Ge,
            value: 99.9,
            kind: UnitKind::Percent,
        };
        let back = SloFacts::new(kept, Some(meaning)).meaning().unwrap();
        assert!(back.same_as(&meaning));
        assert_eq!(back.percentile(), None);
        assert_eq!(std::mem::size_of::<SloFacts>(), 32);
    }
}
