use super::text::Text;
use crate::source::{FileId, Span};

/// The escalation ladder: who is called, in order, when an incident is not resolved.
#[derive(Clone, Debug)]
pub struct EscalationLadder<'s> {
    pub file: FileId,
    /// The ladder's heading or YAML key.
    pub span: Span,
    pub levels: Vec<LadderLevel<'s>>,
}

/// One level of the ladder: `Level 3: Platform Lead / Infrastructure Lead` is level 3 with
/// two roles.
#[derive(Clone, Debug)]
pub struct LadderLevel<'s> {
    /// The number as written, when one was written.
    pub number: Option<u32>,
    /// The level's heading, list item or YAML item.
    pub span: Span,
    pub roles: Vec<Text<'s>>,
    pub duties: Vec<Text<'s>>,
}

impl EscalationLadder<'_> {
    /// Whether `role` names a role on the ladder (compared as names are: case and white
    /// space folded).
    pub fn has_role(&self, role: &str) -> bool {
        let wanted = super::names::key(role);
        self.levels
            .iter()
            .flat_map(|level| &level.roles)
            .any(|r| super::names::key(r.as_str()) == wanted)
    }
}
