//! Text from the documents in the Markdown an editor renders (hover cards): escaped, so that
//! what a document says is shown as written and never becomes a link, an image or markup.

use std::path::Path;

use crate::util::sanitize;

/// `text` with Markdown's punctuation escaped and control characters written out.
pub fn escape(text: &str) -> String {
    let text = sanitize::escape(text);
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        // What starts markup inline: emphasis, code, links and images, HTML and entities,
        // tables. (Line-start markup cannot occur: a text never starts a line of a card.)
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '('
                | ')'
                | '!'
                | '|'
                | '~'
                | '#'
                | '&'
                | '{'
                | '}'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `[path:line](file:///…/path#Lline)`: a place in a file of the folder, as a link editors
/// open at the line.
pub fn place_link(root: &Path, path: &str, line: usize) -> String {
    let shown = escape(&format!("{path}:{line}"));
    match super::file_uri(&root.join(path)) {
        Some(uri) => format!("[{shown}]({}#L{line})", uri.as_str()),
        None => shown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_text_is_never_markup() {
        assert_eq!(
            escape("[x](https://e.vil) *b*"),
            r"\[x\]\(https://e.vil\) \*b\*"
        );
        assert_eq!(escape("![img](a)"), r"\!\[img\]\(a\)");
        assert!(!escape("bell\u{7}").contains('\u{7}'));
    }
}
