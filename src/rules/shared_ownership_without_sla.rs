use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, SharedOwnership};
use crate::rules::{Context, Rule};

fn diagnostic(decl: &SharedOwnership<'_>) -> Diagnostic {
    Diagnostic::new(
        &SharedOwnershipWithoutSla::META,
        decl.file,
        decl.span,
        format!("shared ownership of {} has no SLA", parties(&decl.domains)),
    )
    .with_help(
        "add the SLA both parties answer for, e.g. `Shared SLA: Payment finalization P95 ≤ 300ms`",
    )
}

/// `` `A` + `B` `` for messages.
pub fn parties<T: std::fmt::Display>(domains: impl IntoIterator<Item = T>) -> String {
    domains
        .into_iter()
        .map(|d| format!("`{d}`"))
        .collect::<Vec<_>>()
        .join(" + ")
}

declare_rule! {
    /// ## What it does
    /// Reports a shared-ownership declaration without an SLA, on the declaration.
    ///
    /// ## Why is this bad?
    /// No shared ownership without an explicit SLA: shared ownership is the exception to one
    /// owner per domain, and the SLA is what both parties answer for together. Without it,
    /// "shared" means nobody is accountable.
    ///
    /// ## Example
    /// ```markdown
    /// - **Subscriptions + Payments**: Shared ownership for payment finalization
    ///   - Subscription team: Subscription creation
    ///   - Payment team: Payment processing
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - **Subscriptions + Payments**: Shared ownership for payment finalization
    ///   - Subscription team: Subscription creation
    ///   - Payment team: Payment processing
    ///   - Shared SLA: Payment finalization P95 ≤ 300ms
    /// ```
    pub struct SharedOwnershipWithoutSla {
        code: "OWN106",
        name: "shared-ownership-without-sla",
        severity: Error,
        category: Ownership,
        checker: Document,
    }
}

impl Rule for SharedOwnershipWithoutSla {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for decl in doc.shared.iter().filter(|d| d.sla.is_none()) {
            cx.report(diagnostic(decl));
        }
    }
}
