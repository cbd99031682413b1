//! `ownlint who QUERY`: during an incident, who owns this and who do I escalate to?
//!
//! The query is compared with every domain name, owner team, escalation contact,
//! responsibility and SLO name, and with the SLA name and scope of every shared-ownership
//! agreement (which finds the agreement's domains), after folding case and white space (and
//! a trailing `Domain` or `Service` for domain names). An exact domain name wins; an exact
//! owner team lists every domain of that team; otherwise the domains with the best matches
//! come first. Each domain is shown with its owner, escalation contact, escalation chain,
//! SLOs, the shared-ownership agreements it takes part in and its incident authority, each
//! with the file and line where it is written.

mod human;

use std::io::{self, Write};

use serde::Serialize;

use crate::app::cli::{DataFormat, WhoArgs};
use crate::app::inputs::{Inputs, print_problems};
use crate::app::{ExitStatus, output};
use crate::config::Settings;
use crate::error::Error;
use crate::model::{
    Document, Domain, DomainOrigin, EscalationLadder, Field, SharedOwnership, Slo, Text, names,
};
use crate::semantics::{self, Ownership};
use crate::source::{Flavor, SourceFile, Span};
use crate::util::sanitize::escape;

/// How many domains a fuzzy query shows at most.
const MOST_SHOWN: usize = 5;

pub fn run(args: &WhoArgs) -> Result<ExitStatus, Error> {
    let inputs = Inputs::load(&args.input)?;
    print_problems(
        &inputs.skipped_links,
        &inputs.problems,
        &mut io::stderr().lock(),
    );
    // `who` reads the documents through the same pipeline as `check`, so that both read
    // every file the same way; it shows no findings, so it runs no rule.
    let linted = inputs.lint(&[]);
    let model = Model::new(
        &inputs.files,
        linted.workspace.documents(),
        &inputs.config.settings,
        inputs.config.codeowners_flavor(&inputs.cwd),
    );
    let answer = model.answer(&args.query);
    output::print_data(args.format, &answer, human::write_human)?;
    if answer.domains.is_empty() {
        if args.format == DataFormat::Human {
            let mut err = io::stderr().lock();
            let _ = write!(err, "ownlint: nothing matches `{}`", escape(&args.query));
            if !answer.suggestions.is_empty() {
                let names: Vec<String> = answer
                    .suggestions
                    .iter()
                    .map(|s| format!("`{}`", escape(s)))
                    .collect();
                let _ = write!(err, "; did you mean {}?", names.join(", "));
            }
            let _ = writeln!(err);
        }
        return Ok(ExitStatus::Failure);
    }
    Ok(ExitStatus::read_all(&inputs.problems))
}

/// The answer to a query, as printed (and as JSON).
#[derive(Debug, Serialize)]
pub struct Answer {
    pub query: String,
    /// Why these domains: `domain`, `owner`, `escalation_contact`, `responsibility`, `slo`,
    /// `shared_sla`.
    pub domains: Vec<DomainCard>,
    /// The closest names when nothing matched.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub suggestions: Vec<String>,
}

/// One domain, with where each part is written.
#[derive(Debug, Serialize)]
pub struct DomainCard {
    pub name: Located,
    /// What the query matched in this domain.
    pub matched: Matched,
    /// The one real owner, as `check` reads it.
    pub owner: Option<Located>,
    /// Why the domain has no one real owner, when it has none: a placeholder, several
    /// owners, no owner field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub owner_problem: Option<String>,
    pub escalation_contact: Option<Located>,
    /// Level 1 (the owner team), then each higher level of the escalation ladder.
    pub escalation_chain: Vec<ChainStep>,
    pub slos: Vec<Located>,
    /// The shared-ownership agreements that name the domain.
    pub shared_ownership: Vec<Agreement>,
    pub incident_authority: Vec<Located>,
}

/// A shared-ownership agreement, as seen from one of its domains.
#[derive(Debug, Serialize)]
pub struct Agreement {
    /// The other domains of the agreement, as written.
    pub with: Vec<String>,
    /// What is shared, as written.
    pub scope: Option<String>,
    /// The SLA the domains answer for together, if the agreement states one.
    pub sla: Option<Located>,
    /// Where the agreement is written.
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct Matched {
    pub kind: MatchKind,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKind {
    Domain,
    Owner,
    EscalationContact,
    Responsibility,
    Slo,
    /// The SLA name or the scope of a shared-ownership agreement naming the domain.
    SharedSla,
    /// A file the domain's paths own.
    Path,
}

impl MatchKind {
    fn describe(self) -> &'static str {
        match self {
            MatchKind::Domain => "domain",
            MatchKind::Owner => "owner",
            MatchKind::EscalationContact => "escalation contact",
            MatchKind::Responsibility => "responsibility",
            MatchKind::Slo => "SLO",
            MatchKind::SharedSla => "shared SLA",
            MatchKind::Path => "path",
        }
    }
}

/// A value and where it is written.
#[derive(Debug, Serialize)]
pub struct Located {
    pub text: String,
    /// The targets of the links written in the value: during an incident, the link is the point.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Serialize)]
pub struct ChainStep {
    pub level: u32,
    pub roles: Vec<String>,
    /// The targets of the links written in the roles.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<String>,
    /// At level 1, the domain's owner team.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    pub file: String,
    pub line: usize,
}

/// The documents of a run, with the lookups `who` needs (and the language server's hover).
pub(crate) struct Model<'a, 's> {
    files: &'a [SourceFile],
    settings: &'a Settings,
    /// The host whose CODEOWNERS semantics the domains' paths follow, for a file's owner.
    flavor: Flavor,
    domains: Vec<&'a Domain<'s>>,
    ladders: Vec<&'a EscalationLadder<'s>>,
    shared: Vec<&'a SharedOwnership<'s>>,
}

/// How well a query matches a text: exact, contained as words, or close in spelling.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
struct Score(f64);

impl<'a, 's> Model<'a, 's> {
    pub(crate) fn new(
        files: &'a [SourceFile],
        documents: &'a [Document<'s>],
        settings: &'a Settings,
        flavor: Flavor,
    ) -> Self {
        Model {
            files,
            settings,
            flavor,
            domains: documents.iter().flat_map(|d| &d.domains).collect(),
            ladders: documents.iter().flat_map(|d| &d.ladders).collect(),
            shared: documents.iter().flat_map(|d| &d.shared).collect(),
        }
    }

    /// The shared-ownership agreements that name a domain, compared as names are.
    fn agreements(&self, domain: &Domain<'_>) -> impl Iterator<Item = &'a SharedOwnership<'s>> {
        let key = names::key(domain.name.as_str());
        self.shared
            .iter()
            .copied()
            .filter(move |decl| decl.domains.iter().any(|d| names::key(d.as_str()) == key))
    }

    /// Everything in a domain a query can match, with what it is: the domain's own values,
    /// then the SLA names and scopes of its agreements.
    fn candidates<'d>(&self, domain: &'d Domain<'_>) -> impl Iterator<Item = (MatchKind, &'d str)>
    where
        'a: 'd,
    {
        let shared = self.agreements(domain).flat_map(|decl| {
            let sla = decl.sla.as_ref().map(|sla| sla.name.as_str());
            sla.into_iter()
                .chain(decl.scope.as_ref().map(Text::as_str))
                .map(|text| (MatchKind::SharedSla, text))
        });
        candidates(domain).chain(shared.filter(|(_, text)| !text.trim().is_empty()))
    }

    pub(crate) fn answer(&self, query: &str) -> Answer {
        let key = names::key(query);
        let mut answer = Answer {
            query: query.to_owned(),
            domains: Vec::new(),
            suggestions: Vec::new(),
        };
        if key.is_empty() {
            return answer;
        }
        // An exact domain name wins outright: its definition, and the Backstage entities
        // that describe it too (each with its own owner, which `check` holds to the first).
        let named = |d: &&&Domain<'s>| names::key(d.name.as_str()) == key;
        if let Some(domain) = self.domains.iter().find(named) {
            answer
                .domains
                .push(self.card(domain, MatchKind::Domain, domain.name.as_str()));
            let described = self
                .domains
                .iter()
                .filter(named)
                .filter(|d| d.origin == DomainOrigin::Catalog && !std::ptr::eq(**d, *domain));
            for entity in described {
                answer
                    .domains
                    .push(self.card(entity, MatchKind::Domain, entity.name.as_str()));
            }
            return answer;
        }
        // A file: the domain whose paths own it, as the CODEOWNERS ownlint writes says.
        if let Some((domain, pattern)) =
            semantics::paths::owner_of(&self.domains, query, self.flavor)
        {
            answer
                .domains
                .push(self.card(domain, MatchKind::Path, pattern.as_str()));
            return answer;
        }
        // An exact owner team: every domain that names it as an owner, in document order.
        let mut owned = false;
        for domain in &self.domains {
            let named = domain
                .owners
                .iter()
                .flat_map(|o| semantics::named_owners(o, self.settings));
            if let Some(owner) = named
                .into_iter()
                .find(|o| names::same_team(o.as_str(), query))
            {
                answer
                    .domains
                    .push(self.card(domain, MatchKind::Owner, owner.as_str()));
                owned = true;
            }
        }
        if owned {
            return answer;
        }
        // Otherwise the best match of each domain, best domains first.
        let mut ranked: Vec<(Score, MatchKind, &str, usize)> = Vec::new();
        for (i, domain) in self.domains.iter().enumerate() {
            let best = self
                .candidates(domain)
                .filter_map(|(kind, text)| score(&key, text).map(|s| (s, kind, text)))
                .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap().then(b.1.cmp(&a.1)));
            if let Some((s, kind, text)) = best {
                ranked.push((s, kind, text, i));
            }
        }
        ranked.sort_by(|a, b| {
            b.0.partial_cmp(&a.0)
                .unwrap()
                .then(a.1.cmp(&b.1))
                .then(a.3.cmp(&b.3))
        });
        for (_, kind, text, i) in ranked.into_iter().take(MOST_SHOWN) {
            answer.domains.push(self.card(self.domains[i], kind, text));
        }
        if answer.domains.is_empty() {
            answer.suggestions = self.suggestions(query);
        }
        answer
    }

    /// The names closest in spelling to a query that matched nothing.
    fn suggestions(&self, query: &str) -> Vec<String> {
        let query = query.to_lowercase();
        let mut scored: Vec<(f64, &str)> = self
            .domains
            .iter()
            .flat_map(|d| self.candidates(d))
            .map(|(_, text)| (strsim::jaro_winkler(&query, &text.to_lowercase()), text))
            .filter(|(s, _)| *s >= 0.7)
            .collect();
        scored.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap().then(a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, text) in scored {
            if !out.iter().any(|o| o == text) {
                out.push(text.to_owned());
            }
            if out.len() == 3 {
                break;
            }
        }
        out
    }

    fn card(&self, domain: &Domain<'s>, kind: MatchKind, matched: &str) -> DomainCard {
        let file = &self.files[domain.file.index()];
        let at = |span: Span, text: &str| Located {
            text: text.to_owned(),
            links: Vec::new(),
            file: file.path.clone(),
            line: file.line_col(span.start as usize).line,
        };
        let text_at = |t: &Text| at(t.span, t.as_str());
        // A field's value with the targets of the links written in it.
        let field_at = |field: &Field, value: &Text| Located {
            links: (field.links_in(value))
                .map(|l| l.target.as_str().to_owned())
                .collect(),
            ..text_at(value)
        };
        let (owner, owner_problem) = match semantics::ownership(domain, self.settings) {
            Ownership::One(owner) => match domain.owners.first() {
                Some(field) => (Some(field_at(field, &owner)), None),
                None => (Some(text_at(&owner)), None),
            },
            Ownership::Missing => (None, Some("no owner field".to_owned())),
            Ownership::Empty => (None, Some("the owner field is empty".to_owned())),
            Ownership::Placeholder(value, why) => (
                None,
                Some(format!("`{}` is {why}, not an owner", value.as_str())),
            ),
            Ownership::Several(owners) => {
                let names: Vec<String> = owners.iter().map(|o| format!("`{o}`")).collect();
                (
                    None,
                    Some(format!("{} owners: {}", owners.len(), names.join(", "))),
                )
            }
        };
        DomainCard {
            name: at(domain.span, domain.name.as_str()),
            matched: Matched {
                kind,
                text: matched.to_owned(),
            },
            escalation_chain: self.chain(domain, owner.as_ref().map(|o| o.text.as_str())),
            owner,
            owner_problem,
            // Every value of the contact, its list items too: `(none)` beside a list of
            // on-call channels would be a misreading.
            escalation_contact: domain.escalation_contacts.first().map(|c| {
                let values: Vec<&str> = c.values().map(Text::as_str).collect();
                let first = c.values().next().unwrap_or(&c.value);
                Located {
                    text: values.join(", "),
                    links: c
                        .links
                        .iter()
                        .map(|l| l.target.as_str().to_owned())
                        .collect(),
                    ..text_at(first)
                }
            }),
            slos: domain
                .slos
                .iter()
                .map(|slo| at(slo.span, &slo_text(slo)))
                .collect(),
            shared_ownership: self
                .agreements(domain)
                .map(|a| self.agreement(a, domain))
                .collect(),
            incident_authority: domain.incident_authority.iter().map(text_at).collect(),
        }
    }

    /// An agreement as one of its domains sees it: the other domains, the scope, the SLA.
    fn agreement(&self, decl: &SharedOwnership<'_>, domain: &Domain<'_>) -> Agreement {
        let file = &self.files[decl.file.index()];
        let line = |span: Span| file.line_col(span.start as usize).line;
        let key = names::key(domain.name.as_str());
        Agreement {
            with: (decl.domains.iter())
                .filter(|d| names::key(d.as_str()) != key)
                .map(|d| d.as_str().to_owned())
                .collect(),
            scope: decl.scope.as_ref().map(|s| s.as_str().to_owned()),
            sla: decl.sla.as_ref().map(|sla| Located {
                text: slo_text(sla),
                links: Vec::new(),
                file: file.path.clone(),
                line: line(sla.span),
            }),
            file: file.path.clone(),
            line: line(decl.span),
        }
    }

    /// The ladder that applies to a domain: one in the domain's own file, else the first.
    fn chain(&self, domain: &Domain<'s>, owner: Option<&str>) -> Vec<ChainStep> {
        let Some(ladder) = self
            .ladders
            .iter()
            .find(|l| l.file == domain.file)
            .or_else(|| self.ladders.first())
        else {
            return Vec::new();
        };
        let file = &self.files[ladder.file.index()];
        let mut levels: Vec<_> = ladder.levels.iter().enumerate().collect();
        levels.sort_by_key(|(i, l)| (l.number.unwrap_or(u32::MAX), *i));
        levels
            .into_iter()
            .map(|(i, level)| {
                let number = level.number.unwrap_or(i as u32 + 1);
                ChainStep {
                    level: number,
                    roles: level.roles.iter().map(|r| r.as_str().to_owned()).collect(),
                    links: (level.links.iter())
                        .map(|l| l.target.as_str().to_owned())
                        .collect(),
                    team: (number == 1).then(|| owner.map(str::to_owned)).flatten(),
                    file: file.path.clone(),
                    line: file.line_col(level.span.start as usize).line,
                }
            })
            .collect()
    }
}

/// An SLO as written: `name: objective`, or whichever of the two it has.
fn slo_text(slo: &Slo<'_>) -> String {
    if slo.name.is_empty() {
        slo.objective.as_str().to_owned()
    } else if slo.objective.is_empty() {
        slo.name.as_str().to_owned()
    } else {
        format!("{}: {}", slo.name.as_str(), slo.objective.as_str())
    }
}

/// Everything in a domain's own values a query can match, with what it is.
fn candidates<'d>(domain: &'d Domain<'_>) -> impl Iterator<Item = (MatchKind, &'d str)> {
    std::iter::once((MatchKind::Domain, domain.name.as_str()))
        .chain(
            domain
                .owners
                .iter()
                .map(|o| (MatchKind::Owner, o.value.as_str())),
        )
        .chain(
            domain
                .escalation_contacts
                .iter()
                .map(|c| (MatchKind::EscalationContact, c.value.as_str())),
        )
        .chain(
            domain
                .responsibilities
                .iter()
                .map(|r| (MatchKind::Responsibility, r.as_str())),
        )
        .chain(
            domain
                .slos
                .iter()
                .filter(|s| !s.name.is_empty())
                .map(|s| (MatchKind::Slo, s.name.as_str())),
        )
        .filter(|(_, text)| !text.trim().is_empty())
}

/// How well the folded query `key` matches `text`: 1 when equal, 0.9 when the text holds the
/// query as whole words (`payment processing` for `payment`), 0.85 when a word of the text
/// starts with it (`pay`), else the Jaro-Winkler similarity when it is at least 0.88 (a
/// typo). Words are split at anything that is not a letter or a digit, so `api` finds
/// `VPN API/Gateway`.
fn score(key: &str, text: &str) -> Option<Score> {
    let folded = names::key(text);
    if folded == key {
        return Some(Score(1.0));
    }
    let text_words = words(&folded);
    let query_words = words(key);
    if query_words.is_empty() {
        return None;
    }
    if format!(" {text_words} ").contains(&format!(" {query_words} ")) {
        return Some(Score(0.9));
    }
    if query_words.len() >= 3 && text_words.split(' ').any(|w| w.starts_with(&query_words)) {
        return Some(Score(0.85));
    }
    let similarity = strsim::jaro_winkler(key, &folded);
    (similarity >= 0.88).then_some(Score(similarity * 0.8))
}

/// Lower-case words separated by single spaces.
fn words(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_prefer_exact_then_words_then_typos() {
        let exact = score("payments", "Payments").unwrap();
        let words = score("payment", "Payment processing").unwrap();
        let prefix = score("pay", "Payment processing").unwrap();
        let typo = score("paymnets", "Payments").unwrap();
        assert!(exact > words && words > prefix && prefix > typo);
        assert_eq!(score("payments", "Background task scheduling"), None);
        assert_eq!(score("api", "VPN API/Gateway"), Some(Score(0.9)));
        assert_eq!(score("pwned", "error::pwned Domain"), Some(Score(0.9)));
        assert_eq!(score("::", "a::b"), None);
    }
}
