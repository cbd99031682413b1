use super::objective::{Objective, ObjectiveError};
use super::text::Text;
use crate::source::Span;

/// A service level objective: its name and objective as written, and the parsed objective.
#[derive(Clone, Debug)]
pub struct Slo<'s> {
    pub name: Text<'s>,
    pub objective: Text<'s>,
    pub parsed: Result<Objective, ObjectiveError>,
    /// The whole SLO: the list item, the YAML item, or the `Shared SLA` line.
    pub span: Span,
}
