//! The YAML format as plain serde structs: what `ownlint export` writes, as JSON or as YAML,
//! and, through schemars, what `ownlint schema` describes. Values are the text as written,
//! without spans.
//!
//! The structs hold the canonical form the export writes (an owner as one string, an SLO as
//! a mapping). The YAML reader accepts more (a list where there is one value, the string form
//! of an SLO, key aliases); the `schemars` attributes here, and [`super::accepted_keys`], make
//! the schema accept those too, so that an editor does not flag a file ownlint reads without
//! a finding.

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use super::accepted_keys;

/// An ownership file: system domains with their owners, the escalation ladder and the
/// shared-ownership declarations.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "ownlint ownership file",
    transform = accepted_keys::top_level
)]
pub struct OwnershipFile {
    /// The system domains, each with exactly one owner. The export writes a list; the reader
    /// also takes a mapping keyed by the domains' names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "domain_list")]
    pub domains: Vec<DomainEntry>,
    /// Who is called, in order, when an incident is not resolved.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub escalation_ladder: Vec<LadderLevelEntry>,
    /// The exceptions to one owner per domain: domains that share a responsibility under an
    /// explicit SLA.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shared_ownership: Vec<SharedOwnershipEntry>,
}

/// One system domain and what its owner answers for.
#[derive(Clone, Debug, PartialEq, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = accepted_keys::domain)]
pub struct DomainEntry {
    /// The domain's name (`Payments`).
    pub name: String,
    /// The one team that owns the domain. A list of several owners is a `multiple-owners`
    /// finding; name the others as `backup`, or declare shared ownership.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "one_owner")]
    pub owner: Option<String>,
    /// Who to page when the owner must be reached: a person, a rotation or a channel.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation_contact: Option<TextOrList>,
    /// The SLOs the owner answers for: `Name: objective` or a mapping with `name` and
    /// `objective`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "slo_list")]
    pub slos: Vec<SloEntry>,
    /// What the owner may decide during an incident.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "text_or_list")]
    pub incident_authority: Vec<String>,
    /// What the domain is responsible for.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "text_or_list")]
    pub responsibilities: Vec<String>,
    /// The code the domain owns, as CODEOWNERS patterns (`src/payments/`, `/services/**/billing`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "text_or_list")]
    pub paths: Vec<String>,
    /// The record of the last ownership transfer, naming the previous owner and a date
    /// (`from Payment Service Team on 2026-11-02`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "transfer_record")]
    pub ownership_transfer: Option<String>,
}

/// A value written once or as a list.
#[derive(Clone, Debug, PartialEq, serde::Serialize, JsonSchema)]
#[serde(untagged)]
pub enum TextOrList {
    Text(String),
    List(Vec<String>),
}

/// A service level objective.
#[derive(Clone, Debug, PartialEq, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = accepted_keys::slo)]
pub struct SloEntry {
    /// What is measured (`Payment processing`); named after what it measures, since SLO names
    /// are matched across the repository.
    pub name: String,
    /// `[percentile] comparator number [unit] [qualifier]`: `P95 ≤ 300ms`, `≥ 99.9%`,
    /// `≥ 1000 ops/hour`.
    pub objective: String,
}

/// One level of the escalation ladder.
#[derive(Clone, Debug, PartialEq, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = accepted_keys::ladder_level)]
pub struct LadderLevelEntry {
    /// The level's number, from 1, without gaps or repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level: Option<u32>,
    /// The roles called at this level (`Engineering Manager`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "text_or_list")]
    pub roles: Vec<String>,
    /// What the level does (`First point of contact`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "text_or_list")]
    pub duties: Vec<String>,
}

/// A shared-ownership declaration: the domains that share, the SLA they answer for
/// together, who does what, how to escalate and how often they meet.
#[derive(Clone, Debug, PartialEq, serde::Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = accepted_keys::shared_ownership)]
pub struct SharedOwnershipEntry {
    /// The domains that share ownership.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(schema_with = "text_or_list")]
    pub domains: Vec<String>,
    /// What is shared (`payment finalization`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scope: Option<String>,
    /// The SLA the domains answer for together; a declaration without one is a
    /// `shared-ownership-without-sla` finding.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schemars(schema_with = "slo")]
    pub sla: Option<SloEntry>,
    /// Each party's part: `{Payments: Payment processing}` or `["Payments: Payment
    /// processing"]`.
    #[serde(default, skip_serializing_if = "Boundaries::is_empty")]
    #[schemars(schema_with = "boundaries")]
    pub boundaries: Boundaries,
    /// How to escalate an incident in the shared part.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub escalation: Option<String>,
    /// How often the parties meet (`weekly`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync: Option<String>,
}

/// The parties of a shared domain and their parts, in the order written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Boundaries(pub Vec<Boundary>);

/// One party's part of a shared domain.
#[derive(Clone, Debug, PartialEq)]
pub struct Boundary {
    pub party: String,
    pub part: String,
}

impl Boundaries {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Whether a party is named twice: a YAML mapping cannot hold a key twice (ownlint reads
    /// a duplicate key as a parse error), so such boundaries are written as a list.
    fn repeats_a_party(&self) -> bool {
        let mut parties: Vec<&str> = self.0.iter().map(|b| b.party.as_str()).collect();
        parties.sort_unstable();
        parties.windows(2).any(|pair| pair[0] == pair[1])
    }
}

impl Serialize for Boundaries {
    /// A mapping from party to part, in the order written; a list of `party: part` when a
    /// party repeats.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.repeats_a_party() {
            let mut seq = serializer.serialize_seq(Some(self.0.len()))?;
            for b in &self.0 {
                seq.serialize_element(&format!("{}: {}", b.party, b.part))?;
            }
            seq.end()
        } else {
            let mut map = serializer.serialize_map(Some(self.0.len()))?;
            for b in &self.0 {
                map.serialize_entry(&b.party, &b.part)?;
            }
            map.end()
        }
    }
}

/// The domains: a list of them, or a mapping from each domain's name to its other fields,
/// where `name` may repeat the key. (The reader also takes a key with nothing under it, a
/// domain with only a name, as it takes `- Payments` in the list; like that form, which has
/// no owner, the schema does not.)
fn domain_list(generator: &mut SchemaGenerator) -> Schema {
    let entry = generator.subschema_for::<DomainEntry>();
    let mut keyed = DomainEntry::json_schema(generator);
    accepted_keys::keyed_domain(&mut keyed);
    json_schema!({
        "anyOf": [
            {"type": "array", "items": entry},
            {
                "type": "object",
                "description": "The domains keyed by their names: `Payments: {owner: …}`.",
                "additionalProperties": keyed
            }
        ]
    })
}

/// Text, or a list of text: the reader takes a single value where a list is expected.
fn text_or_list(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}}
        ]
    })
}

/// One owner: a string, or a list of exactly one.
fn one_owner(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "description": "The one team that owns the domain. A list of several owners is a `multiple-owners` finding; name the others as `backup`, or declare shared ownership.",
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 1}
        ]
    })
}

/// An SLO: `Name: objective`, or a mapping with `name` and `objective`.
fn slo(generator: &mut SchemaGenerator) -> Schema {
    let entry = generator.subschema_for::<SloEntry>();
    json_schema!({
        "anyOf": [
            {"type": "string", "description": "`Name: objective`, e.g. `API availability: ≥ 99.9%`"},
            entry
        ]
    })
}

/// One SLO or a list of them.
fn slo_list(generator: &mut SchemaGenerator) -> Schema {
    let one = slo(generator);
    json_schema!({
        "anyOf": [
            one,
            {"type": "array", "items": one}
        ]
    })
}

/// `{party: part}` or `["party: part"]`.
fn boundaries(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            {"type": "object", "additionalProperties": {"type": "string"}},
            {"type": "array", "items": {"type": "string", "pattern": ":"}}
        ]
    })
}

/// The transfer record: a sentence, or a mapping such as `{from: Finance Team, date:
/// 2026-10-01}` that the reader joins into one.
fn transfer_record(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "anyOf": [
            {"type": "string"},
            {
                "type": "object",
                "additionalProperties": {"type": ["string", "number", "boolean"]}
            }
        ]
    })
}
