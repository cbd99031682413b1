//! The fast Markdown scanner (`ownlint::parse::fast`) against pulldown-cmark: wherever the
//! scanner takes a document, its events are pulldown's (text pieces joined, container
//! ranges aside, which the reader does not use) and the document read from them is the same.
//! Inputs: every Markdown fixture, generated repositories, hand-written edge cases, and
//! documents mutated at random around the places where Markdown is subtle.

#[path = "../bench/corpus.rs"]
#[allow(dead_code)]
mod corpus;

use std::path::Path;

use proptest::prelude::*;

/// Whether the scanner took the document; panics when it took it and disagrees.
fn agrees(src: &str) -> bool {
    ownlint::testing::fast_markdown_agrees(src)
}

fn markdown_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            markdown_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn every_markdown_fixture_agrees_where_the_scanner_takes_it() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    markdown_files(&root.join("fixtures"), &mut files);
    files.push(root.join("ownership/OWNERSHIP.md"));
    files.push(root.join("README.md"));
    let mut taken = 0;
    for file in &files {
        let Ok(src) = std::fs::read_to_string(file) else {
            continue;
        };
        if agrees(&src) {
            taken += 1;
        }
    }
    assert!(files.len() > 50, "{} fixtures", files.len());
    // Most fixtures use brackets, tables or comments, which the scanner leaves to pulldown;
    // some are plain and must be taken.
    assert!(
        taken > 5,
        "the scanner took only {taken} of {} fixtures",
        files.len()
    );
}

#[test]
fn generated_repositories_are_taken_and_agree() {
    let kinds = [
        (corpus::Format::Markdown, false),
        (corpus::Format::Mixed, false),
        // Paths written as code spans (`` **Paths:** `src/…/` ``).
        (corpus::Format::Markdown, true),
    ];
    for (format, codeowners) in kinds {
        let generated = corpus::generate(&corpus::Options {
            domains: 1500,
            per_file: 50,
            format,
            defects: 0.05,
            seed: 3,
            codeowners,
        });
        let mut markdown = 0;
        let mut taken = 0;
        for (path, text) in &generated.files {
            if !path.ends_with(".md") {
                continue;
            }
            markdown += 1;
            if agrees(text) {
                taken += 1;
            }
        }
        // The generated documents are plain; the scanner must take nearly all of them, or
        // the benchmark measures pulldown again.
        assert!(
            taken * 10 >= markdown * 9,
            "taken {taken} of {markdown} Markdown files"
        );
    }
}

#[test]
fn edge_cases_agree_or_are_left_to_pulldown() {
    let cases = [
        // Found by the mutation property: an ordered item not numbered 1 at the content
        // indent of an item continues that item's text rather than opening a nested list.
        "4. Update documentation\n   5. Notify stakeholders\n",
        "- a\n  2. b\n",
        "- a\n  1. b\n",
        "# A\n\n**Owner:** Team\n**Escalation Contact:** Ann\n",
        "## A Domain\n**Owner:** X\n- a\n- b\n\n---\n\n### B\n",
        "para\n- item\n",
        "para\n2. item\n",
        "para\n1. item\n",
        "- a\n  - b\n    - c\n- d\n",
        "1. a\n   - b\n2. c\n",
        "1. a\n1) b\n",
        "- a\n\n- b\n",
        "- a\nlazy\n",
        "- a\n---\n",
        "para\n---\n",
        "para\n===\n",
        "**Owner:**Team\n",
        "**Owner:** \n",
        "**Owner:**: x\n",
        "**Team**s and more\n",
        "**Team**: x\n",
        "** Team**: x\n",
        "**Team **: x\n",
        "****\n",
        "**a**b**\n",
        "# Heading #\n",
        "#Heading\n",
        "####### seven\n",
        "# C# guide\n",
        "a <= b\n",
        "a <b> c\n",
        "a < b\n",
        "x\n\n\n\ny\n",
        "no newline at end",
        "- item at end",
        "---\n---\n",
        "\u{feff}# BOM\n",
        "---\ntitle: x\n---\n# After front matter\n",
        "- **Subscriptions + Payments**: Shared\n  - Subscription team: creation\n  - Shared SLA: P95 <= 300ms\n",
        "10. ten\n11. eleven\n",
        "- a\n   - b\n",
        "- a\n - b\n",
        "text: with colon\nnext: line\n",
        "é ü ≤ ≥ 💡\n",
        // Found by the markdown fuzz target: a line of vertical tabs is blank to pulldown.
        "y\n\u{b}\u{b}\u{b}\u{b}",
        "a\u{c}b\n",
        "a\u{a0}\n",
        "**Owner:**\u{a0}x\n",
        "Hello! and ![img](x) and !\n",
        "on_call and _em_ and a__b__c and snake_case_\n",
        "R & D, R&D, &amp; &#35; & \n",
        "a ~ b ~~c~~\n",
        "**Owner：**: x\n",
        "**Owner：** x\n",
        "**Owner**_x\n",
        // Code spans: the simple ones are the scanner's, the rest pulldown's.
        "**Paths:** `src/payments/`, `docs/payments.md`\n",
        "- `src/payments/`\n- `*.md`\n",
        "`a` and `b*c*` and `<x>` and `a\\b` and `[x](y)`\n",
        "a `b`c`d` e\n",
        "a ``b`` c\n",
        "a `` ` `` c\n",
        "a `b c\nd` e\n",
        "a `b\n",
        "a `b `\n",
        "a ` b` c\n",
        "a ` ` c\n",
        "a `` c\n",
        "`a`\n",
        "```\ncode\n```\n",
        "``a``\n",
        "[a `b`](c)\n",
        "*a `b` c*\n",
        "_a `b`_\n",
        "`a` `b`\n`c`\n",
        "**`Owner:`** x\n",
        "a `&amp;` b\n",
        "a `\u{0}` b\n",
    ];
    for case in cases {
        agrees(case);
    }
}

/// Text inserted where Markdown is subtle.
const PIECES: &[&str] = &[
    "\n",
    "\n\n",
    "- ",
    "  - ",
    "   ",
    "**",
    "*",
    "_",
    "---\n",
    "# ",
    "## ",
    "1. ",
    "2) ",
    " ",
    ":",
    "<",
    "<a>",
    ">",
    "> ",
    "=",
    "===\n",
    "`",
    "`a`",
    "`src/payments/`",
    "``",
    "` `",
    "[",
    "]",
    "|",
    "\\",
    "&amp;",
    "~",
    "#",
    "**Owner:** ",
    "**Note**: ",
    "\t",
    "\r\n",
    "é",
    "<=",
    "(",
    ")",
    "](x)",
    "![",
    "[a]: /u\n",
    "[",
    "]",
    "\u{0}",
    "\u{b}",
    "\u{c}",
    "\u{a0}",
    "\u{b}",
    "\u{c}",
    "\u{a0}",
    "!",
    "_",
    "a_b",
    "&",
    "& ",
    "&x;",
    "~",
    "：",
];

fn mutated(base: String, edits: Vec<(usize, usize)>) -> String {
    let mut s = base;
    for (at, piece) in edits {
        let mut at = at % (s.len() + 1);
        while !s.is_char_boundary(at) {
            at -= 1;
        }
        if piece % 5 == 4 {
            // Delete a few bytes instead.
            let mut end = (at + piece % 7).min(s.len());
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s.replace_range(at..end, "");
        } else {
            s.insert_str(at, PIECES[piece % PIECES.len()]);
        }
    }
    s
}

fn generated_document() -> String {
    let generated = corpus::generate(&corpus::Options {
        domains: 60,
        per_file: 6,
        format: corpus::Format::Markdown,
        defects: 0.3,
        seed: 9,
        codeowners: false,
    });
    generated
        .files
        .iter()
        .find(|(p, _)| p.ends_with(".md"))
        .map(|(_, t)| t.clone())
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn mutated_documents_agree_where_the_scanner_takes_them(
        edits in prop::collection::vec((any::<usize>(), any::<usize>()), 1..6),
        seed in 0usize..4,
    ) {
        let base = match seed {
            0 => generated_document(),
            1 => include_str!("../fixtures/seed/OWNERSHIP.md").to_owned(),
            2 => include_str!("../fixtures/seed/OWNERSHIP.md").replace("⚠\u{fe0f} ", ""),
            _ => "# T\n\n## Domain Ownership\n\n### A Domain\n\n**Owner:** Team A\n**Escalation Contact:** Ann\n**SLO Responsibility:**\n- Latency: P95 <= 300ms\n\n- **A + B**: shared\n  - A team: x\n  - Shared SLA: P95 <= 1s\n\n1. one\n2. two\n".to_owned(),
        };
        agrees(&mutated(base, edits));
    }
}

/// The documents the mutations start from are taken whole, so the property above compares
/// the scanner with pulldown rather than pulldown with itself.
#[test]
fn the_mutation_bases_are_taken() {
    assert!(agrees(&generated_document()));
    assert!(agrees(
        &include_str!("../fixtures/seed/OWNERSHIP.md").replace("⚠\u{fe0f} ", "")
    ));
}
