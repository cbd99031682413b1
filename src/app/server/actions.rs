//! Quick fixes for the findings under the cursor: the finding's own fix when it has one (a
//! misspelt label, rule, role, owner or domain replaced by the one it is closest to; the blank
//! line that takes a field label out of the list above), and a suppression comment for the
//! finding's rule, with a `-- reason` to fill in.

use std::collections::HashMap;

use lsp_types::{CodeAction, CodeActionKind, CodeActionOrCommand, Range, TextEdit, WorkspaceEdit};

use super::convert;
use super::file_uri;
use super::folder::Folder;
use super::position::{self, Encoding};
use crate::diagnostic::Diagnostic;
use crate::source::{FileId, Format, SourceFile, Span};

/// The quick fixes for the findings of a file that touch `range` (a cursor is an empty range).
pub fn code_actions(
    folder: &Folder,
    id: FileId,
    range: Range,
    encoding: Encoding,
) -> Vec<CodeActionOrCommand> {
    let file = folder.file(id);
    let Some(uri) = file_uri(folder.path(id)) else {
        return Vec::new();
    };
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

/// The comment that suppresses a finding's rule on its line: `ownlint-disable-next-line` on a
/// line of its own above it, indented as the line; at the end of the line instead
/// (`ownlint-disable-line`) for a Markdown list item or table row, where a line of its own
/// would end the list or the table.
fn suppression(
    file: &SourceFile,
    d: &Diagnostic,
    encoding: Encoding,
) -> Option<(String, TextEdit)> {
    let starts = file.line_starts();
    let line = starts.partition_point(|&s| s <= d.span.start).max(1) - 1;
    let line_start = starts[line] as usize;
    let line_end = starts
        .get(line + 1)
        .map_or(file.text.len(), |&next| next as usize);
    let text = &file.text[line_start..line_end];
    let content = text.trim_end_matches(['\n', '\r']);
    // The comment's own line ends as the file's lines do.
    let eol = match &text[content.len()..] {
        "" => "\n",
        eol => eol,
    };
    let indent = &content[..content.len() - content.trim_start().len()];
    let rest = content.trim_start();
    let rule = d.rule.name;
    let title = format!("Suppress `{rule}` on this line");
    let in_list_or_table = ["- ", "* ", "+ ", "|"].iter().any(|m| rest.starts_with(m))
        || rest.split_once(['.', ')']).is_some_and(|(n, after)| {
            !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && after.starts_with(' ')
        });
    let (offset, new_text) = match file.format {
        Format::Yaml => (
            line_start,
            format!("{indent}# ownlint-disable-next-line {rule} -- reason{eol}"),
        ),
        Format::Markdown if in_list_or_table => (
            line_start + content.len(),
            format!(" <!-- ownlint-disable-line {rule} -- reason -->"),
        ),
        Format::Markdown => (
            line_start,
            format!("{indent}<!-- ownlint-disable-next-line {rule} -- reason -->{eol}"),
        ),
    };
    let at = position::range(file, Span::empty_at(offset), encoding);
    Some((
        title,
        TextEdit {
            range: at,
            new_text,
        },
    ))
}
