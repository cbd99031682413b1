//! What counts as a placeholder instead of a real owner or contact: template brackets
//! (`[Team Name]`, `<team>`, `${Owner}`, `{{owner}}`), filler (`TBD`, `TODO`, `N/A`, `___`,
//! `—`, `???`), and "unowned" markers (`reliability_unowned`, `team::Unowned`), plus the
//! patterns configured in `.ownlint.yaml`.

use crate::config::Settings;

/// Why `value` is a placeholder, or `None` when it looks like a real name.
pub fn placeholder(value: &str, settings: &Settings) -> Option<&'static str> {
    let v = value.trim();
    if v.is_empty() {
        return None;
    }
    let wrapped = |open: &str, close: &str| {
        v.starts_with(open) && v.ends_with(close) && v.len() > open.len() + close.len() - 1
    };
    if wrapped("[", "]") {
        return Some("a bracketed template value");
    }
    if wrapped("${", "}")
        || wrapped("{{", "}}")
        || wrapped("{", "}")
        || wrapped("<<", ">>")
        || wrapped("<", ">") && !v.contains('@')
    {
        return Some("a template variable");
    }
    if v.chars()
        .all(|c| matches!(c, '_' | '-' | '.' | '?' | '—' | '–' | '*' | '…' | ' '))
    {
        return Some("filler");
    }
    let word = v.trim_matches(|c: char| !c.is_alphanumeric());
    // Filler words are short: fold case on the stack, and only for them.
    let mut buf = [0u8; 24];
    let lower = buf.get_mut(..word.len()).and_then(|out| {
        out.copy_from_slice(word.as_bytes());
        out.make_ascii_lowercase();
        std::str::from_utf8(out).ok()
    });
    let filler = lower.is_some_and(|lower| {
        matches!(
            lower,
            "tbd"
                | "tba"
                | "tbc"
                | "todo"
                | "n/a"
                | "na"
                | "none"
                | "unknown"
                | "unassigned"
                | "unowned"
                | "nobody"
                | "no one"
                | "null"
                | "nil"
                | "xxx"
                | "placeholder"
                | "fixme"
                | "to be decided"
                | "to be determined"
                | "to be assigned"
                | "owner"
                | "team"
                | "team name"
                | "your team"
        )
    });
    let starts = |prefix: &str| {
        word.as_bytes()
            .get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    let ends = |suffix: &str| {
        word.len() >= suffix.len()
            && word.as_bytes()[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    if filler || starts("todo") || starts("tbd") || ends("unowned") || starts("unowned") {
        return Some("a placeholder");
    }
    if settings.placeholders.iter().any(|re| re.is_match(v)) {
        return Some("a configured placeholder pattern");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_real_names() {
        let s = Settings::default();
        for p in [
            "[Engineering Manager]",
            "TBD",
            "TODO",
            "N/A",
            "[Team Name]",
            "<team>",
            "${Owner}",
            "___",
            "—",
            "???",
            "{Team/Squad Name}",
            "TODO_NAME",
            "[TODO: fill]",
            "{{ owner }}",
            "reliability_unowned",
            "team::Unowned",
            "<name>",
        ] {
            assert!(placeholder(p, &s).is_some(), "{p}");
        }
        for real in [
            "Payment Service Team",
            "@org/payments",
            "Jane Doe (jane@example.com)",
            "#payments-oncall (Slack)",
            "<ops@example.com>",
            "Research & Development Team",
            "Team Falcon",
            "CNCF",
        ] {
            assert!(placeholder(real, &s).is_none(), "{real}");
        }
    }
}
