//! YAML → model.
//!
//! serde-saphyr reads the file into a tree of [`Node`]s, every one spanned; this module then
//! reads the tree into the model, field by field through the shared [`LabelTable`]. Reading a
//! generic tree first, instead of deriving the model's structs, lets an unknown key become an
//! `unknown-field` finding at its place and an owner written as a list a `multiple-owners`
//! finding, where a derived struct could only fail.
//!
//! A stream of several documents (`---` between them) is read document by document into the
//! one model of the file; an empty document (a trailing `---`) is nothing. `domains` is a list
//! of domains or a mapping keyed by their names. Duplicate keys are parse errors, YAML 1.1
//! booleans (`yes`, `n`) stay text, an alias budget stops an alias bomb in milliseconds, and
//! every error of the YAML library is said in plain words (`messages`).
//!
//! `tree` holds the spanned node tree and its deserializer (also used for the configuration
//! file), `messages` the library's errors in the file's terms, `read` the reading of that
//! tree into the model.

mod catalog;
mod messages;
mod read;
mod tree;

pub use tree::{Node, parse_stream, parse_tree};

use super::labels::LabelTable;
use super::suppress::{self, Comment, RawSuppression};
use crate::model::{Document, UnknownDirective};
use crate::source::{SourceFile, Span};

/// The top-level keys that make a YAML file an ownership file.
pub const TOP_LEVEL_KEYS: &[&str] = &["domains", "escalation_ladder", "shared_ownership"];

/// Whether a YAML text looks like an ownership file: a top-level `domains`,
/// `escalation_ladder` or `shared_ownership` key (or a flow mapping, which is parsed to find
/// out), or a Backstage catalog's `apiVersion: backstage.io/…`. Other YAML met while walking
/// a folder is not read at all.
pub fn looks_like_ownership(src: &str) -> bool {
    src.lines().any(|line| {
        if catalog::is_api_version_line(line) {
            return true;
        }
        let key = line.trim_start_matches(['"', '\'']);
        line.starts_with('{')
            || TOP_LEVEL_KEYS.iter().any(|k| {
                key.strip_prefix(k).is_some_and(|rest| {
                    rest.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with(':')
                })
            })
    })
}

/// Whether a file is a Backstage catalog file by its name (`catalog-info.yaml`, as Backstage
/// names them): read whatever it holds, so that a document Backstage would not read is said.
pub fn is_catalog_file(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    matches!(name, "catalog-info.yaml" | "catalog-info.yml")
}

/// Read one YAML file.
pub fn parse<'s>(file: &'s SourceFile, labels: &LabelTable) -> Document<'s> {
    let src = file.text.as_str();
    let mut doc = Document::new(file.id);
    match parse_stream(file, src) {
        Ok(roots) => {
            let catalog_file = is_catalog_file(&file.path);
            for root in &roots {
                read::read_root(file.id, src, labels, root, catalog_file, &mut doc);
            }
        }
        Err(problem) => doc.problems.push(problem),
    }
    let raw = comment_directives(src, &mut doc.unknown_directives);
    doc.suppressions = suppress::resolve(src, raw);
    doc
}

/// `# ownlint-…` comments; the ones that look like directives but are none go to `unknown`.
fn comment_directives<'s>(
    src: &'s str,
    unknown: &mut Vec<UnknownDirective<'s>>,
) -> Vec<RawSuppression<'s>> {
    let mut out = Vec::new();
    if !src.contains('#') {
        return out;
    }
    let mut line_start = 0;
    for line in src.split_inclusive('\n') {
        let end = line_start + line.trim_end_matches(['\n', '\r']).len();
        // A comment starts at a `#` at the start of a line or after white space. A `#` inside
        // a quoted value looks the same, so each candidate is tried until one is ours.
        let hashes = line.match_indices('#').map(|(i, _)| i);
        for hash in hashes.filter(|&i| i == 0 || line[..i].ends_with(char::is_whitespace)) {
            let start = line_start + hash;
            let comment = Span::new(start, end);
            match suppress::read_directive(src, comment, start + 1, end) {
                Some(Comment::Directive(raw)) => out.push(raw),
                Some(Comment::Unknown(u)) => unknown.push(u),
                None => continue,
            }
            break;
        }
        line_start += line.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_ownership_files_by_their_top_level_keys() {
        assert!(looks_like_ownership("# c\ndomains:\n  - name: A\n"));
        assert!(looks_like_ownership("\"shared_ownership\" : []\n"));
        assert!(!looks_like_ownership(
            "apiVersion: v1\nkind: Component\n  domains: x\n"
        ));
    }
}
