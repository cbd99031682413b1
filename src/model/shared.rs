use super::slo::Slo;
use super::text::Text;
use crate::source::{FileId, Span};

/// A shared-ownership declaration, the exception to one owner per domain: the domains that
/// share, the SLA they answer for together, who does what, how to escalate and how often
/// they meet.
#[derive(Clone, Debug)]
pub struct SharedOwnership<'s> {
    pub file: FileId,
    /// The declaration's list item, heading or YAML item.
    pub span: Span,
    pub domains: Vec<Text<'s>>,
    pub scope: Option<Text<'s>>,
    pub sla: Option<Slo<'s>>,
    pub boundaries: Vec<Boundary<'s>>,
    pub escalation: Option<Text<'s>>,
    pub sync: Option<Text<'s>>,
}

/// One party's part of a shared domain: `Subscription team: Subscription creation`.
#[derive(Clone, Debug)]
pub struct Boundary<'s> {
    pub party: Text<'s>,
    pub part: Text<'s>,
}
