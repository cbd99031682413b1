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
    candidates
        .filter(|(c, _)| *c != word && c.len().abs_diff(word.len()) <= budget * 4)
        .filter(|(c, _)| c.chars().count().abs_diff(len) <= budget)
        .map(|(c, v)| (strsim::osa_distance(word, c), c, v))
        .filter(|(d, _, _)| *d <= budget && *d > 0)
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c, v)| (c, v))
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
