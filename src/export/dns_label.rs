//! Names as DNS-1123 labels, the form OpenSLO (after Kubernetes) gives object names and
//! label values ([`dns_label`]), each handed out once.

use rustc_hash::FxHashSet;

use crate::util::label::cut;
pub use crate::util::label::{MAX_LEN, dns_label};

/// Labels handed out so far, so that each is handed out once.
#[derive(Default)]
pub struct UniqueLabels {
    taken: FxHashSet<String>,
}

impl UniqueLabels {
    /// `base` (a label), or `base-2`, `base-3`, … cut to fit, the first not handed out yet;
    /// `fallback` when `base` is empty.
    pub fn claim(&mut self, base: &str, fallback: &str) -> String {
        let base = if base.is_empty() { fallback } else { base };
        let mut label = base.to_owned();
        let mut n = 1;
        while self.taken.contains(&label) {
            n += 1;
            let suffix = format!("-{n}");
            label = base.to_owned();
            cut(&mut label, MAX_LEN - suffix.len());
            label.push_str(&suffix);
        }
        self.taken.insert(label.clone());
        label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_lowercase_alphanumerics_and_single_dashes() {
        assert_eq!(dns_label("Payments"), "payments");
        assert_eq!(dns_label("VPN API availability"), "vpn-api-availability");
        assert_eq!(
            dns_label("  **Search** / Ranking (v2) "),
            "search-ranking-v2"
        );
        assert_eq!(dns_label("Überweisungen"), "berweisungen");
        assert_eq!(dns_label("—"), "");
    }

    #[test]
    fn labels_are_cut_to_63_characters_without_a_trailing_dash() {
        let long = format!("{} tail", "a".repeat(62));
        let label = dns_label(&long);
        assert_eq!(label, "a".repeat(62));
        assert!(dns_label(&"word ".repeat(40)).len() <= MAX_LEN);
    }

    #[test]
    fn claimed_labels_are_unique_and_fit() {
        let mut labels = UniqueLabels::default();
        assert_eq!(labels.claim("a", "slo"), "a");
        assert_eq!(labels.claim("a", "slo"), "a-2");
        assert_eq!(labels.claim("a", "slo"), "a-3");
        assert_eq!(labels.claim("", "slo"), "slo");
        let long = "b".repeat(MAX_LEN);
        assert_eq!(labels.claim(&long, "slo"), long);
        let second = labels.claim(&long, "slo");
        assert_eq!(second.len(), MAX_LEN);
        assert!(second.ends_with("-2"));
    }
}
