//! What the `codeowners-*` rules that hold CODEOWNERS against the documents share (the
//! comparison itself is the run's, [`crate::index::codeowners`]): the places they label and
//! the lines their fixes write.

use crate::diagnostic::{Diagnostic, Fix};
use crate::index::codeowners::PathFinding;
use crate::index::{DomainId, Workspace};
use crate::model::{Codeowners, CodeownersRule};
use crate::semantics::paths;
use crate::source::{SourceFile, Span};

/// A domain's name as messages show it.
pub(crate) fn domain_name(ws: &Workspace<'_>, domain: DomainId) -> String {
    crate::model::names::display_name(ws.domain_name(domain).as_str()).to_owned()
}

/// The domain's one real owner as written, and where.
pub(crate) fn owner(ws: &Workspace<'_>, domain: DomainId) -> Option<(String, Span)> {
    let kept = ws.domain_facts(domain).owner_text?;
    Some((ws.str(domain.file, &kept).trim().to_owned(), kept.span))
}

/// `Payment Service Team` (`@acme/payments`), for messages.
pub(crate) fn owner_with_handles(owner: &str, handles: &[String]) -> String {
    let handles: Vec<String> = handles.iter().map(|h| format!("`{h}`")).collect();
    format!("`{owner}` ({})", handles.join(" "))
}

/// The domain's owner with the handles the finding holds CODEOWNERS to, for messages.
pub(crate) fn owner_of_finding(ws: &Workspace<'_>, finding: &PathFinding) -> String {
    let owner = owner(ws, finding.domain)
        .map(|(o, _)| o)
        .unwrap_or_default();
    owner_with_handles(&owner, &finding.handles)
}

/// The labels every path finding carries: the path in its document and the domain's owner.
pub(crate) fn with_domain_places(
    mut d: Diagnostic,
    ws: &Workspace<'_>,
    finding: &PathFinding,
) -> Diagnostic {
    let name = domain_name(ws, finding.domain);
    d = d.with_secondary(
        finding.domain.file,
        finding.path.span,
        format!("a path of `{name}`"),
    );
    if let Some((owner, span)) = owner(ws, finding.domain) {
        d = d.with_secondary(
            finding.domain.file,
            span,
            format!("`{name}` is owned by `{owner}`"),
        );
    }
    d
}

/// The CODEOWNERS line for a domain path: its pattern as ownlint writes it and the owner's
/// handles, as `export --format codeowners` writes it.
pub(crate) fn rule_line(ws: &Workspace<'_>, finding: &PathFinding) -> Option<String> {
    let pattern = paths::written(ws.str(finding.domain.file, &finding.path))?;
    Some(format!("{pattern} {}", finding.handles.join(" ")))
}

/// Where the comment ownlint writes above a rule ([`paths::rule_comment`]) names the owner
/// of `domain`, when the line above the rule at `rule` is that comment.
pub(crate) fn owner_in_comment(source: &SourceFile, rule: Span, domain: &str) -> Option<Span> {
    let line = source.line_around(rule.start as usize);
    let above = source.line_around(line.start.checked_sub(1)?);
    let text = source.text[above.clone()].trim_end_matches(['\n', '\r']);
    let named = paths::owner_in_rule_comment(text, domain)?;
    Some(Span::new(
        above.start + named.start,
        above.start + named.end,
    ))
}

/// The owners a rule gives (its own, or its GitLab section's), for messages: `nobody` when
/// none.
pub(crate) fn owners_shown(file: &Codeowners<'_>, rule: &CodeownersRule<'_>) -> String {
    let owners: Vec<String> = file
        .owners_for(rule)
        .iter()
        .map(|o| format!("`{o}`"))
        .collect();
    match owners.is_empty() {
        true => "nobody".to_owned(),
        false => owners.join(" "),
    }
}

/// A fix that writes `line` as a line of its own at `at`, the start of a line or the end of
/// the file, ended as the file ends its lines (`\r\n` in a file that has one).
pub(crate) fn insert_line(text: &str, at: usize, line: &str, title: String) -> Fix {
    let end = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let before = if at > 0 && !text[..at].ends_with('\n') {
        end
    } else {
        ""
    };
    Fix::safe(title, Span::empty_at(at), format!("{before}{line}{end}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_owner_is_found_in_the_comment_ownlint_writes_above_a_rule() {
        fn at(text: &str, rule: &str) -> Option<String> {
            let source = crate::testing::source_files(&[("CODEOWNERS", text.as_bytes())]);
            let start = text.find(rule).unwrap();
            let found =
                owner_in_comment(&source[0], Span::new(start, start + rule.len()), "Payments");
            found.map(|span| text[span.range()].to_owned())
        }
        let text = "# Payments: Payment Service Team, escalation @oncall\nsrc/ @acme/billing\n";
        assert_eq!(
            at(text, "@acme/billing").as_deref(),
            Some("Payment Service Team")
        );
        let text = "# Payments: Payment Service Team\r\nsrc/ @acme/billing\r\n";
        assert_eq!(
            at(text, "@acme/billing").as_deref(),
            Some("Payment Service Team")
        );
        // Another domain's comment, a comment of a person's, a blank line between, the first
        // line of the file: not the comment of this rule.
        assert_eq!(at("# Billing: Billing Team\nsrc/ @a\n", "@a"), None);
        assert_eq!(at("# owned by payments\nsrc/ @a\n", "@a"), None);
        assert_eq!(at("# Payments: Team\n\nsrc/ @a\n", "@a"), None);
        assert_eq!(at("src/ @a\n", "@a"), None);
    }
}
