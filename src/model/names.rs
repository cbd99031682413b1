//! How names are compared: domain, SLO, responsibility and role names match after folding
//! case and white space and dropping a trailing `Domain` or `Service`.

/// The key two names are compared by.
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.extend(c.to_lowercase());
        }
    }
    for suffix in [" domain", " service"] {
        if out.len() > suffix.len() && out.ends_with(suffix) {
            out.truncate(out.len() - suffix.len());
            break;
        }
    }
    out
}

/// The significant words of a name, singular, hashed: `Subscription Service Team` gives the
/// hash of `subscription`. Team words, `Domain`, `Service` and small words are left out.
pub fn stems(name: &str) -> impl Iterator<Item = u64> + '_ {
    const NOISE: &[&str] = &[
        "team", "teams", "squad", "group", "service", "services", "domain", "the", "and", "of",
        "on", "call", "oncall",
    ];
    name.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !NOISE.iter().any(|n| w.eq_ignore_ascii_case(n)))
        .map(|w| {
            let bytes = w.as_bytes();
            let plural = bytes.len() > 3
                && bytes[bytes.len() - 1].eq_ignore_ascii_case(&b's')
                && !bytes[bytes.len() - 2].eq_ignore_ascii_case(&b's');
            let singular = if plural { &w[..w.len() - 1] } else { w };
            super::facts::word_hash(singular)
        })
}

#[cfg(test)]
mod tests {
    use super::{key, stems};

    #[test]
    fn stems_are_the_singular_significant_words() {
        let a: Vec<u64> = stems("Subscription team").collect();
        let b: Vec<u64> = stems("Subscriptions Domain").collect();
        assert_eq!(a, b);
        assert_eq!(stems("Payment Service Team").count(), 1);
    }

    #[test]
    fn folds_case_space_and_suffix() {
        assert_eq!(key("Subscriptions  Domain"), "subscriptions");
        assert_eq!(key("payments service"), "payments");
        assert_eq!(key("VPN API availability"), "vpn api availability");
        assert_eq!(key("Domain"), "domain");
    }
}
