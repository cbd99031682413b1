//! `ownlint schema`: the JSON Schema (draft-07) of the YAML ownlint reads, for editors (the
//! YAML language server) and CI: a document is an ownership file, generated from the same
//! structs `ownlint export` writes, or a Backstage catalog entity (`apiVersion:
//! backstage.io/v1alpha1`), with the names, references and owner the `catalog-*` rules hold
//! it to.

use std::io::{self, Write};

use schemars::generate::SchemaSettings;
use serde_json::{Value, json};

use crate::app::ExitStatus;
use crate::error::Error;
use crate::export::OwnershipFile;
use crate::model::catalog::{API_VERSIONS, OWNED_KINDS, RefField};

pub fn run() -> Result<ExitStatus, Error> {
    let mut text =
        serde_json::to_string_pretty(&ownership_schema()).expect("a schema serialises to JSON");
    text.push('\n');
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes()).map_err(Error::Write)?;
    out.flush().map_err(Error::Write)?;
    Ok(ExitStatus::Success)
}

/// The schema of a YAML document ownlint reads: one of an ownership file
/// (`#/definitions/OwnershipFile`), a Backstage entity (`#/definitions/BackstageEntity`) and
/// a Backstage plugin's entity (`#/definitions/PluginEntity`, a scaffolder `Template`), which
/// a catalog file may hold and ownlint leaves to the plugin.
/// Draft-07 because it is the newest draft the YAML language server (and most editors)
/// validate with.
pub fn ownership_schema() -> Value {
    let file = SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<OwnershipFile>();
    let Value::Object(mut file) = file.to_value() else {
        unreachable!("a root schema is an object");
    };
    let schema = file.remove("$schema");
    let title = file.remove("title");
    let description = file.remove("description");
    let mut definitions = match file.remove("definitions") {
        Some(Value::Object(definitions)) => definitions,
        _ => serde_json::Map::new(),
    };
    definitions.insert("OwnershipFile".to_owned(), Value::Object(file));
    definitions.insert("BackstageEntity".to_owned(), backstage_entity());
    definitions.insert(
        "PluginEntity".to_owned(),
        json!({
            "description": "A Backstage plugin's entity (apiVersion under *.backstage.io): read by its plugin, not checked by ownlint.",
            "type": "object",
            "required": ["apiVersion", "kind"],
            "properties": {
                "apiVersion": {"type": "string", "pattern": "^[a-z0-9.-]+\\.backstage\\.io/"},
                "kind": {"type": "string"},
            },
        }),
    );
    json!({
        "$schema": schema,
        "title": title,
        "description": description,
        "oneOf": [
            {"$ref": "#/definitions/OwnershipFile"},
            {"$ref": "#/definitions/BackstageEntity"},
            {"$ref": "#/definitions/PluginEntity"},
        ],
        "definitions": definitions,
    })
}

/// A Backstage catalog entity as ownlint reads it: Backstage's names (`catalog-invalid-name`),
/// its references as text, and the owner of the kinds a team owns (`catalog-missing-owner`).
fn backstage_entity() -> Value {
    const NAME: &str = "^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$";
    const NAMESPACE: &str = "^[a-z0-9]+(?:-+[a-z0-9]+)*$";
    let reference = json!({"type": "string", "minLength": 1});
    let references: serde_json::Map<String, Value> = RefField::ALL
        .iter()
        .map(|field| {
            let value = match field.is_list() {
                true => json!({"type": "array", "items": reference}),
                false => reference.clone(),
            };
            (field.key().to_owned(), value)
        })
        .collect();
    json!({
        "description": "A Backstage catalog entity: its owner, and the entities it names, are checked across the workspace.",
        "type": "object",
        "required": ["apiVersion", "kind", "metadata"],
        "properties": {
            "apiVersion": {"enum": API_VERSIONS},
            "kind": {"type": "string", "pattern": "^[a-zA-Z][a-z0-9A-Z]*$", "maxLength": 63},
            "metadata": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "pattern": NAME, "maxLength": 63},
                    "namespace": {"type": "string", "pattern": NAMESPACE, "maxLength": 63},
                    "title": {"type": "string"},
                    "annotations": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            },
            "spec": {"type": "object", "properties": references},
        },
        "if": {"properties": {"kind": {"enum": OWNED_KINDS}}},
        "then": {"required": ["spec"], "properties": {"spec": {"required": ["owner"]}}},
    })
}
