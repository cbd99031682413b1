use crate::declare_rule;
use crate::diagnostic::Diagnostic;
use crate::index::Workspace;
use crate::model::{Text, names};
use crate::rules::{Context, Rule};
use crate::source::FileId;
use crate::util::suggest::closest_match;

fn diagnostic(file: FileId, name: &Text<'_>, suggestion: Option<&str>) -> Diagnostic {
    let d = Diagnostic::new(
        &SharedOwnershipUnknownDomain::META,
        file,
        name.span,
        format!("shared ownership names `{name}`, which no document defines"),
    );
    match suggestion {
        Some(s) => d.with_suggestion(s, name.is_exact().then_some(name.span)),
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
        checker: Workspace,
    }
}

impl Rule for SharedOwnershipUnknownDomain {
    fn check_workspace(&self, ws: &Workspace<'_>, cx: &mut Context<'_>) {
        // Every defined name, read only when a name is unknown (for "did you mean").
        let mut defined: Option<Vec<(String, &str)>> = None;
        for (file, facts) in ws.all_facts() {
            for decl_facts in &facts.shared {
                for (n, hash) in decl_facts.domains.iter().enumerate() {
                    if ws.domains_hashed(*hash).next().is_some() {
                        continue;
                    }
                    let Some(name) = decl_facts.domain_names.get(n) else {
                        continue;
                    };
                    let name = ws.text(file, name);
                    let defined = defined.get_or_insert_with(|| defined_names(ws));
                    let key = names::key(name.as_str());
                    let suggestion =
                        closest_match(&key, defined.iter().map(|(k, n)| (k.as_str(), *n)))
                            .map(|(_, n)| n);
                    cx.report(diagnostic(file, &name, suggestion));
                }
            }
        }
    }
}

/// Every domain name as written, with its key, read from the source text where the facts say
/// it is.
fn defined_names<'w>(ws: &'w Workspace<'_>) -> Vec<(String, &'w str)> {
    let mut out = Vec::new();
    for (file, facts) in ws.all_facts() {
        let source = ws.file(file);
        for domain in &facts.domains {
            let written = facts.str(source, &domain.name_text).trim();
            out.push((names::key(written), written));
        }
    }
    out
}
