use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{DomainOrigin, Text};
use crate::source::FileId;

/// A domain whose owner changed, as the finding names it.
pub struct ChangedDomain<'a> {
    pub file: FileId,
    /// The name as messages show it.
    pub name: &'a str,
    pub origin: DomainOrigin,
}

impl OwnerChangedWithoutTransfer {
    /// The finding for a domain whose owner differs from the base revision's and that has
    /// no transfer record naming the previous owner and a date. Raised by
    /// [`crate::lint::changes`] when `--base` is given.
    pub fn diagnostic(
        domain: &ChangedDomain<'_>,
        owner: &Text<'_>,
        previous: &str,
        rev: &str,
        transfer: Option<&Text<'_>>,
    ) -> Diagnostic {
        let lacking = match transfer {
            None => "no ownership transfer record".to_owned(),
            Some(t) if t.is_empty() => "an empty ownership transfer record".to_owned(),
            Some(_) => format!("a transfer record that does not name `{previous}` and a date"),
        };
        let example = match domain.origin {
            DomainOrigin::Yaml => {
                format!("`ownership_transfer: from {previous} on YYYY-MM-DD`")
            }
            DomainOrigin::Catalog => format!(
                "the annotation `ownlint.io/ownership-transfer: from {previous} on YYYY-MM-DD`"
            ),
            _ => format!("`**Ownership Transfer:** from {previous} on YYYY-MM-DD`"),
        };
        Diagnostic::new(
            &Self::META,
            domain.file,
            owner.span,
            format!(
                "owner of `{}` changed from `{previous}` (at `{rev}`) with {lacking}",
                domain.name
            ),
        )
        .with_label("new owner")
        .with_help(format!(
            "record the transfer, e.g. {example}, after the knowledge transfer session, the \
             documentation update, the stakeholder notification and the escalation contact update"
        ))
    }
}

declare_rule! {
    /// ## What it does
    /// With `--base REV`, reports a domain whose owner differs from the owner at `REV` when
    /// the domain has no ownership transfer record: an `**Ownership Transfer:**` field (YAML
    /// `ownership_transfer:`) naming the previous owner and a date (`YYYY-MM-DD`). Reported on
    /// the new owner.
    ///
    /// ## Why is this bad?
    /// When ownership changes, the ownership model requires a documented transfer: a
    /// knowledge transfer session, a documentation update, a stakeholder notification and an
    /// escalation contact update. An owner swapped in a one-line pull request skips all four,
    /// and the new team learns it owns the domain during its first incident.
    ///
    /// ## Example
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Platform Team
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// ### Payments Domain
    /// **Owner:** Platform Team
    /// **Ownership Transfer:** from Payment Service Team on 2026-11-02
    /// ```
    pub struct OwnerChangedWithoutTransfer {
        code: "OWN501",
        name: "owner-changed-without-transfer",
        severity: Error,
        category: Change,
        checker: Changes,
    }
}
