//! One file's document: everything it says, as the parser read it.

use super::domain::{Domain, FieldKind};
use super::ladder::EscalationLadder;
use super::objective::Objective;
use super::shared::SharedOwnership;
use super::slo::Slo;
use super::text::Text;
use crate::source::{FileId, Span};

/// Everything one file says, as the parser read it.
#[derive(Debug)]
pub struct Document<'s> {
    pub file: FileId,
    /// The file was named on the command line or matched an include glob, so a file without
    /// ownership content is worth a finding.
    pub explicit: bool,
    pub domains: Vec<Domain<'s>>,
    pub ladders: Vec<EscalationLadder<'s>>,
    pub shared: Vec<SharedOwnership<'s>>,
    pub suppressions: Vec<Suppression<'s>>,
    /// Comments that look like suppressions but are none: they silence nothing, and their
    /// writer must hear it.
    pub unknown_directives: Vec<UnknownDirective<'s>>,
    /// Places the parser could not read; a file that cannot be parsed at all has one here
    /// and nothing else.
    pub problems: Vec<ParseProblem>,
    pub unknown_fields: Vec<UnknownField<'s>>,
    /// Field labels written on a later line of a list item, which CommonMark folds into the
    /// item when no blank line comes before them: read as the fields they are, and said.
    pub labels_in_list_items: Vec<FoldedLabel>,
    /// The rules of a CODEOWNERS file, when the file is one.
    pub codeowners: Option<super::codeowners::Codeowners<'s>>,
    /// The Backstage catalog entities the file holds, in order (an owned entity is also one
    /// of `domains`).
    pub entities: Vec<super::catalog::Entity<'s>>,
}

impl<'s> Document<'s> {
    pub fn new(file: FileId) -> Document<'s> {
        Document {
            file,
            explicit: false,
            domains: Vec::new(),
            ladders: Vec::new(),
            shared: Vec::new(),
            suppressions: Vec::new(),
            unknown_directives: Vec::new(),
            problems: Vec::new(),
            unknown_fields: Vec::new(),
            labels_in_list_items: Vec::new(),
            codeowners: None,
            entities: Vec::new(),
        }
    }

    /// Every SLO the document states: the domains' SLOs and the shared SLAs.
    pub fn slos(&self) -> impl Iterator<Item = &Slo<'s>> {
        let domains = self.domains.iter().flat_map(|d| &d.slos);
        domains.chain(self.shared.iter().filter_map(|s| s.sla.as_ref()))
    }

    /// Every objective that could be read, with its SLO: an SLO with two objectives comes
    /// twice.
    pub fn parsed_slos(&self) -> impl Iterator<Item = (&Slo<'s>, &Objective)> {
        self.slos().flat_map(|s| {
            let objectives = s.parsed.as_deref().unwrap_or_default();
            objectives.iter().map(move |o| (s, o))
        })
    }

    /// Whether the file holds anything ownlint reads: a domain, a ladder, a shared-ownership
    /// declaration or a catalog entity (a Group holds no domain, but is what owners name).
    pub fn has_ownership_content(&self) -> bool {
        !self.domains.is_empty()
            || !self.ladders.is_empty()
            || !self.shared.is_empty()
            || !self.entities.is_empty()
    }
}

/// A field label CommonMark folds into the list item above it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FoldedLabel {
    pub label: Span,
    /// From the start of the label's line to its first character that is not white space:
    /// what a blank line goes in place of, so that the label stands outside the list.
    pub indent: Span,
}

/// A place where a document could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProblem {
    pub span: Span,
    pub message: String,
    pub help: Option<String>,
}

/// A field label or YAML key that ownlint does not know.
#[derive(Clone, Debug)]
pub struct UnknownField<'s> {
    pub label: Text<'s>,
    /// The known label it is closest to, if any is close.
    pub suggestion: Option<String>,
    /// The field that label names, when the suggestion is a field's label: a misspelt
    /// `Escalaton Contact` stands where the domain's escalation contact was meant to be.
    pub near: Option<FieldKind>,
    /// The span of the domain it is written in ([`Domain::span`]), if any.
    pub domain: Option<Span>,
}

/// A comment that silences rules over a part of a file.
#[derive(Clone, Debug)]
pub struct Suppression<'s> {
    /// The comment itself.
    pub span: Span,
    /// Rule names or codes as written; empty means every rule.
    pub rules: Vec<Text<'s>>,
    pub scope: SuppressionScope,
}

/// A comment that looks like a suppression but whose directive is none of ownlint's:
/// `ownlint-disble-next-line`, `ownlnt-disable`.
#[derive(Clone, Debug)]
pub struct UnknownDirective<'s> {
    /// The directive word as written.
    pub word: Text<'s>,
    /// The directive it is closest to, if any is close.
    pub suggestion: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SuppressionScope {
    /// The byte range of the line after the comment.
    NextLine(Span),
    /// The byte range of the line the comment begins on (`ownlint-disable-line`).
    Line(Span),
    /// From a disable comment to its enable comment (or the end of the file).
    Block(Span),
    File,
}
