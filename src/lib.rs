//! ownlint reads ownership documents (Markdown or YAML) into a typed model in which every value
//! knows its place in the source, checks the model against the ownership principles, and
//! reports each finding with that place.
//!
//! The data flows one way: [`source`] finds and reads the files, [`parse`] reads them into the
//! [`model`], [`index`] gathers the cross-file facts, [`rules`] (through [`semantics`], the one
//! meaning of a domain) produce [`diagnostic`]s, [`lint`] is the one pipeline that runs them,
//! [`report`] prints them, and [`app`] is the command line around it all. ARCHITECTURE.md has
//! the map and the rules of the layering, which `tests/layering.rs` enforces.

pub mod app;
pub mod config;
pub mod diagnostic;
mod error;
pub mod export;
pub(crate) mod index;
pub mod lint;
pub mod model;
pub mod parse;
pub mod report;
pub mod rules;
pub(crate) mod semantics;
pub mod source;
#[cfg(any(test, feature = "testing"))]
pub mod testing;
pub(crate) mod util;

pub use app::{ExitStatus, print_error, run, terminal_width};
pub use error::Error;
