"""Findings reach the document under the URI the client named it by. Two spellings of one
file URI differ in which characters are percent-encoded (`+` or `%2B`, `@` or `%40`); an
editor keys its documents by its own spelling, which it sends in didOpen."""

from __future__ import annotations

import urllib.parse

import pytest
from harness import uri

# Folder names whose URI the client (Python's pathlib, as VS Code does) spells with escapes
# that a URI library may leave out.
FOLDER_NAMES = ["team+ops", "ops@home", "a&b=c,d;e$f", "with space", "Zürich"]


@pytest.mark.parametrize("name", FOLDER_NAMES)
async def test_an_open_document_gets_its_findings_under_its_own_uri(
    session, copy_fixture, tmp_path, name
):
    repo = tmp_path / name
    seed = copy_fixture("seed/OWNERSHIP.md", f"{name}/OWNERSHIP.md")
    await session.initialize(repo)
    session.open(seed)
    await session.settle()

    mine = [p for p in session.recorder.publications if p.uri == uri(seed)]
    assert mine, f"nothing published under {uri(seed)}"
    assert mine[-1].version == 1
    assert len(mine[-1].diagnostics) == 13

    # No publication under another spelling of the same file would undo it in an editor
    # that compares URIs after decoding them.
    same_file = [
        p
        for p in session.recorder.publications
        if urllib.parse.unquote(p.uri) == urllib.parse.unquote(uri(seed)) and p.uri != uri(seed)
    ]
    assert same_file == [], [(p.uri, p.version, len(p.diagnostics)) for p in same_file]
