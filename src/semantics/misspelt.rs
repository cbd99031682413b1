//! A misspelt label where a field is missing: `**Escalaton Contact:**` in a domain without an
//! escalation contact is the contact its writer meant, not a second problem. The rule that
//! reports the missing field reports it at the typo, with the suggestion; `unknown-field`
//! leaves that label to it, so that one mistake is one finding.

use crate::model::{Document, Domain, FieldKind, UnknownField};

/// Whether a domain has no field of `kind` at all, as the rule for that field reads it (an
/// empty field is there, and another finding). SLOs, incident authority and responsibilities
/// are only asked of a domain with a body of its own: a table row has no place for them.
pub fn lacks(domain: &Domain<'_>, kind: FieldKind) -> bool {
    match kind {
        FieldKind::Owner => domain.owners.is_empty(),
        FieldKind::EscalationContact => domain.escalation_contacts.is_empty(),
        FieldKind::Slos => domain.has_body() && domain.slos.is_empty(),
        FieldKind::IncidentAuthority => domain.has_body() && domain.incident_authority.is_empty(),
        FieldKind::Responsibilities => domain.has_body() && domain.responsibilities.is_empty(),
        _ => false,
    }
}

/// The misspelt label that stands for a domain's missing field of `kind`: the first unknown
/// label of the domain close to that field's label, when the domain lacks the field.
pub fn misspelt_label<'d, 's>(
    doc: &'d Document<'s>,
    domain: &Domain<'_>,
    kind: FieldKind,
) -> Option<&'d UnknownField<'s>> {
    if !lacks(domain, kind) {
        return None;
    }
    doc.unknown_fields
        .iter()
        .find(|u| u.near == Some(kind) && u.domain == Some(domain.span))
}

/// Whether an unknown label is reported by the rule of the field it misspells (see
/// [`misspelt_label`]), and so not as an unknown field.
pub fn stands_for_missing_field(doc: &Document<'_>, unknown: &UnknownField<'_>) -> bool {
    let (Some(kind), Some(span)) = (unknown.near, unknown.domain) else {
        return false;
    };
    doc.domains
        .iter()
        .filter(|d| d.span == span)
        .filter_map(|d| misspelt_label(doc, d, kind))
        .any(|found| std::ptr::eq(found, unknown))
}
