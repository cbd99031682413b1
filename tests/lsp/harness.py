"""A pytest-lsp client session with `ownlint server`, and the waiting a test needs.

The server publishes diagnostics when it likes, so a test cannot just read them after a
change. `settle()` is the point after which everything the server had to publish for the
messages sent so far has arrived: see its docstring.
"""

from __future__ import annotations

import asyncio
import os
import pathlib
from dataclasses import dataclass, field
from typing import Any

import textedit
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES

# How long any one awaited answer may take; the server answers small folders in
# milliseconds, so hitting this is a hang, not slowness.
WAIT = 20.0

# The name of the document opened only to know when the server has caught up: not an
# ownership file (no extension the server lints), so it changes no finding.
BARRIER_NAME = "ownlint-test-barrier.txt"


def ownlint_binary() -> str:
    """The binary under test: $OWNLINT (tests/lsp.sh sets it to the repository's build)."""
    binary = os.environ.get("OWNLINT")
    if not binary:
        raise RuntimeError("set OWNLINT to the ownlint binary (tests/lsp.sh does)")
    return binary


@dataclass
class Publication:
    uri: str
    version: int | None
    diagnostics: list[types.Diagnostic]


@dataclass
class Recorder:
    """Everything the server sent besides answers, in order of arrival."""

    publications: list[Publication] = field(default_factory=list)
    registrations: list[types.Registration] = field(default_factory=list)


def make_client(recorder: Recorder) -> LanguageClient:
    """pytest-lsp's client, with every publication and registration kept, not only the last."""
    client = LanguageClient()
    for method, handler in DEFAULT_CLIENT_FEATURES.items():
        if method != types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS:
            client.feature(method)(handler)

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_publish(ls: LanguageClient, params: types.PublishDiagnosticsParams):
        ls.diagnostics[params.uri] = params.diagnostics
        recorder.publications.append(
            Publication(params.uri, params.version, list(params.diagnostics))
        )

    @client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def on_register(ls: LanguageClient, params: types.RegistrationParams):
        recorder.registrations.extend(params.registrations)

    return client


def uri(path: pathlib.Path) -> str:
    return path.absolute().as_uri()


def language_of(path: pathlib.Path) -> str:
    return "yaml" if path.suffix in (".yaml", ".yml") else "markdown"


class Session:
    """One running server, its client, and the documents the test has open."""

    def __init__(self, client: LanguageClient, recorder: Recorder):
        self.client = client
        self.recorder = recorder
        self.versions: dict[str, int] = {}
        self.texts: dict[str, str] = {}
        self.barrier: pathlib.Path | None = None
        self.encoding: str | None = None

    @classmethod
    async def start(cls) -> Session:
        recorder = Recorder()
        config = ClientServerConfig(
            server_command=[ownlint_binary(), "server"],
            client_factory=lambda: make_client(recorder),
        )
        client = await config.start()
        return cls(client, recorder)

    async def initialize(
        self,
        *folders: pathlib.Path,
        encodings: list[str] | None = None,
        watch: bool = False,
        barrier_folder: pathlib.Path | None = None,
        capabilities: types.ClientCapabilities | None = None,
    ) -> types.InitializeResult:
        """initialize + initialized with `folders` as workspace folders, then wait until the
        server has published what it found in them. The barrier document lies in the first
        folder, or in `barrier_folder` (for a client without workspace folders). A real
        editor's `capabilities` replace the ones made from `encodings` and `watch`."""
        capabilities = capabilities or types.ClientCapabilities(
            general=types.GeneralClientCapabilities(
                position_encodings=[types.PositionEncodingKind(e) for e in encodings]
                if encodings
                else None
            ),
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(
                    related_information=True, version_support=True
                ),
                synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            ),
            workspace=types.WorkspaceClientCapabilities(
                workspace_folders=True,
                did_change_watched_files=types.DidChangeWatchedFilesClientCapabilities(
                    dynamic_registration=True
                )
                if watch
                else None,
            ),
        )
        result = await asyncio.wait_for(
            self.client.initialize_session(
                types.InitializeParams(
                    capabilities=capabilities,
                    root_uri=uri(folders[0]) if folders else None,
                    workspace_folders=[
                        types.WorkspaceFolder(uri=uri(f), name=f.name) for f in folders
                    ],
                )
            ),
            WAIT,
        )
        # Absent means UTF-16, the protocol's default.
        self.encoding = types.PositionEncodingKind(
            result.capabilities.position_encoding or "utf-16"
        ).value
        if folders or barrier_folder:
            self.barrier = (barrier_folder or folders[0]) / BARRIER_NAME
            self.open(self.barrier, "")
            await self.settle()
        return result

    # Documents.

    def open(self, path: pathlib.Path, text: str | None = None) -> str:
        """didOpen `path` with `text` (its text on disk by default); returns its URI."""
        if text is None:
            text = path.read_bytes().decode("utf-8")
        key = uri(path)
        self.versions[key] = 1
        self.texts[key] = text
        self.client.text_document_did_open(
            types.DidOpenTextDocumentParams(
                text_document=types.TextDocumentItem(
                    uri=key, language_id=language_of(path), version=1, text=text
                )
            )
        )
        return key

    def change(self, path: pathlib.Path, *edits: tuple[types.Range | None, str]) -> int:
        """didChange with `edits` (range, new text; no range replaces the whole text), in
        order, as one notification; returns the new version."""
        key = uri(path)
        self.versions[key] += 1
        for r, t in edits:
            self.texts[key] = textedit.apply(self.texts[key], r, t, self.encoding)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=key, version=self.versions[key]
                ),
                content_changes=[
                    types.TextDocumentContentChangePartial(range=r, text=t)
                    if r is not None
                    else types.TextDocumentContentChangeWholeDocument(text=t)
                    for r, t in edits
                ],
            )
        )
        return self.versions[key]

    def apply(self, path: pathlib.Path, edits: list[types.TextEdit]) -> int:
        """Apply a server's TextEdits to an open document as an editor does: one didChange."""
        return self.change(path, *edits_as_changes(edits, self.text(path), self.encoding))

    def close(self, path: pathlib.Path) -> None:
        key = uri(path)
        del self.versions[key]
        del self.texts[key]
        self.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=key))
        )

    def save(self, path: pathlib.Path) -> None:
        self.client.text_document_did_save(
            types.DidSaveTextDocumentParams(
                text_document=types.TextDocumentIdentifier(uri=uri(path))
            )
        )

    def files_changed(self, *changes: tuple[pathlib.Path, types.FileChangeType]) -> None:
        self.client.workspace_did_change_watched_files(
            types.DidChangeWatchedFilesParams(
                changes=[types.FileEvent(uri=uri(p), type=t) for p, t in changes]
            )
        )

    def text(self, path: pathlib.Path) -> str:
        """The text of an open document as the client holds it."""
        return self.texts[uri(path)]

    def range_of(self, path: pathlib.Path, needle: str, occurrence: int = 0) -> types.Range:
        """The range of `needle` in the open document, in the negotiated encoding."""
        return textedit.range_of(self.text(path), needle, self.encoding, occurrence)

    # Waiting.

    async def settle(self) -> None:
        """Return once the server has published everything due for the messages sent so far.

        The server reads what has arrived, then lints once and publishes. An open document
        is republished after each of its changes, in the same round of publications as
        every other file whose findings changed, so: change the barrier document, wait for
        its publication at the new version, then make a round trip with a request. The
        request is read after that round ended, so its answer comes after the whole round.
        """
        assert self.barrier is not None, "initialize with a folder first"
        key = uri(self.barrier)
        if key not in self.versions:
            self.open(self.barrier, "")
            version = 1
        else:
            version = self.change(self.barrier, (None, f"settled {self.versions[key]}"))
        await self.wait_for(
            lambda: any(p.uri == key and p.version == version for p in self.recorder.publications),
            f"the barrier document published at version {version}",
        )
        await self.request("ownlint-test/roundTrip", None)

    async def wait_for(self, condition, what: str) -> None:
        async def poll():
            while not condition():
                if self.client.stopped:
                    raise AssertionError(f"the server stopped while waiting for {what}")
                await asyncio.sleep(0.005)

        try:
            await asyncio.wait_for(poll(), WAIT)
        except asyncio.TimeoutError:  # TimeoutError itself from Python 3.11 on
            raise AssertionError(f"waited {WAIT}s for {what}") from None

    async def request(self, method: str, params: Any) -> Any:
        """Send a request; returns its result, or the JsonRpcException it was answered with."""
        try:
            return await asyncio.wait_for(
                self.client.protocol.send_request_async(method, params), WAIT
            )
        except JsonRpcException as error:
            return error

    # Requests at a place.

    def document(self, path: pathlib.Path) -> types.TextDocumentIdentifier:
        return types.TextDocumentIdentifier(uri=uri(path))

    async def code_actions(
        self, path: pathlib.Path, diagnostic: types.Diagnostic
    ) -> list[types.CodeAction]:
        """The code actions for one published finding, asked for at its range."""
        answer = await asyncio.wait_for(
            self.client.text_document_code_action_async(
                types.CodeActionParams(
                    text_document=self.document(path),
                    range=diagnostic.range,
                    context=types.CodeActionContext(diagnostics=[diagnostic]),
                )
            ),
            WAIT,
        )
        return list(answer or [])

    async def hover(self, path: pathlib.Path, position: types.Position) -> types.Hover | None:
        return await asyncio.wait_for(
            self.client.text_document_hover_async(
                types.HoverParams(text_document=self.document(path), position=position)
            ),
            WAIT,
        )

    async def definition(self, path: pathlib.Path, position: types.Position) -> list:
        answer = await asyncio.wait_for(
            self.client.text_document_definition_async(
                types.DefinitionParams(text_document=self.document(path), position=position)
            ),
            WAIT,
        )
        if answer is None:
            return []
        return answer if isinstance(answer, list) else [answer]

    async def symbols(self, path: pathlib.Path) -> list:
        answer = await asyncio.wait_for(
            self.client.text_document_document_symbol_async(
                types.DocumentSymbolParams(text_document=self.document(path))
            ),
            WAIT,
        )
        return list(answer or [])

    # What was published.

    def diagnostics(self, path: pathlib.Path) -> list[types.Diagnostic]:
        """The diagnostics last published for `path` (none if nothing was published)."""
        return list(self.client.diagnostics.get(uri(path), []))

    def published_since(self, mark: int) -> list[Publication]:
        return self.recorder.publications[mark:]

    def mark(self) -> int:
        """A place in the publications, for `published_since`."""
        return len(self.recorder.publications)

    async def stop(self) -> int | None:
        """shutdown + exit when the server still runs; its exit status."""
        server = self.client._server
        if server is not None and server.returncode is None and not self.client.stopped:
            if self.client.capabilities is not None:
                await asyncio.wait_for(self.client.shutdown_session(), WAIT)
            else:
                self.client.exit(None)  # never initialized: there is nothing to shut down
        await asyncio.wait_for(self.client.stop(), WAIT)
        return server.returncode if server is not None else None


def edits_as_changes(
    edits: list[types.TextEdit], text: str, encoding: str
) -> list[tuple[types.Range, str]]:
    """A TextEdit list (ranges in the original text) as didChange events applied in order:
    from the last edit to the first, so that no event moves the place of the next."""
    return [
        (e.range, e.new_text)
        for e in sorted(
            edits,
            key=lambda e: (
                textedit.index_of(text, e.range.start, encoding),
                textedit.index_of(text, e.range.end, encoding),
            ),
            reverse=True,
        )
    ]
