//! The human report read as a person reads it: each label shows its own lines and their
//! context, never the lines between two labels far apart; and the place a finding's first
//! snippet names is the finding's own, the one every other format names.

use ownlint::testing::{Run, check};

/// Lines of context the human report shows above and below a label.
const CONTEXT: usize = 1;

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

/// A source line as shown: its number, and the underline drawn beneath it, if any.
struct Shown {
    number: usize,
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
            if let Some((number, _)) = numbered(line) {
                snippet.lines.push(Shown {
                    number,
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
    // A column after letters of two and three bytes.
    let accents = "### Überweisungen Domain\n\n**Owner:** Zahlungsverkehr für Bücher\n\
        **Escalation Contact:** @zahlungen\n**SLO Responsibility:**\n- Überweisung für Kunden: ≤ 200ms\n";
    for (name, bytes) in [
        ("pasted.md", pasted.as_bytes()),
        ("x.md", &binary[..]),
        ("accents.md", accents.as_bytes()),
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
