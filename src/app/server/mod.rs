//! `ownlint server`: the language server. Editors start it over stdio; it lints the ownership
//! documents of the workspace folders the editor opens, found and configured as `ownlint
//! check` run in each folder would find and configure them, and publishes every file's
//! findings as the documents are typed, the cross-file findings included.
//!
//! One thread answers the client. Each file's parse is kept between edits (the pipeline's
//! [`crate::lint::Session`]): a change parses the changed document again, then the cross-file
//! rules run over every file's kept facts, and only the files whose findings changed are sent
//! again. Edits that arrive together are linted once.

mod actions;
mod convert;
mod folder;
mod hover;
mod markdown;
mod navigate;
mod position;
mod transport;

use std::collections::HashMap;
use std::io::{self, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    self as lsp, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidChangeWorkspaceFoldersParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DidSaveTextDocumentParams,
    FileSystemWatcher, GlobPattern, InitializeParams, PublishDiagnosticsParams, Registration,
    RegistrationParams, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};

use crate::app::ExitStatus;
use crate::error::Error;
use crate::source::FileId;
use folder::Folder;
use position::Encoding;
use transport::{Incoming, Writer};

/// Serve the client on stdin and stdout until it says `exit`: success when it asked for a
/// `shutdown` first, as the protocol has it.
pub fn run() -> Result<ExitStatus, Error> {
    let incoming = transport::stdin_channel();
    let stdout = io::stdout();
    let mut server = Server::new(Writer::new(stdout.lock()));
    Ok(if server.serve(&incoming) {
        ExitStatus::Success
    } else {
        ExitStatus::Failure
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`: only `initialize` and `exit` are answered.
    Starting,
    Running,
    /// After `shutdown`: only `exit` is.
    ShuttingDown,
}

/// A document the client has open.
struct Open {
    path: PathBuf,
    version: i32,
    text: String,
}

struct Server<W: Write> {
    out: Writer<W>,
    phase: Phase,
    encoding: Encoding,
    /// The workspace folders the client opened, loaded at `initialized`.
    roots: Vec<PathBuf>,
    folders: Vec<Folder>,
    /// By URI as the client wrote it.
    open: HashMap<String, Open>,
    /// What was last sent for each URI that has findings (or had them), as sent.
    published: HashMap<String, Vec<lsp::Diagnostic>>,
    /// Whether a change waits to be linted.
    dirty: bool,
    /// The open documents changed since the last publication: their findings are sent again
    /// even when unchanged, for the new version of the text.
    touched: Vec<String>,
    /// The client can watch files for the server (`workspace/didChangeWatchedFiles`).
    can_watch: bool,
    next_id: i32,
}

/// What handling one message leaves to do.
#[derive(PartialEq, Eq)]
enum Next {
    Go,
    Exit,
}

impl<W: Write> Server<W> {
    fn new(out: Writer<W>) -> Server<W> {
        Server {
            out,
            phase: Phase::Starting,
            encoding: Encoding::Utf16,
            roots: Vec::new(),
            folders: Vec::new(),
            open: HashMap::new(),
            published: HashMap::new(),
            dirty: false,
            touched: Vec::new(),
            can_watch: false,
            next_id: 0,
        }
    }

    /// Answer messages until `exit` or the end of the input; whether `shutdown` came first.
    fn serve(&mut self, incoming: &Receiver<Incoming>) -> bool {
        while let Ok(first) = incoming.recv() {
            if self.take(first) == Next::Exit {
                return self.phase == Phase::ShuttingDown;
            }
            // What else already waits is taken before linting, so that a burst of edits is
            // linted once.
            while let Ok(more) = incoming.try_recv() {
                if self.take(more) == Next::Exit {
                    return self.phase == Phase::ShuttingDown;
                }
            }
            if self.dirty && self.phase == Phase::Running {
                self.dirty = false;
                self.publish();
            }
        }
        false
    }

    fn take(&mut self, incoming: Incoming) -> Next {
        match incoming {
            Incoming::Message(Message::Request(request)) => {
                let id = request.id.clone();
                let method = request.method.clone();
                let answer = catch_unwind(AssertUnwindSafe(|| self.request(request)));
                let response = answer.unwrap_or_else(|_| {
                    Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("ownlint failed while answering {method}; this is a bug"),
                    )
                });
                self.send(response.into());
                Next::Go
            }
            Incoming::Message(Message::Notification(notification)) => {
                if notification.method == note::Exit::METHOD {
                    return Next::Exit;
                }
                let method = notification.method.clone();
                if catch_unwind(AssertUnwindSafe(|| self.notification(notification))).is_err() {
                    self.log(format!(
                        "ownlint failed while handling {method}; this is a bug"
                    ));
                }
                Next::Go
            }
            // Answers to the server's own requests (the watcher registration) need no action.
            Incoming::Message(Message::Response(_)) => Next::Go,
            Incoming::Invalid { id, code, message } => {
                let _ = self.out.send_error(id, code, &message);
                Next::Go
            }
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        match (self.phase, request.method.as_str()) {
            (Phase::Starting, req::Initialize::METHOD) => {
                match request.extract(req::Initialize::METHOD) {
                    Ok((id, params)) => self.initialize(id, params),
                    Err(err) => invalid_params(id, err),
                }
            }
            (Phase::Starting, _) => Response::new_err(
                id,
                ErrorCode::ServerNotInitialized as i32,
                "the server is not initialized yet".to_owned(),
            ),
            (Phase::ShuttingDown, _) => Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is shutting down".to_owned(),
            ),
            (Phase::Running, req::Initialize::METHOD) => Response::new_err(
                id,
                ErrorCode::InvalidRequest as i32,
                "the server is already initialized".to_owned(),
            ),
            (Phase::Running, req::Shutdown::METHOD) => {
                self.phase = Phase::ShuttingDown;
                Response::new_ok(id, ())
            }
            (Phase::Running, req::HoverRequest::METHOD) => {
                match request.extract::<lsp::HoverParams>(req::HoverRequest::METHOD) {
                    Ok((id, params)) => {
                        Response::new_ok(id, self.hover(params.text_document_position_params))
                    }
                    Err(err) => invalid_params(id, err),
                }
            }
            (Phase::Running, req::GotoDefinition::METHOD) => {
                match request.extract::<lsp::GotoDefinitionParams>(req::GotoDefinition::METHOD) {
                    Ok((id, params)) => {
                        let locations = self.definition(params.text_document_position_params);
                        let answer = (!locations.is_empty())
                            .then_some(lsp::GotoDefinitionResponse::Array(locations));
                        Response::new_ok(id, answer)
                    }
                    Err(err) => invalid_params(id, err),
                }
            }
            (Phase::Running, req::DocumentSymbolRequest::METHOD) => match request
                .extract::<lsp::DocumentSymbolParams>(
                req::DocumentSymbolRequest::METHOD,
            ) {
                Ok((id, params)) => {
                    let symbols = self.locate(&params.text_document.uri).map(|(f, file)| {
                        lsp::DocumentSymbolResponse::Nested(navigate::symbols(
                            &self.folders[f],
                            file,
                            self.encoding,
                        ))
                    });
                    Response::new_ok(id, symbols)
                }
                Err(err) => invalid_params(id, err),
            },
            (Phase::Running, req::CodeActionRequest::METHOD) => {
                // The quick fixes come from the findings: a change not linted yet is linted
                // first.
                if self.dirty {
                    self.dirty = false;
                    self.publish();
                }
                match request.extract::<lsp::CodeActionParams>(req::CodeActionRequest::METHOD) {
                    Ok((id, params)) => {
                        let actions = self
                            .locate(&params.text_document.uri)
                            .map(|(f, file)| {
                                actions::code_actions(
                                    &self.folders[f],
                                    file,
                                    &params.text_document.uri,
                                    params.range,
                                    self.encoding,
                                )
                            })
                            .unwrap_or_default();
                        Response::new_ok(id, actions)
                    }
                    Err(err) => invalid_params(id, err),
                }
            }
            (Phase::Running, method) => Response::new_err(
                id,
                ErrorCode::MethodNotFound as i32,
                format!("ownlint does not answer {method}"),
            ),
        }
    }

    fn initialize(&mut self, id: RequestId, params: InitializeParams) -> Response {
        let general = params.capabilities.general.as_ref();
        self.encoding = Encoding::negotiate(general.and_then(|g| g.position_encodings.as_deref()));
        self.can_watch = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        #[allow(deprecated)] // rootUri: the folder of a client that sends no workspace folders
        let mut roots: Vec<PathBuf> = match (params.workspace_folders, params.root_uri) {
            (Some(folders), _) if !folders.is_empty() => {
                folders.iter().filter_map(|f| file_path(&f.uri)).collect()
            }
            (_, Some(root)) => file_path(&root).into_iter().collect(),
            _ => Vec::new(),
        };
        roots.sort();
        roots.dedup();
        self.roots = roots;
        self.phase = Phase::Running;
        let capabilities = ServerCapabilities {
            position_encoding: Some(self.encoding.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(lsp::TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
            definition_provider: Some(lsp::OneOf::Left(true)),
            document_symbol_provider: Some(lsp::OneOf::Left(true)),
            code_action_provider: Some(lsp::CodeActionProviderCapability::Options(
                lsp::CodeActionOptions {
                    code_action_kinds: Some(vec![lsp::CodeActionKind::QUICKFIX]),
                    ..lsp::CodeActionOptions::default()
                },
            )),
            ..ServerCapabilities::default()
        };
        let result = lsp::InitializeResult {
            capabilities,
            server_info: Some(ServerInfo {
                name: "ownlint".to_owned(),
                version: Some(env!("OWNLINT_VERSION").to_owned()),
            }),
        };
        Response::new_ok(id, result)
    }

    fn notification(&mut self, notification: Notification) {
        if self.phase != Phase::Running {
            return; // before `initialize` and after `shutdown`, notifications are dropped
        }
        let method = notification.method.clone();
        let handled = match method.as_str() {
            note::Initialized::METHOD => {
                self.start();
                Ok(())
            }
            note::DidOpenTextDocument::METHOD => {
                self.on::<note::DidOpenTextDocument>(notification, Self::did_open)
            }
            note::DidChangeTextDocument::METHOD => {
                self.on::<note::DidChangeTextDocument>(notification, Self::did_change)
            }
            note::DidCloseTextDocument::METHOD => {
                self.on::<note::DidCloseTextDocument>(notification, Self::did_close)
            }
            note::DidSaveTextDocument::METHOD => {
                self.on::<note::DidSaveTextDocument>(notification, Self::did_save)
            }
            note::DidChangeWatchedFiles::METHOD => {
                self.on::<note::DidChangeWatchedFiles>(notification, Self::did_change_watched_files)
            }
            note::DidChangeWorkspaceFolders::METHOD => self.on::<note::DidChangeWorkspaceFolders>(
                notification,
                Self::did_change_workspace_folders,
            ),
            // Everything else (`$/cancelRequest`, `$/setTrace`, settings) changes nothing here.
            _ => Ok(()),
        };
        if let Err(err) = handled {
            self.log(format!("ignored a {method} notification: {err}"));
        }
    }

    /// Read a notification's parameters and hand them to `handle`.
    fn on<N: note::Notification>(
        &mut self,
        notification: Notification,
        handle: fn(&mut Self, N::Params),
    ) -> Result<(), lsp_server::ExtractError<Notification>> {
        notification
            .extract(N::METHOD)
            .map(|params| handle(self, params))
    }

    /// `initialized`: load every folder, ask the client to watch the configuration and the
    /// documents, and publish every finding.
    fn start(&mut self) {
        self.folders = self.roots.iter().cloned().map(Folder::load).collect();
        self.report_configuration();
        if self.can_watch {
            self.register_watchers();
        }
        self.dirty = true;
    }

    fn did_open(&mut self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let Some(path) = file_path(&doc.uri) else {
            return; // an unsaved buffer without a file (`untitled:`) is nothing to lint
        };
        self.set_text(&path, doc.text.clone());
        self.touched.push(doc.uri.as_str().to_owned());
        self.open.insert(
            doc.uri.as_str().to_owned(),
            Open {
                path,
                version: doc.version,
                text: doc.text,
            },
        );
    }

    fn did_change(&mut self, params: DidChangeTextDocumentParams) {
        let key = params.text_document.uri.as_str();
        let Some(open) = self.open.get_mut(key) else {
            return;
        };
        let text = std::mem::take(&mut open.text);
        open.text = position::apply_changes(text, params.content_changes, self.encoding);
        open.version = params.text_document.version;
        let (path, text) = (open.path.clone(), open.text.clone());
        self.touched.push(key.to_owned());
        self.set_text(&path, text);
    }

    fn did_close(&mut self, params: DidCloseTextDocumentParams) {
        let Some(open) = self.open.remove(params.text_document.uri.as_str()) else {
            return;
        };
        // Back to the file on disk: a closed document's unsaved edits are gone. A document
        // outside every workspace folder is linted only while it is open.
        for folder in &mut self.folders {
            if folder.holds(&open.path) {
                let closed = match folder.alone {
                    true => folder.set_text(&open.path, String::new()),
                    false => folder.reread(&open.path),
                };
                self.dirty |= closed.is_some();
            }
        }
    }

    fn did_save(&mut self, params: DidSaveTextDocumentParams) {
        if let Some(path) = file_path(&params.text_document.uri)
            && is_configuration(&path)
        {
            self.reload();
        }
    }

    fn did_change_watched_files(&mut self, params: DidChangeWatchedFilesParams) {
        let mut reload = false;
        for change in params.changes {
            let Some(path) = file_path(&change.uri) else {
                continue;
            };
            if is_configuration(&path) || change.typ != lsp::FileChangeType::CHANGED {
                // A new configuration, or a file created or deleted: walk again.
                reload = true;
            } else if !self.open.contains_key(change.uri.as_str()) {
                for folder in &mut self.folders {
                    if folder.holds(&path) && folder.reread(&path).is_some() {
                        self.dirty = true;
                    }
                }
            }
        }
        if reload {
            self.reload();
        }
    }

    fn did_change_workspace_folders(&mut self, params: DidChangeWorkspaceFoldersParams) {
        let removed: Vec<PathBuf> = params
            .event
            .removed
            .iter()
            .filter_map(|f| file_path(&f.uri))
            .collect();
        self.roots.retain(|r| !removed.contains(r));
        self.roots
            .extend(params.event.added.iter().filter_map(|f| file_path(&f.uri)));
        self.roots.sort();
        self.roots.dedup();
        self.reload();
    }

    /// Load every folder again (a configuration changed, a file came or went), with the open
    /// documents' texts in place.
    fn reload(&mut self) {
        self.folders = self.roots.iter().cloned().map(Folder::load).collect();
        let texts: Vec<(PathBuf, String)> = self
            .open
            .values()
            .map(|o| (o.path.clone(), o.text.clone()))
            .collect();
        for (path, text) in texts {
            self.set_text(&path, text);
        }
        self.report_configuration();
        self.dirty = true;
    }

    /// Put an open document's text in the folder it lies in; a document outside every folder
    /// is linted in a folder of its own (its parent), as `check` run there would lint it.
    fn set_text(&mut self, path: &Path, text: String) {
        let mut placed = false;
        for folder in &mut self.folders {
            if folder.holds(path) {
                placed |= folder.set_text(path, text.clone()).is_some();
            }
        }
        if !placed
            && !self.folders.iter().any(|f| f.holds(path))
            && let Some(parent) = path.parent()
        {
            let mut folder = Folder::alone(parent.to_path_buf());
            folder.set_text(path, text);
            self.folders.push(folder);
            self.report_configuration();
        }
        self.dirty = true;
    }

    /// The folder and file of a document the server lints.
    fn locate(&self, uri: &Uri) -> Option<(usize, FileId)> {
        let path = file_path(uri)?;
        self.folders
            .iter()
            .enumerate()
            .find_map(|(i, folder)| folder.id(&path).map(|id| (i, id)))
    }

    /// The `who` card of what is at a place of a document; none in a document the server
    /// does not lint.
    fn hover(&self, place: lsp::TextDocumentPositionParams) -> Option<lsp::Hover> {
        let (f, file) = self.locate(&place.text_document.uri)?;
        let folder = &self.folders[f];
        let offset = position::offset(folder.file(file), place.position, self.encoding);
        hover::hover(folder, file, offset, self.encoding)
    }

    fn definition(&self, place: lsp::TextDocumentPositionParams) -> Vec<lsp::Location> {
        // The configuration file (which a walk of `.` may also read as a document): from a
        // team of the registry to the domains it owns.
        if let Some(path) = file_path(&place.text_document.uri)
            && let Some(open) = self.open.get(place.text_document.uri.as_str())
        {
            for folder in &self.folders {
                let config = folder.config.path.as_deref().map(|p| folder.root.join(p));
                if config.is_some_and(|c| same_file(&c, &path)) {
                    let starts = crate::source::line_starts(&open.text);
                    let offset =
                        position::offset_in(&open.text, &starts, place.position, self.encoding);
                    return navigate::team_definition(folder, offset, self.encoding);
                }
            }
        }
        let Some((f, file)) = self.locate(&place.text_document.uri) else {
            return Vec::new();
        };
        let folder = &self.folders[f];
        let offset = position::offset(folder.file(file), place.position, self.encoding);
        let mut locations = navigate::definition(folder, file, offset, self.encoding);
        let spellings = self.client_spellings();
        for location in &mut locations {
            respell(&mut location.uri, &spellings);
        }
        locations
    }

    /// How the client spells the URIs of its open documents, by the server's spelling of them:
    /// a client may write `team%2Bops` where the server writes `team+ops`, and compare URIs
    /// as strings.
    fn client_spellings(&self) -> HashMap<String, String> {
        self.open
            .iter()
            .filter_map(|(theirs, open)| {
                let ours = file_uri(&open.path)?;
                (ours.as_str() != theirs).then(|| (ours.as_str().to_owned(), theirs.clone()))
            })
            .collect()
    }

    /// Findings by URI, every URI (the related places' too) as the client spells it.
    fn respelled(
        &self,
        now: HashMap<String, Vec<lsp::Diagnostic>>,
    ) -> HashMap<String, Vec<lsp::Diagnostic>> {
        let spellings = self.client_spellings();
        if spellings.is_empty() {
            return now;
        }
        let mut out: HashMap<String, Vec<lsp::Diagnostic>> = HashMap::with_capacity(now.len());
        for (uri, mut diagnostics) in now {
            for related in diagnostics
                .iter_mut()
                .flat_map(|d| d.related_information.iter_mut().flatten())
            {
                respell(&mut related.location.uri, &spellings);
            }
            let uri = spellings.get(&uri).cloned().unwrap_or(uri);
            out.entry(uri).or_default().extend(diagnostics);
        }
        out
    }

    /// Lint every folder and send the findings of each file whose findings changed.
    fn publish(&mut self) {
        let mut now: HashMap<String, Vec<lsp::Diagnostic>> = HashMap::new();
        for folder in &mut self.folders {
            folder.lint();
            convert::by_uri(folder, folder.findings(), self.encoding, &mut now);
            convert::configuration_errors(folder, self.encoding, &mut now);
        }
        let mut now = self.respelled(now);
        let touched = std::mem::take(&mut self.touched);
        let mut uris: Vec<String> = now
            .keys()
            .chain(self.published.keys())
            .chain(&touched)
            .cloned()
            .collect();
        uris.sort();
        uris.dedup();
        // What is cleared goes first: a client that takes two spellings of a URI for one
        // document must not see its findings cleared after they arrive.
        uris.sort_by_key(|uri| now.get(uri).is_some_and(|d| !d.is_empty()));
        for uri in uris {
            let diagnostics = now.remove(&uri).unwrap_or_default();
            let unchanged = self
                .published
                .get(&uri)
                .map_or(diagnostics.is_empty(), |sent| *sent == diagnostics);
            if unchanged && !touched.contains(&uri) {
                continue;
            }
            let Ok(parsed) = uri.parse::<Uri>() else {
                continue;
            };
            let version = self.open.get(&uri).map(|o| o.version);
            self.notify::<note::PublishDiagnostics>(PublishDiagnosticsParams {
                uri: parsed,
                diagnostics: diagnostics.clone(),
                version,
            });
            if diagnostics.is_empty() {
                self.published.remove(&uri);
            } else {
                self.published.insert(uri, diagnostics);
            }
        }
    }

    /// Tell the client about a configuration file that could not be used (its problems are
    /// also published on the file itself).
    fn report_configuration(&mut self) {
        let problems: Vec<String> = self
            .folders
            .iter()
            .filter_map(|f| f.config_error.as_ref())
            .map(|err| {
                let said: Vec<String> = crate::app::message::messages(err)
                    .iter()
                    .map(|m| m.text().to_owned())
                    .collect();
                format!(
                    "ownlint: {}; linting with the default settings until it is fixed",
                    said.join("; ")
                )
            })
            .collect();
        for message in problems {
            self.notify::<note::ShowMessage>(lsp::ShowMessageParams {
                typ: lsp::MessageType::ERROR,
                message,
            });
        }
    }

    fn register_watchers(&mut self) {
        let watchers = ["**/.ownlint.{yaml,yml}", "**/*.{md,markdown,yaml,yml}"]
            .into_iter()
            .map(|glob| FileSystemWatcher {
                glob_pattern: GlobPattern::String(glob.to_owned()),
                kind: None,
            })
            .collect();
        let options = DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = RegistrationParams {
            registrations: vec![Registration {
                id: "ownlint-watched-files".to_owned(),
                method: note::DidChangeWatchedFiles::METHOD.to_owned(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        self.next_id += 1;
        let request = Request::new(
            RequestId::from(format!("ownlint-{}", self.next_id)),
            req::RegisterCapability::METHOD.to_owned(),
            params,
        );
        self.send(request.into());
    }

    fn notify<N: note::Notification>(&mut self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_owned(), params).into());
    }

    fn log(&mut self, message: String) {
        self.notify::<note::LogMessage>(lsp::LogMessageParams {
            typ: lsp::MessageType::WARNING,
            message,
        });
    }

    fn send(&mut self, message: Message) {
        // A client that stopped reading gets nothing more; the next `recv` ends the loop.
        let _ = self.out.send(message);
    }
}

/// `uri` as the client spells it, when it is one of the client's open documents.
fn respell(uri: &mut Uri, spellings: &HashMap<String, String>) {
    if let Some(theirs) = spellings.get(uri.as_str())
        && let Ok(theirs) = theirs.parse()
    {
        *uri = theirs;
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || a.canonicalize().ok() == b.canonicalize().ok()
}

fn invalid_params(id: RequestId, err: lsp_server::ExtractError<Request>) -> Response {
    Response::new_err(
        id,
        ErrorCode::InvalidParams as i32,
        format!("invalid parameters: {err}"),
    )
}

/// The path of a `file:` URI.
fn file_path(uri: &Uri) -> Option<PathBuf> {
    url::Url::parse(uri.as_str()).ok()?.to_file_path().ok()
}

/// The URI of a path, every byte of it percent-encoded but the unreserved characters and
/// `/`: as VS Code and Python's `pathlib` write it (`team%2Bops`), so that a client that
/// compares URIs as strings finds its documents' findings under its own spelling of them.
#[cfg(unix)]
fn file_uri(path: &Path) -> Option<Uri> {
    use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_encode};
    use std::os::unix::ffi::OsStrExt;
    const KEPT: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    if !path.is_absolute() {
        return None;
    }
    let encoded = percent_encode(path.as_os_str().as_bytes(), KEPT);
    format!("file://{encoded}").parse().ok()
}

/// The URI of a path (drive letters and separators as the `url` crate writes them).
#[cfg(not(unix))]
fn file_uri(path: &Path) -> Option<Uri> {
    url::Url::from_file_path(path).ok()?.as_str().parse().ok()
}

fn is_configuration(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| crate::config::FILE_NAMES.contains(&n))
}
