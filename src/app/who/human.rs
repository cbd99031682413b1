//! `who`'s answer as people read it: a card per domain, every value with the file and line
//! where it is written, every text from the documents escaped.

use std::io::{self, Write};

use super::{Agreement, Answer, Located, MatchKind};
use crate::util::sanitize::escape;

pub(super) fn write_human(out: &mut dyn Write, answer: &Answer) -> io::Result<()> {
    for (i, card) in answer.domains.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let place = |l: &Located| format!("{}:{}", escape(&l.file), l.line);
        writeln!(out, "{}  ({})", escape(&card.name.text), place(&card.name))?;
        if card.matched.kind != MatchKind::Domain {
            writeln!(
                out,
                "  matched {}: {}",
                card.matched.kind.describe(),
                escape(&card.matched.text)
            )?;
        }
        let row = |out: &mut dyn Write, label: &str, value: Option<&Located>| -> io::Result<()> {
            match value {
                Some(v) => writeln!(
                    out,
                    "  {label:<20}{}{}  ({})",
                    escape(&v.text),
                    targets(&v.links),
                    place(v)
                ),
                None => writeln!(out, "  {label:<20}(none)"),
            }
        };
        match (&card.owner, &card.owner_problem) {
            (None, Some(problem)) => writeln!(out, "  {:<20}(none: {})", "owner", escape(problem))?,
            (owner, _) => row(out, "owner", owner.as_ref())?,
        }
        row(out, "escalation contact", card.escalation_contact.as_ref())?;
        for (j, step) in card.escalation_chain.iter().enumerate() {
            let label = if j == 0 { "escalation chain" } else { "" };
            let roles = step
                .roles
                .iter()
                .map(|r| escape(r).into_owned())
                .collect::<Vec<_>>()
                .join(" / ")
                + &targets(&step.links);
            let who = match &step.team {
                Some(team) => format!("{roles}: {}", escape(team)),
                None => roles,
            };
            writeln!(
                out,
                "  {label:<20}{}. {who}  ({}:{})",
                step.level,
                escape(&step.file),
                step.line
            )?;
        }
        list(out, "SLOs", &card.slos)?;
        shared(out, &card.shared_ownership)?;
        list(out, "incident authority", &card.incident_authority)?;
    }
    Ok(())
}

/// The agreements of a domain, each with its other domains and scope, then its SLA. Nothing
/// when there are none: shared ownership is the exception.
fn shared(out: &mut dyn Write, agreements: &[Agreement]) -> io::Result<()> {
    for (i, a) in agreements.iter().enumerate() {
        let label = if i == 0 { "shared ownership" } else { "" };
        let with: Vec<String> = a.with.iter().map(|d| escape(d).into_owned()).collect();
        let mut what = format!("with {}", with.join(" + "));
        if let Some(scope) = &a.scope {
            what = format!("{what}: {}", escape(scope));
        }
        writeln!(out, "  {label:<20}{what}  ({}:{})", escape(&a.file), a.line)?;
        let sla = a.sla.as_ref();
        let (text, place) = match sla {
            Some(s) => (
                escape(&s.text),
                format!("  ({}:{})", escape(&s.file), s.line),
            ),
            None => ("(none)".into(), String::new()),
        };
        writeln!(out, "  {:<20}  shared SLA: {text}{place}", "")?;
    }
    Ok(())
}

/// Link targets after a value, each escaped and in angle brackets: ` <https://…>`.
fn targets(links: &[String]) -> String {
    links.iter().map(|l| format!(" <{}>", escape(l))).collect()
}

fn list(out: &mut dyn Write, label: &str, items: &[Located]) -> io::Result<()> {
    if items.is_empty() {
        return writeln!(out, "  {label:<20}(none)");
    }
    for (i, item) in items.iter().enumerate() {
        let label = if i == 0 { label } else { "" };
        writeln!(
            out,
            "  {label:<20}{}  ({}:{})",
            escape(&item.text),
            escape(&item.file),
            item.line
        )?;
    }
    Ok(())
}
