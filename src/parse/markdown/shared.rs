//! Shared-ownership declarations (`Subscriptions + Payments: scope`), from headings or list
//! items in the shared-ownership section, and their parts: the shared SLA, the escalation
//! path, the sync cadence, the scope and each party's boundary.

use std::ops::Range;

use super::{Block, LineCtx, Reader};
use crate::model::{Boundary, SharedOwnership, Text};
use crate::parse::labels::with_normalized;
use crate::parse::slo::slo_from_item;
use crate::source::Span;

impl<'s> Reader<'s, '_> {
    /// A declaration from a heading or list item `Subscriptions + Payments: scope`.
    pub(super) fn declaration(&mut self, text: &Text<'s>, span: Span) -> Option<usize> {
        let s = text.as_str();
        let (names_end, scope) = match s.find(':') {
            Some(colon) => (colon, Some(self.part(text, colon + 1..s.len()))),
            None => (s.len(), None),
        };
        let names = &s[..names_end];
        let separator = "+";
        if !names.contains(separator) {
            return None;
        }
        let mut domains = Vec::new();
        let mut at = 0;
        for part in names.split(separator) {
            let t = self.part(text, at..at + part.len());
            at += part.len() + separator.len();
            if !t.is_empty() {
                domains.push(t);
            }
        }
        if domains.len() < 2 {
            return None;
        }
        self.doc.shared.push(SharedOwnership {
            file: self.file,
            span,
            domains,
            scope: scope.filter(|s| !s.is_empty()),
            sla: None,
            boundaries: Vec::new(),
            escalation: None,
            sync: None,
        });
        Some(self.doc.shared.len() - 1)
    }

    pub(super) fn shared_line(
        &mut self,
        heading_decl: Option<usize>,
        range: Range<usize>,
        ctx: LineCtx,
    ) {
        let text = self.line.text(self.src, range);
        if ctx.block == Block::Item && ctx.item_head {
            if let Some((decl, depth)) = self.shared_parts
                && ctx.depth == depth
            {
                let label_and_value = self.label_and_value(&text);
                add_shared_part(&mut self.doc.shared[decl], &text, label_and_value);
                return;
            }
            if let Some(decl) = self.declaration(&text, text.span) {
                self.shared_parts = Some((decl, ctx.depth + 1));
                return;
            }
        }
        if let Some(decl) = heading_decl
            && (ctx.item_head || ctx.block == Block::Paragraph)
        {
            let label_and_value = self.label_and_value(&text);
            add_shared_part(&mut self.doc.shared[decl], &text, label_and_value);
        }
    }

    /// A part of a text of the current line, trimmed, with its own place in the source. A text
    /// with markup removed (`**Subscriptions + Payments**`) is not the source under its span,
    /// and a slice of it would only know the whole span; the line knows where each of its
    /// pieces lies, so the part is taken from the line when the text is found in it.
    fn part(&self, text: &Text<'s>, range: Range<usize>) -> Text<'s> {
        if !text.is_exact()
            && let Some(at) = self.line.text.find(text.as_str())
        {
            return self.line.text(self.src, at + range.start..at + range.end);
        }
        text.slice(range).trimmed()
    }

    /// `Label: value` split at the first colon, each with its place; `None` without a colon.
    fn label_and_value(&self, text: &Text<'s>) -> Option<(Text<'s>, Text<'s>)> {
        let s = text.as_str();
        let colon = s.find(':')?;
        Some((
            self.part(text, 0..colon),
            self.part(text, colon + 1..s.len()),
        ))
    }
}

/// One sub-item of a shared-ownership declaration: `text`, split at its first colon into
/// `label_and_value` when it has one.
fn add_shared_part<'s>(
    decl: &mut SharedOwnership<'s>,
    text: &Text<'s>,
    label_and_value: Option<(Text<'s>, Text<'s>)>,
) {
    let Some((label, value)) = label_and_value else {
        let lower = text.as_str().to_lowercase();
        if lower.contains("sync") || lower.contains("meeting") {
            decl.sync = Some(text.trimmed());
        }
        return;
    };
    let part = with_normalized(label.as_str(), |key| match key {
        "shared sla" | "sla" | "shared slo" | "joint sla" => SharedPart::Sla,
        "escalation path" | "escalation paths" | "escalation" | "escalation contact"
        | "escalate to" => SharedPart::Escalation,
        "sync" | "sync meeting" | "sync meetings" | "sync cadence" | "cadence" | "meetings"
        | "regular sync" => SharedPart::Sync,
        "scope" => SharedPart::Scope,
        _ => SharedPart::Boundary,
    });
    match part {
        SharedPart::Sla => decl.sla = Some(slo_from_item(&value)),
        SharedPart::Escalation => decl.escalation = Some(value),
        SharedPart::Sync => decl.sync = Some(value),
        SharedPart::Scope => decl.scope = Some(value),
        SharedPart::Boundary => decl.boundaries.push(Boundary {
            party: label,
            part: value,
        }),
    }
}

/// What a `Label: value` line of a shared-ownership declaration gives.
enum SharedPart {
    Sla,
    Escalation,
    Sync,
    Scope,
    Boundary,
}
