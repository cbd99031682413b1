//! ownlint resolves Backstage entity references as Backstage does: the table in
//! tests/backstage/refs.json, which tests/backstage.sh holds Backstage's own
//! `parseEntityRef` to as well.

use ownlint::model::catalog::RefParts;

#[test]
fn references_resolve_as_backstage_resolves_them() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/backstage/refs.json");
    let cases: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(cases.len() >= 15, "{}", cases.len());
    for case in cases {
        let text = case["ref"].as_str().unwrap();
        let kind = case["defaultKind"].as_str();
        let namespace = case["defaultNamespace"].as_str().unwrap();
        let got = RefParts::parse(text)
            .and_then(|parts| parts.resolve(text, kind, namespace))
            .ok();
        assert_eq!(got.as_deref(), case["key"].as_str(), "{text:?}");
    }
}
