use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::model::objective::Meaning;
use crate::model::{Text, names};
use crate::rules::{Context, Rule};
use crate::source::FileId;

/// A named SLO as the rule compares it.
struct Copy<'a> {
    file: FileId,
    name: Text<'a>,
    objective: Text<'a>,
    /// Every objective's meaning, in the order written.
    meanings: Vec<Meaning>,
}

/// Whether two copies promise the same: as many objectives, each with its like.
fn agree(a: &[Meaning], b: &[Meaning]) -> bool {
    a.len() == b.len()
        && a.iter().all(|m| b.iter().any(|n| m.same_as(n)))
        && b.iter().all(|n| a.iter().any(|m| m.same_as(n)))
}

fn diagnostic(first: &Copy<'_>, later: &Copy<'_>) -> Diagnostic {
    Diagnostic::new(
        &ConflictingSlo::META,
        later.file,
        later.objective.span,
        format!(
            "SLO `{}` is `{}` here but `{}` elsewhere",
            later.name, later.objective, first.objective
        ),
    )
    .with_label("this objective")
    .with_secondary(first.file, first.objective.span, "differs from this one")
    .with_help("the copies of one SLO state the same objectives; make them agree, or give the SLOs different names")
}

declare_rule! {
    /// ## What it does
    /// Reports an SLO name that has different objectives in two places: two domains, or a
    /// domain and a shared SLA. On the later one, with a label on the other. Objectives are
    /// compared by meaning, so `P95 ≤ 300ms` and `p95 <= 0.3s` agree, and so do `< 0.1%` of
    /// errors and `> 99.9%` of good events; an SLO with two objectives agrees with a copy that
    /// has the same two. Windows count when both copies write one (`monthly` and
    /// `over 7 days` differ).
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
            let mut first: Vec<(String, Copy<'_>)> = Vec::new();
            for id in group {
                let Some(slo) = ws.slo(id) else {
                    continue;
                };
                let meanings = ws.slo_meanings(id);
                if meanings.is_empty() {
                    continue;
                }
                let copy = Copy {
                    file: id.file,
                    name: ws.name_text(id),
                    objective: ws.text(id.file, &slo.objective),
                    meanings,
                };
                let key = names::key(copy.name.as_str());
                match first.iter().find(|(k, _)| *k == key) {
                    Some((_, original)) => {
                        if !agree(&original.meanings, &copy.meanings) {
                            cx.report(diagnostic(original, &copy));
                        }
                    }
                    None => first.push((key, copy)),
                }
            }
        }
    }
}
