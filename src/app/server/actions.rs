//! Quick fixes for the findings under the cursor: the finding's own fix when it has one (a
//! misspelt label, rule, role, owner or domain replaced by the one it is closest to; the blank
//! line that takes a field label out of the list above), and a suppression comment for the
//! finding's rule, with a `-- reason` to fill in.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, Uri, WorkspaceEdit,
};

use super::convert;
use super::folder::Folder;
use super::position::{self, Encoding};
use crate::diagnostic::{Checker, Diagnostic};
use crate::source::{FileId, Format, SourceFile, Span};

/// The quick fixes for the findings of a file that touch `range` (a cursor is an empty range).
pub fn code_actions(
    folder: &Folder,
    id: FileId,
    uri: &Uri,
    range: Range,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let file = folder.file(id);
    let start = position::offset(file, range.start, encoding);
    let end = position::offset(file, range.end, encoding);
    let mut fixes = Vec::new();
    let mut suppressions = Vec::new();
    for d in folder.findings_in(id) {
        if d.span.end < start as u32 || d.span.start > end as u32 {
            continue;
        }
        let diagnostic = convert::diagnostic(folder, d, encoding);
        let action = |title: String, edit: TextEdit, preferred: bool| {
            CodeActionOrCommand::CodeAction(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![diagnostic.clone()]),
                edit: Some(WorkspaceEdit {
                    changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
                    ..WorkspaceEdit::default()
                }),
                is_preferred: preferred.then_some(true),
                ..CodeAction::default()
            })
        };
        if let Some(fix) = &d.fix {
            let edit = TextEdit {
                range: position::range(file, fix.span, encoding),
                new_text: fix.replacement.clone(),
            };
            fixes.push(action(fix.title.clone(), edit, true));
        }
        if let Some((title, edit)) = suppression(file, d, encoding) {
            suppressions.push(action(title, edit, false));
        }
    }
    // The fixes first: they are what the finding asks for; a suppression is the way out.
    fixes.extend(suppressions);
    fixes
}

/// The comment that suppresses a finding's rule on its line, or the rule added to the comment
/// that already suppresses others there. A comment of its own above the line
/// (`ownlint-disable-next-line`), indented as the line; at the end of the line instead
/// (`ownlint-disable-line`) in Markdown where a line of its own would change what the document
/// says: in a list item or a table row, or on a line that continues one. None for the rules
/// about suppression comments, which a suppression comment cannot silence.
fn suppression(
    file: &SourceFile,
    d: &Diagnostic,
    encoding: Encoding,
) -> Option<(String, TextEdit)> {
    if d.rule.checker == Checker::Suppressions {
        return None;
    }
    let rule = d.rule.name;
    let title = format!("Suppress `{rule}` on this line");
    let line = Lines::of(file, d.span.start as usize);
    let at = |offset: usize| position::range(file, Span::empty_at(offset), encoding);
    let yaml = file.format == Format::Yaml;
    let at_line_end =
        !yaml && (starts_item(line.rest()) || line.previous().is_some_and(continues_item));
    let (directive, comment_line) = match at_line_end {
        true => ("ownlint-disable-line", Some(line.index)),
        false => ("ownlint-disable-next-line", line.index.checked_sub(1)),
    };
    // A comment already there for the line takes the rule after its own.
    if let Some(index) = comment_line
        && let Some(offset) = rules_end(&Lines::at(file, index), directive)
    {
        let edit = TextEdit {
            range: at(offset),
            new_text: format!(", {rule}"),
        };
        return Some((title, edit));
    }
    let edit = match (at_line_end, yaml) {
        (true, _) => TextEdit {
            range: at(line.start + line.content.len()),
            new_text: format!(" <!-- {directive} {rule} -- reason -->"),
        },
        (false, true) => TextEdit {
            range: at(line.start),
            new_text: format!(
                "{}# {directive} {rule} -- reason{}",
                line.indent(),
                line.eol
            ),
        },
        (false, false) => TextEdit {
            range: at(line.start),
            new_text: format!(
                "{}<!-- {directive} {rule} -- reason -->{}",
                line.indent(),
                line.eol
            ),
        },
    };
    Some((title, edit))
}

/// One line of a file: where it starts, its text without the line break, and the break.
struct Lines<'f> {
    file: &'f SourceFile,
    index: usize,
    start: usize,
    content: &'f str,
    eol: &'f str,
}

impl<'f> Lines<'f> {
    /// The line an offset is on.
    fn of(file: &'f SourceFile, offset: usize) -> Lines<'f> {
        let index = file
            .line_starts()
            .partition_point(|&s| s as usize <= offset)
            .max(1)
            - 1;
        Lines::at(file, index)
    }

    fn at(file: &'f SourceFile, index: usize) -> Lines<'f> {
        let (range, next) = file.line_range(index);
        let start = range.start;
        let content = &file.text[range.clone()];
        // A comment's own line ends as the file's lines do.
        let eol = match &file.text[range.end..next] {
            "" => "\n",
            eol => eol,
        };
        Lines {
            file,
            index,
            start,
            content,
            eol,
        }
    }

    fn indent(&self) -> &'f str {
        &self.content[..self.content.len() - self.content.trim_start().len()]
    }

    fn rest(&self) -> &'f str {
        self.content.trim_start()
    }

    /// The line above, when it is not blank.
    fn previous(&self) -> Option<Lines<'f>> {
        let above = Lines::at(self.file, self.index.checked_sub(1)?);
        (!above.content.trim().is_empty()).then_some(above)
    }
}

/// A Markdown list item (`- `, `* `, `+ `, `1. `, `1) `) or table row (`|`).
fn starts_item(rest: &str) -> bool {
    ["- ", "* ", "+ ", "|"].iter().any(|m| rest.starts_with(m))
        || rest.split_once(['.', ')']).is_some_and(|(n, after)| {
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && after.starts_with(' ')
        })
}

/// Whether the line after `above` (with no blank line between) continues a list item: `above`
/// is one, or is indented as its text is.
fn continues_item(above: Lines<'_>) -> bool {
    starts_item(above.rest()) || !above.indent().is_empty()
}

/// In line `line`, a suppression comment with `directive` that names rules: the offset just
/// after its last rule, where another is added.
fn rules_end(line: &Lines<'_>, directive: &str) -> Option<usize> {
    let at = line.content.find(directive)? + directive.len();
    let after = &line.content[at..];
    // The rules end where the reason (`-- …`) or the comment (`-->`) begins.
    let end = after.find("--").unwrap_or(after.len());
    let rules = after[..end].trim_end();
    (!rules.trim().is_empty()).then(|| line.start + at + rules.len())
}
