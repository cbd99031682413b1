//! The inputs of one run: finding the files ([`walk`]), reading them safely ([`read`]), from
//! stdin ([`stdin`]) or from a git revision ([`git`]), the files themselves, their ids, and
//! byte spans into them.
//!
//! Every value in the model carries a [`Span`], a byte range into the text of the file it
//! came from. Lines and columns are derived from spans only when a report is rendered.
//!
//! May import: `error`, `util`.

pub mod git;
pub mod read;
pub mod stdin;
pub mod walk;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::OnceLock;

/// Index of a [`SourceFile`] in the run's file list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FileId(pub u32);

impl FileId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A byte range `start..end` into one file's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end}");
        Span {
            start: clamp_u32(start),
            end: clamp_u32(end.max(start)),
        }
    }

    /// An empty span at `offset`, for a value that is missing at a known place.
    pub fn empty_at(offset: usize) -> Span {
        Span::new(offset, offset)
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    pub fn contains(self, offset: usize) -> bool {
        self.range().contains(&offset)
    }

    /// Whether `other` lies within this span.
    pub fn contains_span(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The format a file is read as, decided by its extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Yaml,
    /// A `CODEOWNERS` file, read as the host that uses it reads it.
    Codeowners(Flavor),
}

/// Which host's rules a CODEOWNERS file is read by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Flavor {
    /// GitHub: one list of rules, the last match wins; no `!`, no `[ ]`, no sections.
    #[default]
    GitHub,
    /// GitLab: rules grouped in sections (`[Name]`, `^[Name]`, `[Name][2] @owner`), each
    /// section with its own last match, `!pattern` excluding paths in its section, and
    /// patterns matched GitLab's way (see `model::codeowners::Pattern`).
    GitLab,
}

impl Flavor {
    /// Where the host looks for its CODEOWNERS file, in the order it looks, from the
    /// repository's root: the first that exists is the one it uses.
    pub fn places(self) -> &'static [&'static str] {
        match self {
            Flavor::GitHub => &[".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"],
            Flavor::GitLab => &["CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS"],
        }
    }

    /// The host whose file `path` is, by where it is: `.gitlab/CODEOWNERS` is GitLab's, any
    /// other GitHub's unless the configuration says (`codeowners.flavor`).
    pub fn of_path(path: &std::path::Path) -> Flavor {
        let in_gitlab = path
            .parent()
            .and_then(|p| p.file_name())
            .is_some_and(|dir| dir == ".gitlab");
        if in_gitlab {
            Flavor::GitLab
        } else {
            Flavor::GitHub
        }
    }
}

/// The name GitHub and GitLab give the file of review owners.
pub const CODEOWNERS: &str = "CODEOWNERS";

impl Format {
    /// The host a CODEOWNERS file is read as; `None` for a document.
    pub fn codeowners_flavor(self) -> Option<Flavor> {
        match self {
            Format::Codeowners(flavor) => Some(flavor),
            Format::Markdown | Format::Yaml => None,
        }
    }

    /// The format for a path, or `None` when ownlint does not read such files.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        if path.file_name().is_some_and(|name| name == CODEOWNERS) {
            return Some(Format::Codeowners(Flavor::of_path(path)));
        }
        let ext = path.extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") {
            Some(Format::Markdown)
        } else if ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml") {
            Some(Format::Yaml)
        } else {
            None
        }
    }
}

/// How a file came to be linted; it decides whether a file without ownership content is a
/// finding (`no-domains`) or silently skipped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Named on the command line, or matched by an include glob.
    Explicit,
    /// Met while walking a folder.
    Walked,
}

/// One input file, its text, and where it came from.
#[derive(Debug)]
pub struct SourceFile {
    pub id: FileId,
    /// The path as shown in reports: relative to the current directory as given.
    pub path: String,
    /// The path used to read the file.
    pub fs_path: PathBuf,
    pub format: Format,
    pub origin: Origin,
    /// The file's text. When the file is not valid UTF-8 this is a lossy copy, and
    /// `invalid_utf8_at` says where the first bad byte is (offsets before it are exact).
    pub text: String,
    pub invalid_utf8_at: Option<usize>,
    /// The file starts with a UTF-16 byte-order mark.
    pub utf16: bool,
    line_starts: OnceLock<Vec<u32>>,
}

/// A 1-based line and column; columns count Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(
        id: FileId,
        path: String,
        fs_path: PathBuf,
        format: Format,
        origin: Origin,
        bytes: Vec<u8>,
    ) -> SourceFile {
        let utf16 = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
        let (text, invalid_utf8_at) = match String::from_utf8(bytes) {
            Ok(text) => (text, None),
            Err(err) => {
                let at = err.utf8_error().valid_up_to();
                (
                    String::from_utf8_lossy(err.as_bytes()).into_owned(),
                    Some(at),
                )
            }
        };
        SourceFile {
            id,
            path,
            fs_path,
            format,
            origin,
            text,
            invalid_utf8_at,
            utf16,
            line_starts: OnceLock::new(),
        }
    }

    /// The text under a span; empty when the span lies outside the text.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }

    /// Byte offsets at which lines start. `\r\n`, `\n` and a lone `\r` all end a line,
    /// as they do for CommonMark.
    pub fn line_starts(&self) -> &[u32] {
        self.line_starts.get_or_init(|| line_starts(&self.text))
    }

    /// The bytes of 0-based line `index` without its line break, and where the next line
    /// starts (the text's end after the last line).
    pub fn line_range(&self, index: usize) -> (Range<usize>, usize) {
        let starts = self.line_starts();
        let start = starts[index] as usize;
        let next = starts
            .get(index + 1)
            .map_or(self.text.len(), |&s| s as usize);
        let content = self.text[start..next].trim_end_matches(['\n', '\r']);
        (start..start + content.len(), next)
    }

    /// The 0-based line that holds byte `offset` (the last line for the text's end).
    fn line_index(&self, offset: usize) -> usize {
        let starts = self.line_starts();
        starts.partition_point(|&s| s as usize <= offset).max(1) - 1
    }

    /// The line that holds byte `offset`: from its start to where the next line starts (its
    /// line break included; the text's end after the last line).
    pub fn line_around(&self, offset: usize) -> Range<usize> {
        let index = self.line_index(offset.min(self.text.len()));
        let (content, next) = self.line_range(index);
        content.start..next
    }

    /// The 1-based line and column of a byte offset (clamped to the text).
    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let line = self.line_index(offset) + 1;
        let line_start = self.line_starts()[line - 1] as usize;
        let mut column = self.text[line_start..offset].chars().count() + 1;
        if line == 1 && self.text.starts_with('\u{feff}') && offset > 0 {
            column -= 1; // editors do not show the byte-order mark
        }
        LineCol { line, column }
    }

    /// The byte offset of a 1-based line and column (columns in characters), clamped to the
    /// line; used to place errors reported by line and column only.
    pub fn offset_of(&self, line: usize, column: usize) -> usize {
        let starts = self.line_starts();
        let Some(&start) = starts.get(line.saturating_sub(1)) else {
            return self.text.len();
        };
        let start = start as usize;
        let end = starts
            .get(line)
            .map_or(self.text.len(), |&next| next as usize);
        let line_text = &self.text[start..end];
        let mut chars = line_text.char_indices();
        let byte = chars
            .nth(column.saturating_sub(1))
            .map_or(line_text.trim_end_matches(['\n', '\r']).len(), |(i, _)| i);
        start + byte
    }
}

pub fn line_starts(text: &str) -> Vec<u32> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(bytes.len() / 32 + 1);
    starts.push(0u32);
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
            starts.push(clamp_u32(i + 1));
        }
    }
    starts
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new(
            FileId(0),
            "t.md".into(),
            "t.md".into(),
            Format::Markdown,
            Origin::Explicit,
            text.as_bytes().to_vec(),
        )
    }

    #[test]
    fn line_col_counts_characters_and_all_line_endings() {
        let f = file("ab\r\nc≤d\re\nf");
        assert_eq!(f.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(f.line_col(4), LineCol { line: 2, column: 1 });
        assert_eq!(f.line_col(8), LineCol { line: 2, column: 3 }); // after `c≤`
        assert_eq!(f.line_col(10), LineCol { line: 3, column: 1 });
        assert_eq!(f.line_col(12), LineCol { line: 4, column: 1 });
        assert_eq!(f.offset_of(2, 3), 8);
        assert_eq!(f.offset_of(9, 1), f.text.len());
    }

    #[test]
    fn invalid_utf8_records_the_first_bad_byte() {
        let f = SourceFile::new(
            FileId(0),
            "t.md".into(),
            "t.md".into(),
            Format::Markdown,
            Origin::Explicit,
            b"ok\n\xff\xfe rest".to_vec(),
        );
        assert_eq!(f.invalid_utf8_at, Some(3));
    }
}
