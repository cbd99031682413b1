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
use serde_json::{Map, Value};

/// Aliases of the domain keys, by canonical key (the spellings of
/// `crate::parse::labels`, in snake_case).
pub const DOMAIN_ALIASES: &[(&str, &[&str])] = &[
    ("name", &["domain", "service", "component", "system"]),
    (
        "owner",
        &[
            "owners",
            "owner_team",
            "owning_team",
            "primary_owner",
            "team",
            "dri",
            "accountable",
        ],
    ),
    (
        "escalation_contact",
        &[
            "escalation_contacts",
            "escalation",
            "escalation_path",
            "escalation_to",
            "escalate_to",
            "on_call",
            "oncall",
            "pager",
        ],
    ),
    (
        "slos",
        &[
            "slo_responsibility",
            "slo_responsibilities",
            "slo",
            "service_level_objectives",
            "objectives",
        ],
    ),
    ("incident_authority", &["authority", "decision_authority"]),
    ("responsibilities", &["responsibility", "scope"]),
    ("ownership_transfer", &["transfer"]),
];

/// Domain keys the reader accepts and ignores: a backup (not a second owner) and
/// information ownlint does not check.
pub const DOMAIN_IGNORED: &[&str] = &[
    "backup",
    "backup_owner",
    "fallback",
    "secondary",
    "secondary_owner",
    "deputy",
    "description",
    "summary",
    "notes",
    "note",
    "runbook",
    "runbooks",
    "dashboard",
    "dashboards",
    "repository",
    "repo",
    "links",
    "slack",
    "channel",
    "tier",
    "lifecycle",
    "status",
    "tags",
];

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
    accept(schema, DOMAIN_ALIASES, DOMAIN_IGNORED);
}

pub fn slo(schema: &mut Schema) {
    accept(schema, &[], SLO_IGNORED);
}

pub fn ladder_level(schema: &mut Schema) {
    accept(schema, LADDER_ALIASES, &[]);
}

pub fn shared_ownership(schema: &mut Schema) {
    accept(schema, SHARED_ALIASES, &[]);
}

/// Add each alias with its canonical key's schema, and each ignored key accepting anything.
/// A required key may be written as any of its spellings.
fn accept(schema: &mut Schema, aliases: &[(&str, &[&str])], ignored: &[&str]) {
    let object = schema.ensure_object();
    require_any_spelling(object, aliases);
    let Some(Value::Object(properties)) = object.get_mut("properties") else {
        return;
    };
    for (canonical, spellings) in aliases {
        let Some(canonical_schema) = properties.get(*canonical).cloned() else {
            continue;
        };
        for alias in *spellings {
            let mut alias_schema = canonical_schema.clone();
            if let Value::Object(alias_object) = &mut alias_schema {
                alias_object.insert(
                    "description".into(),
                    Value::String(format!("Another spelling of `{canonical}`.")),
                );
            }
            properties.insert((*alias).into(), alias_schema);
        }
    }
    for key in ignored {
        properties.insert(
            (*key).into(),
            described("Accepted and ignored by ownlint's checks"),
        );
    }
}

/// Replace `required: [key]` by "one of the key's spellings is present" for keys with
/// aliases.
fn require_any_spelling(object: &mut Map<String, Value>, aliases: &[(&str, &[&str])]) {
    let Some(Value::Array(required)) = object.get_mut("required") else {
        return;
    };
    let mut any_of_spellings = Vec::new();
    required.retain(|key| {
        let Some((canonical, spellings)) = aliases.iter().find(|(k, _)| key == k) else {
            return true;
        };
        let alternatives = std::iter::once(*canonical)
            .chain(spellings.iter().copied())
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
    use crate::model::FieldKind;
    use crate::parse::labels::LabelTable;

    fn kind_of_key(key: &str) -> FieldKind {
        [
            FieldKind::Name,
            FieldKind::Owner,
            FieldKind::EscalationContact,
            FieldKind::Slos,
            FieldKind::IncidentAuthority,
            FieldKind::Responsibilities,
            FieldKind::OwnershipTransfer,
        ]
        .into_iter()
        .find(|k| k.yaml_key() == key)
        .expect("a canonical domain key")
    }

    #[test]
    fn every_domain_alias_is_read_as_its_field() {
        let labels = LabelTable::default();
        for (canonical, aliases) in DOMAIN_ALIASES {
            let kind = kind_of_key(canonical);
            assert_eq!(labels.lookup(canonical), Some(kind), "{canonical}");
            for alias in *aliases {
                assert_eq!(labels.lookup(alias), Some(kind), "{alias} for {canonical}");
            }
        }
    }

    #[test]
    fn every_ignored_domain_key_is_known_to_the_reader_and_carries_nothing_checked() {
        let labels = LabelTable::default();
        for key in DOMAIN_IGNORED {
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
