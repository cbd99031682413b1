//! Lint findings as plain data, and what is known of the rules that make them. Rules build
//! findings, reporters print them; neither needs the other.
//!
//! May import: `source` (spans and file ids), `util`. Every layer above reads findings.

mod summary;

pub use summary::Summary;

use crate::source::{FileId, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A place in a file, with what to say about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub file: FileId,
    pub span: Span,
    pub message: String,
}

/// One finding.
#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub rule: &'static RuleMeta,
    /// Set from the rule's default or the user's override when the finding is reported.
    pub severity: Severity,
    /// One sentence, no trailing period.
    pub message: String,
    pub file: FileId,
    pub span: Span,
    /// What the underline says, if anything beyond the message.
    pub label: Option<String>,
    /// Related places, possibly in other files.
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    /// An edit that fixes the finding, when one is certain enough to apply unseen: a misspelt
    /// name replaced by the one it is closest to, a missing blank line. The language server
    /// offers it as a quick fix.
    pub fix: Option<Fix>,
}

/// An edit of the finding's file: the text under `span` replaced by `replacement` (an empty
/// span inserts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    /// What the edit does, as a command an editor shows: ``Replace with `Owner` ``.
    pub title: String,
    pub span: Span,
    pub replacement: String,
    pub applicability: Applicability,
}

/// Whether a fix may be applied without a person reading it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applicability {
    /// It keeps what the documents say, and `check --fix` applies it: a blank line, an
    /// unused suppression removed, CODEOWNERS made to follow the documents.
    Safe,
    /// A guess (the name closest to a misspelt one): the editor offers it, `check --fix`
    /// leaves it to a person.
    Suggested,
}

impl Fix {
    /// A safe edit ([`Applicability::Safe`]): the text under `span` replaced.
    pub fn safe(title: impl Into<String>, span: Span, replacement: impl Into<String>) -> Fix {
        Fix {
            title: title.into(),
            span,
            replacement: replacement.into(),
            applicability: Applicability::Safe,
        }
    }

    /// A misspelt text replaced by the word it is closest to: a suggestion.
    pub fn replace(span: Span, suggestion: &str) -> Fix {
        Fix {
            title: format!("Replace with `{suggestion}`"),
            span,
            replacement: suggestion.to_owned(),
            applicability: Applicability::Suggested,
        }
    }
}

impl Diagnostic {
    pub fn new(
        rule: &'static RuleMeta,
        file: FileId,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            rule,
            severity: rule.default_severity,
            message: message.into(),
            file,
            span,
            label: None,
            secondary: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_secondary(mut self, file: FileId, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            file,
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// "did you mean `suggestion`?", and the fix that writes it in place of `span` (the
    /// misspelt text, exactly as the source has it), when there is such a span: a text the
    /// source does not hold verbatim (Markdown markup removed) is not replaced unseen.
    pub fn with_suggestion(self, suggestion: &str, span: Option<Span>) -> Self {
        let d = self.with_help(format!("did you mean `{suggestion}`?"));
        match span {
            Some(span) => d.with_fix(Fix::replace(span, suggestion)),
            None => d,
        }
    }

    /// The order reports list findings in: by file, then place, then rule.
    pub fn sort_key(&self) -> (FileId, u32, u32, &'static str) {
        (self.file, self.span.start, self.span.end, self.rule.code)
    }
}

/// The family a rule belongs to; codes are grouped by hundreds per category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    /// OWN0xx: reading the documents.
    Structure,
    /// OWN1xx: one owner per domain.
    Ownership,
    /// OWN2xx: every owner has an escalation contact.
    Escalation,
    /// OWN3xx: owners answer for their SLOs.
    Slo,
    /// OWN4xx: owners have incident authority.
    Authority,
    /// OWN5xx: ownership changes between two revisions.
    Change,
    /// OWN6xx: the CODEOWNERS file, read and kept true to the documents.
    Codeowners,
    /// OWN7xx: Backstage catalog entities, checked across the workspace.
    Catalog,
}

impl Category {
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Structure => "structure",
            Category::Ownership => "ownership",
            Category::Escalation => "escalation",
            Category::Slo => "slo",
            Category::Authority => "authority",
            Category::Change => "change",
            Category::Codeowners => "codeowners",
            Category::Catalog => "catalog",
        }
    }
}

/// What is known about a rule without running it.
#[derive(Debug)]
pub struct RuleMeta {
    pub code: &'static str,
    pub name: &'static str,
    pub default_severity: Severity,
    pub category: Category,
    /// What runs the rule: the rule itself, or a step of the pipeline around the rules.
    pub checker: Checker,
    /// The rule's documentation, from its doc comment.
    pub docs: &'static str,
}

/// Where ownlint lives on the web: its repository.
pub const HOME: &str = "https://github.com/ownlint/ownlint";

impl RuleMeta {
    /// The rule's page in the published documentation (`docs/rules.md`, one heading per rule).
    pub fn docs_url(&self) -> String {
        format!("{HOME}/blob/main/docs/rules.md#{}", self.name)
    }

    /// The documentation as Markdown, without the leading space rustdoc keeps on each line.
    pub fn documentation(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out
    }

    /// The first sentence under `## What it does`.
    pub fn summary(&self) -> String {
        let docs = self.documentation();
        let body = docs
            .split_once("## What it does")
            .map_or(docs.as_str(), |(_, rest)| rest);
        let paragraph: Vec<&str> = body
            .lines()
            .map(str::trim)
            .skip_while(|l| l.is_empty())
            .take_while(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let text = paragraph.join(" ");
        match text.find(". ") {
            Some(end) => text[..end].to_owned(),
            None => text.trim_end_matches('.').to_owned(),
        }
    }
}

/// What runs a rule, as ruff tags each rule with the checker that runs it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Checker {
    /// The rule's own `check_document`, on one document at a time, in parallel.
    Document,
    /// The rule's own `check_workspace`, on all documents of the run at once.
    Workspace,
    /// The suppression step of the pipeline (`lint::suppressions`), after every other rule:
    /// only it knows which comments silenced something.
    Suppressions,
    /// The change step of the pipeline (`lint::changes`) with `--base`: it compares two
    /// revisions, which no single run of the rules sees.
    Changes,
}

impl Checker {
    pub fn as_str(self) -> &'static str {
        match self {
            Checker::Document => "document",
            Checker::Workspace => "workspace",
            Checker::Suppressions => "suppressions",
            Checker::Changes => "changes",
        }
    }

    /// What runs a rule, for its documentation.
    pub fn describe(self) -> &'static str {
        match self {
            Checker::Document => "each document",
            Checker::Workspace => "all documents together",
            Checker::Suppressions => "the suppression comments, after every other rule",
            Checker::Changes => "the comparison with `--base`",
        }
    }
}

/// The rule of `catalog` named by `name_or_code`, compared case-insensitively.
pub fn find_rule(catalog: &[&'static RuleMeta], name_or_code: &str) -> Option<&'static RuleMeta> {
    catalog.iter().copied().find(|m| {
        m.name.eq_ignore_ascii_case(name_or_code) || m.code.eq_ignore_ascii_case(name_or_code)
    })
}

/// The rule name of `catalog` closest to a misspelt one, for "did you mean".
pub fn closest_rule_name(catalog: &[&'static RuleMeta], word: &str) -> Option<&'static str> {
    let word = word.to_ascii_lowercase();
    // A name cut short (`placeholder-escalation`) means the rule it starts.
    let mut starting: Vec<&'static str> = catalog
        .iter()
        .map(|m| m.name)
        .filter(|name| word.len() >= 4 && name.starts_with(word.as_str()))
        .collect();
    starting.sort_by_key(|name| name.len());
    if let Some(name) = starting.first() {
        return Some(name);
    }
    crate::util::suggest::closest_match(&word, catalog.iter().map(|m| (m.name, m.name)))
        .map(|(_, name)| name)
}

/// What to suggest for a word that names no rule of `catalog`: the closest name
/// ([`closest_rule_name`]), else the closest code (`OWN201` for `OWN2O1`), else the name of
/// every rule whose name has the words of `word`, each exact or misspelt (`escalaton`: the
/// four escalation rules; `slo-range`: `slo-out-of-range`), in the catalog's order.
pub fn rule_suggestions(catalog: &[&'static RuleMeta], word: &str) -> Vec<&'static str> {
    use crate::util::suggest::closest_match;
    if let Some(name) = closest_rule_name(catalog, word) {
        return vec![name];
    }
    let code = word.to_ascii_uppercase();
    if let Some((code, _)) = closest_match(&code, catalog.iter().map(|m| (m.code, ()))) {
        return vec![code];
    }
    let word = word.to_ascii_lowercase();
    let name_words = || catalog.iter().flat_map(|m| m.name.split('-'));
    let Some(wanted) = word
        .split(|c: char| c == '-' || c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| match name_words().find(|n| *n == w) {
            Some(exact) => Some(exact),
            None => closest_match(w, name_words().map(|n| (n, ()))).map(|(n, _)| n),
        })
        .collect::<Option<Vec<&str>>>()
        .filter(|wanted| !wanted.is_empty())
    else {
        return Vec::new();
    };
    catalog
        .iter()
        .map(|m| m.name)
        .filter(|name| wanted.iter().all(|w| name.split('-').any(|n| n == *w)))
        .collect()
}
