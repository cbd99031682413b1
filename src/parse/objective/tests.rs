use super::lexicon::decimal;
use super::*;
use crate::model::objective::TimeUnit;
use crate::source::Span;

fn parse(s: &str) -> Result<Objective, ObjectiveError> {
    parse_objective(&Text::exact(s, Span::new(0, s.len()))).map(|mut v| v.remove(0))
}

fn ok(s: &str) -> (Option<f64>, Comparator, f64, Unit) {
    let o = parse(s).unwrap_or_else(|e| panic!("{s:?}: {e:?}"));
    (
        o.percentile.map(|p| p.value),
        o.comparator.value,
        o.value.value,
        o.unit.value,
    )
}

fn err(s: &str) -> (String, String) {
    let e = parse(s).expect_err(s);
    (s[e.span.range()].to_owned(), e.message)
}

use Comparator::*;
use TimeUnit::*;

#[test]
fn decimals_are_what_str_parse_gives() {
    for s in [
        "0",
        "1",
        "95",
        "99.9",
        "99.95",
        "99.999",
        "0.1",
        "0.3",
        "1.5",
        "123456789012345",
        "0.000000000000001",
        "12345.6789",
        "99.99999999999",
        "1234567890123456789",
        "007",
    ] {
        assert_eq!(decimal(s), s.parse().ok(), "{s}");
    }
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    for _ in 0..100_000 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let int = seed % 1_000_000;
        let frac_digits = (seed >> 40) % 9;
        let frac = (seed >> 20) % 10u64.pow(frac_digits as u32);
        let s = if frac_digits == 0 {
            int.to_string()
        } else {
            format!("{int}.{frac:0width$}", width = frac_digits as usize)
        };
        assert_eq!(decimal(&s), s.parse().ok(), "{s}");
    }
}

#[test]
fn latency_forms() {
    assert_eq!(
        ok("P95 ≤ 300ms"),
        (Some(95.0), Le, 300.0, Unit::Time(Milliseconds))
    );
    assert_eq!(
        ok("p99.9 < 1.5 s"),
        (Some(99.9), Lt, 1.5, Unit::Time(Seconds))
    );
    assert_eq!(ok("P95 ≤ 5min"), (Some(95.0), Le, 5.0, Unit::Time(Minutes)));
    assert_eq!(
        ok("P95 latency <= 500ms"),
        (Some(95.0), Le, 500.0, Unit::Time(Milliseconds))
    );
    assert_eq!(
        ok("p95 latency <200ms"),
        (Some(95.0), Lt, 200.0, Unit::Time(Milliseconds))
    );
    assert_eq!(
        ok("P90 <= 2 hours (steady state)"),
        (Some(90.0), Le, 2.0, Unit::Time(Hours))
    );
    assert_eq!(
        ok("P99.999 == 3µs"),
        (Some(99.999), Eq, 3.0, Unit::Time(Microseconds))
    );
    assert_eq!(
        ok("95% of requests < 100ms"),
        (Some(95.0), Lt, 100.0, Unit::Time(Milliseconds))
    );
    assert_eq!(
        ok("P95 under 300 ms."),
        (Some(95.0), Lt, 300.0, Unit::Time(Milliseconds))
    );
    assert_eq!(ok("≤ 5ms"), (None, Le, 5.0, Unit::Time(Milliseconds)));
    assert_eq!(ok("p95 < 100ms, p99 < 200ms").2, 100.0);
}

#[test]
fn percentages_and_rates() {
    assert_eq!(ok("≥ 99.9%"), (None, Ge, 99.9, Unit::Percent));
    assert_eq!(ok("100%"), (None, Ge, 100.0, Unit::Percent));
    assert!(parse("100%").unwrap().implicit_comparator);
    assert_eq!(ok("99.9% (3 nines)"), (None, Ge, 99.9, Unit::Percent));
    assert_eq!(ok("99.5% monthly."), (None, Ge, 99.5, Unit::Percent));
    assert_eq!(ok(">=99.5% success"), (None, Ge, 99.5, Unit::Percent));
    assert_eq!(ok("< 1% 5xx responses"), (None, Lt, 1.0, Unit::Percent));
    assert_eq!(ok("at least 99.95 %"), (None, Ge, 99.95, Unit::Percent));
    assert_eq!(
        ok("≥ 1000 ops/hour"),
        (None, Ge, 1000.0, Unit::Rate { per: Hours })
    );
    assert_eq!(
        ok(">= 1,000 req/sec"),
        (None, Ge, 1000.0, Unit::Rate { per: Seconds })
    );
    assert_eq!(
        ok("≥ 20 jobs per minute"),
        (None, Ge, 20.0, Unit::Rate { per: Minutes })
    );
    assert_eq!(
        ok("> 500 rps"),
        (None, Gt, 500.0, Unit::Rate { per: Seconds })
    );
    assert_eq!(ok("P150 ≤ 200ms").0, Some(150.0));
    assert_eq!(ok("P95 ≤ -20ms").2, -20.0);
}

#[test]
fn errors_point_at_the_token_where_parsing_broke() {
    assert_eq!(
        err("P95 <= fast"),
        (
            "fast".into(),
            "expected a number after `<=`, found `fast`".into()
        )
    );
    assert_eq!(err("P95 ≤ ms").0, "ms");
    assert_eq!(
        err("P95 ≤ 300"),
        (
            "300".into(),
            "expected a unit such as `ms` or `%` after `300`".into()
        )
    );
    assert_eq!(
        err("P95 ≤ 300 for checkout"),
        (
            "for".into(),
            "expected a unit such as `ms` or `%` after `300`".into()
        )
    );
    assert_eq!(
        err("99.9").1,
        "expected a unit such as `ms` or `%` after `99.9`"
    );
    assert_eq!(
        err("P95 300ms").1,
        "expected a comparator such as `≤` after `P95`"
    );
    assert_eq!(
        err("300ms").1,
        "expected a comparator such as `≤` or `≥` before `300ms`"
    );
    assert_eq!(err("P95 ≤ 300mss").0, "mss");
    assert_eq!(err("P95 ≤ 300ms5").0, "5");
    assert_eq!(
        err("fast").1,
        "expected an objective such as `P95 ≤ 300ms` or `≥ 99.9%`"
    );
    assert_eq!(
        err("").1,
        "expected an objective such as `P95 ≤ 300ms` or `≥ 99.9%`"
    );
}

#[test]
fn spans_are_file_spans() {
    let src = "- Checkout: P95 ≤ 300ms";
    let text = Text::exact(src, Span::new(12, src.len()));
    let o = parse_objective(&text).unwrap().remove(0);
    assert_eq!(&src[o.value.span.range()], "300");
    assert_eq!(&src[o.comparator.span.range()], "≤");
    assert_eq!(&src[o.percentile.unwrap().span.range()], "P95");
    assert_eq!(&src[o.unit.span.range()], "ms");
}

#[test]
fn normalized_values_compare_across_spellings() {
    assert!(
        parse("P95 ≤ 300ms")
            .unwrap()
            .same_as(&parse("p95 <= 0.3 s").unwrap())
    );
    assert!(
        !parse("P95 ≤ 300ms")
            .unwrap()
            .same_as(&parse("P99 ≤ 300ms").unwrap())
    );
    assert!(
        parse("≥ 1000 ops/hour")
            .unwrap()
            .same_as(&parse(">= 1,000 ops/hour").unwrap())
    );
}
