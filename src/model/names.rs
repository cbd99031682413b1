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

#[cfg(test)]
mod tests {
    use super::key;

    #[test]
    fn folds_case_space_and_suffix() {
        assert_eq!(key("Subscriptions  Domain"), "subscriptions");
        assert_eq!(key("payments service"), "payments");
        assert_eq!(key("VPN API availability"), "vpn api availability");
        assert_eq!(key("Domain"), "domain");
    }
}
