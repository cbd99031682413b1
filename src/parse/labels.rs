//! Field labels: which spellings name which field. Markdown labels (`**Escalation Contact:**`)
//! and YAML keys (`escalation_contact`) share one table, so an alias added in the config
//! works in both formats.

use rustc_hash::FxHashMap as HashMap;

use crate::model::FieldKind;

/// The built-in spellings of each field, in the normalised form [`normalize`] produces.
const DEFAULT_ALIASES: &[(FieldKind, &[&str])] = &[
    (
        FieldKind::Name,
        &["name", "domain", "service", "component", "system"],
    ),
    (
        FieldKind::Owner,
        &[
            "owner",
            "owners",
            "owner team",
            "owning team",
            "primary owner",
            "team",
            "dri",
            "accountable",
        ],
    ),
    (
        FieldKind::Backup,
        &[
            "backup",
            "backup owner",
            "fallback",
            "secondary",
            "secondary owner",
            "deputy",
        ],
    ),
    (
        FieldKind::EscalationContact,
        &[
            "escalation contact",
            "escalation contacts",
            "escalation",
            "escalation path",
            "escalation to",
            "escalate to",
            "on call",
            "oncall",
            "pager",
        ],
    ),
    (
        FieldKind::Slos,
        &[
            "slo responsibility",
            "slo responsibilities",
            "slos",
            "slo",
            "service level objectives",
            "objectives",
        ],
    ),
    (
        FieldKind::IncidentAuthority,
        &["incident authority", "authority", "decision authority"],
    ),
    (
        FieldKind::Responsibilities,
        &["responsibilities", "responsibility", "scope"],
    ),
    (
        FieldKind::OwnershipTransfer,
        &["ownership transfer", "transfer"],
    ),
    (
        FieldKind::Other,
        &[
            "description",
            "summary",
            "notes",
            "note",
            "runbook",
            "runbooks",
            "dashboard",
            "dashboards",
            "repository",
            "repo",
            "links",
            "slack",
            "channel",
            "tier",
            "lifecycle",
            "status",
            "tags",
        ],
    ),
];

/// Maps normalised labels to fields.
#[derive(Clone, Debug)]
pub struct LabelTable {
    map: HashMap<String, FieldKind>,
    /// The longest normalised label, to turn away long text without normalising it.
    longest: usize,
}

impl Default for LabelTable {
    fn default() -> Self {
        let mut map = HashMap::default();
        for (kind, aliases) in DEFAULT_ALIASES {
            for alias in *aliases {
                map.insert((*alias).to_owned(), *kind);
            }
        }
        let longest = map.keys().map(String::len).max().unwrap_or(0);
        LabelTable { map, longest }
    }
}

impl LabelTable {
    /// Add an alias (from the configuration).
    pub fn add_alias(&mut self, alias: &str, kind: FieldKind) {
        let alias = normalize(alias);
        self.longest = self.longest.max(alias.len());
        self.map.insert(alias, kind);
    }

    /// How long a label can be as written: the longest known one with room for extra spaces,
    /// a typo and the colon.
    pub fn longest_label(&self) -> usize {
        self.longest + 6
    }

    /// The field a label names, if ownlint knows it.
    pub fn lookup(&self, label: &str) -> Option<FieldKind> {
        // Most lines this is asked about are not labels at all, and longer than any label
        // (with room for case, spacing and a colon).
        if label.len() > self.longest_label() {
            return None;
        }
        with_normalized(label, |key| self.map.get(key).copied())
    }

    /// The known label closest to an unknown one, when it is close enough to be a typo
    /// (`Ownr` → `owner`). Returned in normalised form.
    pub fn closest(&self, label: &str) -> Option<(&str, FieldKind)> {
        closest_match(
            &normalize(label),
            self.map.iter().map(|(k, v)| (k.as_str(), *v)),
        )
    }
}

/// The candidate closest to `word` when the difference is small enough to be a typo (edits
/// and swaps of neighbours counted): one edit for short words, two up to twelve characters, three beyond. Ties go to the
/// alphabetically first, so the answer does not depend on hash order.
pub fn closest_match<'a, T: Copy>(
    word: &str,
    candidates: impl Iterator<Item = (&'a str, T)>,
) -> Option<(&'a str, T)> {
    let len = word.chars().count();
    let budget = match len {
        0..=2 => 0,
        3..=5 => 1,
        6..=12 => 2,
        _ => 3,
    };
    candidates
        .filter(|(c, _)| *c != word && c.len().abs_diff(word.len()) <= budget * 4)
        .filter(|(c, _)| c.chars().count().abs_diff(len) <= budget)
        .map(|(c, v)| (strsim::osa_distance(word, c), c, v))
        .filter(|(d, _, _)| *d <= budget && *d > 0)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c, v)| (c, v))
}

/// The form labels are compared in: lower case, `_` and `-` as spaces, white space folded,
/// trailing colon dropped.
pub fn normalize(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    normalize_into(label, &mut out);
    out
}

/// Call `f` with the normalised form of `label`, without allocating for the short ASCII
/// labels and titles that make up nearly every call.
pub fn with_normalized<R>(label: &str, f: impl FnOnce(&str) -> R) -> R {
    let label = label.trim().trim_end_matches(':').trim_end();
    if label.len() <= 64 && label.is_ascii() {
        let mut buf = [0u8; 64];
        let mut len = 0;
        let mut space = false;
        for &b in label.as_bytes() {
            if b.is_ascii_whitespace() || b == b'_' || b == b'-' {
                space = len > 0;
            } else {
                if space {
                    buf[len] = b' ';
                    len += 1;
                    space = false;
                }
                buf[len] = b.to_ascii_lowercase();
                len += 1;
            }
        }
        // Only ASCII bytes were written.
        return f(std::str::from_utf8(&buf[..len]).unwrap_or_default());
    }
    f(&normalize(label))
}

/// [`normalize`] into a buffer (cleared first).
fn normalize_into(label: &str, out: &mut String) {
    out.clear();
    let label = label.trim().trim_end_matches(':').trim_end();
    let mut space = false;
    for c in label.chars() {
        if c.is_whitespace() || c == '_' || c == '-' {
            space = !out.is_empty();
        } else {
            if space {
                out.push(' ');
                space = false;
            }
            out.extend(c.to_lowercase());
        }
    }
}

/// A normalised label written the way a format writes it: `Escalation Contact` in Markdown,
/// `escalation_contact` in YAML.
pub fn display_label(normalized: &str, yaml: bool) -> String {
    if yaml {
        return normalized.replace(' ', "_");
    }
    normalized
        .split(' ')
        .map(|w| match w {
            "slo" | "slos" | "dri" | "sla" => w.to_uppercase().replace("SLOS", "SLOs"),
            _ => {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_keys_and_markdown_labels_share_the_table() {
        let t = LabelTable::default();
        assert_eq!(
            t.lookup("Escalation Contact:"),
            Some(FieldKind::EscalationContact)
        );
        assert_eq!(
            t.lookup("escalation_contact"),
            Some(FieldKind::EscalationContact)
        );
        assert_eq!(t.lookup("On-Call"), Some(FieldKind::EscalationContact));
        assert_eq!(t.lookup("DRI"), Some(FieldKind::Owner));
        assert_eq!(t.lookup("Triggers"), None);
    }

    #[test]
    fn typos_find_their_label() {
        let t = LabelTable::default();
        assert_eq!(t.closest("Ownr"), Some(("owner", FieldKind::Owner)));
        assert_eq!(
            t.closest("Escalaton Contact"),
            Some(("escalation contact", FieldKind::EscalationContact))
        );
        assert_eq!(t.closest("Triggers"), None);
        assert_eq!(
            display_label("slo responsibility", false),
            "SLO Responsibility"
        );
        assert_eq!(
            display_label("escalation contact", true),
            "escalation_contact"
        );
    }
}
