//! A CODEOWNERS file as GitHub or GitLab reads it: its rules (a pattern and its owners), its
//! GitLab sections, and the places where its syntax is one the host would reject or skip.
//! Every value is a [`Text`] with its span, for reports and fixes.

mod pattern;

pub use pattern::{Pattern, PatternError};

use crate::model::text::Text;
use crate::source::{FileId, Span};

/// Which host's rules a CODEOWNERS file is read by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Flavor {
    /// GitHub: one list of rules, the last match wins; no `!`, no `[ ]`, no sections.
    GitHub,
    /// GitLab: rules grouped in sections (`[Name]`, `^[Name]`, `[Name][2] @owner`), each
    /// section with its own last match, and `!pattern` excluding paths in its section.
    ///
    /// Patterns are still matched as GitHub matches them ([`Pattern`]). GitLab's own matching
    /// differs in ways its documentation shows: a relative path with a `/` inside
    /// (`internal/README.md`) matches at any depth, a directory needs its trailing `/` to own
    /// the files below it, and `[ ]` is a character class.
    GitLab,
}

/// One CODEOWNERS file.
#[derive(Clone, Debug)]
pub struct Codeowners<'s> {
    pub file: FileId,
    pub flavor: Flavor,
    /// Every rule line, in file order; also those the host skips ([`CodeownersRule::skipped`]).
    pub rules: Vec<CodeownersRule<'s>>,
    /// GitLab section headers, in file order (always empty for GitHub).
    pub sections: Vec<Section<'s>>,
    pub problems: Vec<SyntaxProblem>,
}

/// A line that gives a pattern its owners (`/docs/ @org/docs-team`).
#[derive(Clone, Debug)]
pub struct CodeownersRule<'s> {
    /// The pattern as written, escapes (`\ `) kept; without the `!` of a GitLab exclusion.
    pub pattern: Text<'s>,
    /// The owners the host reads: `@user`, `@org/team`, `@group/subgroup`, `@@role` (GitLab)
    /// or an email address. Malformed ones are left out (each is a [`SyntaxProblem`]). Empty
    /// means the pattern has no owner (GitHub), or the section's default owners (GitLab).
    pub owners: Vec<Text<'s>>,
    /// The line's content, from its first character to the end of its owners (a trailing
    /// comment left out).
    pub span: Span,
    /// The index in [`Codeowners::sections`] of the header the line is under (GitLab).
    pub section: Option<usize>,
    /// A GitLab `!pattern`: paths it matches need no approval in its section.
    pub exclusion: bool,
    /// GitHub skips a line with invalid syntax (a [`SyntaxProblem`] on it): the rule is kept
    /// for its spans but takes no part in matching.
    pub skipped: bool,
    /// The compiled pattern; `None` when it cannot be compiled.
    pub matcher: Option<Pattern>,
}

/// A GitLab section header: `[Name]`, `^[Name]` (optional), `[Name][2]` (two approvals),
/// with default owners after it.
#[derive(Clone, Debug)]
pub struct Section<'s> {
    /// The name between the brackets, as written.
    pub name: Text<'s>,
    /// Written with a leading `^`: approval is not required. GitLab makes a section required
    /// when any of the headers of its name is.
    pub optional: bool,
    /// The number between the second brackets, as written.
    pub approvals: Option<Text<'s>>,
    /// The owners after the header, for the section's lines that name none.
    pub default_owners: Vec<Text<'s>>,
    /// The header line's content.
    pub span: Span,
    /// The index of the first section with the same name, compared without case (itself
    /// when it is the first): GitLab combines sections of one name.
    pub canonical: usize,
}

impl Section<'_> {
    /// How many approvals the section asks for: the number written, or 1 when there is none
    /// or it is not a whole number of at least 1 (as GitLab treats it).
    pub fn required_approvals(&self) -> u32 {
        self.approvals
            .as_ref()
            .and_then(|n| n.as_str().parse::<u32>().ok())
            .filter(|&n| n >= 1)
            .unwrap_or(1)
    }
}

/// A place where the file's syntax is not what the host reads as meant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxProblem {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
    pub kind: SyntaxProblemKind,
}

/// What is wrong, for rules to choose from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyntaxProblemKind {
    /// An owner that is not `@name`, `@org/team` (`@group/subgroup`, `@@role` on GitLab) or an
    /// email address (GitHub's "Invalid owner").
    InvalidOwner,
    /// A pattern that can never match (GitHub's "Invalid pattern"): `/`.
    InvalidPattern,
    /// A line that starts with an owner: the owner is read as the pattern, and the line
    /// gives nobody anything.
    OwnerAsPattern,
    /// GitHub: the file is 3 MB or more, and GitHub does not load it.
    FileTooLarge,
    /// GitHub: `!pattern`, which does not negate on GitHub.
    Negation,
    /// GitHub: `[ ]`, which is no character range on GitHub.
    CharacterRange,
    /// GitHub: `\#` at the start of a pattern, which GitHub does not read as an escaped `#`.
    EscapedHash,
    /// GitLab: a section header without a name (`[]`).
    MissingSectionName,
    /// GitLab: a line that starts like a section header but does not end like one
    /// (`[Section name`); GitLab reads it as a rule.
    UnclosedSection,
    /// GitLab: approvals that are not a whole number of at least 1 (`[Name][0]`).
    InvalidApprovals,
    /// GitLab: a comment after a rule, which GitLab does not support: owners in it count.
    InlineComment,
    /// GitLab: a rule with no owners in a section without default owners.
    MissingOwners,
    /// GitLab: owners after an exclusion, which excludes and assigns nothing.
    OwnersOnExclusion,
}

impl<'s> Codeowners<'s> {
    pub fn new(file: FileId, flavor: Flavor) -> Codeowners<'s> {
        Codeowners {
            file,
            flavor,
            rules: Vec::new(),
            sections: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// The rule that decides who owns `path` as GitHub reads the file: the last rule in file
    /// order whose pattern matches, or `None` when none does. A rule with no owners
    /// matching is `Some`: the path deliberately has no owner.
    ///
    /// For a GitLab file this is the last match in the whole file, whatever its section:
    /// GitLab applies every section, so use [`Codeowners::owners_by_section`] there.
    pub fn owners_of(&self, path: &str) -> Option<&CodeownersRule<'s>> {
        self.rules
            .iter()
            .rev()
            .filter(|rule| !rule.skipped && !rule.exclusion)
            .find(|rule| rule.matches(path))
    }

    /// GitLab: for each section that applies to `path`, its last matching rule, in the order
    /// the sections first appear (the rules before any header first, as the section `None`).
    /// Sections of one name (compared without case) are one section, named by its first
    /// header's index. A section where an exclusion matches the path does not apply, whatever
    /// follows the exclusion.
    pub fn owners_by_section(&self, path: &str) -> Vec<(Option<usize>, &CodeownersRule<'s>)> {
        let mut found: Vec<(Option<usize>, SectionMatch<'_, 's>)> = Vec::new();
        for rule in self.rules.iter().filter(|r| !r.skipped) {
            let section = rule.section.map(|s| self.sections[s].canonical);
            let at = match found.iter().position(|(s, _)| *s == section) {
                Some(at) => at,
                None => {
                    found.push((section, SectionMatch::None));
                    found.len() - 1
                }
            };
            if matches!(found[at].1, SectionMatch::Excluded) || !rule.matches(path) {
                continue;
            }
            found[at].1 = if rule.exclusion {
                SectionMatch::Excluded
            } else {
                SectionMatch::Rule(rule)
            };
        }
        found
            .into_iter()
            .filter_map(|(section, state)| match state {
                SectionMatch::Rule(rule) => Some((section, rule)),
                SectionMatch::None | SectionMatch::Excluded => None,
            })
            .collect()
    }

    /// The owners a rule gives: its own, or its GitLab section's default owners when it
    /// names none.
    pub fn owners_for<'a>(&'a self, rule: &'a CodeownersRule<'s>) -> &'a [Text<'s>] {
        if rule.owners.is_empty()
            && let Some(section) = rule.section.and_then(|s| self.sections.get(s))
        {
            return &section.default_owners;
        }
        &rule.owners
    }
}

/// Where a section stands on one path while its rules are read.
enum SectionMatch<'a, 's> {
    None,
    Rule(&'a CodeownersRule<'s>),
    Excluded,
}

impl CodeownersRule<'_> {
    /// Whether the rule's pattern matches `path` (false when it did not compile).
    pub fn matches(&self, path: &str) -> bool {
        self.matcher.as_ref().is_some_and(|m| m.matches(path))
    }
}
