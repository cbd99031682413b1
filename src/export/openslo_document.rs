//! An OpenSLO v1 `SLO` document, as serde structs: only the fields ownlint fills.
//!
//! The shape follows the OpenSLO v1 specification (github.com/OpenSLO/OpenSLO, `README.md`,
//! section "SLO") and its JSON schema (`schemas/v1/parts/specs/slo-spec.schema.json`).

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};

/// One SLO, with its indicator inline.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SloDocument {
    /// `openslo/v1`.
    pub api_version: &'static str,
    /// `SLO`.
    pub kind: &'static str,
    pub metadata: Metadata,
    pub spec: SloSpec,
}

/// The metadata every OpenSLO object has.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Metadata {
    /// A DNS-1123 label, unique among the documents exported.
    pub name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Label values, each a DNS-1123 label.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub labels: BTreeMap<&'static str, String>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub annotations: BTreeMap<&'static str, String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SloSpec {
    pub description: String,
    /// The domain, as a DNS-1123 label.
    pub service: String,
    pub indicator: Indicator,
    /// `Occurrences`: good events over all events.
    pub budgeting_method: &'static str,
    /// Exactly one window.
    pub time_window: Vec<TimeWindow>,
    /// Exactly one objective: a threshold metric allows no more.
    pub objectives: Vec<ObjectiveEntry>,
}

/// The SLI, inline.
#[derive(Clone, Debug, Serialize)]
pub struct Indicator {
    pub metadata: Metadata,
    pub spec: IndicatorSpec,
}

/// How the SLI reads its metric. ownlint knows the objective, not the query: the metric
/// sources are left for the user to fill.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum IndicatorSpec {
    /// A value per event (a latency), compared with the objective's `value`.
    ThresholdMetric(MetricQuery),
    /// Good (or bad) events over all events.
    RatioMetric(RatioMetric),
}

#[derive(Clone, Debug, Serialize)]
pub struct RatioMetric {
    /// The sources are counters of events.
    pub counter: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub good: Option<MetricQuery>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bad: Option<MetricQuery>,
    pub total: MetricQuery,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MetricQuery {
    pub metric_source: MetricSource,
}

/// A metric source with an empty `spec` (required by the schema) for the user's query.
#[derive(Clone, Debug, Default, Serialize)]
pub struct MetricSource {
    pub spec: BTreeMap<String, String>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TimeWindow {
    /// A duration shorthand: `28d`, `1M`.
    pub duration: String,
    pub is_rolling: bool,
    /// Where a calendar window starts, required when it does not roll.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub calendar: Option<Calendar>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Calendar {
    /// `2024-01-01 00:00:00`.
    pub start_time: String,
    /// `Etc/UTC`.
    pub time_zone: String,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectiveEntry {
    /// The objective as written (`P95 ≤ 300ms`), which carries the unit and the percentile.
    pub display_name: String,
    /// `lt`, `lte`, `gt` or `gte`, for a threshold metric.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<&'static str>,
    /// The threshold in the unit written, for a threshold metric.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Number>,
    /// The share of good events, at least 0 and below 1.
    pub target: Number,
}

/// A number written as an integer when it is one (`300`, not `300.0`), and otherwise
/// with the fewest digits that read back as the same value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Number(pub f64);

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // 2^53: every integer up to here is exact in an f64.
        const EXACT: f64 = 9_007_199_254_740_992.0;
        if self.0.fract() == 0.0 && self.0.abs() < EXACT {
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}
