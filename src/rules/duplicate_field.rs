use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{Document, Domain, FieldKind, FieldLabel};
use crate::rules::{Context, Rule};

fn diagnostic(domain: &Domain<'_>, first: &FieldLabel, second: &FieldLabel) -> Diagnostic {
    Diagnostic::new(
        &DuplicateField::META,
        domain.file,
        second.span,
        format!(
            "`{}` is given twice in domain `{}`",
            second.kind.label(),
            domain.display_name()
        ),
    )
    .with_label("given again here")
    .with_secondary(domain.file, first.span, "first given here")
    .with_help("merge the two into one field")
}

declare_rule! {
    /// ## What it does
    /// Reports a field given twice in one domain, such as two `**Escalation Contact:**` lines
    /// or a `**SLOs:**` list and an `**SLO Responsibility:**` list, on the second. A second
    /// owner field is reported by `multiple-owners` instead.
    ///
    /// ## Why is this bad?
    /// Readers stop at the first field and miss the second: two escalation contacts leave the
    /// on-call engineer guessing, and two SLO lists make it unclear which one the owner
    /// answers for.
    ///
    /// ## Example
    /// ```markdown
    /// **Escalation Contact:** @payments-oncall
    /// **Escalation Contact:** Jane Doe (@jdoe)
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// **Escalation Contact:** @payments-oncall, then Jane Doe (@jdoe)
    /// ```
    pub struct DuplicateField {
        code: "OWN005",
        name: "duplicate-field",
        severity: Warning,
        category: Structure,
        checker: Document,
    }
}

impl Rule for DuplicateField {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for domain in &doc.domains {
            let mut seen: Vec<&FieldLabel> = Vec::new();
            for label in &domain.labels {
                if matches!(label.kind, FieldKind::Owner | FieldKind::Other) {
                    continue;
                }
                match seen.iter().find(|l| l.kind == label.kind) {
                    Some(first) => cx.report(diagnostic(domain, first, label)),
                    None => seen.push(label),
                }
            }
        }
    }
}
