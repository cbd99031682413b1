//! What a finding shows of a file: the lines of its labels and their context, escaped for a
//! terminal, each line cut around its labels when it is wider than the report, in a text of
//! the excerpt's own that miette reads.
//!
//! miette draws every line of the text a snippet reads, underlines by offsets into that text,
//! and merges two snippets whose lines meet. So the excerpt holds only the lines to show, in
//! runs of consecutive lines of the file, and a span never reads across two runs: each label
//! gets a snippet of its own lines and context, and only labels whose context meets share
//! one. The run of the primary label comes first, so that the first place miette names is the
//! finding's own. Lines and columns are the file's, as every other format counts them.

use std::ops::Range;

use miette::{MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents};
use unicode_width::UnicodeWidthChar;

use crate::source::{SourceFile, Span, floor_char_boundary};
use crate::util::sanitize::DisplayText;

/// Lines shown above and below each label (the report's handler is set to the same).
pub const CONTEXT_LINES: usize = 1;
/// The columns miette expands a tab to, at most (the report's handler is set to the same).
pub const TAB_WIDTH: usize = 4;
/// Stands for the part of a line that is cut.
const ELLIPSIS: &str = "…";
/// The fewest columns a cut line is given, however narrow the report: fewer show too little
/// of the line to recognise it.
const NARROWEST: usize = 40;

/// A label to show: its span in the file, and the text written under it.
pub type Mark<'t> = (Span, Option<&'t str>);

pub struct Excerpt<'a> {
    name: String,
    file: &'a SourceFile,
    /// The shown lines, each with a line break: miette draws no empty line without one, and
    /// the file's last line may have none.
    text: String,
    lines: Vec<ShownLine<'a>>,
    /// Runs of consecutive lines of the file, as ranges of `lines`, in the order shown.
    runs: Vec<Range<usize>>,
}

/// One line of the file as the excerpt shows it.
struct ShownLine<'a> {
    /// The 0-based line number in the file.
    number: usize,
    /// Where the line starts in the file, where its text ends, and where the next one starts.
    start: usize,
    end: usize,
    next: usize,
    /// The part of the line shown, in the file, and as shown.
    shown: Range<usize>,
    display: DisplayText<'a>,
    /// Where the line starts in the excerpt, and where its shown part is.
    at: usize,
    text_at: Range<usize>,
}

impl ShownLine<'_> {
    /// Where the line's text ends in the excerpt, after the `…` of a cut end.
    fn text_end(&self) -> usize {
        self.text_at.end + usize::from(self.shown.end < self.end) * ELLIPSIS.len()
    }

    /// Where the next line starts in the excerpt.
    fn line_end(&self) -> usize {
        self.text_end() + 1
    }

    /// Where an offset of the file on this line is in the excerpt; an offset in a part that
    /// is cut stands at its `…`.
    fn to_excerpt(&self, offset: usize) -> usize {
        if offset < self.shown.start {
            self.at
        } else if offset <= self.shown.end {
            let local = offset - self.shown.start;
            self.text_at.start + self.display.range(local..local).start
        } else if self.next > self.end && offset >= self.next {
            self.line_end()
        } else {
            self.text_end()
        }
    }

    /// Where an offset of the excerpt on this line is in the file: the start of the
    /// character shown there.
    fn to_file(&self, at: usize, text: &str) -> usize {
        if at < self.text_at.start {
            self.start
        } else if at <= self.text_at.end {
            let shown = at - self.text_at.start;
            let part = &text[self.shown.clone()];
            let boundaries = part.char_indices().map(|(i, _)| i).chain([part.len()]);
            let local = boundaries
                .take_while(|&i| self.display.range(i..i).start <= shown)
                .last()
                .unwrap_or(0);
            self.shown.start + local
        } else if at < self.line_end() {
            self.end
        } else {
            self.next
        }
    }
}

impl<'a> Excerpt<'a> {
    /// The excerpt of `file` that shows `marks` (the primary label first) in a report
    /// `width` columns wide, and the marks' spans in it.
    pub fn new(
        file: &'a SourceFile,
        name: String,
        marks: &[Mark<'_>],
        width: usize,
    ) -> (Excerpt<'a>, Vec<SourceSpan>) {
        let text = file.text.as_str();
        let starts = file.line_starts();
        let line_of = |offset: usize| starts.partition_point(|&s| s as usize <= offset) - 1;
        // A file that ends with a line break has an empty last line: shown only when labelled.
        let last_line = starts.len()
            - 1
            - usize::from(starts.len() > 1 && starts[starts.len() - 1] as usize == text.len());
        let spans: Vec<Range<usize>> = marks
            .iter()
            .map(|(span, _)| {
                let start = floor_char_boundary(text, span.start as usize);
                start..floor_char_boundary(text, span.end as usize).max(start)
            })
            .collect();
        // The first and last line of each label: the line of its last character.
        let label_lines: Vec<(usize, usize)> = spans
            .iter()
            .map(|s| (line_of(s.start), line_of(s.end.max(s.start + 1) - 1)))
            .collect();
        let runs = runs(&label_lines, last_line);

        // A line is cut to the report's width (the terminal's when known): a line wider than
        // the terminal wraps, and its underline is no longer under its text. rustc cuts long
        // lines to the terminal's width the same way. miette draws the line's number before
        // it and, beside lines a label spans, a gutter of its own.
        let widest_number = runs.iter().map(|r| r.end).max().unwrap_or(1);
        let spanning = label_lines.iter().filter(|(f, l)| f != l).count();
        let gutter =
            widest_number.to_string().len() + 4 + if spanning > 0 { spanning + 3 } else { 0 };
        let budget = width.saturating_sub(gutter).max(NARROWEST);

        let mut excerpt = Excerpt {
            name,
            file,
            text: String::new(),
            lines: Vec::new(),
            runs: Vec::new(),
        };
        for run in runs {
            let first = excerpt.lines.len();
            for number in run {
                let parts: Vec<Part> = marks
                    .iter()
                    .zip(&spans)
                    .zip(&label_lines)
                    .filter(|(_, (first, last))| (*first..=*last).contains(&number))
                    .map(|(((_, label), span), &(first, last))| Part {
                        span: span.clone(),
                        label_columns: label.filter(|_| first == last).map(columns),
                    })
                    .collect();
                excerpt.push_line(number, &parts, budget);
            }
            excerpt.runs.push(first..excerpt.lines.len());
        }
        let spans = spans
            .iter()
            .zip(&label_lines)
            .map(|(span, &(first, last))| {
                let from = excerpt.line(first).to_excerpt(span.start);
                let to = excerpt.line(last).to_excerpt(span.end).max(from);
                SourceSpan::new(from.into(), to - from)
            })
            .collect();
        (excerpt, spans)
    }

    fn line(&self, number: usize) -> &ShownLine<'a> {
        self.lines
            .iter()
            .find(|l| l.number == number)
            .expect("every labelled line is shown")
    }

    fn push_line(&mut self, number: usize, parts: &[Part], budget: usize) {
        let file: &'a SourceFile = self.file;
        let (range, next) = file.line_range(number);
        let (start, end) = (range.start, range.end);
        let shown = visible(&file.text[start..end], start, parts, budget);
        let shown = start + shown.start..start + shown.end;
        let display = DisplayText::new(&file.text[shown.clone()]);
        let at = self.text.len();
        if shown.start > start {
            self.text.push_str(ELLIPSIS);
        }
        let text_start = self.text.len();
        self.text.push_str(&display.text);
        let text_at = text_start..self.text.len();
        if shown.end < end {
            self.text.push_str(ELLIPSIS);
        }
        self.text.push('\n');
        self.lines.push(ShownLine {
            number,
            start,
            end,
            next,
            shown,
            display,
            at,
            text_at,
        });
    }
}

/// The runs of lines to show: each label's lines and their context, windows that overlap or
/// meet joined (miette would show them as one snippet), the primary label's run first.
fn runs(label_lines: &[(usize, usize)], last_line: usize) -> Vec<Range<usize>> {
    let mut windows: Vec<(usize, usize)> = label_lines
        .iter()
        .map(|&(first, last)| {
            let to = (last + CONTEXT_LINES).min(last_line).max(last);
            (first.saturating_sub(CONTEXT_LINES), to)
        })
        .collect();
    windows.sort_unstable();
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (from, to) in windows {
        match runs.last_mut() {
            Some(run) if from <= run.end => run.end = run.end.max(to + 1),
            _ => runs.push(from..to + 1),
        }
    }
    if let Some(&(primary, _)) = label_lines.first()
        && let Some(i) = runs.iter().position(|run| run.contains(&primary))
    {
        let run = runs.remove(i);
        runs.insert(0, run);
    }
    runs
}

/// The part of a label on one line: its span in the file, cut to the line, and the columns
/// of its text when miette writes it under this line.
struct Part {
    span: Range<usize>,
    label_columns: Option<usize>,
}

/// Columns as miette counts them: each character's width.
fn columns(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// The part of a line (`line`, which starts at `start` in the file) to show in `budget`
/// columns, as a range of the line: all of it when it fits, else a window around the parts
/// of labels on it (see [`window`]).
fn visible(line: &str, start: usize, parts: &[Part], budget: usize) -> Range<usize> {
    let shown = DisplayText::new(line);
    let tabs = memchr::memchr_iter(b'\t', line.as_bytes()).count();
    // A character takes no more columns than bytes as shown, but a tab.
    if shown.text.len() + tabs * (TAB_WIDTH - 1) <= budget {
        return 0..line.len();
    }
    // Where each character starts, in bytes of the line and in columns as shown; the end last.
    let mut offsets = Vec::with_capacity(line.len() + 1);
    let mut starts = Vec::with_capacity(line.len() + 1);
    let mut column = 0;
    for (i, c) in line.char_indices() {
        offsets.push(i);
        starts.push(column);
        column += match c {
            '\t' => TAB_WIDTH,
            _ => columns(&shown.text[shown.range(i..i + c.len_utf8())]),
        };
    }
    offsets.push(line.len());
    starts.push(column);
    let column_at = |offset: usize| {
        let local = offset.saturating_sub(start).min(line.len());
        starts[offsets.partition_point(|&o| o < local)]
    };
    let mut focus: Option<Range<usize>> = None;
    for part in parts {
        let from = column_at(part.span.start);
        // miette underlines an empty span with one column, and writes a label's text from
        // the middle of its underline, after `╰── `.
        let to = column_at(part.span.end).max(from + 1);
        let reach = part
            .label_columns
            .map_or(to, |w| to.max((from + to) / 2 + 4 + w));
        focus = Some(match focus {
            Some(f) => f.start.min(from)..f.end.max(reach),
            None => from..reach,
        });
    }
    let chars = window(&starts, focus.unwrap_or(0..0), budget);
    offsets[chars.start]..offsets[chars.end]
}

/// Which characters of a line to show in `budget` columns, `…` included for each cut side,
/// given the column each character starts at (the line's width last): from the line's start
/// when the columns `focus` fit there, else with `focus` in the middle, or to the line's end
/// when it is near; a `focus` too wide from its start.
fn window(starts: &[usize], focus: Range<usize>, budget: usize) -> Range<usize> {
    let n = starts.len() - 1;
    let width = starts[n];
    if width <= budget {
        return 0..n;
    }
    let first_from = |column: usize| starts.partition_point(|&c| c < column).min(n);
    let end_from = |a: usize| {
        let room = budget - usize::from(a > 0);
        if width - starts[a] <= room {
            n
        } else {
            starts.partition_point(|&c| c < starts[a] + room) - 1
        }
    };
    let mut a = if focus.end < budget {
        0
    } else if focus.len() + 2 <= budget {
        let spare = budget - 2 - focus.len();
        let centred = first_from(focus.start.saturating_sub(spare / 2));
        if end_from(centred) == n {
            first_from(width.max(focus.end) + 1 - budget)
        } else {
            centred
        }
    } else {
        first_from(focus.start)
    };
    // A character of no width belongs to the one before it: not shown after `…` alone.
    while a > 0 && a < n && starts[a + 1] == starts[a] && starts[a] < focus.start {
        a += 1;
    }
    a..end_from(a)
}

impl SourceCode for Excerpt<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        let bounds =
            |run: &Range<usize>| self.lines[run.start].at..self.lines[run.end - 1].line_end();
        let holds = |run: &&Range<usize>| {
            let b = bounds(run);
            b.start <= start && end <= b.end
        };
        // A span reads within one run of lines; one that starts where a run ends is the next's.
        let run = self
            .runs
            .iter()
            .filter(holds)
            .find(|run| start < bounds(run).end)
            .or_else(|| self.runs.iter().find(holds))
            .ok_or(MietteError::OutOfBounds)?;
        let lines = &self.lines[run.clone()];
        let line_at = |offset: usize| lines.partition_point(|l| l.at <= offset).max(1) - 1;
        let first = line_at(start);
        let last = if end > start { line_at(end - 1) } else { first };
        let from_line = first.saturating_sub(before);
        let to_line = (last + after).min(lines.len() - 1).max(first);
        // As miette's own: without lines before, the contents start at the span.
        let from = if before == 0 {
            start
        } else {
            lines[from_line].at
        };
        let to = lines[to_line].line_end();
        let in_file = lines[from_line].to_file(from, &self.file.text);
        let column = self.file.line_col(in_file).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            &self.text.as_bytes()[from..to],
            SourceSpan::new(from.into(), to - from),
            lines[from_line].number,
            column,
            // The lines read: miette merges the next snippet into this one when its first line
            // is at most this line plus this count.
            to_line + 1 - from_line,
        )))
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;
    use crate::source::{FileId, Format, Origin};

    fn file(text: &str) -> SourceFile {
        SourceFile::new(
            FileId(0),
            "f".to_owned(),
            PathBuf::from("f"),
            Format::Markdown,
            Origin::Explicit,
            text.as_bytes().to_vec(),
        )
    }

    fn lines(data: &[u8]) -> Vec<&str> {
        std::str::from_utf8(data)
            .unwrap()
            .split_terminator('\n')
            .collect()
    }

    /// A label's snippet, read with the context the report shows, holds its lines and as many
    /// more above and below, escaped, and counts them (miette's own count runs from the start
    /// of the text, which merges snippets far apart). Where nothing is cut, these are the lines
    /// miette reads of the whole text, but where the label's last character is a line break
    /// or an empty label stands on one (miette reads a line more after it, though it draws the
    /// label on the line the break ends), and but for the empty line after a last line break,
    /// which miette leaves out, and so never draws a label on it. Read alone, as miette reads it for the snippet's
    /// header, the label is at the file's line and column in characters, as the other formats
    /// count them (miette's column counts bytes).
    #[test]
    fn a_label_reads_its_lines_and_context_at_the_files_place() {
        let texts = [
            "one\ntwo\nthree\n\nfive\nsix\nseven\neight\n",
            "a\r\nbb\r\nccc\rdddd\r\n\r\neeeee\nf",
            "no line break at all",
            "\n\n\nx\n\n\n",
            "- Zürich ≤ 5ms\n- 東京: P95 ≤ 1s\n\n## Ünïcode\n",
            "a\u{0}b\u{1b}[2J\nc\u{202e}d\n",
        ];
        let c = CONTEXT_LINES;
        for raw in texts {
            let file = file(raw);
            let shown = DisplayText::new(raw);
            let whole: &str = &shown.text;
            let shown_lines: Vec<&str> = whole.split('\n').collect();
            // A last line break ends the last line; the empty line after it is shown if labelled.
            let last_line = shown_lines.len() - 1 - usize::from(whole.ends_with('\n'));
            // No value starts or ends between the two characters of a CRLF.
            let in_crlf = |i: usize| raw[..i].ends_with('\r') && raw[i..].starts_with('\n');
            for start in (0..=raw.len()).filter(|&i| raw.is_char_boundary(i) && !in_crlf(i)) {
                for len in [0, 1, 3, 9, 20] {
                    let end = floor_char_boundary(raw, (start + len).min(raw.len()));
                    if in_crlf(end) {
                        continue;
                    }
                    let at = (raw, start, end);
                    let (excerpt, spans) =
                        Excerpt::new(&file, "f".to_owned(), &[(Span::new(start, end), None)], 200);
                    let snippet = excerpt.read_span(&spans[0], c, c).unwrap();

                    let last_char = raw[start..end]
                        .char_indices()
                        .last()
                        .map_or(start, |(i, _)| start + i);
                    let first = file.line_col(start).line - 1;
                    let last = file.line_col(last_char).line - 1;
                    let to = (last + c).min(last_line).max(last);
                    let from = first.saturating_sub(c);
                    assert_eq!(lines(snippet.data()), shown_lines[from..=to], "{at:?}");
                    assert_eq!(snippet.line(), from, "{at:?}");
                    assert_eq!(snippet.line_count(), to + 1 - from, "{at:?}");

                    if first <= last_line && !raw[last_char..].starts_with(['\n', '\r']) {
                        let display = shown.range(start..end);
                        let span = SourceSpan::new(display.start.into(), display.len());
                        let theirs = whole.read_span(&span, c, c).unwrap();
                        assert_eq!(lines(snippet.data()), lines(theirs.data()), "{at:?}");
                    }

                    let header = excerpt.read_span(&spans[0], 0, 0).unwrap();
                    assert_eq!(header.name(), Some("f"));
                    let place = file.line_col(start);
                    assert_eq!(header.line() + 1, place.line, "{at:?}");
                    assert_eq!(header.column() + 1, place.column, "{at:?}");
                }
            }
        }
    }

    /// Columns as miette draws a line: tabs to the next multiple of the tab width.
    fn drawn(line: &str) -> usize {
        line.chars().fold(0, |column, c| match c {
            '\t' => column + TAB_WIDTH - column % TAB_WIDTH,
            c => column + c.width().unwrap_or(0),
        })
    }

    /// A line too wide for the report is cut to its width, with `…` for each cut part, around
    /// the label wherever it is, and the label, underline and text, still fits: the label's
    /// span points at its own text, whatever the widths of the characters before it.
    #[test]
    fn a_long_line_is_cut_to_the_width_around_its_label() {
        let fillers = ["x", "東", "\u{0}", "e\u{301}", "\t", "a\tb東\u{7}"];
        let label = "not a team";
        for filler in fillers {
            for (before, after) in [(0, 900), (450, 450), (900, 0), (900, 1), (1, 900)] {
                let line = format!("{}TBD{}", filler.repeat(before), filler.repeat(after));
                let at = line.find("TBD").unwrap();
                let file = file(&line);
                let marks = [(Span::new(at, at + 3), Some(label))];
                let (excerpt, spans) = Excerpt::new(&file, "f".to_owned(), &marks, 80);
                let case = (filler, before, after);
                let shown = excerpt.text.strip_suffix('\n').unwrap();
                assert!(!shown.contains('\n'), "{case:?}");
                // The line number `1` and ` │ ` take 5 columns of the 80.
                let budget = 80 - 5;
                assert!(drawn(shown) <= budget, "{case:?}: {shown:?}");
                let span = spans[0].offset()..spans[0].offset() + spans[0].len();
                assert_eq!(&excerpt.text[span.clone()], "TBD", "{case:?}: {shown:?}");
                let (from, to) = (drawn(&shown[..span.start]), drawn(&shown[..span.end]));
                assert!(
                    (from + to) / 2 + 4 + label.len() <= budget,
                    "{case:?}: {shown:?}"
                );
                // Cut where the line goes on far from the label, and only there.
                assert_eq!(
                    shown.starts_with(ELLIPSIS),
                    before > 1,
                    "{case:?}: {shown:?}"
                );
                assert_eq!(shown.ends_with(ELLIPSIS), after > 1, "{case:?}: {shown:?}");
                assert!(!shown.starts_with("…\u{301}"), "{case:?}: {shown:?}");
            }
        }
    }

    /// Each label's lines with a line of context each side; lines that overlap or meet are one
    /// run, and the primary label's run (the first label's) comes first.
    #[test]
    fn labels_whose_context_meets_share_a_run_and_the_primarys_comes_first() {
        // Runs as (first line, line after), of a file of 100 lines or of `last` + 1.
        let runs_of = |lines: &[(usize, usize)], last: usize| -> Vec<(usize, usize)> {
            runs(lines, last)
                .into_iter()
                .map(|r| (r.start, r.end))
                .collect()
        };
        let labels = [(40, 40), (3, 3), (5, 5), (10, 10)];
        assert_eq!(runs_of(&labels, 99), [(39, 42), (2, 7), (9, 12)]);
        assert_eq!(runs_of(&[(3, 3), (6, 6)], 99), [(2, 8)]);
        assert_eq!(runs_of(&[(3, 3), (7, 7)], 99), [(2, 5), (6, 9)]);
        assert_eq!(runs_of(&[(0, 0), (5, 30)], 99), [(0, 2), (4, 32)]);
        // The context stops at the file's last line, but a label past it is shown.
        assert_eq!(runs_of(&[(0, 0)], 0), [(0, 1)]);
        assert_eq!(runs_of(&[(4, 4)], 3), [(3, 5)]);
    }
}
