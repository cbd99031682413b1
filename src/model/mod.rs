//! The typed ownership model: what the documents say, with the span of every value.
//!
//! The parsers build it, the rules read it; it knows nothing of Markdown, YAML or rendering.
//! [`codeowners`] holds a CODEOWNERS file read the same way, and the matcher of its patterns;
//! [`catalog`] Backstage's catalog entities and how their references resolve.

pub mod catalog;
pub mod codeowners;
mod document;
mod domain;
mod ladder;
pub mod names;
pub mod objective;
mod shared;
mod slo;
pub mod text;

pub use codeowners::{
    Codeowners, CodeownersRule, Flavor, Pattern, PatternError, RuleIndex, Section, SyntaxProblem,
    SyntaxProblemKind,
};
pub use document::{
    Document, FoldedLabel, ParseProblem, Suppression, SuppressionScope, UnknownDirective,
    UnknownField,
};
pub use domain::{Domain, DomainOrigin, Field, FieldKind, FieldLabel, Link};
pub use ladder::{EscalationLadder, LadderLevel};
pub use objective::{
    Comparator, Objective, ObjectiveError, ObjectiveKind, Objectives, TimeUnit, Unit, Window,
    WindowUnit,
};
pub use shared::{Boundary, SharedOwnership};
pub use slo::Slo;
pub use text::Text;
