use crate::declare_rule;
use crate::diagnostic::{Diagnostic, Fix};
use crate::model::{Document, FoldedLabel};
use crate::rules::{Context, Rule};
use crate::source::FileId;

fn diagnostic(file: FileId, folded: &FoldedLabel) -> Diagnostic {
    Diagnostic::new(
        &LabelInListItem::META,
        file,
        folded.label,
        "this field label continues the list item above it",
    )
    .with_label("read as a field, shown inside the list item")
    .with_help(
        "add a blank line before the label: without one, Markdown renders it as part of the \
         list item above",
    )
    .with_fix(Fix::safe(
        "Add a blank line before the label",
        folded.indent,
        "\n",
    ))
}

declare_rule! {
    /// ## What it does
    /// Reports a field label written on the line right after an entry of a list, with no
    /// blank line between them. ownlint reads the label as the field it is (so the domain is
    /// not reported as missing it), and says where it stands.
    ///
    /// ## Why is this bad?
    /// CommonMark folds such a line into the list item above: GitHub shows `**Incident
    /// Authority:**` as the end of the last SLO, and every other Markdown reader takes the
    /// field's entries for more SLOs. What the document says depends on who reads it.
    ///
    /// ## Example
    /// ```markdown
    /// **SLO Responsibility:**
    /// - Availability: ≥ 99.9%
    /// **Incident Authority:**
    /// - Can disable indexing
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// **SLO Responsibility:**
    /// - Availability: ≥ 99.9%
    ///
    /// **Incident Authority:**
    /// - Can disable indexing
    /// ```
    pub struct LabelInListItem {
        code: "OWN007",
        name: "label-in-list-item",
        severity: Warning,
        category: Structure,
        checker: Document,
    }
}

impl Rule for LabelInListItem {
    fn check_document(&self, doc: &Document<'_>, cx: &mut Context<'_>) {
        for label in &doc.labels_in_list_items {
            cx.report(diagnostic(doc.file, label));
        }
    }
}
