//! The cross-file view of a run: each document reduced to its [`Facts`] (names as hashes,
//! places as spans), and the [`Workspace`] that holds the documents already parsed with their
//! facts, so that the cross-file rules find candidates by hash and look into documents only
//! there.
//!
//! May import: `model`, `semantics`, `config`, `source`, `util`. Never the parser: the
//! documents come in parsed.

mod build;
pub mod catalog;
pub mod codeowners;
pub mod facts;
mod workspace;

pub use build::facts;
pub use facts::Facts;
pub use workspace::{DomainId, Workspace};
