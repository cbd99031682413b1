//! Field labels: which spellings name which field. Markdown labels (`**Escalation Contact:**`)
//! and YAML keys (`escalation_contact`) share one table, so an alias added in the config
//! works in both formats.

use std::cell::RefCell;

use rustc_hash::FxHashMap as HashMap;
use smallvec::SmallVec;

use crate::model::FieldKind;
use crate::model::text::AsciiFold;
use crate::util::suggest::closest_match;

/// The built-in spellings of each field, in the normalised form [`normalize`] produces.
pub const DEFAULT_ALIASES: &[(FieldKind, &[&str])] = &[
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
        FieldKind::Paths,
        &[
            "paths",
            "path",
            "code",
            "code paths",
            "code owners",
            "codeowners",
        ],
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
    /// Keyed by the normalised label's bytes, so that a label folded into a buffer on the
    /// stack is looked up as it is.
    map: HashMap<Box<[u8]>, FieldKind>,
    /// The longest normalised label, to turn away long text without normalising it.
    longest: usize,
}

impl Default for LabelTable {
    fn default() -> Self {
        let mut map = HashMap::default();
        for (kind, aliases) in DEFAULT_ALIASES {
            for alias in *aliases {
                map.insert(alias.as_bytes().into(), *kind);
            }
        }
        let longest = DEFAULT_ALIASES
            .iter()
            .flat_map(|(_, aliases)| aliases.iter())
            .map(|a| a.len())
            .max()
            .unwrap_or(0);
        LabelTable { map, longest }
    }
}

impl LabelTable {
    /// Add an alias (from the configuration).
    pub fn add_alias(&mut self, alias: &str, kind: FieldKind) {
        let alias = normalize(alias);
        self.longest = self.longest.max(alias.len());
        self.map.insert(alias.into_bytes().into(), kind);
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
        let mut buf = [0u8; 64];
        match fold_ascii_label(label, &mut buf) {
            Some(key) => self.map.get(key).copied(),
            None => self.map.get(normalize(label).as_bytes()).copied(),
        }
    }

    /// The known label closest to an unknown one, when it is close enough to be a typo
    /// (`Ownr` → `owner`). Returned in normalised form.
    pub fn closest(&self, label: &str) -> Option<(&str, FieldKind)> {
        closest_match(
            &normalize(label),
            self.map
                .iter()
                .filter_map(|(k, v)| Some((std::str::from_utf8(k).ok()?, *v))),
        )
    }
}

/// A label table with a memory of the labels one document has used. A document writes the
/// same few labels for every domain, and comparing the bytes as written is far cheaper than
/// folding them again; only labels that are found are remembered, since text that is not a
/// label rarely repeats.
pub struct RecentLabels<'l> {
    table: &'l LabelTable,
    recent: RefCell<SmallVec<[RecentLabel; RECENT_LABELS]>>,
}

const RECENT_LABELS: usize = 16;

/// A label as a document wrote it, with the field it names.
type RecentLabel = (Box<str>, FieldKind);

impl<'l> RecentLabels<'l> {
    pub fn new(table: &'l LabelTable) -> Self {
        RecentLabels {
            table,
            recent: RefCell::default(),
        }
    }

    /// [`LabelTable::lookup`].
    pub fn lookup(&self, label: &str) -> Option<FieldKind> {
        if let Some((_, kind)) = self.recent.borrow().iter().find(|(l, _)| **l == *label) {
            return Some(*kind);
        }
        let kind = self.table.lookup(label)?;
        let mut recent = self.recent.borrow_mut();
        if recent.len() < RECENT_LABELS {
            recent.push((label.into(), kind));
        }
        Some(kind)
    }

    pub fn closest(&self, label: &str) -> Option<(&'l str, FieldKind)> {
        self.table.closest(label)
    }

    pub fn longest_label(&self) -> usize {
        self.table.longest_label()
    }
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
    let mut buf = [0u8; 64];
    match fold_ascii_label(label, &mut buf).map(std::str::from_utf8) {
        Some(Ok(key)) => f(key),
        _ => f(&normalize(label)),
    }
}

/// [`normalize`] for a short ASCII label, into `buf`: one pass through a table that folds
/// case and maps `_`, `-` and white space to one space, trailing colons dropped first.
/// `None` when the label is not ASCII or too long for the buffer.
fn fold_ascii_label<'b>(label: &str, buf: &'b mut [u8; 64]) -> Option<&'b [u8]> {
    let bytes = label.as_bytes();
    if bytes.len() > buf.len() || !bytes.is_ascii() {
        return None;
    }
    // As `normalize` trims: white space, then colons, then white space again (which the
    // folding drops anyway).
    let mut end = bytes.len();
    while end > 0 && is_white(bytes[end - 1]) {
        end -= 1;
    }
    while end > 0 && bytes[end - 1] == b':' {
        end -= 1;
    }
    let len = LABEL_FOLD.fold(&bytes[..end], buf);
    Some(&buf[..len])
}

/// `char::is_whitespace` for an ASCII byte.
fn is_white(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// Labels are folded on white space, `_` and `-` (`on_call`, `Escalation-Contact`).
static LABEL_FOLD: AsciiFold = AsciiFold::new(b"_-");

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
