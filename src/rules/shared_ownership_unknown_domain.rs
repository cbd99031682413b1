use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::model::{SharedOwnership, Text, Workspace, names};
use crate::parse::labels::closest_match;
use crate::rules::{Context, Rule};

fn diagnostic(decl: &SharedOwnership<'_>, name: &Text<'_>, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::new(
        &SharedOwnershipUnknownDomain::META,
        decl.file,
        name.span,
        format!("shared ownership names `{name}`, which no document defines"),
    );
    match suggestion {
        Some(s) => d.with_help(format!("did you mean `{s}`?")),
        None => d.with_help("define the domain, or name an existing one"),
    }
}

declare_rule! {
    /// ## What it does
    /// Reports a shared-ownership declaration that names a domain no document defines, on
    /// the name, with the closest defined domain.
    ///
    /// ## Why is this bad?
    /// An agreement about a domain that does not exist protects nothing: the domain was
    /// renamed or removed, or the name is misspelt, and the shared part is now owned by an
    /// agreement nobody can find.
    ///
    /// ## Example
    /// ```markdown
    /// - **Subscription + Payments**: Shared ownership for payment finalization
    /// ```
    ///
    /// Use instead:
    /// ```markdown
    /// - **Subscriptions + Payments**: Shared ownership for payment finalization
    /// ```
    pub struct SharedOwnershipUnknownDomain {
        code: "OWN108",
        name: "shared-ownership-unknown-domain",
        severity: Error,
        category: Ownership,
    }
}

impl Rule for SharedOwnershipUnknownDomain {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        // Every defined key, gathered only when a name is unknown (for "did you mean").
        let mut defined: Option<Vec<(String, &str)>> = None;
        for decl in ws.shared() {
            for name in &decl.domains {
                if ws.find_domain(name.as_str()).is_some() {
                    continue;
                }
                let defined = defined.get_or_insert_with(|| {
                    ws.domains()
                        .map(|d| (names::key(d.name.as_str()), d.display_name()))
                        .collect()
                });
                let key = names::key(name.as_str());
                let suggestion = closest_match(&key, defined.iter().map(|(k, n)| (k.as_str(), *n)))
                    .map(|(_, n)| n);
                cx.report(diagnostic(decl, name, suggestion));
            }
        }
    }
}
