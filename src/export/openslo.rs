//! The domains' SLOs as OpenSLO v1 `SLO` documents, one per SLO, and the SLOs that OpenSLO
//! cannot express, with the reason.
//!
//! Every document counts events (`budgetingMethod: Occurrences`) over the objective's window
//! (`over 28 days`: `28d` rolling; `monthly`: a calendar month, which starts where the
//! configuration says, `export.openslo`, for the documents never say; without it, at an
//! assumed start that an annotation names), or over a rolling window of [`TIME_WINDOW`]
//! when it states none. Each objective of an SLO is one document
//! (`P95 ≤ 300ms and P99 ≤ 1s` is two). A latency with a percentile becomes a threshold objective whose target is
//! the percentile (`P95 ≤ 300ms`: at least 95% of events at or under 300 ms); a percentage
//! becomes a ratio objective whose target is the share (`≥ 99.9%`: 0.999 of events good; an
//! error rate, `< 0.1%` or `0.1% error rate`, counts bad events over all with target 0.999). OpenSLO targets lie in [0, 1), which leaves out `100%`, and
//! needs a share of events, which a latency without a percentile or a rate does not state.

use std::collections::BTreeMap;

use super::dns_label::{UniqueLabels, dns_label};
use super::openslo_document::{
    Calendar, Indicator, IndicatorSpec, Metadata, MetricQuery, MetricSource, Number,
    ObjectiveEntry, RatioMetric, SloDocument, SloSpec, TimeWindow,
};
use crate::config::{CalendarStart, Settings};
use crate::model::{Comparator, Document, Domain, Objective, ObjectiveKind, Slo, Unit, Window};
use crate::semantics;

/// The window an SLO that states none is measured over, rolling.
pub const TIME_WINDOW: &str = "28d";

/// OpenSLO's longest description.
const MAX_DESCRIPTION_CHARS: usize = 1050;

/// Where a calendar window starts when the configuration does not say: the documents name
/// no start or time zone, and OpenSLO requires both. Each document given it says so in its
/// `ownlint-calendar` annotation, and [`OpensloExport::assumed_calendar_starts`] counts them.
pub const ASSUMED_CALENDAR_START: &str = "2024-01-01 00:00:00";
pub const ASSUMED_TIME_ZONE: &str = "Etc/UTC";

/// The documents, in file and domain order, and what was left out.
pub struct OpensloExport {
    pub documents: Vec<SloDocument>,
    pub skipped: Vec<SkippedSlo>,
    /// How many documents have a calendar window that starts at [`ASSUMED_CALENDAR_START`]
    /// in [`ASSUMED_TIME_ZONE`], for the configuration states no start.
    pub assumed_calendar_starts: usize,
}

/// Where the calendar windows of this export start.
struct WindowStart {
    calendar: Calendar,
    /// Not configured: the assumed start.
    assumed: bool,
}

impl WindowStart {
    fn new(configured: Option<&CalendarStart>) -> WindowStart {
        match configured {
            Some(start) => WindowStart {
                calendar: Calendar {
                    start_time: start.start_time.clone(),
                    time_zone: start.time_zone.clone(),
                },
                assumed: false,
            },
            None => WindowStart {
                calendar: Calendar {
                    start_time: ASSUMED_CALENDAR_START.to_owned(),
                    time_zone: ASSUMED_TIME_ZONE.to_owned(),
                },
                assumed: true,
            },
        }
    }
}

/// An SLO OpenSLO cannot express.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedSlo {
    /// The domain, or the domains of a shared SLA joined with ` + `.
    pub domain: String,
    /// `Name: objective`, as written (the one objective left out, of an SLO with several).
    pub slo: String,
    pub reason: &'static str,
}

/// What an objective becomes in OpenSLO.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Translation {
    /// A value per event compared with `value`; `target` is the share of events that pass.
    Threshold {
        op: &'static str,
        value: f64,
        target: f64,
    },
    /// Good events over all events (or bad events, for an upper bound), `target` the share
    /// of good events.
    Ratio { counts_bad: bool, target: f64 },
}

/// One OpenSLO `SLO` per objective of every domain; a domain's owner is the one real owner
/// `check` reads ([`semantics::owner`]); calendar windows start where the configuration says
/// ([`Settings::calendar_start`]), else at the assumed start.
pub fn openslo(documents: &[Document<'_>], settings: &Settings) -> OpensloExport {
    let mut names = UniqueLabels::default();
    let start = WindowStart::new(settings.calendar_start.as_ref());
    let mut export = OpensloExport {
        documents: Vec::new(),
        skipped: Vec::new(),
        assumed_calendar_starts: 0,
    };
    for doc in documents {
        for domain in &doc.domains {
            let context = DomainContext::new(domain, settings);
            for slo in &domain.slos {
                export_slo(&mut export, (&context, &start), slo, &mut names);
            }
        }
        for decl in &doc.shared {
            if let Some(sla) = &decl.sla {
                let domains: Vec<&str> = decl.domains.iter().map(|d| d.as_str()).collect();
                export.skipped.push(SkippedSlo {
                    domain: domains.join(" + "),
                    slo: written(sla, None),
                    reason: "a shared SLA belongs to several domains, an OpenSLO SLO to one service",
                });
            }
        }
    }
    export
}

/// Every objective of an SLO as a document, or as a note saying why it has none.
fn export_slo(
    export: &mut OpensloExport,
    (context, start): (&DomainContext, &WindowStart),
    slo: &Slo<'_>,
    names: &mut UniqueLabels,
) {
    let objectives = match &slo.parsed {
        Ok(objectives) => objectives,
        Err(_) => {
            export.skipped.push(SkippedSlo {
                domain: context.name.clone(),
                slo: written(slo, None),
                reason: "the objective cannot be read (see `malformed-slo`)",
            });
            return;
        }
    };
    let several = objectives.len() > 1;
    for objective in objectives {
        let translated = translate(objective).and_then(|t| Ok((t, time_window(objective, start)?)));
        match translated {
            Ok((translation, window)) => {
                let assumed_start = window.calendar.is_some() && start.assumed;
                export.assumed_calendar_starts += usize::from(assumed_start);
                export.documents.push(slo_document(
                    context,
                    (slo, objective),
                    (translation, window, assumed_start),
                    names,
                ));
            }
            Err(reason) => export.skipped.push(SkippedSlo {
                domain: context.name.clone(),
                slo: written(slo, several.then_some(objective)),
                reason,
            }),
        }
    }
}

/// The objective's window in OpenSLO's terms, or the default rolling one; a calendar window
/// starts at `start`.
fn time_window(objective: &Objective, start: &WindowStart) -> Result<TimeWindow, &'static str> {
    let Some(Window {
        amount,
        unit,
        rolling,
        ..
    }) = objective.window
    else {
        return Ok(TimeWindow {
            duration: TIME_WINDOW.to_owned(),
            is_rolling: true,
            calendar: None,
        });
    };
    if amount.fract() != 0.0 || !(1.0..1e9).contains(&amount) {
        return Err(
            "OpenSLO windows are a whole number of minutes, hours, days, weeks, months, quarters or years",
        );
    }
    Ok(TimeWindow {
        duration: format!("{}{}", amount as u64, unit.shorthand()),
        is_rolling: rolling,
        calendar: (!rolling).then(|| start.calendar.clone()),
    })
}

/// The objective in OpenSLO's terms, or why it has none.
fn translate(objective: &Objective) -> Result<Translation, &'static str> {
    let comparator = objective.comparator.value;
    let value = objective.value.value;
    match (objective.unit.value, objective.percentile) {
        (Unit::Time(_) | Unit::Rate { .. }, Some(percentile)) => {
            let target = share(percentile.value / 100.0);
            if !(0.0..1.0).contains(&target) {
                return Err("a percentile of 100 leaves no target below 1, as OpenSLO requires");
            }
            Ok(Translation::Threshold {
                op: operator(comparator)?,
                value,
                target,
            })
        }
        (Unit::Time(_), None) => {
            Err("a latency without a percentile states no share of events to make a target of")
        }
        (Unit::Rate { .. }, None) => Err("a rate states no share of events to make a target of"),
        (Unit::Percent, Some(_)) => Err("a percentage with a percentile has no OpenSLO form"),
        (Unit::Percent, None) => {
            let bad = objective.kind == ObjectiveKind::ErrorRate;
            let (counts_bad, target) = match (bad, comparator) {
                (_, Comparator::Eq) => return Err("OpenSLO has no `=` objective"),
                (false, c) if c.is_lower_bound() => (false, share(value / 100.0)),
                (true, c) if c.is_upper_bound() => (true, share(1.0 - value / 100.0)),
                (false, _) => {
                    return Err(
                        "a success rate capped from above has no OpenSLO form (see `slo-wrong-direction`)",
                    );
                }
                (true, _) => {
                    return Err(
                        "an error rate with a floor has no OpenSLO form (see `slo-wrong-direction`)",
                    );
                }
            };
            if !(0.0..1.0).contains(&target) {
                return Err("a target of 100% is not allowed: OpenSLO targets are below 1");
            }
            Ok(Translation::Ratio { counts_bad, target })
        }
    }
}

/// A share without the noise of binary fractions: `0.999`, not `0.9990000000000001`.
fn share(x: f64) -> f64 {
    (x * 1e12).round() / 1e12
}

fn operator(comparator: Comparator) -> Result<&'static str, &'static str> {
    match comparator {
        Comparator::Lt => Ok("lt"),
        Comparator::Le => Ok("lte"),
        Comparator::Gt => Ok("gt"),
        Comparator::Ge => Ok("gte"),
        Comparator::Eq => Err("OpenSLO has no `=` objective"),
    }
}

/// The domain's context for an SLO's description: the domain, its one real owner, its real
/// escalation contacts (placeholders are no contact, as `check` reads them).
struct DomainContext {
    name: String,
    owner: String,
    contacts: Vec<String>,
}

impl DomainContext {
    fn new(domain: &Domain<'_>, settings: &Settings) -> DomainContext {
        DomainContext {
            name: domain.display_name().to_owned(),
            owner: semantics::owner(domain, settings)
                .map(|o| o.as_str().to_owned())
                .unwrap_or_default(),
            contacts: semantics::escalation_contacts(domain, settings)
                .iter()
                .filter(|c| c.is_real())
                .map(|c| c.with_targets())
                .collect(),
        }
    }

    /// `domain Payments, owner Payment Service Team, escalation @payments-oncall`.
    fn describe(&self) -> String {
        let mut context = vec![format!("domain {}", self.name)];
        if !self.owner.is_empty() {
            context.push(format!("owner {}", self.owner));
        }
        if !self.contacts.is_empty() {
            context.push(format!("escalation {}", self.contacts.join(", ")));
        }
        context.join(", ")
    }
}

fn slo_document(
    domain: &DomainContext,
    (slo, objective): (&Slo<'_>, &Objective),
    (translation, window, assumed_start): (Translation, TimeWindow, bool),
    names: &mut UniqueLabels,
) -> SloDocument {
    let service = dns_label(&domain.name);
    let service = if service.is_empty() {
        "domain".to_owned()
    } else {
        service
    };
    let name = names.claim(&slo_label(&service, slo.name.as_str()), "slo");

    let mut labels = BTreeMap::new();
    let owner_label = dns_label(&domain.owner);
    if !owner_label.is_empty() {
        labels.insert("owner", owner_label);
    }
    labels.insert("domain", service.clone());
    let mut annotations = BTreeMap::new();
    if let Some(percentile) = objective.percentile {
        annotations.insert("ownlint-percentile", percentile.value.to_string());
    }
    annotations.insert("ownlint-unit", unit_symbol(objective.unit.value));
    // A configured start is the team's own statement, written as they would write it by
    // hand; only a start ownlint made up is marked, in the file, where it travels.
    if assumed_start {
        annotations.insert(
            "ownlint-calendar",
            format!(
                "assumed: {ASSUMED_CALENDAR_START} {ASSUMED_TIME_ZONE}; neither the documents nor \
                 the configuration state a start (export.openslo in .ownlint.yaml)"
            ),
        );
    }
    let objective_text = slo.objective_text(objective);

    let slo_name = slo.name.as_str();
    let display_name = (!slo.name.is_empty()).then(|| slo_name.to_owned());
    let description = format!("{slo_name}: {objective_text} ({})", domain.describe());
    let (spec, objective_entry) = indicator(objective_text, translation);
    let indicator_display = match &spec {
        IndicatorSpec::ThresholdMetric(_) => "the value of each event",
        IndicatorSpec::RatioMetric(ratio) if ratio.bad.is_some() => "bad events over all events",
        IndicatorSpec::RatioMetric(_) => "good events over all events",
    };
    SloDocument {
        api_version: "openslo/v1",
        kind: "SLO",
        metadata: Metadata {
            name: name.clone(),
            display_name,
            labels,
            annotations,
        },
        spec: SloSpec {
            description: description.chars().take(MAX_DESCRIPTION_CHARS).collect(),
            service,
            indicator: Indicator {
                metadata: Metadata {
                    name,
                    display_name: Some(format!("{slo_name}: {indicator_display}")),
                    labels: Default::default(),
                    annotations: Default::default(),
                },
                spec,
            },
            budgeting_method: "Occurrences",
            time_window: vec![window],
            objectives: vec![objective_entry],
        },
    }
}

/// The indicator and the objective of a translated SLO: a threshold on each event's value,
/// or a ratio of good (or bad) events over all events.
fn indicator(objective: &str, translation: Translation) -> (IndicatorSpec, ObjectiveEntry) {
    let query = || MetricQuery {
        metric_source: MetricSource::default(),
    };
    match translation {
        Translation::Threshold { op, value, target } => (
            IndicatorSpec::ThresholdMetric(query()),
            ObjectiveEntry {
                display_name: objective.to_owned(),
                op: Some(op),
                value: Some(Number(value)),
                target: Number(target),
            },
        ),
        Translation::Ratio { counts_bad, target } => (
            IndicatorSpec::RatioMetric(RatioMetric {
                counter: true,
                good: (!counts_bad).then(query),
                bad: counts_bad.then(query),
                total: query(),
            }),
            ObjectiveEntry {
                display_name: objective.to_owned(),
                op: None,
                value: None,
                target: Number(target),
            },
        ),
    }
}

/// The domain and the SLO name as one label; the domain once when the SLO's name starts
/// with it (`vpn-api-availability` for `VPN API availability` of `VPN`).
fn slo_label(domain_label: &str, slo_name: &str) -> String {
    let slo = dns_label(slo_name);
    let named_after_domain = slo
        .strip_prefix(domain_label)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'));
    if named_after_domain {
        slo
    } else {
        dns_label(&format!("{domain_label} {slo}"))
    }
}

fn unit_symbol(unit: Unit) -> String {
    match unit {
        Unit::Time(t) => t.symbol().to_owned(),
        Unit::Percent => "%".to_owned(),
        Unit::Rate { per } => format!("per {}", per.symbol()),
    }
}

/// `Name: objective` as written; of one objective of several, that objective.
fn written(slo: &Slo<'_>, one: Option<&Objective>) -> String {
    let objective = one.map_or(slo.objective.as_str(), |o| slo.objective_text(o));
    format!("{}: {objective}", slo.name.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Text;
    use crate::parse::objective::parse_objective;
    use crate::source::Span;

    fn translated(objective: &str) -> Result<Translation, &'static str> {
        let text = Text::exact(objective, Span::new(0, objective.len()));
        translate(&parse_objective(&text).expect("a readable objective")[0])
    }

    #[test]
    fn a_latency_percentile_is_a_threshold_with_the_percentile_as_target() {
        assert_eq!(
            translated("P95 ≤ 300ms"),
            Ok(Translation::Threshold {
                op: "lte",
                value: 300.0,
                target: 0.95
            })
        );
        assert_eq!(
            translated("p99.9 < 1.5 s"),
            Ok(Translation::Threshold {
                op: "lt",
                value: 1.5,
                target: 0.999
            })
        );
    }

    #[test]
    fn a_percentage_is_a_ratio_target() {
        assert_eq!(
            translated("≥ 99.9%"),
            Ok(Translation::Ratio {
                counts_bad: false,
                target: 0.999
            })
        );
        assert_eq!(
            translated("< 0.1%"),
            Ok(Translation::Ratio {
                counts_bad: true,
                target: 0.999
            })
        );
    }

    #[test]
    fn what_openslo_cannot_express_is_refused() {
        assert!(translated("100%").is_err());
        assert!(translated("≥ 1000 ops/hour").is_err());
        assert!(translated("≤ 300ms").is_err());
        assert!(translated("= 99%").is_err());
    }
}
