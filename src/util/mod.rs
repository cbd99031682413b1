//! Small helpers every layer may use: parallel maps with thresholds, escaping untrusted text
//! for terminals and CI logs, "did you mean" suggestions, names as DNS labels. They know
//! nothing of ownership.
//!
//! May import: nothing else of the crate.

pub mod fs;
pub mod label;
pub mod parallel;
pub mod sanitize;
pub mod suggest;

/// `1 error`, `2 errors`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
