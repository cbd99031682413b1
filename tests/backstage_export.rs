//! `ownlint export --format backstage`, and a Backstage catalog read back with the
//! documents it came from. Backstage's own validators hold the export in tests/backstage.sh.

use std::path::Path;

use assert_cmd::Command;

fn ownlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("ownlint").unwrap();
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("GITHUB_ACTIONS");
    cmd
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn export(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = ownlint(dir)
        .args(["export", "--format", "backstage"])
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// The findings of `ownlint check` in `dir`, as its JSON report lists them.
fn findings(dir: &Path) -> Vec<serde_json::Value> {
    let out = ownlint(dir)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    report["diagnostics"].as_array().unwrap().clone()
}

/// The rule codes of [`findings`], in order.
fn codes(dir: &Path) -> Vec<String> {
    findings(dir)
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn the_seed_is_a_group_per_team_and_a_system_per_domain_the_same_each_time() {
    let (code, text, _) = export(root(), &["fixtures/seed"]);
    assert_eq!(code, 0);
    assert_eq!(text.matches("\nkind: Group\n").count(), 5);
    assert_eq!(text.matches("\nkind: System\n").count(), 9);
    assert!(
        text.contains("  owner: group:default/payment-service-team\n"),
        "{text}"
    );
    let (_, again, _) = export(root(), &["fixtures/seed"]);
    assert_eq!(text, again);
    insta::assert_snapshot!("seed_backstage", text);
}

#[test]
fn a_domain_without_one_owner_is_left_out_and_said() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("OWNERSHIP.md"),
        "### Payments\n\n**Owner:** Payments Team\n**Escalation Contact:** @payments\n\n\
         ### Search\n\n**Owner:** TBD\n**Escalation Contact:** @search\n",
    )
    .unwrap();
    let (code, text, stderr) = export(dir.path(), &["--allow-errors"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(text.contains("name: payments\n"), "{text}");
    assert!(!text.contains("name: search\n"), "{text}");
    assert!(
        stderr.contains("not in the Backstage catalog: domain `Search`: it has no one real owner"),
        "{stderr}"
    );
}

/// The export read back with the documents: one workspace in which each domain has one
/// owner; then a document's owner changed, and the catalog's owner of that domain is a
/// second owner, with both places labelled.
#[test]
fn the_export_and_its_documents_agree_until_an_owner_changes() {
    let dir = tempfile::tempdir().unwrap();
    let seed = std::fs::read_to_string(root().join("fixtures/seed/OWNERSHIP.md")).unwrap();
    std::fs::write(dir.path().join("OWNERSHIP.md"), &seed).unwrap();
    let (_, catalog, _) = export(dir.path(), &[]);
    std::fs::write(dir.path().join("catalog-info.yaml"), &catalog).unwrap();
    let check = |dir: &Path| {
        let out = ownlint(dir)
            .args(["check", "--format", "concise"])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let found = check(dir.path());
    assert!(!found.contains("error["), "{found}");

    let changed = seed.replacen(
        "**Owner:** Payment Service Team",
        "**Owner:** Platform Team",
        1,
    );
    assert_ne!(changed, seed);
    std::fs::write(dir.path().join("OWNERSHIP.md"), changed).unwrap();
    let found = findings(dir.path());
    let owners: Vec<&serde_json::Value> = found.iter().filter(|d| d["code"] == "OWN102").collect();
    assert_eq!(owners.len(), 1, "{found:#?}");
    let finding = owners[0];
    assert_eq!(finding["file"], "catalog-info.yaml", "{finding:#}");
    assert!(
        finding["message"]
            .as_str()
            .unwrap()
            .contains("owned by `Platform Team` in its document"),
        "{finding:#}"
    );
    let labels = finding["labels"].as_array().unwrap();
    assert!(
        labels
            .iter()
            .any(|l| l["file"] == "OWNERSHIP.md" && l["message"] == "first owner"),
        "{finding:#}"
    );
}

/// A catalog entity read as a domain is Backstage's already: it is not exported again.
#[test]
fn catalog_entities_are_not_exported_again() {
    let (code, text, stderr) = export(
        root(),
        &["fixtures/multiple-owners/pass-files/catalog-info.yaml"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(text.is_empty(), "{text}");
}

/// Without `teams` in `.ownlint.yaml`, a catalog's Groups and Users are the team registry:
/// a document's owner that is none of them is `unknown-owner`; without a catalog, no
/// registry and no finding.
#[test]
fn a_catalogs_groups_are_the_team_registry() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("OWNERSHIP.md"),
        "### Payments\n\n**Owner:** Payment Service Team\n\n### Search\n\n**Owner:** Ghost Team\n",
    )
    .unwrap();
    let unknown = |dir: &Path| -> Vec<String> {
        let found = findings(dir);
        let unknown = found.iter().filter(|d| d["code"] == "OWN109");
        unknown
            .map(|d| d["message"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(unknown(dir.path()), Vec::<String>::new());
    std::fs::write(
        dir.path().join("catalog-info.yaml"),
        "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payment-service-team\n\
         spec:\n  type: team\n  children: []\n",
    )
    .unwrap();
    assert_eq!(
        unknown(dir.path()),
        ["owner `Ghost Team` of `Search` is not a registered team"]
    );
}

/// An entity without a name is not in Backstage's catalog: it is `catalog-invalid-name`
/// and nothing else, whatever it lacks or names.
#[test]
fn a_nameless_entity_is_one_finding() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("catalog-info.yaml"),
        "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  title: Nameless\n\
         spec:\n  type: service\n  owner: nobody\n---\napiVersion: backstage.io/v1alpha1\n\
         kind: System\nmetadata:\n  description: no name, no owner\nspec: {}\n",
    )
    .unwrap();
    assert_eq!(codes(dir.path()), ["OWN704", "OWN704"]);
}

/// Nothing a document says becomes an entity, a key or a reference of its own in the
/// export: text that would end the YAML document, start a mapping or name another owner is
/// written as the string it is.
#[test]
fn the_documents_cannot_write_their_own_entities_into_the_backstage_export() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "x\\n---\\napiVersion: backstage.io/v1alpha1\\nkind: Group";
    std::fs::write(
        dir.path().join("ownership.yaml"),
        format!(
            "domains:\n  - name: \"Payments: {{owner: group:evil}}\"\n    owner: \"Team A\\n---\\nkind: User\"\n    escalation_contact: \"{hostile}\"\n"
        ),
    )
    .unwrap();
    let (code, text, stderr) = export(dir.path(), &["--allow-errors"]);
    assert_eq!(code, 0, "{stderr}");
    let entities: Vec<serde_json::Value> = serde_saphyr::from_multiple(&text).unwrap();
    let kinds: Vec<&str> = entities
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["Group", "System"], "{text}");
    let system = &entities[1];
    assert_eq!(system["metadata"]["title"], "Payments: {owner: group:evil}");
    assert_eq!(system["spec"]["owner"], "group:default/team-a-kind-user");
    assert_eq!(
        system["metadata"]["annotations"]["ownlint.io/escalation-contact"],
        "x\n---\napiVersion: backstage.io/v1alpha1\nkind: Group"
    );
}

/// A repository whose catalog holds teams alone (and a plugin's Template) is checked: clean
/// is exit 0, not "no domain found", and a Group defined twice is a finding.
#[test]
fn a_catalog_of_groups_alone_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let group = "apiVersion: backstage.io/v1alpha1\nkind: Group\nmetadata:\n  name: payments\n\
                 spec:\n  type: team\n  children: []\n";
    let template = "apiVersion: scaffolder.backstage.io/v1beta3\nkind: Template\nmetadata:\n  \
                    name: new-service\nspec:\n  owner: payments\n  steps: []\n";
    std::fs::write(
        dir.path().join("org.yaml"),
        format!("{group}---\n{template}"),
    )
    .unwrap();
    let out = ownlint(dir.path()).arg("check").output().unwrap();
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0), "{said}");
    assert!(
        said.contains("0 errors, 0 warnings in 1 file, 0 domains"),
        "{said}"
    );

    std::fs::write(dir.path().join("more.yaml"), group).unwrap();
    let out = ownlint(dir.path())
        .args(["check", "--format", "concise"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("OWN702 catalog-duplicate-entity"),
        "{stdout}"
    );
}

/// One mistake in an entity's owner, one finding: a missing owner is
/// `catalog-missing-owner`, an owner written as a list a `parse-error`, a placeholder
/// `orphaned-domain` — none of them `catalog-unknown-reference` or a second rule as well.
#[test]
fn an_entitys_owner_mistake_is_one_finding() {
    let entity = |name: &str, owner: &str| {
        format!(
            "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: {name}\n\
             spec:\n  type: service\n  lifecycle: production\n{owner}"
        )
    };
    let catalog = [
        entity("missing", ""),
        entity("listed", "  owner: [payments, platform]\n"),
        entity("placeholder", "  owner: TBD\n"),
    ]
    .join("---\n");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("catalog-info.yaml"), catalog).unwrap();
    assert_eq!(codes(dir.path()), ["OWN703", "OWN001", "OWN101"]);
}
