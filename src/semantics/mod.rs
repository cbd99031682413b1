//! The one meaning of a domain: who owns it, who is escalated to, what counts as a
//! placeholder instead of a name, which role a contact names, which misspelt label stands for
//! a missing field. The rules, `who`, `stats` and the exports all read a domain through these
//! functions, so that they cannot disagree about the same line.
//!
//! May import: `model`, `config` (the settings: configured placeholders), `util`, `source`.

mod contacts;
mod misspelt;
mod owners;
pub mod paths;
mod placeholders;

pub use contacts::{bracketed_role, escalation_contacts};
pub use misspelt::{lacks, misspelt_label, stands_for_missing_field};
pub use owners::{Ownership, named_owners, owner, ownership};
pub use placeholders::placeholder;
