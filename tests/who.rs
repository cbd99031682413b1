//! `ownlint who` and `ownlint stats` end to end, on the repository's own `ownership/` folder
//! (the user's document) and on small documents written by the tests.

mod common;

use std::path::Path;

use common::{Output, output as run, ownlint};
use serde_json::Value;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn json(out: &Output) -> Value {
    serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

/// The domain headings of a human answer (lines that are not indented).
fn headings(stdout: &str) -> Vec<&str> {
    stdout
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with(' '))
        .map(|l| l.split("  (").next().unwrap())
        .collect()
}

#[test]
fn who_payments_names_the_owner_the_contact_and_the_chain_with_their_lines() {
    let out = run(ownlint(root()).args(["who", "payments"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("who_payments", out.stdout);
    assert_eq!(headings(&out.stdout), ["Payments Domain"]);
    for line in [
        "owner               Payment Service Team  (ownership/OWNERSHIP.md:41)",
        "escalation contact  [Engineering Manager]  (ownership/OWNERSHIP.md:42)",
        "1. Domain Owner: Payment Service Team  (ownership/OWNERSHIP.md:221)",
        "2. Engineering Manager  (ownership/OWNERSHIP.md:226)",
        "3. Platform Lead / Infrastructure Lead  (ownership/OWNERSHIP.md:231)",
        "4. CTO / VP Engineering  (ownership/OWNERSHIP.md:236)",
        "Payment processing: P95 ≤ 500ms  (ownership/OWNERSHIP.md:44)",
        "Can disable payment processing during incidents  (ownership/OWNERSHIP.md:49)",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
}

#[test]
fn who_a_team_lists_every_domain_it_owns() {
    let out = run(ownlint(root()).args(["who", "Infrastructure Team"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        headings(&out.stdout),
        [
            "VPN Domain",
            "Background Workers Domain",
            "Infrastructure Domain"
        ]
    );
    assert_eq!(
        out.stdout
            .matches("matched owner: Infrastructure Team")
            .count(),
        3
    );
    // Case and spacing do not matter.
    let again = run(ownlint(root()).args(["who", "  infrastructure   TEAM "]));
    assert_eq!(again.stdout, out.stdout);
}

#[test]
fn who_finds_responsibilities_slos_contacts_and_typos() {
    let cases = [
        (
            "Disaster recovery",
            "Infrastructure Domain",
            "responsibility",
        ),
        ("Alert delivery", "Observability Domain", "SLO"),
        ("Paymnets", "Payments Domain", ""),
    ];
    for (query, domain, kind) in cases {
        let out = run(ownlint(root()).args(["who", query]));
        assert_eq!(out.code, 0, "{query}: {}", out.stderr);
        assert_eq!(headings(&out.stdout)[0], domain, "{query}:\n{}", out.stdout);
        if !kind.is_empty() {
            assert!(
                out.stdout.contains(&format!("matched {kind}: ")),
                "{query}:\n{}",
                out.stdout
            );
        }
    }
    // A role used as escalation contact: the domains that escalate to it, best first.
    let out = run(ownlint(root()).args(["who", "Product Manager"]));
    assert_eq!(
        headings(&out.stdout),
        ["Trials Domain", "Notifications Domain"]
    );
}

#[test]
fn who_json_has_every_part_with_its_place() {
    let out = run(ownlint(root()).args(["who", "--format", "json", "VPN"]));
    assert_eq!(out.code, 0);
    let answer = json(&out);
    let domain = &answer["domains"][0];
    assert_eq!(domain["name"]["text"], "VPN Domain");
    assert_eq!(domain["matched"]["kind"], "domain");
    assert_eq!(domain["owner"]["text"], "Infrastructure Team");
    assert_eq!(domain["owner"]["line"], 64);
    assert_eq!(
        domain["escalation_contact"]["text"],
        "[Infrastructure Lead]"
    );
    let chain: Vec<String> = domain["escalation_chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            s["roles"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r.as_str().unwrap())
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .collect();
    assert_eq!(
        chain,
        [
            "Domain Owner",
            "Engineering Manager",
            "Platform Lead / Infrastructure Lead",
            "CTO / VP Engineering"
        ]
    );
    assert_eq!(domain["escalation_chain"][0]["team"], "Infrastructure Team");
    assert_eq!(domain["slos"].as_array().unwrap().len(), 3);
    assert_eq!(domain["incident_authority"].as_array().unwrap().len(), 3);
    assert_eq!(domain["slos"][2]["text"], "VPN API availability: ≥ 99.9%");
}

#[test]
fn who_a_domain_card_lists_the_agreements_it_takes_part_in() {
    let out = run(ownlint(root()).args(["who", "payments"]));
    for line in [
        "  shared ownership    with Subscriptions: Shared ownership for payment finalization  \
         (ownership/OWNERSHIP.md:277)",
        "shared SLA: Payment finalization: P95 ≤ 300ms  (ownership/OWNERSHIP.md:280)",
    ] {
        assert!(out.stdout.contains(line), "{line}\n{}", out.stdout);
    }
    // The other side of the agreement sees it too, naming Payments.
    let out = run(ownlint(root()).args(["who", "--format", "json", "Subscriptions"]));
    let domain = &json(&out)["domains"][0];
    assert_eq!(domain["name"]["text"], "Subscriptions Domain");
    let agreement = &domain["shared_ownership"][0];
    assert_eq!(agreement["with"], serde_json::json!(["Payments"]));
    assert_eq!(
        agreement["scope"],
        "Shared ownership for payment finalization"
    );
    assert_eq!(agreement["line"], 277);
    assert_eq!(
        agreement["sla"]["text"],
        "Payment finalization: P95 ≤ 300ms"
    );
    assert_eq!(agreement["sla"]["line"], 280);
    // A domain outside every agreement has none, and its card says nothing of them.
    let out = run(ownlint(root()).args(["who", "--format", "json", "VPN"]));
    assert_eq!(
        json(&out)["domains"][0]["shared_ownership"],
        serde_json::json!([])
    );
    let out = run(ownlint(root()).args(["who", "VPN"]));
    assert!(!out.stdout.contains("shared"), "{}", out.stdout);
}

#[test]
fn who_finds_the_domains_of_an_agreement_by_its_sla_name_or_scope() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "domains:\n  - name: Checkout\n    owner: Checkout Team\n    escalation_contact: Ann\n\
         \x20 - name: Ledger Service\n    owner: Ledger Team\n    escalation_contact: Bob\n\
         \x20 - name: Search\n    owner: Search Team\n    escalation_contact: Cy\n\
         shared_ownership:\n  - domains: [checkout, LEDGER]\n    scope: \"Refund \\e[2J booking\"\n\
         \x20   sla: \"Settlement latency: P95 ≤ 2s\"\n",
    )
    .unwrap();
    for query in ["settlement latency", "Settlement Latency", "refund"] {
        let out = run(ownlint(dir.path()).args(["who", query, "a.yaml"]));
        assert_eq!(out.code, 0, "{query}: {}", out.stderr);
        assert_eq!(
            headings(&out.stdout),
            ["Checkout", "Ledger Service"],
            "{query}:\n{}",
            out.stdout
        );
        assert_eq!(out.stdout.matches("matched shared SLA: ").count(), 2);
        // Document text is escaped, in the match and in the card alike.
        assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    }
    let out = run(ownlint(dir.path()).args(["who", "settlement latency", "a.yaml"]));
    assert!(
        out.stdout
            .contains("  shared ownership    with LEDGER: Refund \\u{1b}[2J booking  (a.yaml:12)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("shared SLA: Settlement latency: P95 ≤ 2s  (a.yaml:14)"),
        "{}",
        out.stdout
    );
    let out =
        run(ownlint(dir.path()).args(["who", "--format", "json", "settlement latency", "a.yaml"]));
    let answer = json(&out);
    assert_eq!(answer["domains"][1]["matched"]["kind"], "shared_sla");
    assert_eq!(
        answer["domains"][1]["shared_ownership"][0]["with"],
        serde_json::json!(["checkout"])
    );
}

#[test]
fn who_nothing_found_is_exit_1_with_the_closest_names() {
    let out = run(ownlint(root()).args(["who", "Infra Teem"]));
    assert_eq!(out.code, 1);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.starts_with(
            "ownlint: nothing matches `Infra Teem`; did you mean `Infrastructure Team`"
        ),
        "{}",
        out.stderr
    );
    let out = run(ownlint(root()).args(["who", "--format", "json", "zzzz"]));
    assert_eq!(out.code, 1);
    assert_eq!(json(&out)["domains"].as_array().unwrap().len(), 0);
}

#[test]
fn who_shows_document_text_escaped_and_yaml_domains_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "domains:\n  - name: Billing\n    owner: \"Team\\e[2J B\"\n    escalation_contact: Ann\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["who", "billing", "a.yaml"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    assert!(
        out.stdout.contains("Team\\u{1b}[2J B  (a.yaml:3)"),
        "{}",
        out.stdout
    );
    // No ladder: no chain, said plainly.
    assert!(!out.stdout.contains("escalation chain"), "{}", out.stdout);
}

#[test]
fn stats_on_the_users_document() {
    let out = run(ownlint(root()).args(["stats"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("stats_seed", out.stdout);

    let stats = json(&run(ownlint(root()).args(["stats", "--format", "json"])));
    assert_eq!(stats["domains"], 9);
    assert_eq!(stats["teams"][0]["team"], "Infrastructure Team");
    assert_eq!(stats["teams"][0]["domains"].as_array().unwrap().len(), 3);
    // The findings per rule add up to what `check` reports.
    let check = json(&run(ownlint(root()).args(["check", "--format", "json"])));
    assert_eq!(stats["errors"], check["summary"]["errors"]);
    assert_eq!(stats["warnings"], check["summary"]["warnings"]);
    let per_rule: u64 = stats["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["errors"].as_u64().unwrap() + r["warnings"].as_u64().unwrap())
        .sum();
    assert_eq!(
        per_rule,
        check["diagnostics"].as_array().unwrap().len() as u64
    );
}

#[test]
fn stats_counts_owners_slos_and_unreadable_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "## A Domain\n\n**Owner:** Team X\n\n## B Domain\n\n**Owner:** team  x\n**SLO Responsibility:**\n- Latency: P95 ≤ 300ms\n\n## C Domain\n\n**Owner:** TBD\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["stats", "--format", "json", "a.md", "missing.md"]));
    assert_eq!(out.code, 2, "an unreadable file is exit 2: {}", out.stderr);
    assert!(
        out.stderr.contains("cannot read missing.md"),
        "{}",
        out.stderr
    );
    let stats = json(&out);
    assert_eq!(stats["teams"][0]["team"], "Team X");
    assert_eq!(stats["teams"][0]["domains"], serde_json::json!(["A", "B"]));
    assert_eq!(
        stats["slos_per_domain"],
        serde_json::json!([{"slos": 0, "domains": 2}, {"slos": 1, "domains": 1}])
    );
    assert_eq!(stats["domains_without_slos"], serde_json::json!(["A", "C"]));
    // A placeholder owner is no owner.
    assert_eq!(stats["teams"][1]["team"], Value::Null);
    assert_eq!(stats["teams"][1]["domains"], serde_json::json!(["C"]));
    let orphaned = stats["rules"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "orphaned-domain")
        .unwrap();
    assert_eq!(orphaned["errors"], 1);
}

#[test]
fn inside_github_actions_document_text_cannot_issue_workflow_commands() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "## ::error::pwned Domain\n\n**Owner:** ##[error]Team\n**Escalation Contact:** Ann\n",
    )
    .unwrap();
    for args in [vec!["who", "error::pwned", "a.md"], vec!["stats", "a.md"]] {
        let out = run(ownlint(dir.path())
            .env("GITHUB_ACTIONS", "true")
            .args(&args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let lines: Vec<&str> = out.stdout.lines().collect();
        let token = lines[0]
            .strip_prefix("::stop-commands::")
            .unwrap_or_else(|| panic!("{args:?}: not fenced:\n{}", out.stdout));
        assert_eq!(token.len(), 32);
        assert_eq!(*lines.last().unwrap(), format!("::{token}::"));
        assert!(!out.stdout.contains("##[error]"), "{}", out.stdout);
    }
}

/// One meaning of a domain's owner: a placeholder (`TBD`) is no owner, two teams in one field
/// are no single owner, and `&` inside a team's name does not split it — in `check`, `who`,
/// `stats` and the OpenSLO export alike.
#[test]
fn check_who_stats_and_export_agree_on_who_owns_a_domain() {
    let dir = root().join("fixtures/cli/owners");

    // check: the placeholder and the two owners are findings; the ampersand is not.
    let out = run(ownlint(&dir).args(["check", "--format", "json", "."]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let owner_findings: Vec<(String, String)> = json(&out)["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            ["orphaned-domain", "multiple-owners", "unknown-owner"]
                .contains(&d["rule"].as_str().unwrap())
        })
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(owner_findings.len(), 2, "{owner_findings:?}");
    assert!(owner_findings[0].0 == "orphaned-domain" && owner_findings[0].1.contains("Search"));
    assert!(owner_findings[1].0 == "multiple-owners" && owner_findings[1].1.contains("Billing"));

    // who: the one real owner, or why there is none.
    let card = |query: &str| {
        let out = run(ownlint(&dir).args(["who", "--format", "json", query, "."]));
        assert_eq!(out.code, 0, "{query}: {}", out.stderr);
        json(&out)["domains"][0].clone()
    };
    let research = card("Research");
    assert_eq!(research["owner"]["text"], "Research & Development Team");
    assert_eq!(research["owner_problem"], Value::Null);
    assert_eq!(research["escalation_chain"], serde_json::json!([]));
    let search = card("Search");
    assert_eq!(search["owner"], Value::Null);
    assert_eq!(
        search["owner_problem"],
        "`TBD` is a placeholder, not an owner"
    );
    let billing = card("Billing");
    assert_eq!(billing["owner"], Value::Null);
    assert_eq!(
        billing["owner_problem"],
        "2 owners: `Payments Team`, `Platform Team`"
    );
    // Asking for a team finds the domains that name it as an owner, split as check splits.
    assert_eq!(card("Platform Team")["name"]["text"], "Billing Domain");
    assert_eq!(
        card("Research & Development Team")["name"]["text"],
        "Research Domain"
    );

    // stats: one team owns one domain; the other two have no single owner.
    let out = run(ownlint(&dir).args(["stats", "--format", "json", "."]));
    let stats = json(&out);
    assert_eq!(
        stats["teams"],
        serde_json::json!([
            {"team": null, "domains": ["Search", "Billing"]},
            {"team": "Research & Development Team", "domains": ["Research"]},
        ])
    );
    let out = run(ownlint(&dir).args(["stats", "."]));
    out.stdout_has("(no single owner)");

    // export: only the one real owner becomes an owner label.
    let out = run(ownlint(&dir).args(["export", "--allow-errors", "--format", "openslo", "."]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let owners: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.trim().strip_prefix("owner: "))
        .collect();
    assert_eq!(owners, ["research-development-team"], "{}", out.stdout);
}

#[test]
fn who_shows_a_contact_link_with_its_target_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("fixtures/variations/links.md"),
        dir.path().join("links.md"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.md"),
        "### Ledger Domain\n\n**Owner:** Ledger Team\n\
         **Escalation Contact:** [#ledger](https://x.example/\u{202e}gpj.exe)\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("c.yaml"),
        "domains:\n  - name: Refunds\n    owner: Refunds Team\n    \
         escalation_contact: \"[#refunds](https://x.example/\\e[2J)\"\n",
    )
    .unwrap();
    let out = run(ownlint(dir.path()).args(["who", "card payments", "links.md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "  escalation contact  PagerDuty: card-payments-primary \
             <https://acme.pagerduty.com/schedules/P8K2J1Q>  (links.md:8)"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "  owner               Card Payments Team \
             <https://acme.example/teams/card-payments>  (links.md:7)"
        ),
        "{}",
        out.stdout
    );
    let out =
        run(ownlint(dir.path()).args(["who", "--format", "json", "card payments", "links.md"]));
    let contact = &json(&out)["domains"][0]["escalation_contact"];
    assert_eq!(contact["text"], "PagerDuty: card-payments-primary");
    assert_eq!(
        contact["links"],
        serde_json::json!(["https://acme.pagerduty.com/schedules/P8K2J1Q"])
    );
    // A target is document text: escaped like the rest, never a terminal sequence.
    let out = run(ownlint(dir.path()).args(["who", "ledger", "b.md"]));
    assert!(!out.stdout.contains('\u{202e}'), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("#ledger <https://x.example/\\u{202e}gpj.exe>"),
        "{}",
        out.stdout
    );
    let out = run(ownlint(dir.path()).args(["who", "refunds", "c.yaml"]));
    assert!(!out.stdout.contains('\u{1b}'), "{}", out.stdout);
    assert!(
        out.stdout
            .contains("#refunds <https://x.example/\\u{1b}[2J>  (c.yaml:4)"),
        "{}",
        out.stdout
    );
}

/// A contact written in a cell of a domain table shows its target as the same contact
/// written as a `**Label:**` field does, in both formats.
#[test]
fn who_shows_a_link_in_a_table_cell_as_it_shows_a_field_s() {
    let table = "fixtures/variations/table-links.md";
    let out = run(ownlint(root()).args(["who", "card payments", table]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for line in [
        "  owner               Card Payments Team \
         <https://acme.example/teams/card-payments>  (fixtures/variations/table-links.md:5)",
        "  escalation contact  PagerDuty: card-payments-primary \
         <https://acme.pagerduty.com/schedules/P8K2J1Q>  (fixtures/variations/table-links.md:5)",
    ] {
        out.stdout_has(line);
    }
    let out = run(ownlint(root()).args(["who", "payouts", table]));
    out.stdout_has(
        "  escalation contact  #payments-oncall, Jane Doe (PagerDuty) \
         <https://acme.slack.com/archives/C024BE91L> \
         <https://acme.pagerduty.com/users/PXPGF42>  (fixtures/variations/table-links.md:6)",
    );
    // The ladder's roles keep theirs too: a table's cells and a level's heading.
    for line in [
        "2. Payments incident commander <https://acme.example/wiki/payments-ic>  \
         (fixtures/variations/table-links.md:14)",
        "3. CTO / VP Engineering <https://acme.example/people/vp-engineering>  \
         (fixtures/variations/table-links.md:15)",
        "4. Board liaison <https://acme.example/people/board-liaison>  \
         (fixtures/variations/table-links.md:17)",
    ] {
        out.stdout_has(line);
    }
    let out = run(ownlint(root()).args(["who", "--format", "json", "payouts", table]));
    let chain = &json(&out)["domains"][0]["escalation_chain"];
    assert_eq!(chain[0].get("links"), None, "{chain}");
    assert_eq!(
        chain[2]["links"],
        serde_json::json!(["https://acme.example/people/vp-engineering"])
    );
    assert_eq!(
        chain[2]["roles"],
        serde_json::json!(["CTO", "VP Engineering"])
    );

    let card = |file: &str| {
        let out = run(ownlint(root()).args(["who", "--format", "json", "card payments", file]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let domain = json(&out)["domains"][0].clone();
        (
            domain["owner"].clone(),
            domain["escalation_contact"].clone(),
        )
    };
    let (table_owner, table_contact) = card(table);
    let (field_owner, field_contact) = card("fixtures/variations/links.md");
    for key in ["text", "links"] {
        assert_eq!(table_owner[key], field_owner[key], "{key}");
        assert_eq!(table_contact[key], field_contact[key], "{key}");
    }
    assert_eq!(
        table_contact["links"],
        serde_json::json!(["https://acme.pagerduty.com/schedules/P8K2J1Q"])
    );
}

/// A contact written as a list under its label shows every item, with their targets, as the
/// same contacts written in one table cell do: never an empty contact beside its links.
#[test]
fn who_shows_every_item_of_a_contact_written_as_a_list() {
    let out = run(ownlint(root()).args(["who", "payouts", "fixtures/variations/links.md"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    out.stdout_has(
        "  escalation contact  #payments-oncall, Jane Doe (PagerDuty) \
         <https://acme.slack.com/archives/C024BE91L> \
         <https://acme.pagerduty.com/users/PXPGF42>  (fixtures/variations/links.md:22)",
    );
}

#[test]
fn who_a_file_names_the_domain_whose_paths_own_it() {
    let dir = root().join("fixtures/variations");
    let who = |path: &str| {
        let out =
            run(ownlint(&dir).args(["who", path, "--format", "json", "paths.md", "paths.yaml"]));
        assert_eq!(out.code, 0, "{path}: {}", out.stderr);
        let answer = json(&out);
        let card = &answer["domains"][0];
        assert_eq!(answer["domains"].as_array().unwrap().len(), 1, "{path}");
        assert_eq!(card["matched"]["kind"], "path", "{path}");
        (
            card["name"]["text"].as_str().unwrap().to_owned(),
            card["matched"]["text"].as_str().unwrap().to_owned(),
        )
    };
    // The Markdown and the YAML file both claim `src/payments/` and `/services/billing/**`:
    // the later domain wins, as a later CODEOWNERS rule does.
    assert_eq!(
        who("src/payments/charge.rs"),
        ("Billing".into(), "src/payments/".into())
    );
    assert_eq!(
        who("./services/billing/a/b.go"),
        ("Billing".into(), "/services/billing/**".into())
    );
    assert_eq!(
        who("docs/search/ranking.md"),
        ("Search Domain".into(), "docs/search/*.md".into())
    );
    // `docs/search/*.md` covers one level only; no other pattern owns the file.
    let out = run(ownlint(&dir).args(["who", "docs/search/deep/x.md", "paths.md", "paths.yaml"]));
    assert_eq!(out.code, 1, "{}", out.stdout);
}

/// A file's owner is read as the repository's host reads the paths: GitLab matches a path
/// without a leading `/` at any depth, and a path without a trailing `/` as a file only;
/// GitHub anchors a path with a `/` inside and owns what is below a name.
#[test]
fn who_a_file_reads_the_paths_as_the_repositorys_host_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("OWNERSHIP.md"),
        "## Docs\n\n**Owner:** Docs Team\n**Paths:** `docs/guide.md`\n",
    )
    .unwrap();
    let who = |path: &str| {
        let out = run(ownlint(dir.path()).args(["who", path, "--format", "json", "OWNERSHIP.md"]));
        let answer = json(&out);
        let named = answer["domains"][0]["name"]["text"]
            .as_str()
            .map(str::to_owned);
        assert_eq!(named.is_some(), out.code == 0, "{path}: {}", out.stderr);
        named
    };
    // No CODEOWNERS, no host configured: GitHub's reading.
    assert_eq!(who("docs/guide.md").as_deref(), Some("Docs"));
    assert_eq!(who("docs/guide.md/part.md").as_deref(), Some("Docs"));
    assert_eq!(who("site/docs/guide.md"), None);
    // The repository's CODEOWNERS in GitLab's place: GitLab's reading.
    std::fs::create_dir(dir.path().join(".gitlab")).unwrap();
    std::fs::write(dir.path().join(".gitlab/CODEOWNERS"), "* @docs\n").unwrap();
    assert_eq!(who("docs/guide.md").as_deref(), Some("Docs"));
    assert_eq!(who("site/docs/guide.md").as_deref(), Some("Docs"));
    assert_eq!(who("docs/guide.md/part.md"), None);
    // The configuration says which host, wherever the file is.
    std::fs::write(
        dir.path().join(".ownlint.yaml"),
        "codeowners:\n  flavor: github\n",
    )
    .unwrap();
    assert_eq!(who("site/docs/guide.md"), None);
}

/// A repository whose documents and Backstage catalog describe the same domains: `stats`
/// counts each domain and team once (the catalog's Group `payment-service-team` is the
/// documents' `Payment Service Team`), and `who` shows a domain with the entity that
/// describes it.
#[test]
fn who_and_stats_read_a_backstage_catalog_beside_the_documents() {
    let mixed = root().join("fixtures/multiple-owners/pass-files");
    let stats = json(&run(
        ownlint(&mixed).args(["stats", "--format", "json", "."])
    ));
    assert_eq!(stats["domains"], 2, "{stats:#}");
    let teams: Vec<&str> = stats["teams"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["team"].as_str().unwrap())
        .collect();
    assert_eq!(
        teams,
        ["Commerce Platform", "Payment Service Team"],
        "{stats:#}"
    );
    assert_eq!(
        stats["domains_without_slos"],
        serde_json::json!([]),
        "{stats:#}"
    );

    let out = run(ownlint(&mixed).args(["who", "Payments", "."]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Payments Domain  (OWNERSHIP.md:3)"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("payments  (catalog-info.yaml:4)"),
        "{}",
        out.stdout
    );
    let out = run(ownlint(&mixed).args(["who", "payment-service-team", "."]));
    assert!(
        out.stdout.contains("matched owner: Payment Service Team"),
        "{}",
        out.stdout
    );
}
