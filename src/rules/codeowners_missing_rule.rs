use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::index::codeowners::{PathFinding, PathProblem};
use crate::model::Codeowners;
use crate::rules::codeowners::{self as shared, insert_line};
use crate::rules::{Context, Rule};
use crate::semantics::paths;
use crate::source::{FileId, SourceFile, Span};

declare_rule! {
    /// ## What it does
    /// Reports a path a domain lists (`**Paths:**`, `paths:`) that the repository's
    /// CODEOWNERS file has no rule for, when the rule that owns its files instead — a broader
    /// one such as `*` — names someone other than the domain's owner, or nothing owns them.
    /// The finding is in CODEOWNERS, where the rule belongs: after the rule the files fall
    /// to, and before the rules for folders inside the path, so that it wins for the path
    /// and leaves them theirs. The fix writes the rule there, with the owner's handles from
    /// the team registry. A path whose files a broader rule already gives to the owner needs
    /// no rule of its own.
    ///
    /// A path that cannot be a CODEOWNERS pattern at all (`/`, a leading `#`) is reported in
    /// its document.
    ///
    /// The CODEOWNERS rules are checked when the repository has a CODEOWNERS file
    /// (`.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS`, or GitLab's
    /// `.gitlab/CODEOWNERS`), or when `codeowners.check` is `true` in `.ownlint.yaml`: then a
    /// repository without the file has every domain path reported, in its document.
    ///
    /// ## Why is this bad?
    /// The documents say who owns the code; GitHub and GitLab ask for reviews by CODEOWNERS.
    /// A path CODEOWNERS forgot is reviewed by whoever a broader rule names, or by nobody:
    /// changes to the domain merge without its owner seeing them.
    ///
    /// ## Example
    /// With `**Paths:** src/payments/` in the Payments domain, owned by Payment Service Team
    /// (`teams: {Payment Service Team: "@acme/payments"}`):
    /// ```text
    /// * @acme/platform
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// * @acme/platform
    /// src/payments/ @acme/payments
    /// ```
    ///
    /// ## Options
    /// `codeowners` in `.ownlint.yaml`: `check` (`true` or `false`), `flavor` (`github` or
    /// `gitlab`) and `file` (where the file is).
    pub struct CodeownersMissingRule {
        code: "OWN602",
        name: "codeowners-missing-rule",
        severity: Error,
        category: Codeowners,
        checker: Workspace,
    }
}

impl Rule for CodeownersMissingRule {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        let comparison = ws.codeowners_comparison(cx.settings);
        for finding in &comparison.paths {
            let d = match (&finding.problem, ws.codeowners()) {
                (PathProblem::NotAPattern, _) => not_a_pattern(ws, finding),
                (PathProblem::NoRule { falls_to }, Some((id, file))) => {
                    in_codeowners(ws, finding, id, file, *falls_to)
                }
                (PathProblem::NoRule { .. }, None) => without_file(ws, finding),
                _ => continue,
            };
            cx.report(d);
        }
    }
}

fn message(ws: &Workspace<'_>, finding: &PathFinding) -> String {
    format!(
        "CODEOWNERS has no rule for `{}`, a path of `{}`",
        ws.str(finding.domain.file, &finding.path).trim(),
        shared::domain_name(ws, finding.domain)
    )
}

fn in_codeowners(
    ws: &Workspace<'_>,
    finding: &PathFinding,
    id: FileId,
    file: &Codeowners<'_>,
    falls_to: Option<usize>,
) -> Diagnostic {
    let source = ws.file(id);
    let text = &source.text;
    let at = place(ws, finding, file, source, falls_to);
    let line = shared::rule_line(ws, finding);
    let label = match &line {
        Some(line) => format!("add `{line}` here"),
        None => "no rule can be written for the path".to_owned(),
    };
    let mut d = Diagnostic::new(
        &CodeownersMissingRule::META,
        id,
        Span::empty_at(at),
        message(ws, finding),
    )
    .with_label(label);
    if let Some(rule) = falls_to.map(|r| &file.rules[r]) {
        d = d.with_secondary(
            id,
            rule.span,
            format!(
                "its files fall to this rule, which names {}",
                shared::owners_shown(file, rule)
            ),
        );
    }
    d = shared::with_domain_places(d, ws, finding);
    match line {
        Some(line) => {
            let title = format!("Add `{line}` to CODEOWNERS");
            d.with_help("add the rule, or write the file from the documents: `ownlint export --format codeowners`")
                .with_fix(insert_line(text, at, &line, title))
        }
        None => d,
    }
}

/// Where the path's rule goes: before the first rule inside the path (one its pattern
/// covers) that comes after the rule its files fall to, in that rule's section, so that it
/// wins over the one and leaves the other its files; else right after the rule its files fall
/// to; else, with nothing matching its files, before the first GitLab section (in the rules
/// every path is held to) or at the end of the file.
fn place(
    ws: &Workspace<'_>,
    finding: &PathFinding,
    file: &Codeowners<'_>,
    source: &SourceFile,
    falls_to: Option<usize>,
) -> usize {
    let section = falls_to.and_then(|rule| file.section_of(&file.rules[rule]));
    let from = falls_to.map_or(0, |rule| rule + 1);
    let path = ws.str(finding.domain.file, &finding.path);
    let inside = paths::pattern(path, file.flavor).and_then(|pattern| {
        (from..file.rules.len()).find(|&i| {
            let rule = &file.rules[i];
            !rule.skipped
                && file.section_of(rule) == section
                && rule.matcher.as_ref().is_some_and(|m| pattern.covers(m))
        })
    });
    if let Some(rule) = inside {
        return source
            .line_around(file.rules[rule].span.range().start)
            .start;
    }
    if let Some(rule) = falls_to {
        return source.line_around(file.rules[rule].span.range().end).end;
    }
    match file.sections.first() {
        Some(header) => source.line_around(header.span.range().start).start,
        None => source.text.len(),
    }
}

fn without_file(ws: &Workspace<'_>, finding: &PathFinding) -> Diagnostic {
    let d = Diagnostic::new(
        &CodeownersMissingRule::META,
        finding.domain.file,
        finding.path.span,
        message(ws, finding),
    )
    .with_label("the repository has no CODEOWNERS file");
    let d = match shared::owner(ws, finding.domain) {
        Some((owner, span)) => d.with_secondary(
            finding.domain.file,
            span,
            format!(
                "owned by {}",
                shared::owner_with_handles(&owner, &finding.handles)
            ),
        ),
        None => d,
    };
    d.with_help(
        "write the file from the documents: `ownlint export --format codeowners --output-file .github/CODEOWNERS`",
    )
}

fn not_a_pattern(ws: &Workspace<'_>, finding: &PathFinding) -> Diagnostic {
    Diagnostic::new(
        &CodeownersMissingRule::META,
        finding.domain.file,
        finding.path.span,
        format!(
            "`{}`, a path of `{}`, cannot be a CODEOWNERS pattern",
            ws.str(finding.domain.file, &finding.path).trim(),
            shared::domain_name(ws, finding.domain)
        ),
    )
    .with_label("no rule can be written for this path")
    .with_help(
        "write a path from the repository's root, such as `src/payments/`: not `/` alone, not \
         starting with `#`, on one line",
    )
}
