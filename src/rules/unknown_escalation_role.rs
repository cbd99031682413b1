use std::collections::HashSet;

use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::{DomainId, Workspace};
use crate::model::names::{self, display_name};
use crate::rules::{Context, Rule};
use crate::semantics::bracketed_role;
use crate::source::{FileId, Span};
use crate::util::suggest::closest_match;

fn diagnostic(
    domain: DomainId,
    name: &str,
    contact: Span,
    role: &str,
    ladder: (FileId, Span),
) -> Diagnostic {
    Diagnostic::new(
        &UnknownEscalationRole::META,
        domain.file,
        contact,
        format!(
            "escalation role `{role}` of `{}` is not on the escalation ladder",
            display_name(name)
        ),
    )
    .with_label("not a ladder role")
    .with_secondary(ladder.0, ladder.1, "the escalation ladder")
}

declare_rule! {
    /// ## What it does
    /// Reports an escalation contact written as a bracketed role (`[Product Manager]`) that is
    /// not a role on the escalation ladder, when a ladder is defined in any document. Roles
    /// are compared with case and white space ignored; `Platform Lead / Infrastructure Lead`
    /// on the ladder is two roles.
    ///
    /// ## Why is this bad?
    /// The ladder says who is called at each level of an incident. A domain that escalates
    /// to a role the ladder does not know escalates outside the process, to someone who has
    /// not agreed to be called and is not in the rotation.
    ///
    /// ## Example
    /// ```markdown
    /// **Escalation Contact:** [Product Manager]
    ///
    /// ## Escalation Ladder
    /// ### Level 1: Domain Owner
    /// ### Level 2: Engineering Manager
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// **Escalation Contact:** [Engineering Manager]
    /// ```
    pub struct UnknownEscalationRole {
        code: "OWN203",
        name: "unknown-escalation-role",
        severity: Warning,
        category: Escalation,
        checker: Workspace,
    }
}

impl Rule for UnknownEscalationRole {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        let Some(ladder) = ws
            .all_facts()
            .find_map(|(id, f)| f.ladder.map(|span| (id, span)))
        else {
            return;
        };
        let roles: HashSet<u64> = ws
            .all_facts()
            .flat_map(|(_, f)| f.ladder_roles.iter().map(|(hash, _)| *hash))
            .collect();
        let role_names: Vec<(String, &str)> = ws
            .all_facts()
            .flat_map(|(file, f)| f.ladder_roles.iter().map(move |(_, text)| (file, text)))
            .map(|(file, text)| {
                let name = ws.str(file, text);
                (names::key(name), name)
            })
            .collect();
        for (file, facts) in ws.all_facts() {
            for contact in facts
                .role_contacts
                .iter()
                .filter(|c| !roles.contains(&c.role))
            {
                let domain = DomainId {
                    file,
                    domain: contact.domain,
                };
                let written = ws.text(file, &contact.contact);
                if let Some(role) = bracketed_role(written.as_str()) {
                    let name = ws.domain_name(domain);
                    let d = diagnostic(domain, name.as_str(), contact.contact.span, role, ladder);
                    let closest = closest_match(
                        &names::key(role),
                        role_names.iter().map(|(key, name)| (key.as_str(), *name)),
                    );
                    cx.report(match closest {
                        // The role inside the brackets is what is replaced, when the source
                        // holds the contact as written.
                        Some((_, closest)) => {
                            let at = written.as_str().find(role).filter(|_| written.is_exact());
                            let span = at.map(|at| written.span_of(at..at + role.len()));
                            d.with_suggestion(closest, span)
                        }
                        None => d.with_help(
                            "name a role from the ladder, or add the role to the ladder",
                        ),
                    });
                }
            }
        }
    }
}
