//! Who a domain escalates to: the values of its (first) escalation contact field, each with
//! whether it is a placeholder; and the ladder role a bracketed contact names.

use super::placeholders::placeholder;
use crate::config::Settings;
use crate::model::{Domain, Link, Text};

/// One escalation contact of a domain.
#[derive(Debug)]
pub struct Contact<'a, 's> {
    pub text: &'a Text<'s>,
    /// The links written in the contact (`[#payments-oncall](https://…)`): the contact is
    /// their text, and during an incident the target is the point.
    pub links: Vec<&'a Link<'s>>,
    /// Why the contact is a placeholder (`TBD`, `[Engineering Manager]`), if it is one.
    pub placeholder: Option<&'static str>,
}

impl Contact<'_, '_> {
    /// A contact someone can be reached at: not empty, not a placeholder.
    pub fn is_real(&self) -> bool {
        !self.text.is_empty() && self.placeholder.is_none()
    }

    /// The contact as plain text with its link targets after it:
    /// `PagerDuty: card-payments-primary <https://acme.pagerduty.com/…>`. Document text, to be
    /// escaped wherever it is shown.
    pub fn with_targets(&self) -> String {
        let mut out = self.text.as_str().trim().to_owned();
        for link in &self.links {
            out.push_str(&format!(" <{}>", link.target.as_str()));
        }
        out
    }
}

/// The escalation contacts of a domain: the values of its first escalation contact field (a
/// second field is a `duplicate-field` finding and not read).
pub fn escalation_contacts<'a, 's>(
    domain: &'a Domain<'s>,
    settings: &Settings,
) -> Vec<Contact<'a, 's>> {
    let Some(field) = domain.escalation_contacts.first() else {
        return Vec::new();
    };
    field
        .values()
        .map(|text| Contact {
            text,
            links: field.links_in(text).collect(),
            placeholder: placeholder(text.as_str(), settings),
        })
        .collect()
}

/// `[Product Manager]` → `Product Manager`.
pub fn bracketed_role(value: &str) -> Option<&str> {
    let inner = value.trim().strip_prefix('[')?.strip_suffix(']')?.trim();
    (!inner.is_empty() && !inner.contains(['[', ']'])).then_some(inner)
}
