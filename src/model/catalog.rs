//! Backstage catalog entities (`catalog-info.yaml`, or any YAML document with
//! `apiVersion: backstage.io/v1alpha1`): their identity, their owner and the other entities
//! they name, with spans, and how Backstage reads a reference and checks a name.
//!
//! References are resolved as Backstage's catalog does: `[kind:][namespace/]name`, the kind
//! a field does not write taken from the field (`spec.owner` names a Group, `spec.system` a
//! System), the namespace from the entity that writes the reference, every part compared
//! without case.

use super::text::Text;
use crate::source::Span;

/// One entity of a catalog file.
#[derive(Clone, Debug)]
pub struct Entity<'s> {
    /// `kind` as written (`Component`, `Group`).
    pub kind: Text<'s>,
    /// `metadata.namespace`, when written.
    pub namespace: Option<Text<'s>>,
    /// `metadata.name`; empty at the entity's start when it has none.
    pub name: Text<'s>,
    /// The entity's YAML document.
    pub span: Span,
    /// `spec`'s key, where a missing field of it is pointed at; the entity's `kind` when it
    /// has no `spec`.
    pub spec: Span,
    /// The references it writes, owner first, in order.
    pub refs: Vec<Reference<'s>>,
    /// `metadata.annotations`, in order.
    pub annotations: Vec<(Text<'s>, Text<'s>)>,
    /// A Group's or User's `spec.profile.email`.
    pub email: Option<Text<'s>>,
    /// The name people know it by: `spec.profile.displayName`, else `metadata.title`.
    pub display: Option<Text<'s>>,
    /// The `spec` fields written in a shape no reference has (a mapping, a list where one
    /// reference goes): a `parse-error` each, and no other finding for the field.
    pub malformed: Vec<RefField>,
}

impl<'s> Entity<'s> {
    /// The namespace the entity is in: `default` when it writes none.
    pub fn namespace(&self) -> &str {
        self.namespace
            .as_ref()
            .map_or(DEFAULT_NAMESPACE, |n| n.as_str())
    }

    /// The entity's `spec.owner`, when written.
    pub fn owner(&self) -> Option<&Reference<'s>> {
        self.refs.iter().find(|r| r.field == RefField::Owner)
    }

    /// Whether Backstage requires the entity to have an owner: the kinds a team owns.
    pub fn needs_owner(&self) -> bool {
        OWNED_KINDS
            .iter()
            .any(|k| k.eq_ignore_ascii_case(self.kind.as_str()))
    }

    /// The annotations that name whom to page ([`ESCALATION_ANNOTATIONS`]), in order.
    pub fn escalation_annotations(&self) -> impl Iterator<Item = &(Text<'s>, Text<'s>)> {
        self.annotations.iter().filter(|(key, value)| {
            ESCALATION_ANNOTATIONS.contains(&key.as_str()) && !value.is_empty()
        })
    }

    /// Whether the entity says whom to page: an on-call annotation, or a team's or person's
    /// profile email.
    pub fn has_escalation(&self) -> bool {
        self.escalation_annotations().next().is_some()
            || self.email.as_ref().is_some_and(|e| !e.is_empty())
    }

    /// Whether the entity is a team or a person an owner reference can name.
    pub fn is_owner_kind(&self) -> bool {
        ["Group", "User"]
            .iter()
            .any(|k| k.eq_ignore_ascii_case(self.kind.as_str()))
    }
}

/// The `apiVersion` of Backstage's catalog model that ownlint writes.
pub const API_VERSION: &str = "backstage.io/v1alpha1";

/// Every `apiVersion` of Backstage's catalog model.
pub const API_VERSIONS: &[&str] = &[API_VERSION, "backstage.io/v1beta1"];

/// The annotation `ownlint export --format backstage` writes a domain's escalation contact
/// in.
pub const ESCALATION_ANNOTATION: &str = "ownlint.io/escalation-contact";

/// The annotations that name whom to page for an entity: its escalation contact.
pub const ESCALATION_ANNOTATIONS: &[&str] = &[
    ESCALATION_ANNOTATION,
    "pagerduty.com/service-id",
    "pagerduty.com/integration-key",
    "opsgenie.com/team",
    "opsgenie.com/component-selector",
    "splunk.com/on-call-team",
];

/// The annotation that records an entity's last ownership transfer (`from Payments Team on
/// 2026-03-01`), as a document's `**Ownership Transfer:**` does.
pub const TRANSFER_ANNOTATION: &str = "ownlint.io/ownership-transfer";

/// The namespace of an entity or a reference that writes none.
pub const DEFAULT_NAMESPACE: &str = "default";

/// The kinds whose `spec.owner` Backstage requires, and that ownlint reads as domains.
pub const OWNED_KINDS: &[&str] = &["Component", "API", "Resource", "System", "Domain"];

/// A reference to another entity, in the field that writes it.
#[derive(Clone, Debug)]
pub struct Reference<'s> {
    pub field: RefField,
    pub target: Text<'s>,
}

/// The fields of a `spec` that name other entities.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RefField {
    Owner,
    System,
    Domain,
    SubdomainOf,
    SubcomponentOf,
    ProvidesApis,
    ConsumesApis,
    DependsOn,
    DependencyOf,
    Parent,
    Children,
    Members,
    MemberOf,
}

impl RefField {
    /// Every field, in the order a `spec` is read.
    pub const ALL: [RefField; 13] = [
        RefField::Owner,
        RefField::System,
        RefField::Domain,
        RefField::SubdomainOf,
        RefField::SubcomponentOf,
        RefField::ProvidesApis,
        RefField::ConsumesApis,
        RefField::DependsOn,
        RefField::DependencyOf,
        RefField::Parent,
        RefField::Children,
        RefField::Members,
        RefField::MemberOf,
    ];

    /// The key under `spec`.
    pub fn key(self) -> &'static str {
        match self {
            RefField::Owner => "owner",
            RefField::System => "system",
            RefField::Domain => "domain",
            RefField::SubdomainOf => "subdomainOf",
            RefField::SubcomponentOf => "subcomponentOf",
            RefField::ProvidesApis => "providesApis",
            RefField::ConsumesApis => "consumesApis",
            RefField::DependsOn => "dependsOn",
            RefField::DependencyOf => "dependencyOf",
            RefField::Parent => "parent",
            RefField::Children => "children",
            RefField::Members => "members",
            RefField::MemberOf => "memberOf",
        }
    }

    /// Whether the field holds a list of references rather than one.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            RefField::ProvidesApis
                | RefField::ConsumesApis
                | RefField::DependsOn
                | RefField::DependencyOf
                | RefField::Children
                | RefField::Members
                | RefField::MemberOf
        )
    }

    /// The kind a reference in this field names when it writes none, as Backstage's catalog
    /// reads it; `None` where the reference must write its kind (`dependsOn`).
    pub fn default_kind(self) -> Option<&'static str> {
        match self {
            RefField::Owner | RefField::Parent | RefField::Children | RefField::MemberOf => {
                Some("Group")
            }
            RefField::System => Some("System"),
            RefField::Domain | RefField::SubdomainOf => Some("Domain"),
            RefField::SubcomponentOf => Some("Component"),
            RefField::ProvidesApis | RefField::ConsumesApis => Some("API"),
            RefField::Members => Some("User"),
            RefField::DependsOn | RefField::DependencyOf => None,
        }
    }
}

/// A reference read as `[kind:][namespace/]name`: each part's byte range in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefParts {
    pub kind: Option<std::ops::Range<usize>>,
    pub namespace: Option<std::ops::Range<usize>>,
    pub name: std::ops::Range<usize>,
}

/// Why a reference cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefError {
    /// Nothing written.
    Empty,
    /// A part is empty: `group:`, `:name`, `default/`.
    EmptyPart,
    /// No kind written, in a field that has no default kind (`dependsOn: [my-db]`).
    NoKind,
}

impl RefParts {
    /// Read a reference as Backstage's `parseEntityRef` does: the first `:` ends the kind
    /// unless a `/` comes before it, the first `/` ends the namespace.
    pub fn parse(text: &str) -> Result<RefParts, RefError> {
        if text.is_empty() {
            return Err(RefError::Empty);
        }
        let slash = text.find('/');
        let colon = text.find(':').filter(|&c| slash.is_none_or(|s| c < s));
        let kind = colon.map(|c| 0..c);
        let namespace = slash.map(|s| colon.map_or(0, |c| c + 1)..s);
        let name = slash.or(colon).map_or(0, |at| at + 1)..text.len();
        let parts = [kind.clone(), namespace.clone(), Some(name.clone())];
        if parts.iter().flatten().any(|r| r.is_empty()) {
            return Err(RefError::EmptyPart);
        }
        Ok(RefParts {
            kind,
            namespace,
            name,
        })
    }

    /// The entity the reference names, from an entity in `namespace`, in a field whose
    /// default kind is `default_kind`: `kind:namespace/name` in lower case, as Backstage
    /// compares references.
    pub fn resolve(
        &self,
        text: &str,
        default_kind: Option<&str>,
        namespace: &str,
    ) -> Result<String, RefError> {
        let kind = match &self.kind {
            Some(kind) => &text[kind.clone()],
            None => default_kind.ok_or(RefError::NoKind)?,
        };
        let namespace = self.namespace.clone().map_or(namespace, |n| &text[n]);
        Ok(entity_key(kind, namespace, &text[self.name.clone()]))
    }
}

/// A kind as Backstage's model writes it (`API` for `api`), for messages; an unknown kind as
/// given.
pub fn kind_name(kind: &str) -> &str {
    const KINDS: &[&str] = &[
        "Component",
        "API",
        "Resource",
        "System",
        "Domain",
        "Group",
        "User",
        "Location",
        "Template",
    ];
    KINDS
        .iter()
        .find(|k| k.eq_ignore_ascii_case(kind))
        .map_or(kind, |k| k)
}

/// An entity's identity as Backstage compares it: `kind:namespace/name`, in lower case.
pub fn entity_key(kind: &str, namespace: &str, name: &str) -> String {
    format!("{kind}:{namespace}/{name}").to_lowercase()
}

/// Whether `name` is a valid entity name: 1 to 63 characters of `[A-Za-z0-9]`, with `-`,
/// `_` or `.` only between them.
pub fn is_valid_name(name: &str) -> bool {
    let bytes = name.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        && bytes.first().is_some_and(u8::is_ascii_alphanumeric)
        && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
}

/// Whether `namespace` is a valid namespace: a DNS label, 1 to 63 characters of `[a-z0-9]`
/// with `-` only between them.
pub fn is_valid_namespace(namespace: &str) -> bool {
    let bytes = namespace.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !namespace.starts_with('-')
        && !namespace.ends_with('-')
}

/// Whether `kind` is a valid kind: 1 to 63 ASCII letters and digits, a letter first.
pub fn is_valid_kind(kind: &str) -> bool {
    let bytes = kind.as_bytes();
    (1..=63).contains(&bytes.len())
        && bytes[0].is_ascii_alphabetic()
        && bytes.iter().all(u8::is_ascii_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> (Option<&str>, Option<&str>, &str) {
        let p = RefParts::parse(text).unwrap();
        (
            p.kind.map(|r| &text[r]),
            p.namespace.map(|r| &text[r]),
            &text[p.name],
        )
    }

    #[test]
    fn references_read_as_backstage_reads_them() {
        assert_eq!(parts("CNCF"), (None, None, "CNCF"));
        assert_eq!(parts("group:team-a"), (Some("group"), None, "team-a"));
        assert_eq!(parts("teams/team-a"), (None, Some("teams"), "team-a"));
        assert_eq!(
            parts("group:teams/team-a"),
            (Some("group"), Some("teams"), "team-a")
        );
        // A `/` before the first `:` leaves no kind: the namespace runs to the `/`.
        assert_eq!(parts("ns/a:b"), (None, Some("ns"), "a:b"));
        for bad in ["group:", ":a", "ns/", "/a", "group:/a", "group:ns/"] {
            assert_eq!(RefParts::parse(bad), Err(RefError::EmptyPart), "{bad}");
        }
        assert_eq!(RefParts::parse(""), Err(RefError::Empty));
    }

    #[test]
    fn references_resolve_with_the_fields_kind_and_the_entitys_namespace() {
        let key = |text: &str, field: RefField, namespace: &str| {
            RefParts::parse(text)
                .unwrap()
                .resolve(text, field.default_kind(), namespace)
        };
        assert_eq!(
            key("CNCF", RefField::Owner, "default").unwrap(),
            "group:default/cncf"
        );
        assert_eq!(
            key("user:Jane", RefField::Owner, "ops").unwrap(),
            "user:ops/jane"
        );
        assert_eq!(
            key("payments", RefField::System, "default").unwrap(),
            "system:default/payments"
        );
        assert_eq!(
            key("my-db", RefField::DependsOn, "default"),
            Err(RefError::NoKind)
        );
        assert_eq!(
            key("resource:my-db", RefField::DependsOn, "default").unwrap(),
            "resource:default/my-db"
        );
    }

    #[test]
    fn names_namespaces_and_kinds_follow_backstages_validators() {
        for good in ["a", "backstage-existing", "A.b_c-9", &"x".repeat(63)] {
            assert!(is_valid_name(good), "{good}");
        }
        for bad in ["", "-a", "a-", "a b", "a/b", "é", &"x".repeat(64)] {
            assert!(!is_valid_name(bad), "{bad}");
        }
        assert!(is_valid_namespace("default"));
        assert!(is_valid_namespace("team-a2"));
        for bad in ["Default", "a_b", "-a", "a-", ""] {
            assert!(!is_valid_namespace(bad), "{bad}");
        }
        assert!(is_valid_kind("Component"));
        for bad in ["", "1Component", "My-Kind"] {
            assert!(!is_valid_kind(bad), "{bad}");
        }
    }
}
