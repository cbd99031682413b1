//! The objective grammar on the SLO spellings seen in the wild (`FORMATS.md`, "SLO value
//! spellings seen in the wild") and our own: each read whole into its typed reading, or
//! refused with the exact part not understood underlined.
//!
//! A reading is written `[P95 ]≤ 300ms latency[ over 28d rolling]`: percentile, comparator
//! (`≤?` when implicit), value, unit, kind, window; two objectives are joined with ` & `. A
//! refusal is `! underlined | message fragment`.

use ownlint::model::objective::{Comparator, Objective, ObjectiveKind, Unit, WindowUnit};
use ownlint::model::{Text, TimeUnit};
use ownlint::parse::objective::parse_objective_named;
use ownlint::source::Span;

/// `Name: objective` (the name may be empty), and the expected reading.
const TABLE: &[(&str, &str, &str)] = &[
    // Latency, percentile first.
    ("", "P95 ≤ 300ms", "P95 ≤ 300ms latency"),
    ("", "P95 ≤ 1s", "P95 ≤ 1s latency"),
    ("", "P95 ≤ 5min", "P95 ≤ 5min latency"),
    ("", "P95 ≤ 30s", "P95 ≤ 30s latency"),
    ("", "P95 < 400ms", "P95 < 400ms latency"),
    ("", "P95 < 1.5s", "P95 < 1.5s latency"),
    ("", "p95 < 250ms", "P95 < 250ms latency"),
    (
        "",
        "p95 latency < 250ms for /api/v1/*",
        "P95 < 250ms latency",
    ),
    ("", "p95 latency <200ms", "P95 < 200ms latency"),
    ("", "p95 > 2s", "P95 > 2s latency"),
    ("", "P95 latency <= 500ms", "P95 ≤ 500ms latency"),
    ("", "P90 <= 2s", "P90 ≤ 2s latency"),
    ("", "P99 <= 2s", "P99 ≤ 2s latency"),
    (
        "",
        "p95 < 100ms, p99 < 200ms",
        "P95 < 100ms latency & P99 < 200ms latency",
    ),
    (
        "",
        "p95 < 100ms, p99 < 200ms monthly",
        "P95 < 100ms latency per 1M calendar & P99 < 200ms latency per 1M calendar",
    ),
    (
        "",
        "P95 ≤ 300ms and P99 ≤ 1s",
        "P95 ≤ 300ms latency & P99 ≤ 1s latency",
    ),
    (
        "",
        "P95 ≤ 300ms; ≥ 99.9% monthly",
        "P95 ≤ 300ms latency per 1M calendar & ≥ 99.9% availability per 1M calendar",
    ),
    ("HTTP API", "p99 < 200ms", "P99 < 200ms latency"),
    ("P99.9", "< 2000ms", "P99.9 < 2000ms latency"),
    (
        "",
        "P95 sync API latency: < 500 ms (steady state)",
        "P95 < 500ms latency",
    ),
    ("Request latency (p95)", "< 0.5s", "P95 < 0.5s latency"),
    ("", "95% of requests < 100ms", "P95 < 100ms latency"),
    ("", "P99.999 == 3µs", "P99.999 = 3µs latency"),
    ("", "P95 under 300 ms.", "P95 < 300ms latency"),
    ("", "P90 <= 2 hours (steady state)", "P90 ≤ 2h latency"),
    // Latency, percentile after the value or as a share of events.
    ("", "< 300ms p95", "P95 < 300ms latency"),
    ("", "300ms at p95", "P95 ≤? 300ms latency"),
    ("", "p95: < 300ms", "P95 < 300ms latency"),
    ("", "< 300ms (p95)", "P95 < 300ms latency"),
    (
        "Search (p99)",
        "≤ 1s over 28 days",
        "P99 ≤ 1s latency over 28d rolling",
    ),
    ("Query success", "99% within 10s", "P99 ≤ 10s latency"),
    (
        "",
        "≥ 99.9% of requests succeed within 200ms",
        "P99.9 ≤ 200ms latency",
    ),
    ("", "95% of requests complete under 1 s", "P95 < 1s latency"),
    ("", "≤ 5ms", "≤ 5ms latency"),
    // Availability and success.
    ("", "availability 99.9%", "≥? 99.9% availability"),
    (
        "Availability",
        "99.9% monthly.",
        "≥? 99.9% availability per 1M calendar",
    ),
    ("", "99.5% monthly", "≥? 99.5% availability per 1M calendar"),
    (
        "",
        "99.95% monthly",
        "≥? 99.95% availability per 1M calendar",
    ),
    ("", "99.9% uptime", "≥? 99.9% availability"),
    ("VPN API availability", "≥ 99.9%", "≥ 99.9% availability"),
    ("Database availability", "≥ 99.95%", "≥ 99.95% availability"),
    ("", ">=99.5% success", "≥ 99.5% availability"),
    ("", "> 99%", "> 99% availability"),
    ("", "99.9% (3 nines)", "≥? 99.9% availability"),
    ("", "99.9% (three nines)", "≥? 99.9% availability"),
    ("", "99.5% (2.5 nines)", "≥? 99.5% availability"),
    ("", "99% success", "≥? 99% availability"),
    ("", "99.9% success rate", "≥? 99.9% availability"),
    ("Notification idempotency", "100%", "≥? 100% availability"),
    (
        "",
        "≥ 99.9% per rolling 28 days",
        "≥ 99.9% availability over 28d rolling",
    ),
    (
        "",
        "≥ 99.9% (rolling 30d)",
        "≥ 99.9% availability over 30d rolling",
    ),
    (
        "",
        "99.9% availability over a 30-day rolling window",
        "≥? 99.9% availability over 30d rolling",
    ),
    ("", "at least 99.95 %", "≥ 99.95% availability"),
    ("API availability", "≤ 99.9%", "≤ 99.9% availability"),
    // Error rates: upper bounds on bad events.
    ("", "< 1% 5xx responses", "< 1% error-rate"),
    (
        "",
        "error rate < 1% per rolling 30 min",
        "< 1% error-rate over 30m rolling",
    ),
    ("", "Error rate <1%", "< 1% error-rate"),
    ("", "< 5% over 5m", "< 5% error-rate over 5m rolling"),
    ("", "< 0.1%", "< 0.1% error-rate"),
    ("Query errors", "0.1% error rate", "≤? 0.1% error-rate"),
    ("", "error rate ≥ 0.1%", "≥ 0.1% error-rate"),
    (
        "Checkout failures",
        "≤ 0.5% rolling 7d",
        "≤ 0.5% error-rate over 7d rolling",
    ),
    (
        "",
        "0.5% errors weekly",
        "≤? 0.5% error-rate per 1w calendar",
    ),
    // Throughput.
    (
        "Worker throughput",
        "≥ 1000 ops/hour",
        "≥ 1000/h throughput",
    ),
    ("", ">= 1,000 req/sec", "≥ 1000/s throughput"),
    ("", "≥ 20 jobs per minute", "≥ 20/min throughput"),
    ("", "> 500 rps", "> 500/s throughput"),
    // Refused, with the part not understood.
    (
        "",
        "P95 ≤ 300ms for checkout",
        "! for checkout | is not understood",
    ),
    (
        "",
        "P95 ≤ 300ms for checkout monthly",
        "! for checkout | is not understood",
    ),
    (
        "",
        "Availability < 99.95% for 10 minutes",
        "! for 10 minutes | is not understood",
    ),
    ("", "≤ X ms", "! X | expected a number after `≤`"),
    (
        "",
        "[99.9% / 99.95% / 99.99%]",
        "! [99.9% / 99.95% / 99.99%] | expected an objective",
    ),
    (
        "",
        "[TODO: 99.9%]",
        "! [TODO: 99.9%] | expected an objective",
    ),
    (
        "",
        "P1 within 5m; P2 within 15m; P3 within 1h",
        "! P1 | a priority, not a percentile",
    ),
    (
        "Acknowledge",
        "15 min, Resolve: 4 h",
        "! 15 min | expected a comparator",
    ),
    (
        "Error Budget",
        "43 minutes per month.",
        "! 43 minutes | expected a comparator",
    ),
    (
        "",
        "0.1% = 43.2 minutes/month downtime",
        "! = 43.2 minutes/month downtime | is not understood",
    ),
    ("", "2x over 1h and 6h windows", "! x | unknown unit"),
    ("", "> 14.4 (1h)", "! ( | expected a unit"),
    (
        "",
        "P95 ≤ 300ms, measured at the edge",
        "! measured at the edge | expected an objective",
    ),
    ("", "P95 ≤ 300ms and", "P95 ≤ 300ms latency"),
    (
        "",
        "P95 ≤ 300ms (cold start)",
        "! (cold start) | is not understood",
    ),
    (
        "",
        "99% of requests within 10 bananas",
        "! bananas | expected a unit",
    ),
    ("", "99% within 5%", "! 5% | expected a duration"),
    (
        "",
        "P95 ≤ 300ms monthly monthly",
        "! monthly | is not understood",
    ),
    ("", "P95 ≤ 300ms5", "! 5 | right after the unit"),
];

fn reading(o: &Objective) -> String {
    let mut out = String::new();
    if let Some(p) = o.percentile {
        out.push_str(&format!("P{} ", p.value));
    }
    let cmp = match o.comparator.value {
        Comparator::Eq => "=",
        c => c.symbol(),
    };
    out.push_str(cmp);
    if o.implicit_comparator {
        out.push('?');
    }
    let unit = match o.unit.value {
        Unit::Time(t) => t.symbol().to_owned(),
        Unit::Percent => "%".to_owned(),
        Unit::Rate { per } => format!("/{}", per.symbol()),
    };
    let kind = match o.kind {
        ObjectiveKind::Latency => "latency",
        ObjectiveKind::Availability => "availability",
        ObjectiveKind::ErrorRate => "error-rate",
        ObjectiveKind::Throughput => "throughput",
    };
    out.push_str(&format!(" {}{unit} {kind}", o.value.value));
    if let Some(w) = o.window {
        let how = if w.rolling { "over" } else { "per" };
        let rolls = if w.rolling { "rolling" } else { "calendar" };
        let unit = match w.unit {
            WindowUnit::Minutes => "m",
            WindowUnit::Hours => "h",
            WindowUnit::Days => "d",
            WindowUnit::Weeks => "w",
            WindowUnit::Months => "M",
            WindowUnit::Quarters => "Q",
            WindowUnit::Years => "Y",
        };
        out.push_str(&format!(" {how} {}{unit} {rolls}", w.amount));
    }
    out
}

/// Read `objective` of an SLO named `name`, laid out as `name: objective` in one text.
fn read(name: &str, objective: &str) -> (String, String) {
    let src = format!("{name}: {objective}");
    let name_text = Text::exact(&src[..name.len()], Span::new(0, name.len()));
    let start = name.len() + 2;
    let text = Text::new(&src[start..], Span::new(start, src.len()));
    let read = match parse_objective_named(&name_text, &text) {
        Ok(objectives) => {
            for o in &objectives {
                let spans = [o.span, o.comparator.span, o.value.span, o.unit.span];
                for span in spans.iter().chain(o.window.map(|w| w.span).iter()) {
                    assert!(span.end as usize <= src.len(), "{src}: {span:?}");
                    assert!(span.start as usize >= start, "{src}: {span:?}");
                }
            }
            let readings: Vec<String> = objectives.iter().map(reading).collect();
            readings.join(" & ")
        }
        Err(e) => format!("! {} | {}", &src[e.span.range()], e.message),
    };
    (src, read)
}

#[test]
fn every_spelling_reads_as_expected() {
    assert!(TABLE.len() >= 60, "{} spellings", TABLE.len());
    let mut wrong = Vec::new();
    for &(name, objective, expected) in TABLE {
        let (src, got) = read(name, objective);
        let ok = match expected.strip_prefix("! ") {
            Some(refusal) => {
                let (underlined, fragment) = refusal.split_once(" | ").unwrap();
                got.starts_with(&format!("! {underlined} | ")) && got.contains(fragment)
            }
            None => got == expected,
        };
        if !ok {
            wrong.push(format!(
                "{src:?}\n   expected {expected}\n        got {got}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn each_objective_of_a_line_has_its_own_span() {
    let src = "p95 < 100ms, p99 < 200ms monthly";
    let objectives = parse_objective_named(
        &Text::empty_at(0),
        &Text::exact(src, Span::new(0, src.len())),
    )
    .unwrap();
    let texts: Vec<&str> = objectives.iter().map(|o| &src[o.span.range()]).collect();
    assert_eq!(texts, ["p95 < 100ms", "p99 < 200ms monthly"]);
    assert_eq!(&src[objectives[1].window.unwrap().span.range()], "monthly");
    assert_eq!(objectives[0].unit.value, Unit::Time(TimeUnit::Milliseconds));
    // The window after the last objective is the line's: both are monthly, and say where.
    assert_eq!(objectives[0].window, objectives[1].window);
}

#[test]
fn a_window_after_an_earlier_objective_is_its_own() {
    let src = "≥ 99.9% over 28 days, p95 < 300ms weekly; p99 < 1s";
    let objectives = parse_objective_named(
        &Text::empty_at(0),
        &Text::exact(src, Span::new(0, src.len())),
    )
    .unwrap();
    let windows: Vec<Option<&str>> = objectives
        .iter()
        .map(|o| o.window.map(|w| &src[w.span.range()]))
        .collect();
    assert_eq!(windows, [Some("over 28 days"), Some("weekly"), None]);
}

#[test]
fn an_error_rate_means_the_share_of_good_events_it_leaves() {
    let one = |name: &str, objective: &str| {
        let src = format!("{name}: {objective}");
        let start = name.len() + 2;
        parse_objective_named(
            &Text::exact(&src[..name.len()], Span::new(0, name.len())),
            &Text::new(&src[start..], Span::new(start, src.len())),
        )
        .unwrap()
        .remove(0)
        .meaning()
    };
    assert!(one("Errors", "< 0.1%").same_as(&one("Good", "> 99.9%")));
    assert!(one("Query errors", "0.1% error rate").same_as(&one("Good", "≥ 99.9%")));
    assert!(!one("Query errors", "0.1% error rate").same_as(&one("Good", "≥ 99.8%")));
    // Windows count when both are written.
    assert!(one("A", "≥ 99.9% monthly").same_as(&one("A", "≥ 99.9%")));
    assert!(!one("A", "≥ 99.9% monthly").same_as(&one("A", "≥ 99.9% over 7 days")));
    assert!(one("A", "≥ 99.9% over 28 days").same_as(&one("A", "≥ 99.9% rolling 4w")));
}

/// The plain reader (`P95 ≤ 300ms`, `≥ 99.9%`) reads exactly what the general grammar
/// reads, or leaves the text to it: on every spelling of the table, on generated plain
/// spellings with names that hint and names that do not, and on near-plain ones.
#[test]
fn the_plain_reader_agrees_with_the_grammar() {
    use ownlint::parse::objective::plain_agrees;
    let names = [
        "",
        "Checkout",
        "Query errors",
        "API availability",
        "Request latency (p95)",
        "P99.9",
    ];
    let check = |name: &str, objective: &str| {
        let src = format!("{name}: {objective}");
        let start = name.len() + 2;
        let name_text = Text::exact(&src, Span::new(0, name.len()));
        let text = Text::exact(&src, Span::new(start, src.len()));
        assert!(plain_agrees(&name_text, &text), "{name:?} {objective:?}");
    };
    for &(name, objective, _) in TABLE {
        check(name, objective);
    }
    let percentiles = [
        "", "P95 ", "p99 ", "P99.9 ", "P50 ", "P0 ", "P100 ", "P9 ", "p95", "P95  ",
    ];
    let comparators = ["≤", "≥", "<", ">", "<=", ">=", "=", "=<", "≤≤", ""];
    let spaces = ["", " ", "  "];
    let values = [
        "300", "0.5", "99.9", "1", "0", "1000", "1.", ".5", "01", "99.999",
    ];
    let units = [
        "ms",
        "s",
        "min",
        "h",
        "%",
        "",
        " ms",
        "m",
        "MS",
        "sec",
        "ms.",
        "% monthly",
        " req/sec",
        " ops/hour",
        " rps",
        " requests/second",
        " seconds",
        " Ms",
        " req/",
        " /s",
        " ms/",
        " per second",
        "req/sec",
        " req/sec monthly",
    ];
    for name in names {
        for p in percentiles {
            for c in comparators {
                for sp in spaces {
                    for v in values {
                        for u in units {
                            check(name, &format!("{p}{c}{sp}{v}{u}"));
                        }
                    }
                }
            }
        }
    }
}
