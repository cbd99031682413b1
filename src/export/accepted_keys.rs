//! The keys the YAML reader accepts besides the canonical ones the export writes, for the
//! schema.
//!
//! The reader treats an unknown key as an `unknown-field` finding, so the schema rejects
//! unknown keys (`additionalProperties: false`). It must then list every key the reader takes
//! without a finding, or an editor would flag files ownlint reads cleanly: the built-in
//! aliases of each field (`on_call`, `scope`, …) point at the canonical key's schema, and the
//! keys the reader takes but ignores (`backup`, `runbook`, …) accept anything.
//!
//! Two things the schema cannot say: the reader folds case and reads `-` and spaces as `_`
//! (`Escalation-Contact` works), and aliases added in `.ownlint.yaml` are unknown here. The
//! schema lists each key in its snake_case spelling. A test checks that every key listed
//! here is one the reader's label table knows, as the field it is listed for.

use schemars::Schema;

use crate::model::FieldKind;
use crate::parse::labels::DEFAULT_ALIASES;
use serde_json::{Map, Value};

/// The spellings of each domain key, by canonical key, and the keys the reader takes but
/// ignores (a backup, which is not a second owner, and information ownlint does not check):
/// both read off the reader's own label table, in snake_case, so the schema cannot drift
/// from what the reader accepts.
fn domain_keys() -> (Vec<Aliases>, Vec<String>) {
    let snake = |label: &str| label.replace(' ', "_");
    let mut aliases = Vec::new();
    let mut ignored = Vec::new();
    for (kind, labels) in DEFAULT_ALIASES {
        match kind {
            FieldKind::Backup | FieldKind::Other => ignored.extend(labels.iter().map(|l| snake(l))),
            _ => {
                let canonical = kind.yaml_key();
                let spellings = labels
                    .iter()
                    .map(|l| snake(l))
                    .filter(|l| l != canonical)
                    .collect();
                aliases.push((canonical.to_owned(), spellings));
            }
        }
    }
    (aliases, ignored)
}

/// A canonical key and its other spellings.
type Aliases = (String, Vec<String>);

/// Static alias lists in the owned form.
fn owned(aliases: &[(&str, &[&str])]) -> Vec<Aliases> {
    aliases
        .iter()
        .map(|(k, spellings)| {
            (
                (*k).to_owned(),
                spellings.iter().map(|s| (*s).to_owned()).collect(),
            )
        })
        .collect()
}

/// Aliases of the shared-ownership keys (the reader compares them normalised, as labels).
pub const SHARED_ALIASES: &[(&str, &[&str])] = &[
    ("sla", &["shared_sla"]),
    ("escalation", &["escalation_path"]),
    ("sync", &["sync_cadence"]),
];

/// Aliases of the ladder level keys.
pub const LADDER_ALIASES: &[(&str, &[&str])] = &[("roles", &["role"])];

/// SLO keys the reader accepts and ignores.
pub const SLO_IGNORED: &[&str] = &["description"];

/// The top level also takes `version`, `$schema` (for editors) and `x-` extension keys.
pub fn top_level(schema: &mut Schema) {
    let object = schema.ensure_object();
    if let Some(Value::Object(properties)) = object.get_mut("properties") {
        properties.insert(
            "version".into(),
            described("A version of the file's own; ownlint ignores it"),
        );
        properties.insert(
            "$schema".into(),
            described("The schema editors validate this file against; ownlint ignores it"),
        );
    }
    let mut extensions = Map::new();
    extensions.insert("^x-".into(), described("An extension; ownlint ignores it"));
    object.insert("patternProperties".into(), Value::Object(extensions));
}

pub fn domain(schema: &mut Schema) {
    let (aliases, ignored) = domain_keys();
    accept(schema, &aliases, &ignored);
}

/// A domain of the mapping form, whose key is its name: `name` (in any spelling) is no
/// longer required.
pub fn keyed_domain(schema: &mut Schema) {
    let spellings: Vec<String> = std::iter::once("name".to_owned())
        .chain(name_spellings())
        .collect();
    let requires_name = |v: &Value| {
        spellings.iter().any(|k| {
            v.as_str() == Some(k.as_str()) || v.get("required") == Some(&serde_json::json!([k]))
        })
    };
    let object = schema.ensure_object();
    if let Some(Value::Array(required)) = object.get_mut("required") {
        required.retain(|k| !requires_name(k));
    }
    if let Some(Value::Array(all_of)) = object.get_mut("allOf") {
        all_of.retain(|any_of| {
            !any_of
                .get("anyOf")
                .and_then(Value::as_array)
                .is_some_and(|alternatives| alternatives.iter().any(requires_name))
        });
    }
    for key in ["required", "allOf"] {
        if object
            .get(key)
            .and_then(Value::as_array)
            .is_some_and(Vec::is_empty)
        {
            object.remove(key);
        }
    }
}

/// The other spellings of `name`.
fn name_spellings() -> Vec<String> {
    let (aliases, _) = domain_keys();
    aliases
        .into_iter()
        .find(|(k, _)| k == "name")
        .map_or_else(Vec::new, |(_, spellings)| spellings)
}

pub fn slo(schema: &mut Schema) {
    let ignored: Vec<String> = SLO_IGNORED.iter().map(|k| (*k).to_owned()).collect();
    accept(schema, &[], &ignored);
}

pub fn ladder_level(schema: &mut Schema) {
    accept(schema, &owned(LADDER_ALIASES), &[]);
}

pub fn shared_ownership(schema: &mut Schema) {
    accept(schema, &owned(SHARED_ALIASES), &[]);
}

/// Add each alias with its canonical key's schema, and each ignored key accepting anything.
/// A required key may be written as any of its spellings.
fn accept(schema: &mut Schema, aliases: &[Aliases], ignored: &[String]) {
    let object = schema.ensure_object();
    require_any_spelling(object, aliases);
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return;
    };
    for (canonical, spellings) in aliases {
        let Some(canonical_schema) = properties.get(canonical.as_str()).cloned() else {
            continue;
        };
        for alias in spellings {
            let mut alias_schema = canonical_schema.clone();
            if let Value::Object(alias_object) = &mut alias_schema {
                alias_object.insert(
                    "description".into(),
                    Value::String(format!("Another spelling of `{canonical}`.")),
                );
            }
            properties.insert(alias.clone(), alias_schema);
        }
    }
    for key in ignored {
        properties.insert(
            key.clone(),
            described("Accepted and ignored by ownlint's checks"),
        );
    }
}

/// Replace `required: [key]` by "one of the key's spellings is present" for keys with
/// aliases.
fn require_any_spelling(object: &mut Map<String, Value>, aliases: &[Aliases]) {
    let Some(Value::Array(required)) = object.get_mut("required") else {
        return;
    };
    let mut any_of_spellings = Vec::new();
    required.retain(|key| {
        let Some((canonical, spellings)) = aliases.iter().find(|(k, _)| key == k) else {
            return true;
        };
        let alternatives = std::iter::once(canonical)
            .chain(spellings)
            .map(|k| serde_json::json!({"required": [k]}))
            .collect();
        any_of_spellings.push(serde_json::json!({"anyOf": Value::Array(alternatives)}));
        false
    });
    if required.is_empty() {
        object.remove("required");
    }
    if !any_of_spellings.is_empty() {
        object.insert("allOf".into(), Value::Array(any_of_spellings));
    }
}

fn described(description: &str) -> Value {
    let mut object = Map::new();
    object.insert("description".into(), Value::String(description.into()));
    Value::Object(object)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::labels::LabelTable;

    #[test]
    fn every_domain_spelling_is_read_as_its_field_and_ignored_keys_carry_nothing_checked() {
        let labels = LabelTable::default();
        let (aliases, ignored) = domain_keys();
        let owner = aliases.iter().find(|(k, _)| k == "owner").unwrap();
        assert!(owner.1.contains(&"owning_team".to_owned()));
        for (canonical, spellings) in &aliases {
            let kind = labels.lookup(canonical).unwrap();
            for alias in spellings {
                assert_eq!(labels.lookup(alias), Some(kind), "{alias} for {canonical}");
            }
        }
        assert!(ignored.contains(&"backup_owner".to_owned()));
        for key in &ignored {
            assert!(
                matches!(
                    labels.lookup(key),
                    Some(FieldKind::Backup | FieldKind::Other)
                ),
                "{key}"
            );
        }
    }
}
