use super::domain::Link;
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
    /// The links written in the roles (`[Payments on-call](https://…)`), in order: the role
    /// keeps the link's text, the link its target, as a contact field's do.
    pub links: Vec<Link<'s>>,
    pub duties: Vec<Text<'s>>,
}

impl<'s> LadderLevel<'s> {
    /// A level with its roles and no duties yet; of the links written where the roles are,
    /// those inside a role (a time qualifier in parentheses is no role).
    pub fn new(
        number: Option<u32>,
        span: Span,
        roles: Vec<Text<'s>>,
        mut links: Vec<Link<'s>>,
    ) -> LadderLevel<'s> {
        links.retain(|l| roles.iter().any(|role| l.is_in(role)));
        LadderLevel {
            number,
            span,
            roles,
            links,
            duties: Vec::new(),
        }
    }

    /// The links written inside one of the level's roles.
    pub fn links_in<'a>(&'a self, role: &'a Text<'_>) -> impl Iterator<Item = &'a Link<'s>> {
        self.links.iter().filter(move |l| l.is_in(role))
    }
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
