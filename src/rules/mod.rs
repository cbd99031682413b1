//! The rule catalog: one file per rule, each declaring its code, name, default severity and
//! documentation with [`declare_rule!`], and the registry [`ALL`] that lists them by code.

use crate::config::Settings;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Document, Workspace};

pub(crate) mod claims;
pub mod facts;
pub mod placeholders;

mod conflicting_slo;
mod domain_removed;
mod duplicate_domain;
mod duplicate_field;
mod duplicate_responsibility;
mod incomplete_shared_ownership;
mod invalid_suppression;
mod malformed_escalation_ladder;
mod malformed_slo;
mod missing_escalation_contact;
mod missing_incident_authority;
mod missing_responsibilities;
mod missing_slo;
mod multiple_owners;
mod no_domains;
mod orphaned_domain;
mod owner_changed_without_transfer;
mod parse_error;
mod placeholder_escalation_contact;
mod shared_ownership_unknown_domain;
mod shared_ownership_without_sla;
mod slo_missing_percentile;
mod slo_out_of_range;
mod slo_wrong_direction;
mod unknown_escalation_role;
mod unknown_field;
mod unknown_owner;
mod unsanctioned_shared_ownership;
mod unused_suppression;

pub use conflicting_slo::ConflictingSlo;
pub use domain_removed::DomainRemoved;
pub use duplicate_domain::DuplicateDomain;
pub use duplicate_field::DuplicateField;
pub use duplicate_responsibility::DuplicateResponsibility;
pub use incomplete_shared_ownership::IncompleteSharedOwnership;
pub use invalid_suppression::InvalidSuppression;
pub use malformed_escalation_ladder::MalformedEscalationLadder;
pub use malformed_slo::MalformedSlo;
pub use missing_escalation_contact::MissingEscalationContact;
pub use missing_incident_authority::MissingIncidentAuthority;
pub use missing_responsibilities::MissingResponsibilities;
pub use missing_slo::MissingSlo;
pub use multiple_owners::MultipleOwners;
pub use no_domains::NoDomains;
pub use orphaned_domain::OrphanedDomain;
pub use owner_changed_without_transfer::OwnerChangedWithoutTransfer;
pub use parse_error::ParseError;
pub use placeholder_escalation_contact::PlaceholderEscalationContact;
pub use shared_ownership_unknown_domain::SharedOwnershipUnknownDomain;
pub use shared_ownership_without_sla::SharedOwnershipWithoutSla;
pub use slo_missing_percentile::SloMissingPercentile;
pub use slo_out_of_range::SloOutOfRange;
pub use slo_wrong_direction::SloWrongDirection;
pub use unknown_escalation_role::UnknownEscalationRole;
pub use unknown_field::UnknownField;
pub use unknown_owner::UnknownOwner;
pub use unsanctioned_shared_ownership::UnsanctionedSharedOwnership;
pub use unused_suppression::UnusedSuppression;

/// Every rule, sorted by code.
pub static ALL: &[&dyn Rule] = &[
    &ParseError,
    &NoDomains,
    &UnknownField,
    &UnusedSuppression,
    &DuplicateField,
    &InvalidSuppression,
    &OrphanedDomain,
    &MultipleOwners,
    &DuplicateDomain,
    &UnsanctionedSharedOwnership,
    &DuplicateResponsibility,
    &SharedOwnershipWithoutSla,
    &IncompleteSharedOwnership,
    &SharedOwnershipUnknownDomain,
    &UnknownOwner,
    &MissingEscalationContact,
    &PlaceholderEscalationContact,
    &UnknownEscalationRole,
    &MalformedEscalationLadder,
    &MalformedSlo,
    &SloOutOfRange,
    &SloWrongDirection,
    &ConflictingSlo,
    &MissingSlo,
    &SloMissingPercentile,
    &MissingIncidentAuthority,
    &MissingResponsibilities,
    &OwnerChangedWithoutTransfer,
    &DomainRemoved,
];

/// The family a rule belongs to; codes are grouped by hundreds per category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// OWN0xx: reading the documents.
    Structure,
    /// OWN1xx: one owner per domain.
    Ownership,
    /// OWN2xx: every owner has an escalation contact.
    Escalation,
    /// OWN3xx: owners answer for their SLOs.
    Slo,
    /// OWN4xx: owners have incident authority.
    Authority,
    /// OWN5xx: ownership changes between two revisions.
    Change,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Structure => "structure",
            Category::Ownership => "ownership",
            Category::Escalation => "escalation",
            Category::Slo => "slo",
            Category::Authority => "authority",
            Category::Change => "change",
        }
    }
}

/// What is known about a rule without running it.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    pub category: Category,
    /// The rule's documentation, from its doc comment.
    pub docs: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown, without the leading space rustdoc keeps on each line.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first sentence under `## What it does`.
    pub fn summary(&self) -> String {
        let docs = self.documentation();
        let body = docs
            .split_once("## What it does")
            .map_or(docs.as_str(), |(_, rest)| rest);
        let paragraph: Vec<&str> = body
            .lines()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let text = paragraph.join(" ");
        match text.find(". ") {
            Some(end) => text[..end].to_owned(),
            None => text.trim_end_matches('.').to_owned(),
        }
    }
}

/// What [`declare_rule!`] gives every rule: its metadata.
pub trait Declared {
    fn meta(&self) -> &'static RuleMeta;
}

/// A rule reads the model and reports findings; it never prints or reads files.
pub trait Rule: Declared + Sync {
    /// Checks that need one document only; run in parallel over documents.
    fn check_document(&self, _doc: &Document<'_>, _cx: &mut Context<'_>) {}

    /// Checks across documents.
    fn check_workspace(&self, _ws: &Workspace<'_>, _cx: &mut Context<'_>) {}
}

/// What a rule sees besides the model, and where its findings go.
pub struct Context<'a> {
    pub settings: &'a Settings,
    severity: Severity,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Context<'a> {
    pub fn new(settings: &'a Settings) -> Context<'a> {
        Context {
            settings,
            severity: Severity::Error,
            diagnostics: Vec::new(),
        }
    }

    /// Set the severity the next findings are reported at.
    pub fn set_severity(&mut self, severity: Severity) {
        self.severity = severity;
    }

    pub fn report(&mut self, mut diagnostic: Diagnostic) {
        diagnostic.severity = self.severity;
        self.diagnostics.push(diagnostic);
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

/// Report each domain that has a body of its own (not a table row) and `lacks` something.
pub(crate) fn report_lacking(
    doc: &Document<'_>,
    cx: &mut Context<'_>,
    lacks: impl Fn(&crate::model::Domain<'_>) -> bool,
    diagnostic: impl Fn(&crate::model::Domain<'_>) -> Diagnostic,
) {
    for domain in doc.domains.iter().filter(|d| d.has_body() && lacks(d)) {
        cx.report(diagnostic(domain));
    }
}

/// Look a rule up by name or code, case-insensitively.
pub fn find(name_or_code: &str) -> Option<&'static dyn Rule> {
    ALL.iter().copied().find(|r| {
        let m = r.meta();
        m.name.eq_ignore_ascii_case(name_or_code) || m.code.eq_ignore_ascii_case(name_or_code)
    })
}

/// The rule name closest to a misspelt one, for "did you mean".
pub fn closest_name(word: &str) -> Option<&'static str> {
    let word = word.to_ascii_lowercase();
    // A name cut short (`placeholder-escalation`) means the rule it starts.
    let mut starting: Vec<&'static str> = ALL
        .iter()
        .map(|r| r.meta().name)
        .filter(|name| word.len() >= 4 && name.starts_with(word.as_str()))
        .collect();
    starting.sort_by_key(|name| name.len());
    if let Some(name) = starting.first() {
        return Some(name);
    }
    crate::parse::labels::closest_match(&word, ALL.iter().map(|r| (r.meta().name, r.meta().name)))
        .map(|(_, name)| name)
}

/// Declare a rule: a unit struct carrying its documentation and metadata.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// …
///     pub struct OrphanedDomain {
///         code: "OWN101", name: "orphaned-domain", severity: Error, category: Ownership,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $rule:ident {
            code: $code:literal,
            name: $name:literal,
            severity: $severity:ident,
            category: $category:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $rule;

        impl $rule {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $name,
                default_severity: $crate::diagnostic::Severity::$severity,
                category: $crate::rules::Category::$category,
                docs: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::rules::Declared for $rule {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                &Self::META
            }
        }
    };
}
