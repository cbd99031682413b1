//! What the cross-file rules need to know of each document, kept for the whole run while the
//! documents themselves are dropped after the per-file rules: names as hashes of their keys,
//! places as spans, and a few flags. A few hundred bytes per domain, where the parsed model is
//! kilobytes, so that a repository with a hundred thousand domains is checked in a fraction of
//! the memory its text takes. Where the facts show a candidate finding, the rule looks into the
//! document through the [`super::Workspace`].

use smallvec::SmallVec;

use crate::model::SuppressionScope;
use crate::source::Span;

/// The cross-file facts of one domain.
#[derive(Clone, Debug)]
pub struct DomainFacts {
    /// [`crate::model::names::key_hash`] of the name.
    pub name: u64,
    /// The owner's key hash when the domain has exactly one real owner, else [`NO_OWNER`].
    pub owner: u64,
    /// Where the name is written.
    pub name_span: Span,
    /// The heading, YAML item or table row that defines the domain.
    pub span: Span,
}

/// The owner hash of a domain without one real owner.
pub const NO_OWNER: u64 = 0;

impl DomainFacts {
    pub fn owner(&self) -> Option<u64> {
        (self.owner != NO_OWNER).then_some(self.owner)
    }
}

/// Where a name (an SLO's, a responsibility, a shared SLA's) is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameAt {
    /// The name of SLO `.1` of domain `.0`.
    DomainSlo(u32, u16),
    /// Responsibility `.1` of domain `.0`.
    Responsibility(u32, u16),
    /// The SLA of shared-ownership declaration `.0`.
    SharedSla(u32),
}

impl NameAt {
    /// The domain that claims the name, if a domain does.
    pub fn domain(self) -> Option<u32> {
        match self {
            NameAt::DomainSlo(d, _) | NameAt::Responsibility(d, _) => Some(d),
            NameAt::SharedSla(_) => None,
        }
    }
}

/// A name: its key hash and where it is. Sixteen bytes, for there are several per domain.
#[derive(Clone, Debug)]
pub struct NameFacts {
    pub hash: u64,
    pub at: NameAt,
}

/// A shared-ownership declaration.
#[derive(Clone, Debug)]
pub struct SharedFacts {
    /// The key hashes of the domains named.
    pub domains: SmallVec<[u64; 2]>,
    /// The key hashes of the parties that have a boundary.
    pub parties: SmallVec<[u64; 2]>,
    pub has_sla: bool,
    pub has_escalation: bool,
    pub has_sync: bool,
}

/// A contact written as a bracketed role, `[Product Manager]`.
#[derive(Clone, Debug)]
pub struct RoleContact {
    pub role: u64,
    pub domain: u32,
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
    pub shared: Vec<SharedFacts>,
    /// Key hashes of the roles of the document's escalation ladders.
    pub ladder_roles: Vec<u64>,
    pub has_ladder: bool,
    pub role_contacts: Vec<RoleContact>,
    pub suppressions: Vec<SuppressionFacts>,
}

impl Facts {
    /// Give back the room the vectors grew into.
    pub fn shrink(&mut self) {
        self.domains.shrink_to_fit();
        self.names.shrink_to_fit();
        self.shared.shrink_to_fit();
        self.ladder_roles.shrink_to_fit();
        self.role_contacts.shrink_to_fit();
        self.suppressions.shrink_to_fit();
    }
}
