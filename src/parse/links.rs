//! Markdown links written in a YAML value (`"[#payments-oncall](https://acme.slack.com/…)"`):
//! read as in Markdown, the value keeping the link's text and the field (or the ladder level)
//! the target, so that a link reads the same in both formats and the YAML export reads back
//! to the same model.

use crate::model::{Field, Link, Text};

/// A field with the Markdown links of its value, or of its items, read out of them. A YAML
/// list's value is its items joined, and stays so.
pub fn read_field_links(mut field: Field<'_>) -> Field<'_> {
    if field.items.is_empty() {
        let (value, links) = read_links(&field.value);
        field.value = value;
        field.links = links;
        return field;
    }
    for item in &mut field.items {
        let (text, links) = read_links(item);
        *item = text;
        field.links.extend(links);
    }
    if !field.links.is_empty() {
        let joined: Vec<&str> = field.items.iter().map(Text::as_str).collect();
        field.value = Text::new(joined.join(", "), field.value.span);
    }
    field
}

/// Each text with its Markdown links read out of it (a ladder level's roles), and all their
/// links, in order.
pub fn read_each<'s>(texts: Vec<Text<'s>>) -> (Vec<Text<'s>>, Vec<Link<'s>>) {
    let mut all = Vec::new();
    let texts = texts
        .iter()
        .map(|text| {
            let (plain, links) = read_links(text);
            all.extend(links);
            plain
        })
        .collect();
    (texts, all)
}

/// `text` with every `[text](target)` replaced by its text, and the links. A text without a
/// link is returned as it is.
pub fn read_links<'s>(text: &Text<'s>) -> (Text<'s>, Vec<Link<'s>>) {
    let s = text.as_str();
    let mut links = Vec::new();
    let mut plain = String::with_capacity(s.len());
    let mut at = 0;
    while let Some((open, close, end)) = next_link(s, at) {
        plain.push_str(&s[at..open]);
        let link_text = text.slice(open + 1..close).trimmed();
        let target = text.slice(close + 2..end - 1).trimmed();
        plain.push_str(&s[open + 1..close]);
        links.push(Link {
            text: link_text,
            target,
        });
        at = end;
    }
    if links.is_empty() {
        return (text.clone(), links);
    }
    plain.push_str(&s[at..]);
    (Text::new(plain, text.span), links)
}

/// The next `[text](target)` from `from`: where `[` is, where `]` is, and the end after `)`.
/// The text holds no bracket, the target no white space and no parenthesis, and neither is
/// empty.
fn next_link(s: &str, from: usize) -> Option<(usize, usize, usize)> {
    let mut at = from;
    loop {
        let open = at + s[at..].find('[')?;
        let close = open + s[open..].find(']')?;
        let inner = &s[open + 1..close];
        at = open + 1;
        if inner.contains('[') || inner.trim().is_empty() || !s[close..].starts_with("](") {
            continue;
        }
        let target_start = close + 2;
        let Some(len) = s[target_start..].find(')') else {
            continue;
        };
        let target = &s[target_start..target_start + len];
        if target.is_empty() || target.contains(|c: char| c.is_whitespace() || c == '(') {
            continue;
        }
        return Some((open, close, target_start + len + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Span;

    #[test]
    fn links_are_read_out_of_a_value_with_their_spans() {
        let src = "Page [PagerDuty: p1](https://pd.example/P1) or [Manager]";
        let text = Text::exact(src, Span::new(0, src.len()));
        let (plain, links) = read_links(&text);
        assert_eq!(plain.as_str(), "Page PagerDuty: p1 or [Manager]");
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].text.as_str(), "PagerDuty: p1");
        assert_eq!(&src[links[0].target.span.range()], "https://pd.example/P1");
        let none = Text::exact("[Engineering Manager]", Span::new(0, 21));
        assert_eq!(read_links(&none), (none.clone(), Vec::new()));
    }
}
