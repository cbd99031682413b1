//! The human report read as a person reads it: each label shows its own lines and their
//! context, never the lines between two labels far apart; a long line is cut around its
//! label, with the underline still under the labelled text; and the place a finding's first
//! snippet names is the finding's own, the one every other format names.

use ownlint::testing::{Run, check};
use unicode_width::UnicodeWidthChar;

/// Lines of context the human report shows above and below a label.
const CONTEXT: usize = 1;
/// The width the test oracle renders human output at.
const WIDTH: usize = 100;

const SEED: &str = include_str!("../ownership/OWNERSHIP.md");

fn report(run: &Run, format: &str) -> String {
    let (_, bytes) = run
        .reports
        .iter()
        .find(|(name, _)| name == format)
        .expect("the oracle renders every format");
    String::from_utf8(bytes.clone()).expect("reports are UTF-8")
}

/// One snippet of a human report: the place its header names, and its numbered lines.
struct Snippet {
    place: String,
    lines: Vec<Shown>,
}

/// A source line as shown, and the underline drawn beneath it, if any.
struct Shown {
    number: usize,
    text: String,
    underline: Option<String>,
}

/// The place a snippet header names: `╭─[file:line:col]`.
fn header(line: &str) -> Option<&str> {
    line.trim_start().strip_prefix("╭─[")?.strip_suffix(']')
}

/// A numbered source line: ` 12 │ text`.
fn numbered(line: &str) -> Option<(usize, &str)> {
    let (number, rest) = line.trim_start().split_once(' ')?;
    let text = rest.strip_prefix('│')?;
    Some((number.parse().ok()?, text.strip_prefix(' ').unwrap_or(text)))
}

fn snippets(human: &str) -> Vec<Snippet> {
    let mut snippets = Vec::new();
    let mut lines = human.lines();
    while let Some(line) = lines.next() {
        let Some(place) = header(line) else { continue };
        let mut snippet = Snippet {
            place: place.to_owned(),
            lines: Vec::new(),
        };
        for line in lines.by_ref() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("╰─") {
                break;
            }
            if let Some((number, text)) = numbered(line) {
                snippet.lines.push(Shown {
                    number,
                    text: text.to_owned(),
                    underline: None,
                });
            } else if let Some(below) = trimmed.strip_prefix('·')
                && let Some(shown) = snippet.lines.last_mut()
                && shown.underline.is_none()
            {
                // The first line under a source line is its underline; label texts follow.
                shown.underline = Some(below.strip_prefix(' ').unwrap_or(below).to_owned());
            }
        }
        snippets.push(snippet);
    }
    snippets
}

fn columns(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The text drawn above a line's underline, by display columns.
fn underlined(shown: &Shown) -> String {
    let underline = shown.underline.as_deref().expect("an underlined line");
    let from = underline.chars().take_while(|&c| c == ' ').count();
    let to = from
        + underline[from..]
            .chars()
            .take_while(|&c| matches!(c, '─' | '┬' | '▲'))
            .count();
    let mut column = 0;
    let mut text = String::new();
    for c in shown.text.chars() {
        if (from..to).contains(&column) {
            text.push(c);
        }
        column += c.width().unwrap_or(0);
    }
    text
}

/// A domain, `n` making its names its own.
fn domain(name: &str, n: usize) -> String {
    format!(
        "### {name} Domain\n\n**Owner:** Team {n}\n**Escalation Contact:** @oncall-{n}\n\
         **SLO Responsibility:**\n- Request latency {n}: P95 ≤ 300ms\n\n**Incident Authority:**\n\
         - Can disable feature {n}\n\n**Responsibilities:**\n- Work item {n}\n\n"
    )
}

/// A 300-line document with the Search domain pasted twice, 140 lines apart: where a line
/// count from the start of the file would merge their snippets.
fn pasted_far_apart() -> String {
    let mut doc = String::from("# Ownership\n\n## Domain Ownership\n\n");
    for n in 0..11 {
        doc.push_str(&domain(&format!("Filler{n}"), n));
    }
    doc.push_str(&domain("Search", 100));
    for n in 11..21 {
        doc.push_str(&domain(&format!("Filler{n}"), n));
    }
    doc.push_str(&domain("Search", 100));
    assert!(doc.lines().count() > 300, "{}", doc.lines().count());
    doc
}

#[test]
fn each_snippet_shows_its_labels_lines_and_their_context_only() {
    let pasted = pasted_far_apart();
    for (name, text) in [
        ("ownership/OWNERSHIP.md", SEED),
        ("ownership/pasted.md", pasted.as_str()),
    ] {
        let run = check(&[(name, text.as_bytes())]);
        let human = report(&run, "human");
        let snippets = snippets(&human);
        assert!(snippets.len() >= run.diagnostics.len(), "{human}");
        for snippet in &snippets {
            let labelled: Vec<usize> = snippet
                .lines
                .iter()
                .filter(|l| l.underline.is_some())
                .map(|l| l.number)
                .collect();
            assert!(!labelled.is_empty(), "{}:\n{human}", snippet.place);
            for (i, shown) in snippet.lines.iter().enumerate() {
                assert!(
                    labelled
                        .iter()
                        .any(|&n| n.abs_diff(shown.number) <= CONTEXT),
                    "{name}: line {} of the snippet at {} is neither labelled nor context:\n{human}",
                    shown.number,
                    snippet.place,
                );
                if i > 0 {
                    assert_eq!(shown.number, snippet.lines[i - 1].number + 1, "{human}");
                }
            }
        }
    }
}

#[test]
fn the_repositorys_own_report_is_under_200_lines() {
    let run = check(&[("ownership/OWNERSHIP.md", SEED.as_bytes())]);
    let human = report(&run, "human");
    assert!(human.lines().count() < 200, "{human}");
}

/// A table row of 3,000 characters and more (wide characters, letters of two bytes, a bell
/// shown escaped) with `TBD` as its owner, in the middle of the row or at its end.
fn long_rows() -> [(&'static str, String); 2] {
    let filler = "Zürich 東京\u{7} ".repeat(140);
    [
        (
            "middle",
            format!(
                "| Domain | Notes | Owner | More |\n|---|---|---|---|\n| Billing | {filler} | TBD | {filler} |\n"
            ),
        ),
        (
            "end",
            format!(
                "| Domain | Notes | Owner |\n|---|---|---|\n| Billing | {filler}{filler} | TBD |\n"
            ),
        ),
    ]
}

#[test]
fn a_long_line_is_cut_around_its_label() {
    for (place, doc) in long_rows() {
        assert!(doc.chars().count() > 3000);
        let run = check(&[("long.md", doc.as_bytes())]);
        let human = report(&run, "human");
        for line in human.lines() {
            assert!(
                columns(line) <= WIDTH,
                "{place}: {line:?} is wider than {WIDTH}"
            );
        }
        let snippets = snippets(&human);
        let tbd = snippets
            .iter()
            .flat_map(|s| &s.lines)
            .find(|l| l.underline.is_some() && l.text.contains("TBD"))
            .unwrap_or_else(|| panic!("{place}: TBD is not shown:\n{human}"));
        assert_eq!(underlined(tbd), "TBD", "{place}:\n{human}");
        assert!(tbd.text.starts_with('…'), "{place}: {}", tbd.text);
        assert_eq!(tbd.text.ends_with('…'), place == "middle", "{}", tbd.text);
        insta::assert_snapshot!(format!("long_line_{place}"), human);
    }
}

#[test]
fn a_file_of_nul_bytes_is_shown_in_one_short_line() {
    let run = check(&[("x.md", &[0u8; 2500][..])]);
    let human = report(&run, "human");
    assert!(human.len() < 1500, "{} bytes:\n{human}", human.len());
    for line in human.lines() {
        assert!(columns(line) <= WIDTH, "{line:?} is wider than {WIDTH}");
    }
    insta::assert_snapshot!("nul_file", human);
}

/// The first place each finding's report names: its first snippet's header.
fn first_places(human: &str) -> Vec<String> {
    let mut places = Vec::new();
    let mut finding = false;
    for line in human.lines() {
        if line.starts_with("OWN") {
            finding = true;
        } else if finding && let Some(place) = header(line) {
            places.push(place.to_owned());
            finding = false;
        }
    }
    places
}

#[test]
fn the_first_place_named_is_the_findings_own_as_in_every_other_format() {
    let pasted = pasted_far_apart();
    // A binary file: its first bad byte, after control characters that are shown escaped.
    let mut binary = b"\x7fELF\x02\x01\x01".to_vec();
    binary.extend([0u8; 17]);
    binary.extend(b"\xe0a2");
    binary.extend([0u8; 400]);
    // A column after letters of two and three bytes; columns in lines that are cut.
    let accents = "### Überweisungen Domain\n\n**Owner:** Zahlungsverkehr für Bücher\n\
        **Escalation Contact:** @zahlungen\n**SLO Responsibility:**\n- Überweisung für Kunden: ≤ 200ms\n";
    let [(_, middle), (_, end)] = long_rows();
    for (name, bytes) in [
        ("pasted.md", pasted.as_bytes()),
        ("x.md", &binary[..]),
        ("accents.md", accents.as_bytes()),
        ("middle.md", middle.as_bytes()),
        ("end.md", end.as_bytes()),
    ] {
        let run = check(&[(name, bytes)]);
        let concise: Vec<String> = report(&run, "concise")
            .lines()
            .filter_map(|l| l.strip_prefix(name)?.split_once(": "))
            .map(|(at, _)| format!("{name}{at}"))
            .collect();
        assert_eq!(concise.len(), run.diagnostics.len());
        let human = report(&run, "human");
        assert_eq!(first_places(&human), concise, "{human}");
    }
}
