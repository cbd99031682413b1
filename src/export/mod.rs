//! The model written in other formats: JSON, YAML in the format ownlint reads, OpenSLO,
//! CODEOWNERS. Pure
//! transformations of parsed documents; `app::export` is the command around them.
//!
//! May import: `model`, `semantics`, `config`, `source`, `util`.

pub mod accepted_keys;
pub mod backstage;
pub mod codeowners;
pub mod dns_label;
pub mod from_model;
pub mod openslo;
pub mod openslo_document;
pub mod ownership_file;

pub use from_model::ownership_file;
pub use openslo::{OpensloExport, SkippedSlo, openslo};
pub use ownership_file::OwnershipFile;

/// The model as pretty JSON.
pub fn to_json(file: &OwnershipFile) -> String {
    let mut text = serde_json::to_string_pretty(file).expect("the model serialises to JSON");
    text.push('\n');
    text
}

/// The model as YAML in the format ownlint reads; the serializer quotes what needs quoting
/// (`"a: b"`, `"@team"`, `"yes"`).
pub fn to_yaml(file: &OwnershipFile) -> String {
    // Strings, numbers, lists and mappings with string keys: nothing here can fail.
    serde_saphyr::to_string(file).expect("the model serialises to YAML")
}

/// One YAML document per SLO, each starting with `---`.
pub fn to_openslo_stream(export: &OpensloExport) -> String {
    let mut text = String::new();
    for document in &export.documents {
        text.push_str("---\n");
        text.push_str(&serde_saphyr::to_string(document).expect("an SLO serialises to YAML"));
    }
    text
}
