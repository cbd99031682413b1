//! The rule catalog: one file per rule, each declaring its code, name, default severity and
//! documentation with [`declare_rule!`], and the registry [`ALL`] that lists them by code.

use crate::config::Settings;
pub use crate::diagnostic::{Category, Checker, RuleMeta};
use crate::diagnostic::{Diagnostic, Fix, Severity};
use crate::index::Workspace;
use crate::model::{Document, Domain, FieldKind};
use crate::semantics;

mod catalog_duplicate_entity;
mod catalog_invalid_name;
mod catalog_missing_escalation;
mod catalog_missing_owner;
mod catalog_unknown_reference;
mod catalog_user_owner;
mod claims;

mod codeowners;
mod codeowners_missing_handle;
mod codeowners_missing_rule;
mod codeowners_overridden;
mod codeowners_shadowed_rule;
mod codeowners_syntax;
mod codeowners_wrong_owner;
mod conflicting_slo;
mod domain_removed;
mod duplicate_domain;
mod duplicate_field;
mod duplicate_responsibility;
mod incomplete_shared_ownership;
mod invalid_suppression;
mod label_in_list_item;
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

pub use catalog_duplicate_entity::CatalogDuplicateEntity;
pub use catalog_invalid_name::CatalogInvalidName;
pub use catalog_missing_escalation::CatalogMissingEscalation;
pub use catalog_missing_owner::CatalogMissingOwner;
pub use catalog_unknown_reference::CatalogUnknownReference;
pub use catalog_user_owner::CatalogUserOwner;
pub use codeowners_missing_handle::CodeownersMissingHandle;
pub use codeowners_missing_rule::CodeownersMissingRule;
pub use codeowners_overridden::CodeownersOverridden;
pub use codeowners_shadowed_rule::CodeownersShadowedRule;
pub use codeowners_syntax::CodeownersSyntax;
pub use codeowners_wrong_owner::CodeownersWrongOwner;
pub use conflicting_slo::ConflictingSlo;
pub use domain_removed::DomainRemoved;
pub use duplicate_domain::DuplicateDomain;
pub use duplicate_field::DuplicateField;
pub use duplicate_responsibility::DuplicateResponsibility;
pub use incomplete_shared_ownership::IncompleteSharedOwnership;
pub use invalid_suppression::InvalidSuppression;
pub use label_in_list_item::LabelInListItem;
pub use malformed_escalation_ladder::MalformedEscalationLadder;
pub use malformed_slo::MalformedSlo;
pub use missing_escalation_contact::MissingEscalationContact;
pub use missing_incident_authority::MissingIncidentAuthority;
pub use missing_responsibilities::MissingResponsibilities;
pub use missing_slo::MissingSlo;
pub use multiple_owners::MultipleOwners;
pub use no_domains::NoDomains;
pub use orphaned_domain::OrphanedDomain;
pub use owner_changed_without_transfer::{ChangedDomain, OwnerChangedWithoutTransfer};
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
    &LabelInListItem,
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
    &CodeownersSyntax,
    &CodeownersMissingRule,
    &CodeownersWrongOwner,
    &CodeownersOverridden,
    &CodeownersShadowedRule,
    &CodeownersMissingHandle,
    &CatalogUnknownReference,
    &CatalogDuplicateEntity,
    &CatalogMissingOwner,
    &CatalogInvalidName,
    &CatalogMissingEscalation,
    &CatalogUserOwner,
];

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
    /// The rules of the run, so that a rule can leave to another what that one reports.
    rules: &'a [EnabledRule],
    severity: Severity,
    diagnostics: Vec<Diagnostic>,
}

/// A rule to run and the severity its findings get.
pub type EnabledRule = (&'static dyn Rule, Severity);

impl<'a> Context<'a> {
    pub fn new(settings: &'a Settings, rules: &'a [EnabledRule]) -> Context<'a> {
        Context {
            settings,
            rules,
            severity: Severity::Error,
            diagnostics: Vec::new(),
        }
    }

    /// Whether the run reports the findings of the rule `meta` describes.
    pub fn runs(&self, meta: &RuleMeta) -> bool {
        self.rules
            .iter()
            .any(|(rule, _)| rule.meta().code == meta.code)
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

/// Report each domain that lacks the field `kind` (as [`semantics::lacks`] says): at the
/// misspelt label that stands for it if there is one (see [`misspelt_label`]), else with
/// `diagnostic`.
pub(crate) fn report_lacking(
    doc: &Document<'_>,
    cx: &mut Context<'_>,
    meta: &'static RuleMeta,
    kind: FieldKind,
    diagnostic: impl Fn(&Domain<'_>) -> Diagnostic,
) {
    for domain in doc.domains.iter().filter(|d| semantics::lacks(d, kind)) {
        cx.report(misspelt_label(meta, doc, domain, kind).unwrap_or_else(|| diagnostic(domain)));
    }
}

/// A missing field reported where its label is misspelt (`**Escalaton Contact:**`), with the
/// suggestion: the domain has no readable field of `kind`, and this is why.
pub(crate) fn misspelt_label(
    meta: &'static RuleMeta,
    doc: &Document<'_>,
    domain: &Domain<'_>,
    kind: FieldKind,
) -> Option<Diagnostic> {
    let typo = semantics::misspelt_label(doc, domain, kind)?;
    let message = match &typo.suggestion {
        Some(s) => format!("`{}` is not a field: did you mean `{s}`?", typo.label),
        None => format!("`{}` is not a field", typo.label),
    };
    let what = match kind {
        FieldKind::Owner => "owner",
        FieldKind::EscalationContact => "escalation contact",
        FieldKind::Slos => "SLO",
        FieldKind::IncidentAuthority => "incident authority",
        FieldKind::Responsibilities => "responsibilities",
        _ => "such field",
    };
    let help = format!(
        "correct the label: until then, domain `{}` has no {what}",
        domain.display_name()
    );
    let d = Diagnostic::new(meta, doc.file, typo.label.span, message).with_help(help);
    Some(match &typo.suggestion {
        Some(s) if typo.label.is_exact() => d.with_fix(Fix::replace(typo.label.span, s)),
        _ => d,
    })
}

/// Every rule's metadata, in code order.
pub fn catalog() -> Vec<&'static RuleMeta> {
    ALL.iter().map(|r| r.meta()).collect()
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
    crate::diagnostic::closest_rule_name(&catalog(), word)
}

/// What to suggest for a word that names no rule
/// ([`crate::diagnostic::rule_suggestions`]).
pub fn suggestions(word: &str) -> Vec<&'static str> {
    crate::diagnostic::rule_suggestions(&catalog(), word)
}

/// Declare a rule: a unit struct carrying its documentation and metadata.
///
/// `checker` says what runs the rule: `Document` and `Workspace` rules implement
/// [`Rule::check_document`] or [`Rule::check_workspace`] themselves; for `Suppressions` and
/// `Changes` rules a step of the pipeline reports the findings, and the macro writes the
/// (hook-less) [`Rule`] implementation itself.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// …
///     pub struct OrphanedDomain {
///         code: "OWN101", name: "orphaned-domain", severity: Error, category: Ownership,
///         checker: Document,
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
            category: $category:ident,
            checker: $checker:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $rule;

        impl $rule {
            pub const META: $crate::diagnostic::RuleMeta = $crate::diagnostic::RuleMeta {
                code: $code,
                name: $name,
                default_severity: $crate::diagnostic::Severity::$severity,
                category: $crate::diagnostic::Category::$category,
                checker: $crate::diagnostic::Checker::$checker,
                docs: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::rules::Declared for $rule {
            fn meta(&self) -> &'static $crate::diagnostic::RuleMeta {
                &Self::META
            }
        }

        $crate::declare_rule!(@hooks $checker $rule);
    };
    // A pipeline step reports these rules' findings: their `Rule` has no hook of its own.
    (@hooks Suppressions $rule:ident) => {
        impl $crate::rules::Rule for $rule {}
    };
    (@hooks Changes $rule:ident) => {
        impl $crate::rules::Rule for $rule {}
    };
    // `Document` and `Workspace` rules implement their hook themselves.
    (@hooks $checker:ident $rule:ident) => {};
}
