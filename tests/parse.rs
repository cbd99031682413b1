//! The readers against every format variation they accept, with spans checked: each value
//! must be the text under its span.

mod common;

use ownlint::model::{Document, Domain, DomainOrigin, Text};
use ownlint::parse::{labels::LabelTable, parse};
use ownlint::source::SourceFile;

fn with_doc(name: &str, check: impl FnOnce(&SourceFile, &Document<'_>)) {
    let file = common::source(&common::fixtures().join(name));
    let doc = parse(&file, &LabelTable::default());
    assert!(doc.problems.is_empty(), "{name}: {:?}", doc.problems);
    check(&file, &doc);
}

/// The value's text, after checking that an exact value is the source under its span.
fn text<'a>(file: &SourceFile, t: &'a Text<'_>) -> &'a str {
    if t.is_exact() {
        assert_eq!(file.slice(t.span), t.as_str(), "span of {t:?}");
    }
    t.as_str()
}

fn names(doc: &Document<'_>) -> Vec<String> {
    doc.domains
        .iter()
        .map(|d| d.name.as_str().to_owned())
        .collect()
}

fn owner<'a>(file: &SourceFile, d: &'a Domain<'_>) -> &'a str {
    text(file, &d.owners[0].value)
}

fn contact<'a>(file: &SourceFile, d: &'a Domain<'_>) -> &'a str {
    text(file, &d.escalation_contacts[0].value)
}

fn line_of(file: &SourceFile, t: &Text<'_>) -> usize {
    file.line_col(t.span.start as usize).line
}

#[test]
fn the_seed_as_the_user_wrote_it() {
    with_doc("seed/OWNERSHIP.md", |file, doc| {
        assert_eq!(
            names(doc),
            [
                "Subscriptions Domain",
                "Payments Domain",
                "VPN Domain",
                "Trials Domain",
                "Notifications Domain",
                "Admin Domain",
                "Background Workers Domain",
                "Infrastructure Domain",
                "Observability Domain"
            ]
        );
        let subs = &doc.domains[0];
        assert_eq!(owner(file, subs), "Subscription Service Team");
        assert_eq!(contact(file, subs), "[Engineering Manager]");
        assert_eq!(line_of(file, &subs.escalation_contacts[0].value), 20);
        assert_eq!(subs.slos.len(), 3);
        assert_eq!(text(file, &subs.slos[0].name), "Subscription creation");
        assert_eq!(text(file, &subs.slos[0].objective), "P95 ≤ 300ms");
        assert!(subs.slos.iter().all(|s| s.parsed.is_ok()));
        assert_eq!(subs.incident_authority.len(), 3);
        assert_eq!(
            text(file, &subs.incident_authority[1]),
            "Can enable read-only mode"
        );
        assert_eq!(subs.responsibilities.len(), 4);
        let workers = &doc.domains[6];
        assert_eq!(text(file, &workers.slos[2].objective), "≥ 1000 ops/hour");

        assert_eq!(doc.ladders.len(), 1);
        let ladder = &doc.ladders[0];
        let levels: Vec<(Option<u32>, Vec<&str>)> = ladder
            .levels
            .iter()
            .map(|l| (l.number, l.roles.iter().map(|r| text(file, r)).collect()))
            .collect();
        assert_eq!(
            levels,
            [
                (Some(1), vec!["Domain Owner"]),
                (Some(2), vec!["Engineering Manager"]),
                (Some(3), vec!["Platform Lead", "Infrastructure Lead"]),
                (Some(4), vec!["CTO", "VP Engineering"]),
            ]
        );
        assert_eq!(ladder.levels[0].duties.len(), 3);

        assert_eq!(doc.shared.len(), 1);
        let shared = &doc.shared[0];
        let domains: Vec<&str> = shared.domains.iter().map(|d| text(file, d)).collect();
        assert_eq!(domains, ["Subscriptions", "Payments"]);
        assert_eq!(file.line_col(shared.span.start as usize).line, 277);
        assert_eq!(
            shared.scope.as_ref().map(|s| text(file, s)),
            Some("Shared ownership for payment finalization")
        );
        let sla = shared.sla.as_ref().unwrap();
        assert_eq!(text(file, &sla.name), "Payment finalization");
        assert_eq!(text(file, &sla.objective), "P95 ≤ 300ms");
        let parts: Vec<(&str, &str)> = shared
            .boundaries
            .iter()
            .map(|b| (text(file, &b.party), text(file, &b.part)))
            .collect();
        assert_eq!(
            parts,
            [
                ("Subscription team", "Subscription creation"),
                ("Payment team", "Payment processing")
            ]
        );
        assert!(shared.escalation.is_none() && shared.sync.is_none());
        assert!(doc.unknown_fields.is_empty());
    });
}

#[test]
fn heading_levels_numbering_decoration_and_setext() {
    with_doc("variations/heading-levels.md", |file, doc| {
        assert_eq!(
            names(doc),
            [
                "Payments API",
                "Search Domain",
                "Ledger Service",
                "Billing",
                "Refunds Domain"
            ]
        );
        let owners: Vec<&str> = doc.domains.iter().map(|d| owner(file, d)).collect();
        assert_eq!(
            owners,
            [
                "Payment Service Team",
                "Search Team",
                "Ledger Team",
                "Billing Team",
                "Refunds Team"
            ]
        );
        // `#### 3.1.1 `Ledger` Service ###` is a domain under `Search` (H3) under `Domains`.
        assert_eq!(
            file.slice(doc.domains[2].span),
            "#### 3.1.1 `Ledger` Service"
        );
        assert!(doc.domains.iter().all(|d| d.slos.len() == 1
            && d.incident_authority.len() == 1
            && d.responsibilities.len() == 1));
    });
}

#[test]
fn label_forms_breaks_aliases_and_field_lists() {
    with_doc("variations/label-forms.md", |file, doc| {
        assert_eq!(
            names(doc),
            [
                "Payments Domain",
                "Search Domain",
                "Ledger Domain",
                "Billing Domain",
                "Refunds Domain",
                "Checkout Domain"
            ]
        );
        let [payments, search, ledger, billing, refunds, checkout] = &doc.domains[..] else {
            panic!()
        };
        // `**Owner**: x.` with a trailing period and a two-space hard break.
        assert_eq!(owner(file, payments), "Payment Service Team");
        assert!(payments.owners[0].value.is_exact());
        // A backslash hard break.
        assert_eq!(contact(file, payments), "Jane Doe (@jdoe)");
        assert_eq!(text(file, &payments.slos[0].name), "Payment processing");
        assert_eq!(text(file, &payments.slos[0].objective), "P95 ≤ 500ms");
        let resp: Vec<&str> = payments
            .responsibilities
            .iter()
            .map(|r| text(file, r))
            .collect();
        assert_eq!(resp, ["Payment processing", "Payment verification"]);
        // Plain `Label: value` lines and aliases.
        assert_eq!(owner(file, search), "Search Team");
        assert_eq!(contact(file, search), "#search-oncall");
        assert_eq!(text(file, &search.slos[0].objective), "P95 ≤ 200ms");
        assert_eq!(
            text(file, &search.incident_authority[0]),
            "Can disable search suggestions"
        );
        assert_eq!(text(file, &search.responsibilities[0]), "Indexing");
        // Fields as list items, their lists nested below; a code span keeps an exact span.
        assert_eq!(owner(file, ledger), "@org/ledger");
        assert!(ledger.owners[0].value.is_exact());
        assert_eq!(contact(file, ledger), "ledger-oncall@example.com");
        assert_eq!(ledger.slos.len(), 2);
        assert_eq!(ledger.responsibilities.len(), 2);
        // Two fields on one line; a loose list after a label.
        assert_eq!(owner(file, billing), "Billing Team");
        assert_eq!(contact(file, billing), "@billing-oncall");
        assert_eq!(billing.slos.len(), 1);
        assert_eq!(billing.incident_authority.len(), 1);
        // A block-quote header.
        assert_eq!(owner(file, refunds), "Refunds Team");
        assert_eq!(contact(file, refunds), "@refunds-oncall");
        // Headings named like fields inside a domain are those fields.
        assert_eq!(text(file, &checkout.slos[0].objective), "P95 ≤ 300ms");
        assert_eq!(
            text(file, &checkout.incident_authority[0]),
            "Can disable checkout during incidents"
        );
        assert_eq!(text(file, &checkout.responsibilities[0]), "Cart checkout");
        assert!(doc.unknown_fields.is_empty());
    });
}

#[test]
fn tables_are_one_domain_per_row() {
    with_doc("variations/table.md", |file, doc| {
        assert_eq!(names(doc), ["Payments", "Search", "Ledger"]);
        assert!(
            doc.domains
                .iter()
                .all(|d| d.origin == DomainOrigin::TableRow && !d.has_body())
        );
        let owners: Vec<&str> = doc.domains.iter().map(|d| owner(file, d)).collect();
        assert_eq!(
            owners,
            ["Payment Service Team", "Search Team", "Ledger Team"]
        );
        assert_eq!(contact(file, &doc.domains[1]), "#search-oncall");
        assert_eq!(
            file.slice(doc.domains[0].span),
            "| Payments    | Payment Service Team | Platform Team | @payments-oncall |"
        );
    });
}

#[test]
fn a_single_entity_document_with_an_slo_table() {
    with_doc("variations/single-entity.md", |file, doc| {
        assert_eq!(names(doc), ["Checkout"]);
        let d = &doc.domains[0];
        assert_eq!(owner(file, d), "Checkout Team");
        let slos: Vec<(&str, &str)> = d
            .slos
            .iter()
            .map(|s| (text(file, &s.name), text(file, &s.objective)))
            .collect();
        assert_eq!(
            slos,
            [
                ("Availability", "99.5% monthly"),
                ("API Latency", "P95 < 400ms"),
                ("Error Rate", "< 1% 5xx responses")
            ]
        );
        assert!(d.slos.iter().all(|s| s.parsed.is_ok()));
        assert_eq!(d.incident_authority.len(), 1);
        assert_eq!(d.responsibilities.len(), 1);
    });
}

#[test]
fn crlf_and_front_matter_keep_spans_right() {
    with_doc("variations/crlf-front-matter.md", |file, doc| {
        assert_eq!(names(doc), ["Payments Domain"]);
        let d = &doc.domains[0];
        assert_eq!(owner(file, d), "Payment Service Team");
        assert_eq!(line_of(file, &d.owners[0].value), 10);
        assert_eq!(
            file.line_col(d.owners[0].value.span.start as usize).column,
            12
        );
        assert_eq!(text(file, &d.slos[0].objective), "P95 ≤ 500ms");
        assert_eq!(line_of(file, &d.slos[0].objective), 13);
    });
}

#[test]
fn yaml_fields_ladder_and_shared_ownership() {
    with_doc("variations/fields.yaml", |file, doc| {
        assert_eq!(names(doc), ["Payments", "Search"]);
        let [payments, search] = &doc.domains[..] else {
            panic!()
        };
        assert_eq!(owner(file, payments), "Payment Service Team");
        assert_eq!(contact(file, payments), "Jane Doe (jane@example.com)");
        // A double-quoted objective keeps an exact span inside the quotes.
        assert_eq!(text(file, &payments.slos[0].objective), "P95 ≤ 500ms");
        assert!(payments.slos[0].objective.is_exact());
        assert_eq!(text(file, &payments.slos[1].name), "Payment verification");
        assert_eq!(text(file, &payments.slos[1].objective), "P99 <= 2s");
        assert_eq!(owner(file, search), "Search Team");
        assert_eq!(contact(file, search), "#search-oncall");
        assert_eq!(search.slos.len(), 1);
        assert_eq!(
            text(file, &search.incident_authority[0]),
            "Can disable search suggestions"
        );
        assert_eq!(text(file, &search.responsibilities[0]), "Indexing");
        assert_eq!(doc.ladders[0].levels.len(), 2);
        assert_eq!(doc.ladders[0].levels[1].number, Some(2));
        let shared = &doc.shared[0];
        assert_eq!(shared.domains.len(), 2);
        assert_eq!(shared.boundaries.len(), 2);
        assert!(shared.sla.as_ref().unwrap().parsed.is_ok());
        assert_eq!(shared.sync.as_ref().map(|s| text(file, s)), Some("weekly"));
    });
}

#[test]
fn non_domain_sections_are_never_domains() {
    // The seed's principles, transfer process, ladder, shared section and notes hold bold
    // labels and lists, and none of them is a domain.
    with_doc("seed/OWNERSHIP.md", |_, doc| {
        for name in [
            "Ownership Principles",
            "Ownership Transfer",
            "When Ownership Changes",
            "Notes",
            "Escalation Ladder",
        ] {
            assert!(!names(doc).iter().any(|n| n == name), "{name}");
        }
    });
}

/// The byte offsets where each `---` line of a YAML stream starts.
fn separators(file: &SourceFile) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in file.text.split_inclusive('\n') {
        if line.trim_end() == "---" {
            out.push(at);
        }
        at += line.len();
    }
    out
}

#[test]
fn a_yaml_stream_is_read_document_by_document_with_spans_into_the_whole_file() {
    with_doc("variations/stream.yaml", |file, doc| {
        let seps = separators(file);
        assert_eq!(seps.len(), 3, "two separators and a trailing one");
        assert_eq!(names(doc), ["Payments", "Search"]);
        let [payments, search] = &doc.domains[..] else {
            panic!()
        };
        assert_eq!(owner(file, payments), "Payment Service Team");
        assert!((payments.name.span.start as usize) < seps[0]);
        // The second document's values, at their places in the whole file.
        assert_eq!(text(file, &search.name), "Search");
        assert!(search.name.is_exact());
        assert!((search.name.span.start as usize) > seps[0]);
        assert!((search.span.end as usize) < seps[1]);
        assert_eq!(owner(file, search), "Search Team");
        assert_eq!(contact(file, search), "#search-oncall");
        assert_eq!(text(file, &search.slos[0].objective), "P95 ≤ 200ms");
        assert_eq!(text(file, &search.responsibilities[0]), "Indexing");
        // The third document's ladder and shared ownership.
        assert_eq!(doc.ladders.len(), 1);
        let ladder = &doc.ladders[0];
        assert!((ladder.span.start as usize) > seps[1]);
        assert_eq!(ladder.levels.len(), 2);
        assert_eq!(
            text(file, &ladder.levels[1].roles[0]),
            "Engineering Manager"
        );
        let shared = &doc.shared[0];
        assert!((shared.span.start as usize) > seps[1]);
        assert_eq!(text(file, &shared.domains[0]), "Search");
        assert_eq!(text(file, &shared.boundaries[1].part), "Payment indexing");
        assert_eq!(shared.sync.as_ref().map(|s| text(file, s)), Some("weekly"));
    });
}

#[test]
fn yaml_domains_keyed_by_name_take_the_key_s_span_as_the_name_s() {
    with_doc("variations/domains-mapping.yaml", |file, doc| {
        assert_eq!(names(doc), ["Payments", "Search"]);
        let [payments, search] = &doc.domains[..] else {
            panic!()
        };
        assert_eq!(text(file, &payments.name), "Payments");
        assert!(payments.name.is_exact());
        assert_eq!(payments.span, payments.name.span);
        assert_eq!(owner(file, payments), "Payment Service Team");
        assert_eq!(contact(file, payments), "#payments-oncall");
        assert_eq!(text(file, &payments.slos[0].name), "Payment processing");
        assert_eq!(
            text(file, &payments.incident_authority[0]),
            "Can disable payment processing during incidents"
        );
        // A quoted key: the name's span is inside the quotes; `name:` repeating it is fine.
        assert_eq!(text(file, &search.name), "Search");
        assert!(search.name.is_exact());
        let quoted = file.text.find("\"Search\":").unwrap();
        assert_eq!(search.name.span.start as usize, quoted + 1);
        assert_eq!(owner(file, search), "Search Team");
        assert_eq!(contact(file, search), "#search-oncall");
        assert_eq!(text(file, &search.slos[0].objective), "P95 ≤ 200ms");
    });
}

fn yaml_text(text: &str) -> SourceFile {
    use ownlint::source::{FileId, Format, Origin};
    SourceFile::new(
        FileId(0),
        "inline.yaml".into(),
        std::path::PathBuf::from("inline.yaml"),
        Format::Yaml,
        Origin::Explicit,
        text.as_bytes().to_vec(),
    )
}

/// What the reader says of a text: each problem's message and help. On a thread with the
/// main thread's stack: the deserializer recurses once per nesting level, up to the limit.
fn said(text: &str) -> Vec<(String, Option<String>)> {
    let text = text.to_owned();
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let file = yaml_text(&text);
            let doc = parse(&file, &LabelTable::default());
            doc.problems
                .iter()
                .map(|p| (p.message.clone(), p.help.clone()))
                .collect()
        })
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn a_stream_and_a_trailing_separator_are_read_without_a_problem() {
    let two = "domains:\n  - name: A\n    owner: T\n---\ndomains:\n  - name: B\n    owner: U\n";
    for text in [
        two.to_owned(),
        format!("{two}---\n"),
        "domains: []\n---\n".into(),
    ] {
        let file = yaml_text(&text);
        let doc = parse(&file, &LabelTable::default());
        assert!(doc.problems.is_empty(), "{text}: {:?}", doc.problems);
    }
    let doc_file = yaml_text(&format!("{two}---\n"));
    let doc = parse(&doc_file, &LabelTable::default());
    assert_eq!(names(&doc), ["A", "B"]);
    assert_eq!(text(&doc_file, &doc.domains[1].owners[0].value), "U");
}

#[test]
fn yaml_problems_are_said_in_plain_words_and_only_aliases_are_called_a_bomb() {
    let mut bomb = String::from("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (prev, name) in ('a'..'i').zip('b'..'j') {
        let refs = vec![format!("*{prev}"); 9].join(", ");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb.push_str("domains:\n  - name: A\n    owner: *i\n");
    let deep = format!("domains: {}{}\n", "[".repeat(200), "]".repeat(200));
    let cases = [
        (bomb.as_str(), "alias bomb"),
        (deep.as_str(), "nest deeper"),
        ("domains:\n  - name: A\n    owner: @acme/payments\n", "`@`"),
        ("domains:\n  - name: A\n    owner: `A Team`\n", "backtick"),
        ("domains: [\n", ""),
        (
            "domains:\n  - name: A\n    name: B\n",
            "duplicate key `name`",
        ),
        ("domains:\n  A: {owner: T, name: B}\n", "`name: B`"),
        ("domains:\n  A: T\n", "the domain `A`"),
        ("domains:\n  [A]: {owner: T}\n", "name as the key"),
    ];
    for (text, expected) in cases {
        let found = said(text);
        assert_eq!(found.len(), 1, "{text}: {found:?}");
        let (message, help) = &found[0];
        assert!(message.contains(expected), "{text}: {message}");
        for debug in ["{ ", "Some(", "budget", "Policy", " at line ", "`@'"] {
            assert!(!message.contains(debug), "{text}: {message}");
        }
        assert_eq!(
            message.contains("alias"),
            expected == "alias bomb",
            "{message}"
        );
        if expected == "`@`" || expected == "backtick" {
            assert!(
                help.as_deref().is_some_and(|h| h.contains("quote")),
                "{help:?}"
            );
        }
    }
}

#[test]
fn links_keep_their_targets_with_spans() {
    with_doc("variations/links.md", |file, doc| {
        let card = &doc.domains[0];
        let field = &card.escalation_contacts[0];
        // The value is the link's text, as a reader sees it; the target is kept beside it.
        assert_eq!(contact(file, card), "PagerDuty: card-payments-primary");
        assert_eq!(field.links.len(), 1);
        let link = &field.links[0];
        assert_eq!(text(file, &link.text), "PagerDuty: card-payments-primary");
        assert!(link.target.is_exact());
        assert_eq!(
            text(file, &link.target),
            "https://acme.pagerduty.com/schedules/P8K2J1Q"
        );
        assert_eq!(line_of(file, &link.target), 8);
        assert_eq!(
            text(file, &card.owners[0].links[0].target),
            "https://acme.example/teams/card-payments"
        );
        // Links in the items of a list of contacts, each within its item.
        let payouts = &doc.domains[1].escalation_contacts[0];
        assert_eq!(payouts.items.len(), 2);
        let targets: Vec<&str> = payouts
            .links
            .iter()
            .map(|l| text(file, &l.target))
            .collect();
        assert_eq!(
            targets,
            [
                "https://acme.slack.com/archives/C024BE91L",
                "https://acme.pagerduty.com/users/PXPGF42"
            ]
        );
        assert_eq!(text(file, &payouts.items[0]), "#payments-oncall");
        assert_eq!(payouts.links_in(&payouts.items[1]).count(), 1);
        assert_eq!(payouts.items[1].as_str(), "Jane Doe (PagerDuty)");
    });
}

#[test]
fn links_in_table_cells_keep_their_targets_with_spans() {
    with_doc("variations/table-links.md", |file, doc| {
        assert_eq!(names(doc), ["Card Payments", "Payouts", "Ledger"]);
        let card = &doc.domains[0];
        // The cell reads as a `**Label:**` field does: the value is the link's text, the
        // target is kept beside it, each where it is written.
        assert_eq!(owner(file, card), "Card Payments Team");
        assert_eq!(contact(file, card), "PagerDuty: card-payments-primary");
        let field = &card.escalation_contacts[0];
        assert_eq!(field.links.len(), 1);
        let link = &field.links[0];
        assert!(link.text.is_exact() && link.target.is_exact());
        assert_eq!(text(file, &link.text), "PagerDuty: card-payments-primary");
        assert_eq!(
            text(file, &link.target),
            "https://acme.pagerduty.com/schedules/P8K2J1Q"
        );
        assert_eq!(line_of(file, &link.target), 5);
        assert_eq!(field.links_in(&field.value).count(), 1);
        let owner_link = &card.owners[0].links[0];
        assert!(owner_link.target.is_exact());
        assert_eq!(
            text(file, &owner_link.target),
            "https://acme.example/teams/card-payments"
        );
        // Two links in one cell, in order, both within the cell's value.
        let payouts = &doc.domains[1].escalation_contacts[0];
        assert_eq!(
            payouts.value.as_str(),
            "#payments-oncall, Jane Doe (PagerDuty)"
        );
        let links: Vec<(&str, &str)> = payouts
            .links
            .iter()
            .map(|l| (text(file, &l.text), text(file, &l.target)))
            .collect();
        assert_eq!(
            links,
            [
                (
                    "#payments-oncall",
                    "https://acme.slack.com/archives/C024BE91L"
                ),
                ("PagerDuty", "https://acme.pagerduty.com/users/PXPGF42"),
            ]
        );
        assert_eq!(payouts.links_in(&payouts.value).count(), 2);
        // A cell without a link has none, and the owner cell's links stay in the owner.
        assert!(doc.domains[1].owners[0].links.is_empty());
        assert!(doc.domains[2].escalation_contacts[0].links.is_empty());
        assert_eq!(card.owners[0].links.len(), 1);
    });
}

/// The targets of a ladder's links, level by level, after checking each link's spans and
/// that it lies in one of its level's roles.
fn ladder_links<'a>(file: &SourceFile, doc: &'a Document<'_>) -> Vec<Vec<(&'a str, &'a str)>> {
    doc.ladders[0]
        .levels
        .iter()
        .map(|level| {
            for link in &level.links {
                assert!(link.text.is_exact() && link.target.is_exact(), "{link:?}");
                assert!(level.roles.iter().any(|r| link.is_in(r)), "{link:?}");
            }
            (level.links.iter())
                .map(|l| (text(file, &l.text), text(file, &l.target)))
                .collect()
        })
        .collect()
}

#[test]
fn ladder_roles_keep_their_links_in_lists_tables_and_headings() {
    let expected = [
        vec![],
        vec![(
            "Payments incident commander",
            "https://acme.example/wiki/payments-ic",
        )],
        vec![(
            "VP Engineering",
            "https://acme.example/people/vp-engineering",
        )],
    ];
    // `2. **Level 2**: [Payments incident commander](https://…) (15+ min)`
    with_doc("variations/links.md", |file, doc| {
        assert_eq!(ladder_links(file, doc), expected);
        let level = &doc.ladders[0].levels[2];
        let roles: Vec<&str> = level.roles.iter().map(|r| text(file, r)).collect();
        assert_eq!(roles, ["CTO", "VP Engineering"]);
        assert_eq!(level.links_in(&level.roles[0]).count(), 0);
        assert_eq!(level.links_in(&level.roles[1]).count(), 1);
        assert_eq!(line_of(file, &level.links[0].target), 38);
    });
    // `| 2 | [Payments incident commander](https://…) |`, then `### Level 4: [Board liaison](…)`
    with_doc("variations/table-links.md", |file, doc| {
        let mut with_heading = expected.to_vec();
        with_heading.push(vec![(
            "Board liaison",
            "https://acme.example/people/board-liaison",
        )]);
        assert_eq!(ladder_links(file, doc), with_heading);
        let levels = &doc.ladders[0].levels;
        assert_eq!(line_of(file, &levels[1].links[0].target), 14);
        assert_eq!(line_of(file, &levels[3].links[0].target), 17);
    });
}

#[test]
fn paths_are_the_code_a_domain_owns() {
    for name in ["variations/paths.md", "variations/paths.yaml"] {
        with_doc(name, |file, doc| {
            let paths: Vec<Vec<&str>> = doc
                .domains
                .iter()
                .map(|d| d.paths.iter().map(|p| text(file, p)).collect())
                .collect();
            let expected: Vec<Vec<&str>> = match name.ends_with(".md") {
                true => vec![
                    vec!["src/payments/", "/services/billing/**"],
                    vec!["src/search/", "docs/search/*.md"],
                ],
                false => vec![
                    vec!["src/payments/", "/services/billing/**"],
                    vec!["src/search/"],
                ],
            };
            assert_eq!(paths, expected, "{name}");
            // Each pattern is exactly where it is written, backticks left out.
            assert!(
                doc.domains
                    .iter()
                    .flat_map(|d| &d.paths)
                    .all(|p| p.is_exact()),
                "{name}"
            );
        });
    }
}
