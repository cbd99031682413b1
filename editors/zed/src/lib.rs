//! Zed's side of `ownlint server`: Zed asks an extension how to start a language server, and
//! this one answers with the `ownlint` found on the worktree's `PATH` (or the one Zed's settings
//! name) and the `server` argument. Everything else is the server's.

use zed_extension_api::{self as zed, LanguageServerId, Result, settings::LspSettings};

struct Ownlint;

impl zed::Extension for Ownlint {
    fn new() -> Self {
        Ownlint
    }

    fn language_server_command(
        &mut self,
        id: &LanguageServerId,
        worktree: &zed::Worktree,
    ) -> Result<zed::Command> {
        // `"lsp": {"ownlint": {"binary": {"path": …, "arguments": […]}}}` in Zed's settings
        // overrides the lookup, as for Zed's own servers.
        let binary = LspSettings::for_worktree(id.as_ref(), worktree)
            .ok()
            .and_then(|settings| settings.binary);
        let path = binary
            .as_ref()
            .and_then(|b| b.path.clone())
            .or_else(|| worktree.which("ownlint"))
            .ok_or_else(|| {
                "ownlint is not on PATH: install it (https://github.com/ownlint/ownlint#install) \
                 or set lsp.ownlint.binary.path in Zed's settings"
                    .to_owned()
            })?;
        let args = binary
            .and_then(|b| b.arguments)
            .unwrap_or_else(|| vec!["server".to_owned()]);
        Ok(zed::Command {
            command: path,
            args,
            env: worktree.shell_env(),
        })
    }
}

zed::register_extension!(Ownlint);
