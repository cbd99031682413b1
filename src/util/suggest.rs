//! "Did you mean": the known word closest to a misspelt one.

/// The candidate closest to `word` when the difference is small enough to be a typo (edits
/// and swaps of neighbours counted): one edit for short words, two up to twelve characters,
/// three beyond. Ties go to the
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
    let letters = Letters::of(word);
    candidates
        .filter(|(c, _)| *c != word && c.len().abs_diff(word.len()) <= budget * 4)
        .filter(|(c, _)| c.chars().count().abs_diff(len) <= budget)
        .filter(|(c, _)| letters.edits_at_least(&Letters::of(c)) <= budget)
        .map(|(c, v)| (strsim::osa_distance(word, c), c, v))
        .filter(|(d, _, _)| *d <= budget && *d > 0)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c, v)| (c, v))
}

/// How many times each character occurs in a word, by one of 64 buckets: a lower bound of the
/// edit distance between two words without computing it. An edit changes at most two counts by
/// one (a substitution one down and one up, an insertion or a deletion one, a swap none), so
/// two words are at least half the summed differences of their counts apart. Most candidates
/// of a "did you mean" are ruled out by this, with no allocation.
struct Letters([u8; 64]);

impl Letters {
    fn of(word: &str) -> Letters {
        let mut counts = [0u8; 64];
        for c in word.chars() {
            let bucket = &mut counts[c as usize % 64];
            *bucket = bucket.saturating_add(1);
        }
        Letters(counts)
    }

    fn edits_at_least(&self, other: &Letters) -> usize {
        let differences: usize = (self.0.iter().zip(&other.0))
            .map(|(a, b)| usize::from(a.abs_diff(*b)))
            .sum();
        differences.div_ceil(2)
    }
}

/// "did you mean `a`?", or "did you mean `a`, `b` or `c`?"; `None` without candidates.
pub fn did_you_mean(candidates: &[&str]) -> Option<String> {
    let quoted: Vec<String> = candidates.iter().map(|c| format!("`{c}`")).collect();
    let list = match quoted.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [first @ .., last] => format!("{} or {last}", first.join(", ")),
    };
    Some(format!("did you mean {list}?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_letter_counts_never_overestimate_the_edit_distance() {
        let words = [
            "payments",
            "paymnets",
            "payment",
            "pay",
            "ments",
            "subscriptions",
            "Zürich 🚀",
            "zurich",
            "",
            "aaaa",
            "bbbb",
            "ab",
            "ba",
            "platform lead",
            "platfrom leed",
            "engineering manager",
            "enginering manager",
            "A@",
            "\u{80}\u{c0}",
        ];
        for a in words {
            for b in words {
                let bound = Letters::of(a).edits_at_least(&Letters::of(b));
                assert!(bound <= strsim::osa_distance(a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn closest_match_still_finds_typos() {
        let names = ["payments", "subscriptions", "engineering manager"];
        let candidates = || names.iter().map(|n| (*n, ()));
        assert_eq!(
            closest_match("paymnets", candidates()).map(|c| c.0),
            Some("payments")
        );
        assert_eq!(
            closest_match("enginering manager", candidates()).map(|c| c.0),
            Some("engineering manager")
        );
        assert_eq!(closest_match("observability", candidates()), None);
    }
}
