use crate::declare_rule;
use crate::diagnostic::{Diagnostic, RuleMeta};
use crate::model::{Document, FieldKind, UnknownField as Unknown};
use crate::rules::{
    Context, MissingEscalationContact, MissingIncidentAuthority, MissingResponsibilities,
    MissingSlo, OrphanedDomain, Rule,
};
use crate::semantics;
use crate::source::FileId;

/// `fixable`: the label may be replaced by the suggestion unseen, because the domain lacks the
/// field it names (else the replacement would write the field twice: in YAML, a duplicate key).
fn diagnostic(file: FileId, field: &Unknown<'_>, fixable: bool) -> Diagnostic {
    let d = Diagnostic::new(
        &UnknownField::META,
        file,
        field.label.span,
        format!("unknown field `{}`", field.label),
    );
    match &field.suggestion {
        Some(s) => d.with_suggestion(
            s,
            (fixable && field.label.is_exact()).then_some(field.label.span),
        ),
        None => d.with_help(format!(
            "ownlint does not read it; if it is one of ownlint's fields under another name, map \
             it in `.ownlint.yaml` (`labels: {{escalation_contact: [\"{}\"]}}`, say), else remove \
             it or move it out of the domain",
            field.label
        )),
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a field ownlint does not know: in Markdown, a bold label in a domain
    /// (`**Point of Contact:**`) or a plain one close to a known label (`Ownr:`); in YAML, any
    /// key that is not part of the format. The help names the closest known field, or the
    /// `labels` setting of `.ownlint.yaml` that maps a label to a field.
    ///
    /// A misspelt label in a domain that lacks the field it is close to (`**Escalaton
    /// Contact:**` in a domain without an escalation contact) is reported once, by the rule
    /// of the missing field (`orphaned-domain`, `missing-escalation-contact`, `missing-slo`,
    /// `missing-incident-authority`, `missing-responsibilities`), at the label and with the
    /// same suggestion; this rule reports it when the domain has that field as well, or when
    /// that rule does not run (so that a typo is always someone's finding).
    ///
    /// ## Why is this bad?
    /// A misspelt label is silently ignored by every reader, so the domain looks as if it
    /// had no owner or no escalation contact, and the real one goes unchecked.
    ///
    /// ## Example
    /// ```markdown
    /// ### Payments Domain
    ///
    /// **Ownr:** Payment Service Team
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ### Payments Domain
    ///
    /// **Owner:** Payment Service Team
    /// ```
    ///
    /// ## Options
    /// `labels` in `.ownlint.yaml` adds spellings for a field, e.g. `owner: [Verantwortlich]`.
    pub struct UnknownField {
        code: "OWN003",
        name: "unknown-field",
        severity: Warning,
        category: Structure,
        checker: Document,
    }
}

impl Rule for UnknownField {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for field in &doc.unknown_fields {
            // A misspelt label where its field is missing is the missing-field rule's
            // finding, when that rule runs; else it is this one's.
            let elsewhere = semantics::stands_for_missing_field(doc, field)
                && field
                    .near
                    .and_then(missing_field_rule)
                    .is_some_and(|rule| cx.runs(rule));
            if !elsewhere {
                let domain = doc.domains.iter().find(|d| Some(d.span) == field.domain);
                let fixable = field
                    .near
                    .zip(domain)
                    .is_some_and(|(kind, domain)| semantics::lacks(domain, kind));
                cx.report(diagnostic(doc.file, field, fixable));
            }
        }
    }
}

/// The rule that reports a domain without a field of `kind`.
fn missing_field_rule(kind: FieldKind) -> Option<&'static RuleMeta> {
    match kind {
        FieldKind::Owner => Some(&OrphanedDomain::META),
        FieldKind::EscalationContact => Some(&MissingEscalationContact::META),
        FieldKind::Slos => Some(&MissingSlo::META),
        FieldKind::IncidentAuthority => Some(&MissingIncidentAuthority::META),
        FieldKind::Responsibilities => Some(&MissingResponsibilities::META),
        _ => None,
    }
}
