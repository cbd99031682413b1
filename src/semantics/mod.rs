//! The one meaning of a domain: who owns it, who is escalated to, what counts as a
//! placeholder instead of a name, which role a contact names. The rules, `who`, `stats` and
//! the exports all read a domain through these functions, so that they cannot disagree about
//! the same line.
//!
//! May import: `model`, `config` (the settings: configured placeholders), `util`, `source`.

mod contacts;
mod owners;
mod placeholders;

pub use contacts::{bracketed_role, escalation_contacts};
pub use owners::{Ownership, named_owners, owner, ownership};
pub use placeholders::placeholder;
