"""The server with the capabilities real editors announce (the sets pytest-lsp ships: VS Code,
Neovim 0.6 to 0.11, Emacs): the position encoding each gets, the file watching each can do,
and the same findings as check, counted in that encoding."""

from __future__ import annotations

import pytest
from checkcli import as_tuples, check_json, expected_by_file
from lsprotocol import types
from pytest_lsp import client_capabilities

CLIENTS = [
    "visual-studio-code@v1.65.2",
    "neovim@v0.6.1",
    "neovim@v0.7.0",
    "neovim@v0.8.0",
    "neovim@v0.9.1",
    "neovim@v0.10.0",
    "neovim@v0.11.0",
    "emacs@v29.1",
]

DOCUMENT = """## Domain Ownership

### Zürich 🚀 Launch Domain

**Owner:** Équipe Lancement 🛰️, Другая команда
**Escalation Contact:** [Responsable d’équipe]
**SLO Responsibility:**
- Launch latency 🚀: P95 ≤ 300 parsecs
"""


@pytest.mark.parametrize("client", CLIENTS)
async def test_a_real_clients_session(session, tmp_path, client):
    capabilities = client_capabilities(client)
    repo = tmp_path / "repo"
    repo.mkdir()
    document = repo / "OWNERSHIP.md"
    document.write_text(DOCUMENT, encoding="utf-8")

    result = await session.initialize(repo, capabilities=capabilities)

    offered = (capabilities.general and capabilities.general.position_encodings) or []
    wanted = "utf-8" if types.PositionEncodingKind.Utf8 in offered else "utf-16"
    assert result.capabilities.position_encoding == wanted
    watching = capabilities.workspace.did_change_watched_files
    can_register = bool(watching and watching.dynamic_registration)
    assert bool(session.recorder.registrations) == can_register

    expected = expected_by_file(repo, check_json(repo), wanted)[document]
    assert sorted(as_tuples(session.diagnostics(document))) == sorted(expected)

    session.open(document)
    await session.settle()
    assert sorted(as_tuples(session.diagnostics(document))) == sorted(expected)
    heading = session.range_of(document, "Zürich 🚀 Launch Domain")
    hovered = await session.hover(document, heading.end)
    assert hovered is not None and hovered.range == session.range_of(
        document, "### Zürich 🚀 Launch Domain"
    )
    (symbol,) = await session.symbols(document)
    assert symbol.selection_range == heading
    assert isinstance(symbol, types.DocumentSymbol)
