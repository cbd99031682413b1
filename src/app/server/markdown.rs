//! Text from the documents in the Markdown an editor renders (hover cards): escaped, so that
//! what a document says is shown as written and never becomes a link, an image or markup.

use std::path::Path;

use crate::util::sanitize;

/// `text` as an inline code span, with control characters written out: every Markdown
/// renderer shows a code span as written, so there is nothing to escape (and no backslashes
/// for a renderer to show), and nothing in it can become a link, an image, HTML or markup.
pub fn code(text: &str) -> String {
    let text = sanitize::escape(text);
    // The fence is one backtick longer than the longest run in the text, and a text that
    // starts or ends with one is padded with a space, which the renderer takes off again.
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if text.is_empty() || text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// `[path:line](file:///…/path#Lline)`: a place in a file of the folder, as a link editors
/// open at the line.
pub fn place_link(root: &Path, path: &str, line: usize) -> String {
    let shown = code(&format!("{path}:{line}"));
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
        assert_eq!(code("[x](https://e.vil) *b*"), "`[x](https://e.vil) *b*`");
        assert_eq!(code("a `b` c"), "``a `b` c``");
        assert_eq!(code("`x``"), "``` `x`` ```");
        assert_eq!(code(""), "`  `");
        assert!(!code("bell\u{7} and\nnext").contains(['\u{7}', '\n']));
    }
}
