use super::objective::{Objective, ObjectiveError, Objectives};
use super::text::Text;
use crate::source::Span;

/// A service level objective: its name and objective as written, and the parsed objectives
/// (one, or more on one line: `p95 < 100ms, p99 < 200ms`).
#[derive(Clone, Debug)]
pub struct Slo<'s> {
    pub name: Text<'s>,
    pub objective: Text<'s>,
    pub parsed: Result<Objectives, ObjectiveError>,
    /// The whole SLO: the list item, the YAML item, or the `Shared SLA` line.
    pub span: Span,
}

impl Slo<'_> {
    /// The text of one of its objectives as written (the whole objective text when it was
    /// rewritten, so that spans do not map into it).
    pub fn objective_text(&self, objective: &Objective) -> &str {
        let o = &self.objective;
        let (start, end) = (objective.span.start, objective.span.end);
        if o.is_exact() && start >= o.span.start && end <= o.span.end {
            let range = (start - o.span.start) as usize..(end - o.span.start) as usize;
            if let Some(text) = o.as_str().get(range) {
                return text;
            }
        }
        o.as_str()
    }
}
