//! Properties that hold for any input: the Markdown reader, the YAML reader, the SLO grammar,
//! the CODEOWNERS reader and the whole `check` pipeline never panic, and keep the promises that
//! `ownlint::testing::assert_sound` checks (spans inside their files, reports that parse, one
//! GitHub command per finding, no document control character on a terminal). Inputs are
//! arbitrary text, and valid documents mutated at random. Case counts are bounded so that
//! the suite stays fast; the fuzz targets under `fuzz/` run the same checks for as long as
//! one likes.

use ownlint::testing::{assert_objective_sound, assert_sound, check, lint_only};
use proptest::prelude::*;

const SEED: &str = include_str!("../fixtures/seed/OWNERSHIP.md");
const LABEL_FORMS: &str = include_str!("../fixtures/variations/label-forms.md");
const TABLE: &str = include_str!("../fixtures/variations/table.md");
const YAML: &str = include_str!("../fixtures/variations/fields.yaml");
const CATALOG: &str =
    include_str!("../fixtures/catalog-unknown-reference/pass-files/catalog-info.yaml");
const GROUPS: &str = include_str!("../fixtures/catalog-unknown-reference/pass-files/groups.yaml");
const MIXED_DOCUMENT: &str = include_str!("../fixtures/multiple-owners/pass-files/OWNERSHIP.md");
const MIXED_CATALOG: &str =
    include_str!("../fixtures/multiple-owners/pass-files/catalog-info.yaml");

/// Text that tries to drive a terminal, a CI runner or a parser.
const NASTY: &[&str] = &[
    "\u{1b}[2J",
    "\u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7}",
    "\u{7}",
    "\r",
    "\r\n",
    "\u{8}\u{8}",
    "\u{9b}31m",
    "\u{85}",
    "\u{202e}",
    "\u{2066}",
    "\u{0}",
    "\u{feff}",
    "::error::pwned",
    "\n::warning file=x::y\n",
    "%0A",
    "##[error]x",
    "<!-- ownlint-disable -->",
    "<!-- ownlint-disable-next-line OWN101 -->",
    "# ownlint: disable-file",
    "**Owner:**",
    "**Escalation Contact:** [",
    "| a | b |\n|---|---|\n",
    "- - - - -",
    "> > > >",
    "```\n",
    "---\n",
    "&a [*a]",
    "*b",
    "{ [",
    "P99 ≤ 1e400ms",
    "≥ 99.99999999999999999999%",
    "𝔘𝔫𝔦",
    "e\u{301}",
];

/// A change to a document, applied at a character boundary.
#[derive(Clone, Debug)]
enum Mutation {
    Insert(usize, String),
    Delete(usize, usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
}

fn inserted_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(NASTY).prop_map(str::to_owned),
        "\\PC{0,12}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), inserted_text()).prop_map(|(at, s)| Mutation::Insert(at, s)),
        2 => (any::<usize>(), 0usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        1 => any::<usize>().prop_map(Mutation::DuplicateLine),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
    ]
}

fn floor_boundary(s: &str, at: usize) -> usize {
    let mut at = at % (s.len() + 1);
    while !s.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(doc: &str, mutations: &[Mutation]) -> String {
    let mut s = doc.to_owned();
    for m in mutations {
        match m {
            Mutation::Insert(at, text) => {
                let at = floor_boundary(&s, *at);
                s.insert_str(at, text);
            }
            Mutation::Delete(at, n) => {
                let start = floor_boundary(&s, *at);
                let end = floor_boundary(&s, (start + n).min(s.len()));
                if start < end {
                    s.replace_range(start..end, "");
                }
            }
            Mutation::DuplicateLine(i) => {
                let mut lines: Vec<&str> = s.split_inclusive('\n').collect();
                if !lines.is_empty() {
                    let line = lines[i % lines.len()];
                    lines.insert(i % lines.len(), line);
                }
                s = lines.concat();
            }
            Mutation::SwapLines(a, b) => {
                let mut lines: Vec<&str> = s.split_inclusive('\n').collect();
                if !lines.is_empty() {
                    let n = lines.len();
                    lines.swap(a % n, b % n);
                }
                s = lines.concat();
            }
        }
    }
    s
}

fn markdown_seed() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![SEED, LABEL_FORMS, TABLE])
}

/// The JUnit report is well-formed XML whatever the documents say.
fn assert_junit_parses(run: &ownlint::testing::Run) {
    let (_, junit) = run.reports.iter().find(|(n, _)| *n == "junit").unwrap();
    let text = std::str::from_utf8(junit).unwrap();
    if let Err(e) = roxmltree::Document::parse(text) {
        panic!("junit is not XML: {e}\n{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_markdown_reader_takes_any_text(text in any::<String>()) {
        assert_sound(&lint_only(&[("any.md", text.as_bytes())]));
    }

    #[test]
    fn the_markdown_reader_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        assert_sound(&lint_only(&[("any.md", &bytes)]));
    }

    #[test]
    fn the_yaml_reader_takes_any_text(text in any::<String>()) {
        assert_sound(&lint_only(&[("any.yaml", text.as_bytes())]));
    }

    #[test]
    fn the_yaml_reader_takes_yaml_like_text(text in "(domains:\n)?([ -]{0,6}[a-z_]{0,12}: ?[\\[{&*!|>\"'a-z0-9 ]{0,12}\n){0,12}") {
        assert_sound(&lint_only(&[("any.yaml", text.as_bytes())]));
    }

    #[test]
    fn the_objective_grammar_takes_any_text(text in any::<String>()) {
        assert_objective_sound(&text);
    }

    #[test]
    fn the_objective_grammar_takes_objective_like_text(
        text in "(P[0-9]{0,3}(\\.[0-9]{0,3})? ?)?(<=|≤|>=|≥|<|>|=|at least |at most )? ?[0-9]{0,6}(\\.[0-9]{0,20})?(e[0-9]{1,3})? ?(ms|s|%|min|req/s|µs|ops/hour|)"
    ) {
        assert_objective_sound(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Written the usual ways, an objective parses to the number written. (`P1` to `P9` are
    /// priorities, not percentiles: `P1 within 5m`.)
    #[test]
    fn usual_objectives_parse_to_their_numbers(
        percentile in 10u32..100,
        latency in 1u32..100_000,
        whole in 90u32..100,
        fraction in 0u32..1000,
    ) {
        use ownlint::{model::Text, parse::objective::parse_objective};
        use ownlint::source::Span;
        let latency_text = format!("P{percentile} ≤ {latency}ms");
        let parsed = parse_objective(&Text::new(latency_text.as_str(), Span::new(0, latency_text.len()))).unwrap().remove(0);
        prop_assert_eq!(parsed.percentile.map(|p| p.value), Some(f64::from(percentile)));
        prop_assert_eq!(parsed.value.value, f64::from(latency));
        let availability = format!("≥ {whole}.{fraction}%");
        let parsed = parse_objective(&Text::new(availability.as_str(), Span::new(0, availability.len()))).unwrap().remove(0);
        prop_assert_eq!(parsed.value.value, format!("{whole}.{fraction}").parse::<f64>().unwrap());
    }

    /// The whole pipeline, every rule and every report format, on mutated valid documents.
    #[test]
    fn check_takes_mutated_documents(
        markdown in markdown_seed(),
        md_mutations in prop::collection::vec(mutation(), 1..8),
        yaml_mutations in prop::collection::vec(mutation(), 0..6),
    ) {
        let md = apply(markdown, &md_mutations);
        let yaml = apply(YAML, &yaml_mutations);
        let run = check(&[("ownership/a.md", md.as_bytes()), ("ownership/b.yaml", yaml.as_bytes())]);
        assert_sound(&run);
        assert_junit_parses(&run);
    }

    /// The whole pipeline on mutated Backstage catalogs, beside the documents they describe
    /// (references across files, owners held to the documents', the catalog as registry).
    #[test]
    fn check_takes_mutated_catalogs(
        catalog_mutations in prop::collection::vec(mutation(), 1..8),
        groups_mutations in prop::collection::vec(mutation(), 0..6),
        mixed_mutations in prop::collection::vec(mutation(), 0..6),
    ) {
        let catalog = apply(CATALOG, &catalog_mutations);
        let groups = apply(GROUPS, &groups_mutations);
        let mixed = apply(MIXED_CATALOG, &mixed_mutations);
        let run = check(&[
            ("catalog-info.yaml", catalog.as_bytes()),
            ("org/groups.yaml", groups.as_bytes()),
            ("mixed/OWNERSHIP.md", MIXED_DOCUMENT.as_bytes()),
            ("mixed/catalog-info.yaml", mixed.as_bytes()),
        ]);
        assert_sound(&run);
        assert_junit_parses(&run);
    }

    /// The whole pipeline on arbitrary text beside a valid document (so that the cross-file
    /// rules have something to relate it to).
    #[test]
    fn check_takes_any_text_beside_a_valid_document(text in any::<String>(), yaml in any::<bool>()) {
        let name = if yaml { "x.yaml" } else { "x.md" };
        let run = check(&[("seed.md", SEED.as_bytes()), (name, text.as_bytes())]);
        assert_sound(&run);
        assert_junit_parses(&run);
    }
}

/// The mutated documents do reach the rules: the unmutated seed has findings, so the property
/// above is not vacuously checking empty reports.
/// A CODEOWNERS file read as either host's: no panic, and every span of the result lies in
/// the file on character boundaries; every compiled pattern takes any path.
fn assert_codeowners_sound(bytes: &[u8], paths: &[String]) {
    use ownlint::model::{Flavor, Text};
    use ownlint::source::Span;
    let file = ownlint::testing::source_files(&[("CODEOWNERS", bytes)]).remove(0);
    let text = file.text.as_str();
    let in_file = |span: Span, what: &str| {
        assert!(
            span.start <= span.end
                && (span.end as usize) <= text.len()
                && text.is_char_boundary(span.start as usize)
                && text.is_char_boundary(span.end as usize),
            "{what} span {span:?} in {text:?}"
        );
    };
    let exact = |t: &Text<'_>, what: &str| {
        in_file(t.span, what);
        assert_eq!(&text[t.span.range()], t.as_str(), "{what}");
    };
    for flavor in [Flavor::GitHub, Flavor::GitLab] {
        let parsed = ownlint::parse::codeowners(&file, flavor);
        for rule in &parsed.rules {
            in_file(rule.span, "rule");
            exact(&rule.pattern, "pattern");
            parsed
                .rule_owners(rule)
                .iter()
                .for_each(|o| exact(o, "owner"));
            assert!(rule.span.contains_span(rule.pattern.span), "{text:?}");
            for path in paths {
                rule.matches(path);
            }
        }
        for section in &parsed.sections {
            in_file(section.span, "section");
            exact(&section.name, "section name");
            section.approvals.iter().for_each(|a| exact(a, "approvals"));
            section
                .default_owners
                .iter()
                .for_each(|o| exact(o, "default owner"));
            assert!(section.canonical < parsed.sections.len());
        }
        for problem in &parsed.problems {
            in_file(problem.span, "problem");
        }
        for path in paths {
            parsed.owners_of(path);
            parsed.owners_by_section(path);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn the_codeowners_reader_takes_any_text(text in any::<String>(), path in "\\PC{0,20}") {
        assert_codeowners_sound(text.as_bytes(), &[path]);
    }

    #[test]
    fn the_codeowners_reader_takes_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        assert_codeowners_sound(&bytes, &["a/b".to_owned()]);
    }

    #[test]
    fn the_codeowners_reader_takes_codeowners_like_text(
        text in "(\u{feff})?((\\^?\\[[A-Za-z é]{0,6}\\]?(\\[[0-9a-z]{0,2}\\]?)?|[!\\\\]?[/*?a-zé.\\[\\] \\\\]{0,12})([ \t]+[@#]{0,2}[a-z./-]{0,8}){0,3}[ \t]*(\r\n|\n|\r)){0,10}",
        paths in prop::collection::vec("[a-z*?/.é ]{1,12}", 1..4),
    ) {
        assert_codeowners_sound(text.as_bytes(), &paths);
    }
}

#[test]
fn the_seed_has_findings_in_every_format() {
    let run = check(&[("seed.md", SEED.as_bytes())]);
    assert!(!run.diagnostics.is_empty());
    assert_sound(&run);
    for (name, bytes) in &run.reports {
        assert!(!bytes.is_empty(), "{name} report is empty");
    }
}

/// `assert_sound` itself catches what it promises to catch.
#[test]
#[should_panic(expected = "control character")]
fn the_soundness_check_catches_a_control_character() {
    let mut run = check(&[("seed.md", SEED.as_bytes())]);
    for (name, bytes) in &mut run.reports {
        if *name == "human" {
            bytes.extend_from_slice(b"\x1b[2J");
        }
    }
    assert_sound(&run);
}

#[test]
#[should_panic(expected = "one workflow command per finding")]
fn the_soundness_check_catches_an_extra_workflow_command() {
    let mut run = check(&[("seed.md", SEED.as_bytes())]);
    for (name, bytes) in &mut run.reports {
        if *name == "github" {
            bytes.extend_from_slice(b"::error::pwned\n");
        }
    }
    assert_sound(&run);
}
