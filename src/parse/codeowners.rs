//! CODEOWNERS text → [`Codeowners`]: each line a comment, a rule (a pattern and its owners)
//! or, on GitLab, a section header; every value with its span, and the syntax the host would
//! skip, reject or read otherwise than meant as a [`SyntaxProblem`] at its place.
//!
//! The facts come from GitHub's "About code owners" (the syntax, its exceptions to
//! `.gitignore`, the 3 MB limit, the error kinds of its CODEOWNERS errors API) and GitLab's
//! "Syntax of CODEOWNERS file" and "Advanced CODEOWNERS configuration" (sections, exclusions,
//! escaping, error handling).

use smallvec::SmallVec;

use crate::model::codeowners::GITHUB_SIZE_LIMIT;
use crate::model::{
    Codeowners, CodeownersRule, Flavor, Pattern, PatternError, Section, SyntaxProblem,
    SyntaxProblemKind, Text,
};
use crate::source::{SourceFile, Span};
use crate::util::suggest::closest_match;

/// The roles GitLab accepts after `@@`.
const GITLAB_ROLES: [&str; 6] = [
    "developer",
    "developers",
    "maintainer",
    "maintainers",
    "owner",
    "owners",
];

/// Read a CODEOWNERS file as `flavor`'s host reads it. Never fails and never panics: what the
/// host would not read as meant becomes a [`SyntaxProblem`].
pub fn codeowners<'s>(file: &'s SourceFile, flavor: Flavor) -> Codeowners<'s> {
    let src = file.text.as_str();
    let mut reader = Reader {
        src,
        flavor,
        out: Codeowners::new(file.id, flavor),
    };
    if flavor == Flavor::GitHub && src.len() >= GITHUB_SIZE_LIMIT {
        // On the line where the limit falls: a span over the rest of the file would be
        // megabytes for the reports (and their fingerprints) to carry.
        let line = file.line_range(file.line_col(GITHUB_SIZE_LIMIT).line - 1).0;
        reader.problem(
            Span::new(line.start, line.end),
            SyntaxProblemKind::FileTooLarge,
            "GitHub does not load a CODEOWNERS file of 3 MB or more: this line is past 3 MB"
                .to_owned(),
            "make the file smaller: one wildcard pattern can replace many lines",
        );
    }
    let mut start = if src.starts_with('\u{feff}') { 3 } else { 0 };
    let bytes = src.as_bytes();
    while start <= src.len() {
        let end = memchr::memchr2(b'\n', b'\r', &bytes[start..]).map_or(src.len(), |i| start + i);
        reader.line(start, end);
        start = match bytes.get(end) {
            Some(b'\r') if bytes.get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => break,
        };
    }
    reader.out
}

struct Reader<'s> {
    src: &'s str,
    flavor: Flavor,
    out: Codeowners<'s>,
}

impl<'s> Reader<'s> {
    fn line(&mut self, start: usize, end: usize) {
        // A comment or a blank line, known before the words are split: most lines of a
        // generated file are comments.
        let first = self.src.as_bytes()[start..end]
            .iter()
            .position(|b| !matches!(b, b' ' | b'\t'));
        if first.is_none_or(|at| self.src.as_bytes()[start + at] == b'#') {
            return;
        }
        let words = words(self.src, start, end);
        let Some(&(first, _)) = words.first() else {
            return;
        };
        let text = &self.src[first..end];
        if text.starts_with('#') {
            return;
        }
        let mut report_owners = true;
        if self.flavor == Flavor::GitLab && (text.starts_with('[') || text.starts_with("^[")) {
            if self.section(first, end) {
                return;
            }
            // Its words after the first are no owners, as the problem below says.
            report_owners = false;
            self.problem(
                self.trimmed(first, end),
                SyntaxProblemKind::UnclosedSection,
                "this section header has no closing `]`",
                "end the name with `]`: GitLab reads this line as a rule",
            );
        }
        self.rule(&words, end, report_owners);
    }

    /// A GitLab section header starting at `at`; false when it is none (no `]`).
    fn section(&mut self, at: usize, end: usize) -> bool {
        let optional = self.src[at..].starts_with('^');
        let open = at + usize::from(optional);
        let Some(close) = self.src[open..end].find(']').map(|i| open + i) else {
            return false;
        };
        let index = self.out.sections.len();
        let name = Text::exact(self.src, Span::new(open + 1, close));
        if name.is_empty() {
            self.problem(
                Span::new(open, close + 1),
                SyntaxProblemKind::MissingSectionName,
                "this section header has no name",
                "write the section's name between the brackets: `[Documentation]`",
            );
        }
        let mut after = close + 1;
        let mut approvals = None;
        if self.src[after..end].starts_with('[') {
            let close = self.src[after..end].find(']').map(|i| after + i);
            let inner = Span::new(after + 1, close.unwrap_or(end));
            let number = Text::exact(self.src, inner);
            if close.is_none() || !number.as_str().parse::<u32>().is_ok_and(|n| n >= 1) {
                self.problem(
                    Span::new(after, close.map_or(end, |c| c + 1)),
                    SyntaxProblemKind::InvalidApprovals,
                    "the number of approvals is not a whole number of at least 1",
                    "write `[2]` for two approvals; GitLab asks for one otherwise",
                );
            }
            approvals = Some(number);
            after = close.map_or(end, |c| c + 1);
        }
        let owner_words = words(self.src, after, end);
        let (default_owners, last) = self.owners(&owner_words, end, false);
        let default_owners = default_owners.into_vec();
        let default_owner_ids = self.owner_ids(&default_owners);
        let canonical = self
            .out
            .sections
            .iter()
            .find(|s| s.name.as_str().to_lowercase() == name.as_str().to_lowercase())
            .map_or(index, |s| s.canonical);
        self.out.sections.push(Section {
            name,
            optional,
            approvals,
            default_owners,
            default_owner_ids,
            span: Span::new(at, last.max(after)),
            canonical,
        });
        true
    }

    fn rule(&mut self, words: &[(usize, usize)], end: usize, report_owners: bool) {
        let (start, pattern_end) = words[0];
        let mut skipped = false;
        let exclusion = self.flavor == Flavor::GitLab && self.src[start..].starts_with('!');
        let pattern = Text::exact(
            self.src,
            Span::new(start + usize::from(exclusion), pattern_end),
        );
        if self.flavor == Flavor::GitHub {
            skipped = self.github_pattern(&pattern);
        }
        if pattern.as_str().starts_with('@') {
            self.problem(
                pattern.span,
                SyntaxProblemKind::OwnerAsPattern,
                "this line starts with an owner, which is read as its pattern",
                "a rule is a pattern and then its owners: `* @owner` gives the owner every file",
            );
        }
        let matcher = match Pattern::with_flavor(pattern.as_str(), self.flavor) {
            Ok(matcher) => Some(matcher),
            Err(err) => {
                skipped |= self.flavor == Flavor::GitHub;
                let help = match err {
                    PatternError::MatchesNothing if pattern.as_str() == "/" => {
                        "did you mean `*`, which matches every file?"
                    }
                    PatternError::MatchesNothing => "remove the empty segment (`//`)",
                    PatternError::Empty => "write the paths to exclude after `!`",
                };
                let span = if pattern.span.is_empty() {
                    Span::new(start, pattern_end)
                } else {
                    pattern.span
                };
                self.problem(
                    span,
                    SyntaxProblemKind::InvalidPattern,
                    format!("invalid pattern: {err}"),
                    help,
                );
                None
            }
        };
        let problems_before = self.out.problems.len();
        let (owners, last) = self.owners(&words[1..], end, report_owners);
        let owner_ids = self.owner_ids(&owners);
        let section = self.out.sections.len().checked_sub(1);
        if self.flavor == Flavor::GitHub && self.out.problems.len() > problems_before {
            skipped = true; // GitHub skips a line with an invalid owner
        }
        if self.flavor == Flavor::GitLab && report_owners {
            self.gitlab_owners(&pattern, &owners, exclusion, section);
        }
        let first_owner = self.out.owners.len() as u32;
        self.out.owners.extend(owners);
        let owners_range = first_owner..self.out.owners.len() as u32;
        self.out.rules.push(CodeownersRule {
            pattern,
            owners: owners_range,
            owner_ids,
            span: Span::new(start, last.max(pattern_end)),
            section,
            exclusion,
            skipped,
            matcher,
        });
    }

    /// GitHub's exceptions to `.gitignore`; true when GitHub skips the line for them.
    fn github_pattern(&mut self, pattern: &Text<'s>) -> bool {
        let text = pattern.as_str();
        let span = pattern.span;
        if text.starts_with('!') {
            self.problem(
                Span::new(span.start as usize, span.start as usize + 1),
                SyntaxProblemKind::Negation,
"`!` does not negate a pattern on GitHub",
"to leave paths without an owner, give them a later line of their own with no owners",
);
            return true;
        }
        if text.starts_with("\\#") {
            self.problem(
                Span::new(span.start as usize, span.start as usize + 2),
                SyntaxProblemKind::EscapedHash,
                "GitHub does not read `\\#` as an escaped `#`",
                "`?` matches the `#` (and any other character): `?name` matches `#name`",
            );
            return true;
        }
        if let Some(open) = unescaped(text, b'[') {
            let close = text[open..].find(']').map_or(open + 1, |i| open + i + 1);
            let header = (open == 0 || (open == 1 && text.starts_with('^'))) && text.ends_with(']');
            let (message, help) = if header {
                (
                    format!("GitHub has no sections: `{text}` is read as a pattern"),
                    "if the file is GitLab's, set `codeowners.flavor: gitlab` in .ownlint.yaml \
                     (or keep it in .gitlab/); on GitHub, remove the header",
                )
            } else {
                (
                    "`[ ]` is not a character range on GitHub".to_owned(),
                    "GitHub has no character ranges: write one line for each name",
                )
            };
            let span = match header {
                true => pattern.span,
                false => pattern.span_of(open..close),
            };
            self.problem(span, SyntaxProblemKind::CharacterRange, message, help);
            return true;
        }
        false
    }

    /// Read owners from `words`; returns the valid ones and where the last word before a
    /// comment ends (0 when there is none). `report` is false for a section header read as
    /// a rule, whose words were reported with it.
    fn owners(
        &mut self,
        words: &[(usize, usize)],
        end: usize,
        report: bool,
    ) -> (SmallVec<[Text<'s>; 2]>, usize) {
        let mut owners = SmallVec::new();
        let mut last = 0;
        let mut in_comment = false;
        for &(start, stop) in words {
            let word = &self.src[start..stop];
            if word.starts_with('#') && !in_comment {
                if self.flavor == Flavor::GitHub {
                    break;
                }
                in_comment = true;
                self.problem(
                    self.trimmed(start, end),
                    SyntaxProblemKind::InlineComment,
                    "GitLab does not support a comment after a rule",
                    "put the comment on a line of its own: GitLab reads the owners in it",
                );
            }
            if !in_comment {
                last = stop;
            }
            if is_owner(self.flavor, word) {
                owners.push(Text::exact(self.src, Span::new(start, stop)));
            } else if !in_comment && report {
                let help = owner_help(self.flavor, word);
                self.problem(
                    Span::new(start, stop),
                    SyntaxProblemKind::InvalidOwner,
                    format!("`{word}` is not an owner"),
                    help,
                );
            }
        }
        (owners, last)
    }

    /// The numbers of `owners` in the file's [`Codeowners::owner_ids`].
    fn owner_ids(&mut self, owners: &[Text<'s>]) -> SmallVec<[u32; 2]> {
        owners
            .iter()
            .map(|o| self.out.intern_owner(o.as_str()))
            .collect()
    }

    /// GitLab's checks of a rule's owners.
    fn gitlab_owners(
        &mut self,
        pattern: &Text<'s>,
        owners: &[Text<'s>],
        exclusion: bool,
        section: Option<usize>,
    ) {
        if let (true, Some(first), Some(final_owner)) = (exclusion, owners.first(), owners.last()) {
            self.problem(
                first.span.cover(final_owner.span),
                SyntaxProblemKind::OwnersOnExclusion,
                "an exclusion gives no owners",
                "remove the owners, or remove the `!` to make this a rule",
            );
        }
        let defaults = section.is_some_and(|s| !self.out.sections[s].default_owners.is_empty());
        if !exclusion && owners.is_empty() && !defaults {
            self.problem(
                pattern.span,
                SyntaxProblemKind::MissingOwners,
"this rule has no owners",
"name its owners, or the section's default owners (`[Section] @owner`): GitLab approves a rule without owners by itself",
);
        }
    }

    fn trimmed(&self, start: usize, end: usize) -> Span {
        let text = self.src[start..end].trim_end_matches([' ', '\t']);
        Span::new(start, start + text.len())
    }

    /// A problem at `span`, with what to write instead: every problem has its help.
    fn problem(
        &mut self,
        span: Span,
        kind: SyntaxProblemKind,
        message: impl Into<String>,
        help: impl Into<String>,
    ) {
        self.out.problems.push(SyntaxProblem {
            span,
            message: message.into(),
            help: Some(help.into()),
            kind,
        });
    }
}

/// The words of `src[start..end]`, split at spaces and tabs that no `\` escapes.
fn words(src: &str, start: usize, end: usize) -> SmallVec<[(usize, usize); 4]> {
    let bytes = &src.as_bytes()[..end];
    let mut out = SmallVec::new();
    let mut i = start;
    while i < end {
        while i < end && matches!(bytes[i], b' ' | b'\t') {
            i += 1;
        }
        let word = i;
        while i < end && !matches!(bytes[i], b' ' | b'\t') {
            // An escaped byte never ends a word; a character after `\` is skipped whole,
            // its continuation bytes being no white space.
            i += if bytes[i] == b'\\' && i + 1 < end {
                2
            } else {
                1
            };
        }
        if i > word {
            out.push((word, i.min(end)));
        }
    }
    out
}

/// The byte offset of the first `byte` in `text` that no `\` escapes.
fn unescaped(text: &str, byte: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b if b == byte => return Some(i),
            _ => i += 1,
        }
    }
    None
}

/// Whether `word` is an owner as `flavor`'s host writes one: also what the team registry's
/// handles are held to, since they are written into CODEOWNERS.
pub fn is_owner(flavor: Flavor, word: &str) -> bool {
    let Some(name) = word.strip_prefix('@') else {
        return is_email(word);
    };
    match flavor {
        Flavor::GitHub => match name.split_once('/') {
            None => is_github_name(name),
            Some((org, team)) => {
                is_github_name(org)
                    && !team.is_empty()
                    && team
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            }
        },
        Flavor::GitLab => match name.strip_prefix('@') {
            Some(role) => GITLAB_ROLES.iter().any(|r| r.eq_ignore_ascii_case(role)),
            None => name.split('/').all(|part| {
                !part.is_empty()
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            }),
        },
    }
}

/// A GitHub user or organization name: letters, digits and `-` (and the `_` of managed
/// users' names), not starting with `-`.
fn is_github_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `local@domain.tld`, loosely: one `@`, something before it, a dotted domain after it.
fn is_email(word: &str) -> bool {
    let Some((local, domain)) = word.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && domain.split('.').all(|label| {
            !label.is_empty()
                && label
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        && local
            .bytes()
            .all(|b| b.is_ascii_graphic() && !b"#/\\".contains(&b))
}

fn owner_help(flavor: Flavor, word: &str) -> String {
    if let Some(role) = word.strip_prefix("@@").filter(|_| flavor == Flavor::GitLab) {
        let roles = GITLAB_ROLES.iter().map(|r| (*r, ()));
        return match closest_match(&role.to_ascii_lowercase(), roles) {
            Some((close, _)) => format!("did you mean `@@{close}`?"),
            None => "a role is `@@developer`, `@@maintainer` or `@@owner`".to_owned(),
        };
    }
    if !word.starts_with('@') && is_owner(flavor, &format!("@{word}")) {
        return format!("did you mean `@{word}`?");
    }
    match flavor {
        Flavor::GitHub => "an owner is `@user`, `@org/team-name` or an email address".to_owned(),
        Flavor::GitLab => {
            "an owner is `@user`, `@group`, `@group/subgroup`, `@@role` or an email address"
                .to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::SourceFile;

    fn file(text: &str) -> SourceFile {
        crate::testing::source_files(&[("CODEOWNERS", text.as_bytes())]).remove(0)
    }

    /// The problems of a file: each one's kind and the text under its span.
    fn problems(text: &str, flavor: Flavor) -> Vec<(SyntaxProblemKind, String)> {
        let f = file(text);
        let parsed = codeowners(&f, flavor);
        parsed
            .problems
            .iter()
            .map(|p| (p.kind, f.slice(p.span).to_owned()))
            .collect()
    }

    fn one_problem(text: &str, flavor: Flavor, kind: SyntaxProblemKind, spanned: &str) {
        assert_eq!(
            problems(text, flavor),
            [(kind, spanned.to_owned())],
            "{text:?} as {flavor:?}"
        );
    }

    use SyntaxProblemKind as K;

    #[test]
    fn owners_are_numbered_once_each_without_ascii_case() {
        let text = "[Docs] @Acme/Docs\n/a/ @acme/docs @Bob\n/b/ @ACME/DOCS you@example.com\n";
        let f = file(text);
        let parsed = codeowners(&f, Flavor::GitLab);
        let ids: Vec<&[u32]> = parsed.rules.iter().map(|r| &r.owner_ids[..]).collect();
        assert_eq!(ids, [&[0, 1][..], &[0, 2][..]]);
        assert_eq!(&parsed.sections[0].default_owner_ids[..], [0]);
        assert_eq!(parsed.owner_id("@aCmE/dOcS"), Some(0));
        assert_eq!(parsed.owner_id("You@Example.com"), Some(2));
        assert_eq!(parsed.owner_id("@carol"), None);
    }

    #[test]
    fn github_syntax_problems_point_at_their_text() {
        let gh = Flavor::GitHub;
        one_problem("!/apps/github @octocat\n", gh, K::Negation, "!");
        one_problem("*.[ch] @octocat\n", gh, K::CharacterRange, "[ch]");
        one_problem("[Docs]\n", gh, K::CharacterRange, "[Docs]");
        one_problem("\\#notes.md @octocat\n", gh, K::EscapedHash, "\\#");
        one_problem("* user\n", gh, K::InvalidOwner, "user");
        one_problem("* @coh.org\n", gh, K::InvalidOwner, "@coh.org");
        one_problem(
            "/docs/ @octocat @@maintainer\n",
            gh,
            K::InvalidOwner,
            "@@maintainer",
        );
        one_problem("/ @octocat\n", gh, K::InvalidPattern, "/");
        one_problem("a//b @octocat\n", gh, K::InvalidPattern, "a//b");
        one_problem(
            "  @octo-org/octocats\n",
            gh,
            K::OwnerAsPattern,
            "@octo-org/octocats",
        );
    }

    #[test]
    fn github_skips_the_lines_it_cannot_read_and_keeps_the_rest() {
        let f = file("* @a\n!*.md @b\n*.js user\n*.go @c # go\n");
        let parsed = codeowners(&f, Flavor::GitHub);
        let skipped: Vec<bool> = parsed.rules.iter().map(|r| r.skipped).collect();
        assert_eq!(skipped, [false, true, true, false]);
        assert_eq!(parsed.owners_of("x.md").unwrap().pattern.as_str(), "*");
        assert_eq!(parsed.owners_of("x.js").unwrap().pattern.as_str(), "*");
        assert_eq!(f.slice(parsed.rules[3].span), "*.go @c");
    }

    #[test]
    fn an_oversized_file_is_reported_on_github_only() {
        let mut text = "* @octocat\n".repeat(GITHUB_SIZE_LIMIT / 11 + 1);
        let f = file(&text);
        let parsed = codeowners(&f, Flavor::GitHub);
        let big: Vec<_> = parsed
            .problems
            .iter()
            .filter(|p| p.kind == K::FileTooLarge)
            .collect();
        assert_eq!(big.len(), 1);
        // The line the limit falls in: 3 MB is 3 bytes into a line of 11.
        let line_start = GITHUB_SIZE_LIMIT - GITHUB_SIZE_LIMIT % 11;
        assert_eq!(big[0].span, Span::new(line_start, line_start + 10));
        assert!(codeowners(&f, Flavor::GitLab).problems.is_empty());
        text.truncate(GITHUB_SIZE_LIMIT - 1);
        assert!(codeowners(&file(&text), Flavor::GitHub).problems.is_empty());
    }

    #[test]
    fn gitlab_syntax_problems_point_at_their_text() {
        let gl = Flavor::GitLab;
        one_problem("[] @docs\n", gl, K::MissingSectionName, "[]");
        one_problem("[Docs][0]\ndocs/ @docs\n", gl, K::InvalidApprovals, "[0]");
        one_problem(
            "[Docs][two]\ndocs/ @docs\n",
            gl,
            K::InvalidApprovals,
            "[two]",
        );
        one_problem("[Section name\n", gl, K::UnclosedSection, "[Section name");
        one_problem(
            "docs/ @docs # the docs team\n",
            gl,
            K::InlineComment,
            "# the docs team",
        );
        one_problem(
            "/path/* @group user_without_at\n",
            gl,
            K::InvalidOwner,
            "user_without_at",
        );
        one_problem("file.md @@reporter @a\n", gl, K::InvalidOwner, "@@reporter");
        one_problem("docs/\n", gl, K::MissingOwners, "docs/");
        one_problem("!pom.xml @ops\n", gl, K::OwnersOnExclusion, "@ops");
        one_problem("! \n", gl, K::InvalidPattern, "!");
        // Owners in a comment count on GitLab, after an exclusion too.
        assert_eq!(
            problems("!x\t#\t@a\r\n", gl),
            [
                (K::InlineComment, "#\t@a".to_owned()),
                (K::OwnersOnExclusion, "@a".to_owned()),
            ]
        );
    }

    #[test]
    fn help_suggests_the_owner_meant() {
        let f = file("* octocat\nfile.md @@maintaner\n");
        let gh = codeowners(&f, Flavor::GitHub);
        assert_eq!(
            gh.problems[0].help.as_deref(),
            Some("did you mean `@octocat`?")
        );
        let gl = codeowners(&f, Flavor::GitLab);
        let role = gl
            .problems
            .iter()
            .find(|p| f.slice(p.span) == "@@maintaner");
        assert_eq!(
            role.and_then(|p| p.help.as_deref()),
            Some("did you mean `@@maintainer`?")
        );
    }

    /// The example file of GitHub's "About code owners" (CODEOWNERS syntax), as written there.
    const GITHUB_EXAMPLE: &str = "# This is a comment.\n\
        *       @global-owner1 @global-owner2\n\
        *.js    @js-owner #This is an inline comment.\n\
        *.go docs@example.com\n\
        *.txt @octo-org/octocats\n\
        /build/logs/ @doctocat\n\
        docs/*  docs@example.com\n\
        apps/ @octocat\n\
        /docs/ @doctocat\n\
        /scripts/ @doctocat @octocat\n\
        **/logs @octocat\n\
        /apps/ @octocat\n\
        /apps/github\n";

    #[test]
    fn githubs_example_reads_without_problems() {
        let f = file(GITHUB_EXAMPLE);
        let parsed = codeowners(&f, Flavor::GitHub);
        assert_eq!(parsed.problems, []);
        let rules: Vec<(&str, Vec<&str>)> = parsed
            .rules
            .iter()
            .map(|r| {
                (
                    r.pattern.as_str(),
                    parsed.rule_owners(r).iter().map(Text::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(rules.len(), 12);
        assert_eq!(rules[0], ("*", vec!["@global-owner1", "@global-owner2"]));
        assert_eq!(rules[1], ("*.js", vec!["@js-owner"]));
        assert_eq!(rules[2], ("*.go", vec!["docs@example.com"]));
        assert_eq!(rules[3], ("*.txt", vec!["@octo-org/octocats"]));
        assert_eq!(rules[11], ("/apps/github", vec![]));
        for rule in &parsed.rules {
            assert_eq!(f.slice(rule.pattern.span), rule.pattern.as_str());
            assert!(!rule.skipped && rule.matcher.is_some());
        }
    }

    #[test]
    fn line_endings_a_bom_and_escaped_spaces_are_read_exactly() {
        let text = "\u{feff}# c\r\npath\\ with\\ spaces/ @space-owner\r\n\r\n\t*.rb\t@ruby-owner\r*.md @docs";
        let f = file(text);
        let parsed = codeowners(&f, Flavor::GitHub);
        assert_eq!(parsed.problems, []);
        let patterns: Vec<&str> = parsed.rules.iter().map(|r| r.pattern.as_str()).collect();
        assert_eq!(patterns, ["path\\ with\\ spaces/", "*.rb", "*.md"]);
        assert_eq!(
            f.slice(parsed.rules[0].span),
            "path\\ with\\ spaces/ @space-owner"
        );
        assert_eq!(
            f.slice(parsed.rule_owners(&parsed.rules[1])[0].span),
            "@ruby-owner"
        );
        assert!(parsed.rules[0].matches("path with spaces/a.txt"));
        assert_eq!(
            parsed.rule_owners(parsed.owners_of("a/b.md").unwrap())[0].as_str(),
            "@docs"
        );
    }

    /// The examples of GitLab's "Syntax of CODEOWNERS file" and "Advanced CODEOWNERS
    /// configuration": sections, optional sections, approvals, default owners, roles, nested
    /// groups, an escaped `#` and exclusions.
    const GITLAB_EXAMPLE: &str = "* @default-owner\n\
        README.md @doc-team @tech-lead\n\
        LICENSE @legal janedoe@gitlab.com\n\
        README @group @group/with-nested/subgroup\n\
        \\#file_with_pound.rb @owner-file-with-pound\n\
        path\\ with\\ spaces/ @space-owner\n\
        !pom.xml\n\
        [Documentation][2] @docs-team\n\
        docs/\n\
        README.md\n\
        ^[Database] @database-team\n\
        model/db/\n\
        config/db/database-setup.md @docs-team\n\
        /config/ @@maintainer\n\
        [DOCUMENTATION]\n\
        ee/docs/ @docs\n\
        !/config/**/*.rb\n";

    #[test]
    fn gitlabs_examples_read_without_problems() {
        let f = file(GITLAB_EXAMPLE);
        let parsed = codeowners(&f, Flavor::GitLab);
        assert_eq!(parsed.problems, []);
        let sections: Vec<(&str, bool, u32, Vec<&str>, usize)> = parsed
            .sections
            .iter()
            .map(|s| {
                let owners = s.default_owners.iter().map(Text::as_str).collect();
                (
                    s.name.as_str(),
                    s.optional,
                    s.required_approvals(),
                    owners,
                    s.canonical,
                )
            })
            .collect();
        assert_eq!(
            sections,
            [
                ("Documentation", false, 2, vec!["@docs-team"], 0),
                ("Database", true, 1, vec!["@database-team"], 1),
                ("DOCUMENTATION", false, 1, vec![], 0),
            ]
        );
        assert_eq!(
            f.slice(parsed.sections[0].span),
            "[Documentation][2] @docs-team"
        );
        let rules: Vec<(&str, Option<usize>, bool)> = parsed
            .rules
            .iter()
            .map(|r| (r.pattern.as_str(), r.section, r.exclusion))
            .collect();
        assert_eq!(rules[4], ("\\#file_with_pound.rb", None, false));
        assert_eq!(rules[6], ("pom.xml", None, true));
        assert_eq!(rules[7], ("docs/", Some(0), false));
        assert_eq!(rules[13], ("/config/**/*.rb", Some(2), true));
        assert!(parsed.rules[4].matches("#file_with_pound.rb"));
        assert_eq!(
            parsed.rule_owners(&parsed.rules[11])[0].as_str(),
            "@@maintainer"
        );
        let docs = &parsed.rules[7];
        assert_eq!(parsed.owners_for(docs)[0].as_str(), "@docs-team");
    }

    #[test]
    fn gitlab_sections_each_give_their_last_match() {
        // GitLab's "Sections" example: README.md has owners in three sections.
        let f = file(
            "* @admin\n\n[README Owners]\nREADME.md @user1 @user2\ninternal/README.md @user4\n\n\
             [README other owners]\nREADME.md @user3\n",
        );
        let parsed = codeowners(&f, Flavor::GitLab);
        let owners = |path: &str| -> Vec<(Option<usize>, String)> {
            parsed
                .owners_by_section(path)
                .into_iter()
                .map(|(s, r)| {
                    (
                        s,
                        parsed
                            .rule_owners(r)
                            .iter()
                            .map(Text::as_str)
                            .collect::<Vec<_>>()
                            .join(" "),
                    )
                })
                .collect()
        };
        assert_eq!(
            owners("README.md"),
            [
                (None, "@admin".to_owned()),
                (Some(0), "@user1 @user2".to_owned()),
                (Some(1), "@user3".to_owned()),
            ]
        );
        assert_eq!(
            owners("internal/README.md")[1],
            (Some(0), "@user4".to_owned())
        );
    }

    #[test]
    fn gitlab_exclusions_take_a_section_out_for_good() {
        // GitLab's exclusion example: once excluded, not included again in the section.
        let f = file("[Ruby]\n*.rb @ruby-team\n!/config/**/*.rb\n/config/routes.rb @ops\n");
        let parsed = codeowners(&f, Flavor::GitLab);
        assert_eq!(parsed.problems, []);
        assert!(parsed.owners_by_section("config/routes.rb").is_empty());
        assert_eq!(parsed.owners_by_section("app/user.rb").len(), 1);
    }
}
