//! serde-saphyr's errors said in the file's terms: plain words a user can act on, never the
//! library's debug text or its advice to programmers, and a help where there is something to
//! do (quote a value that starts with a character YAML reserves).

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{DefaultMessageFormatter, Error, MessageFormatter};

use super::tree::MAX_DEPTH;

/// What to say of a YAML error: the message, and what to do about it.
pub(super) struct Said {
    pub message: String,
    pub help: Option<String>,
}

impl Said {
    fn just(message: impl Into<String>) -> Said {
        Said {
            message: message.into(),
            help: None,
        }
    }
}

/// The error in plain words; `at` is the byte offset the error points at in `src`.
pub(super) fn plain(error: &Error, src: &str, at: usize) -> Said {
    let error = innermost(error);
    match error {
        Error::Budget { breach, .. } => Said::just(breach_message(breach)),
        Error::AliasReplayLimitExceeded { .. }
        | Error::AliasExpansionLimitExceeded { .. }
        | Error::AliasReplayStackDepthExceeded { .. }
        | Error::AliasReplayCounterOverflow { .. } => Said::just(ALIAS_BOMB),
        Error::DuplicateMappingKey { key: Some(key), .. } => {
            Said::just(format!("duplicate key `{key}`"))
        }
        Error::DuplicateMappingKey { key: None, .. } => Said::just("duplicate key"),
        _ => {
            let bare = first_line(&DefaultMessageFormatter.format_message(error));
            match unexpected_character(&bare) {
                Some(c) => character_problem(c, src, at),
                None => Said::just(bare),
            }
        }
    }
}

/// The error inside the library's wrappers (a source snippet, an error met through an alias).
fn innermost(mut error: &Error) -> &Error {
    loop {
        error = match error.without_snippet() {
            Error::AliasError { error, .. } => error,
            other => return other,
        };
    }
}

const ALIAS_BOMB: &str =
    "aliases (`*name`) expand the document beyond ownlint's limits; an alias bomb?";

/// A breached budget, said of what the file does; only the alias limits speak of aliases.
fn breach_message(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Aliases { .. }
        | BudgetBreach::AliasAnchorRatio { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => ALIAS_BOMB.to_owned(),
        BudgetBreach::Anchors { anchors } => {
            format!("the file defines more anchors (`&name`) than ownlint reads ({anchors})")
        }
        BudgetBreach::Depth { .. } => format!(
            "lists and mappings nest deeper than ownlint reads (more than {MAX_DEPTH} levels)"
        ),
        BudgetBreach::Documents { documents } => {
            format!("the file holds more YAML documents than ownlint reads ({documents})")
        }
        BudgetBreach::MergeKeys { merge_keys } => {
            format!("the file has more merge keys (`<<`) than ownlint reads ({merge_keys})")
        }
        BudgetBreach::SequenceUnbalanced => "a list or mapping ends that never started".to_owned(),
        _ => "the file holds more YAML values than ownlint reads".to_owned(),
    }
}

/// The first line of the library's message (the message alone, without the place, which
/// the finding shows).
fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_owned()
}

/// The character of the scanner's "unexpected character: `c'" (written with Rust's
/// `escape_default`).
fn unexpected_character(message: &str) -> Option<char> {
    let escaped = message
        .strip_prefix("unexpected character: `")?
        .strip_suffix('\'')?;
    let mut chars = escaped.chars();
    match (chars.next()?, chars.as_str()) {
        (c, "") => Some(c),
        ('\\', "t") => Some('\t'),
        ('\\', "r") => Some('\r'),
        ('\\', "n") => Some('\n'),
        ('\\', rest @ ("\\" | "'" | "\"")) => rest.chars().next(),
        ('\\', rest) => {
            let hex = rest.strip_prefix("u{")?.strip_suffix('}')?;
            char::from_u32(u32::from_str_radix(hex, 16).ok()?)
        }
        _ => None,
    }
}

/// An unexpected character: a YAML indicator a value cannot start with (quote the value),
/// or a character YAML does not allow at all.
fn character_problem(c: char, src: &str, at: usize) -> Said {
    let name = match c {
        '`' => "a backtick (`)".to_owned(),
        '@' | '%' | '|' | '>' => format!("`{c}`"),
        _ => {
            return Said {
                message: format!(
                    "the character U+{:04X}, which YAML does not allow in a file",
                    c as u32
                ),
                help: Some("remove it".into()),
            };
        }
    };
    let example = quoted_example(src, at);
    Said {
        message: format!("a value cannot start with {name}, which YAML reserves"),
        help: Some(match example {
            Some(quoted) => format!("quote the value: {quoted}"),
            None => "quote the value: put it between double quotes".to_owned(),
        }),
    }
}

/// The value starting at `at`, double-quoted, when it is simple enough to say so: up to a
/// comment or the end of the line (or, inside brackets, the next `,`, `]` or `}`).
fn quoted_example(src: &str, at: usize) -> Option<String> {
    let line_start = src[..at.min(src.len())].rfind('\n').map_or(0, |i| i + 1);
    let rest = src.get(at..)?;
    let mut value = rest.split(['\n', '\r']).next()?;
    if let Some(comment) = value.find(" #") {
        value = &value[..comment];
    }
    if src[line_start..at].contains(['[', '{']) {
        value = value.split([',', ']', '}']).next()?;
    }
    let value = value.trim_end();
    let simple = !value.is_empty()
        && value.chars().count() <= 60
        && !value.contains(['"', '\\'])
        && value.chars().all(|c| !c.is_control());
    let quoted = format!("\"{value}\"");
    simple.then(|| match value.contains('`') {
        true => quoted,
        false => format!("`{quoted}`"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_the_library_s_without_the_place() {
        let src = "a: [b\n";
        let error = serde_saphyr::from_str::<serde_json::Value>(src).unwrap_err();
        let said = plain(&error, src, 0).message;
        assert!(!said.contains("line") && !said.is_empty(), "{said}");
    }

    #[test]
    fn the_scanner_s_character_is_read_back() {
        assert_eq!(unexpected_character("unexpected character: `@'"), Some('@'));
        assert_eq!(unexpected_character("unexpected character: ``'"), Some('`'));
        assert_eq!(
            unexpected_character("unexpected character: `\\u{7}'"),
            Some('\u{7}')
        );
        assert_eq!(unexpected_character("unclosed bracket"), None);
    }

    #[test]
    fn the_example_is_the_value_up_to_a_comment_or_the_flow_s_end() {
        let src = "owner: @acme/payments # the team\nroles: [@a, b]\n";
        assert_eq!(
            quoted_example(src, 7).as_deref(),
            Some("`\"@acme/payments\"`")
        );
        let at = src.find("@a,").unwrap();
        assert_eq!(quoted_example(src, at).as_deref(), Some("`\"@a\"`"));
        assert_eq!(quoted_example("x: @a\"b\n", 3), None);
    }

    #[test]
    fn no_breach_is_said_in_debug_text() {
        for breach in [
            BudgetBreach::Documents { documents: 2 },
            BudgetBreach::Depth { depth: 129 },
            BudgetBreach::Events { events: 9 },
            BudgetBreach::Nodes { nodes: 9 },
            BudgetBreach::Anchors { anchors: 9 },
            BudgetBreach::SequenceUnbalanced,
        ] {
            let said = breach_message(&breach);
            assert!(!said.contains('{') && !said.contains("alias"), "{said}");
        }
    }
}
