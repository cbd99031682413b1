//! Headings and the sections they open: a heading's title cleaned of numbering and
//! decoration, classified, and read with its parent section into what the section is (a
//! domain candidate, a container of domains, the ladder or one of its levels, the
//! shared-ownership exception, a field of the domain above, or prose).

use super::fields::DomainBuilder;
use super::{Kind, Reader, Section};
use crate::model::{Domain, DomainOrigin, FieldKind, FieldLabel, Link, Text, UnknownField};
use crate::parse::labels::with_normalized;
use crate::source::Span;

impl<'s> Reader<'s, '_> {
    pub(super) fn heading_line(&mut self, level: u8, start: usize) {
        let title = clean_title(&self.line.full_text(self.src));
        let links = self.line.links_in(self.src, 0..self.line.text.len());
        let heading_span = Span::new(start, self.line.whole_span().end.max(start as u32) as usize);
        self.line.clear();
        self.breaks.clear();
        self.block = None;
        // Close the sections this heading ends.
        while self.sections.last().is_some_and(|s| s.level >= level) {
            self.close_section();
        }
        let kind = self.section_kind((title, links), heading_span);
        self.sections.push(Section { level, kind });
    }

    /// What the section a heading opens is, from its title (and the links written in it)
    /// and the section it sits in.
    fn section_kind(
        &mut self,
        (title, links): (Text<'s>, Vec<Link<'s>>),
        heading_span: Span,
    ) -> Kind<'s> {
        let class = classify_title(title.as_str());
        let parent = self.sections.last().map(|s| &s.kind);
        // A heading named like a field (`#### SLOs`) belongs to the domain above it, when
        // that section is a domain already; under plain prose it is just a heading.
        let domain_index = self
            .sections
            .iter()
            .rposition(|s| matches!(&s.kind, Kind::Candidate(b) if b.marked || b.under_container));
        let field = self
            .labels
            .lookup(title.as_str())
            .filter(|k| *k != FieldKind::Name);
        match parent {
            Some(Kind::Excluded) => Kind::Excluded,
            // `#### Escalation` inside a domain is its escalation field, not a ladder.
            _ if class == TitleClass::Ladder && !(domain_index.is_some() && field.is_some()) => {
                self.open_ladder(heading_span)
            }
            Some(Kind::Ladder(l)) | Some(Kind::LadderLevel(l, _)) => {
                let ladder = *l;
                self.level_heading(ladder, (&title, links), heading_span)
            }
            // A heading that repeats the section's name (`# Shared Ownership` then
            // `## Shared Ownership (Exception)`) is the same section, one level deeper.
            Some(Kind::Shared) | Some(Kind::SharedDecl(_)) if class == TitleClass::Shared => {
                Kind::Shared
            }
            Some(Kind::Shared) | Some(Kind::SharedDecl(_)) => {
                match self.declaration(&title, heading_span) {
                    Some(decl) => Kind::SharedDecl(decl),
                    None => Kind::Excluded,
                }
            }
            _ if class == TitleClass::Shared => Kind::Shared,
            _ if class == TitleClass::Excluded => Kind::Excluded,
            _ if class == TitleClass::Container => Kind::Container,
            _ => match (domain_index, field) {
                (Some(domain), Some(kind)) => self.field_heading(domain, kind, &title),
                (
                    None,
                    Some(
                        kind @ (FieldKind::Slos
                        | FieldKind::IncidentAuthority
                        | FieldKind::Responsibilities),
                    ),
                ) => Kind::LooseField(kind),
                _ => {
                    let under_container = matches!(parent, Some(Kind::Container));
                    let domain = Domain::new(self.file, title, heading_span, DomainOrigin::Section);
                    Kind::Candidate(Box::new(DomainBuilder::new(domain, under_container)))
                }
            },
        }
    }

    /// A heading named like a field inside the domain of section `domain`: the label of that
    /// field, whose content follows.
    fn field_heading(&mut self, domain: usize, kind: FieldKind, title: &Text<'s>) -> Kind<'s> {
        if let Kind::Candidate(b) = &mut self.sections[domain].kind {
            b.domain.labels.push(FieldLabel {
                kind,
                span: title.span,
            });
            b.marked |= kind.marks_domain();
            b.pending = None;
            b.open_field(
                kind,
                title.span,
                Text::empty_at(title.span.end as usize),
                Vec::new(),
                Vec::new(),
            );
        }
        Kind::FieldHeading { domain, kind }
    }

    pub(super) fn close_section(&mut self) {
        let Some(section) = self.sections.pop() else {
            return;
        };
        if let Kind::Candidate(b) = section.kind {
            let is_domain = b.marked || (b.under_container && !b.has_child_domain);
            if is_domain {
                if let Some(Section {
                    kind: Kind::Candidate(parent),
                    ..
                }) = self.sections.last_mut()
                {
                    parent.has_child_domain = true;
                }
                let b = *b;
                let domain = Some(b.domain.span);
                let unknown = b.unknown.into_iter().map(|u| UnknownField { domain, ..u });
                self.doc.unknown_fields.extend(unknown);
                self.doc.domains.push(b.domain);
            } else if let Some(Section {
                kind: Kind::Candidate(parent),
                ..
            }) = self.sections.last_mut()
            {
                parent.has_child_domain |= b.has_child_domain;
            }
        }
    }
}

/// A heading's name: numbering (`1.`, `3.1.1`), emoji and decoration removed.
fn clean_title<'s>(title: &Text<'s>) -> Text<'s> {
    let s = title.as_str();
    let mut start = s.len() - s.trim_start_matches(|c: char| !c.is_alphanumeric()).len();
    // Numbering: digits and dots followed by white space.
    let rest = &s[start..];
    let number_len = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(0);
    if number_len > 0 && rest[number_len..].starts_with(char::is_whitespace) {
        start += number_len;
        start += s[start..].len()
            - s[start..]
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
    }
    let end = s
        .trim_end_matches(|c: char| !(c.is_alphanumeric() || c == ')'))
        .len()
        .max(start);
    title.slice(start..end)
}

/// What a section title says the section is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TitleClass {
    Ladder,
    Shared,
    Excluded,
    Container,
    Other,
}

/// Classify a title by its normalised form, a parenthetical dropped
/// (`Shared Ownership (Exception)` is `shared ownership`).
fn classify_title(title: &str) -> TitleClass {
    let base = match title.find('(') {
        Some(i) if i > 0 => &title[..i],
        _ => title,
    };
    with_normalized(base, |key| {
        if is_ladder_title(key) {
            TitleClass::Ladder
        } else if key.starts_with("shared ownership") || key == "shared domains" {
            TitleClass::Shared
        } else if is_excluded_title(key) {
            TitleClass::Excluded
        } else if is_container_title(key) {
            TitleClass::Container
        } else {
            TitleClass::Other
        }
    })
}

fn is_ladder_title(key: &str) -> bool {
    matches!(
        key,
        "escalation ladder"
            | "escalation levels"
            | "escalation matrix"
            | "escalation policy"
            | "escalation path"
            | "escalation paths"
            | "escalation chain"
            | "escalation procedure"
            | "escalation"
    )
}

fn is_container_title(key: &str) -> bool {
    matches!(
        key,
        "domain ownership"
            | "domains"
            | "services"
            | "components"
            | "systems"
            | "service ownership"
            | "component ownership"
            | "domain owners"
            | "service owners"
            | "ownership map"
            | "ownership matrix"
            | "service catalog"
            | "domain catalog"
            | "system domains"
    )
}

fn is_excluded_title(key: &str) -> bool {
    matches!(
        key,
        "ownership principles"
            | "principles"
            | "notes"
            | "note"
            | "ownership transfer"
            | "ownership transfers"
            | "transfer of ownership"
            | "legend"
            | "glossary"
            | "contents"
            | "table of contents"
            | "toc"
            | "overview"
            | "introduction"
            | "purpose"
            | "background"
            | "references"
            | "see also"
            | "changelog"
            | "change log"
            | "history"
            | "revision history"
            | "document control"
            | "former maintainers"
            | "emeritus"
            | "faq"
            | "appendix"
            | "how to use"
            | "about"
            | "contributing"
            | "license"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_lose_numbering_and_decoration() {
        let clean = |s: &'static str| {
            clean_title(&Text::exact(s, Span::new(0, s.len())))
                .text
                .to_string()
        };
        assert_eq!(clean("1. Payments Domain"), "Payments Domain");
        assert_eq!(clean("3.1.1 Search"), "Search");
        assert_eq!(clean("🏛️ SLO Governance"), "SLO Governance");
        assert_eq!(
            clean("Shared Ownership (Exception)"),
            "Shared Ownership (Exception)"
        );
        assert_eq!(
            classify_title("Shared Ownership (Exception)"),
            TitleClass::Shared
        );
    }
}
