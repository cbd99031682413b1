//! The escalation ladder: its section, its levels from headings (`### Level 1: On-call`),
//! list items (`1. **Level 1**: Platform Team`) or an arrow chain (`NOC -> Ops -> CTO`), and
//! the duties listed under a level. A role keeps the links written in it, as a contact does.

use std::ops::Range;

use super::{Block, Kind, LineCtx, Reader};
use crate::model::{EscalationLadder, LadderLevel, Link, Text};
use crate::source::Span;

impl<'s> Reader<'s, '_> {
    /// A ladder heading: a new ladder, whose levels follow.
    pub(super) fn open_ladder(&mut self, heading_span: Span) -> Kind<'s> {
        self.doc.ladders.push(EscalationLadder {
            file: self.file,
            span: heading_span,
            levels: Vec::new(),
        });
        Kind::Ladder(self.doc.ladders.len() - 1)
    }

    /// A heading inside a ladder: a level when it is named like one (`### Level 2: Lead`),
    /// prose otherwise; `links` are the links written in the title.
    pub(super) fn level_heading(
        &mut self,
        ladder: usize,
        (title, links): (&Text<'s>, Vec<Link<'s>>),
        heading_span: Span,
    ) -> Kind<'s> {
        match parse_level(title.as_str()) {
            Some((number, roles_at)) => {
                let roles = split_roles(&title.slice(roles_at..title.as_str().len()));
                let levels = &mut self.doc.ladders[ladder].levels;
                levels.push(LadderLevel::new(Some(number), heading_span, roles, links));
                Kind::LadderLevel(ladder, levels.len() - 1)
            }
            None => Kind::Excluded,
        }
    }

    pub(super) fn ladder_line(
        &mut self,
        ladder: usize,
        level: Option<usize>,
        range: Range<usize>,
        ctx: LineCtx,
    ) {
        let text = self.line.text(self.src, range.clone());
        let links = self.line.links_in(self.src, range);
        let levels = &mut self.doc.ladders[ladder].levels;
        // `1. **Level 1**: Platform Team (0-15 min)` or `- Level 2: Engineering Manager`
        if ctx.item_head && ctx.depth == 1 {
            let parsed = parse_level(text.as_str()).or_else(|| {
                ctx.number
                    .filter(|_| level.is_none())
                    .map(|n| (n as u32, 0))
            });
            if let Some((number, roles_at)) = parsed
                && level.is_none()
            {
                let roles = split_roles(&text.slice(roles_at..text.as_str().len()));
                levels.push(LadderLevel::new(Some(number), text.span, roles, links));
                return;
            }
        }
        // `NOC Lead -> Ops Manager -> CTO`
        if level.is_none() && ctx.block == Block::Paragraph {
            let parts = arrow_chain(text.as_str());
            if parts.len() > 1 {
                for (i, part) in parts.into_iter().enumerate() {
                    let role = text.slice(part).trimmed();
                    if !role.is_empty() {
                        let number = Some(i as u32 + 1);
                        let links = links.clone();
                        levels.push(LadderLevel::new(number, role.span, vec![role], links));
                    }
                }
                return;
            }
        }
        let target = level.or_else(|| {
            (ctx.depth > 1)
                .then(|| levels.len().checked_sub(1))
                .flatten()
        });
        if let Some(index) = target
            && ctx.block == Block::Item
            && let Some(level) = levels.get_mut(index)
        {
            level.duties.push(text);
        }
    }
}

/// `Level 3: Platform Lead / Infrastructure Lead` → 3 and where the roles start.
fn parse_level(text: &str) -> Option<(u32, usize)> {
    let lower = text.to_ascii_lowercase();
    let after = ["level", "tier", "l", "step"]
        .iter()
        .find_map(|p| lower.strip_prefix(p))?;
    let after_ws = after.trim_start();
    let digits = after_ws
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(after_ws.len());
    if digits == 0 {
        return None;
    }
    let number = after_ws[..digits].parse().ok()?;
    let rest = &after_ws[digits..];
    let sep = rest.len()
        - rest
            .trim_start_matches([':', '-', '–', '—', '.', ')', ' ', '*'])
            .len();
    Some((number, text.len() - rest.len() + sep))
}

/// The parts of `A -> B → C`, when the text is such a chain.
fn arrow_chain(s: &str) -> Vec<Range<usize>> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '→' {
            parts.push(start..i);
            start = i + c.len_utf8();
        } else if s[i..].starts_with("->") {
            parts.push(start..i);
            start = i + 2;
        }
    }
    parts.push(start..s.len());
    parts
}

/// Roles of a ladder level: split at ` / ` and `,`, a time qualifier in parentheses dropped.
pub(super) fn split_roles<'s>(text: &Text<'s>) -> Vec<Text<'s>> {
    let s = text.as_str();
    let end = s.find('(').unwrap_or(s.len());
    let mut out = Vec::new();
    let mut at = 0;
    for part in s[..end].split(['/', ',']) {
        let t = text.slice(at..at + part.len()).trimmed();
        at += part.len() + 1;
        if !t.is_empty() {
            out.push(t);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_and_roles() {
        assert_eq!(parse_level("Level 3: Platform Lead"), Some((3, 9)));
        assert_eq!(parse_level("Tier 2 - Ops"), Some((2, 9)));
        assert_eq!(parse_level("Levels of care"), None);
        let t = Text::exact(
            "Platform Lead / Infrastructure Lead (30+ min)",
            Span::new(0, 45),
        );
        let roles: Vec<String> = split_roles(&t).iter().map(|r| r.text.to_string()).collect();
        assert_eq!(roles, ["Platform Lead", "Infrastructure Lead"]);
    }
}
