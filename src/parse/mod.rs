//! Source text → [`Document`]: Markdown and YAML readers that give every value its span, the
//! label table they share, and the grammar of SLO objectives; and CODEOWNERS files
//! ([`codeowners()`]) into [`crate::model::Codeowners`].
//!
//! May import: `model`, `source`, `util`. The parser knows nothing of rules or reports: what
//! it cannot read becomes a [`ParseProblem`] in the document, at its place.

pub mod codeowners;
pub(crate) mod fast;
pub mod labels;
mod line;
mod links;
pub mod markdown;
pub mod objective;
mod slo;
mod suppress;
pub mod yaml;

use crate::model::{Document, ParseProblem};
use crate::source::{Format, Origin, SourceFile, Span};
use labels::LabelTable;

pub use codeowners::codeowners;

/// How many files [`parse`] has read in this process: the tests use it to show that no
/// command parses a file twice.
#[cfg(feature = "testing")]
pub static FILES_PARSED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// Read one file into a document. Never fails: what cannot be read becomes a
/// [`ParseProblem`] at its place.
pub fn parse<'s>(file: &'s SourceFile, labels: &LabelTable) -> Document<'s> {
    #[cfg(feature = "testing")]
    FILES_PARSED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut doc = read(file, labels);
    doc.explicit = file.origin == Origin::Explicit;
    doc
}

fn read<'s>(file: &'s SourceFile, labels: &LabelTable) -> Document<'s> {
    if let Some(at) = file.invalid_utf8_at {
        let mut doc = Document::new(file.id);
        doc.problems.push(encoding_problem(file, at));
        return doc;
    }
    match file.format {
        Format::Markdown => markdown::parse(file.id, &file.text, labels),
        Format::Yaml => {
            if yaml::looks_like_ownership(&file.text) || yaml::is_catalog_file(&file.path) {
                yaml::parse(file, labels)
            } else {
                // Not an ownership file; `no-domains` decides whether that matters.
                Document::new(file.id)
            }
        }
        Format::Codeowners(flavor) => {
            let mut doc = Document::new(file.id);
            doc.codeowners = Some(codeowners(file, flavor));
            doc
        }
    }
}

fn encoding_problem(file: &SourceFile, at: usize) -> ParseProblem {
    let end = file.text[at..]
        .chars()
        .next()
        .map_or(at, |c| at + c.len_utf8());
    let message = if file.utf16 {
        "file is UTF-16 encoded, not UTF-8".to_owned()
    } else {
        "file is not valid UTF-8: invalid byte here".to_owned()
    };
    ParseProblem {
        span: Span::new(at, end),
        message,
        help: Some("save the file as UTF-8".to_owned()),
    }
}
