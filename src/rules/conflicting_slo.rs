use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::model::{Slo, names};
use crate::rules::{Context, Rule};
use crate::source::FileId;

fn diagnostic(first: (FileId, &Slo<'_>), later: (FileId, &Slo<'_>)) -> Diagnostic {
    Diagnostic::new(
        &ConflictingSlo::META,
        later.0,
        later.1.objective.span,
        format!(
            "SLO `{}` is `{}` here but `{}` elsewhere",
            later.1.name, later.1.objective, first.1.objective
        ),
    )
    .with_label("this objective")
    .with_secondary(first.0, first.1.objective.span, "differs from this one")
    .with_help("one SLO has one objective; make them agree, or give the SLOs different names")
}

declare_rule! {
    /// ## What it does
    /// Reports an SLO name that has different objectives in two places: two domains, or a
    /// domain and a shared SLA. On the later one, with a label on the other. Objectives are
    /// compared by meaning, so `P95 ≤ 300ms` and `p95 <= 0.3s` agree.
    ///
    /// ## Why is this bad?
    /// The owner answers for the domain's SLOs. When a shared SLA promises `P95 ≤ 300ms` and
    /// the owner's own SLO says `P95 ≤ 500ms`, one of the two is not being measured, and the
    /// other party is relying on the wrong one.
    ///
    /// ## Example
    /// ```markdown
    /// ### Payments Domain
    /// **SLO Responsibility:**
    /// - Payment finalization: P95 ≤ 500ms
    ///
    /// ## Shared Ownership (Exception)
    /// - **Subscriptions + Payments**: Shared ownership for payment finalization
    ///   - Shared SLA: Payment finalization P95 ≤ 300ms
    /// ```
    ///
    /// Use instead: the same objective in both places.
    pub struct ConflictingSlo {
        code: "OWN304",
        name: "conflicting-slo",
        severity: Error,
        category: Slo,
        checker: Workspace,
    }
}

impl Rule for ConflictingSlo {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        for group in ws.names_written_twice() {
            // Names written twice are rare: read them and compare.
            let mut first: Vec<(String, FileId, &Slo<'_>)> = Vec::new();
            for id in group {
                let Some(slo) = ws.name_slo(id) else {
                    continue;
                };
                let Ok(objective) = &slo.parsed else {
                    continue;
                };
                let key = names::key(slo.name.as_str());
                match first.iter().find(|(k, _, _)| *k == key) {
                    Some((_, file, original)) => {
                        let agree = original.parsed.as_ref().is_ok_and(|o| o.same_as(objective));
                        if !agree {
                            cx.report(diagnostic((*file, original), (id.file, slo)));
                        }
                    }
                    None => first.push((key, id.file, slo)),
                }
            }
        }
    }
}
