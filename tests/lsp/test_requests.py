"""Requests and notifications at odd places: invalid parameters, documents the server does not
lint, positions inside a character or past the text, reversed ranges. The server answers
each (an error or nothing to say), never dies, and still exits cleanly."""

from __future__ import annotations

import pytest
from checkcli import as_tuples, expected_with_texts
from lsprotocol import types


async def test_requests_on_documents_the_server_does_not_lint(session, copy_fixture, tmp_path):
    copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    await session.initialize(tmp_path / "repo")
    somewhere = types.Position(line=0, character=0)
    for path in (tmp_path / "repo" / "notes.txt", tmp_path / "repo" / "missing.md"):
        assert await session.hover(path, somewhere) is None
        assert await session.definition(path, somewhere) == []
        assert await session.symbols(path) == []
        actions = await session.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=session.document(path),
                range=types.Range(start=somewhere, end=somewhere),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
        assert not actions
    untitled = types.TextDocumentIdentifier(uri="untitled:Untitled-1")
    answer = await session.client.text_document_hover_async(
        types.HoverParams(text_document=untitled, position=somewhere)
    )
    assert answer is None


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
async def test_positions_inside_a_character_or_past_the_text(
    session, tmp_path, open_text, encoding
):
    text = "## Domain Ownership\n\n### 🚀 Launch Domain\n\n**Owner:** Équipe Lancement\n"
    repo, document = await open_text(text, encodings=[encoding])

    # Inside the rocket: between its two UTF-16 code units, or among its four UTF-8 bytes.
    inside = types.Position(line=2, character=5)
    past_line = types.Position(line=2, character=500)
    past_text = types.Position(line=500, character=3)
    for position in (inside, past_line, past_text):
        await session.hover(document, position)
        await session.definition(document, position)
        await session.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=session.document(document),
                range=types.Range(start=position, end=position),
                context=types.CodeActionContext(diagnostics=[]),
            )
        )
    # Edits there too, and a range whose end comes before its start.
    session.change(document, (types.Range(start=inside, end=inside), "x"))
    session.change(document, (types.Range(start=past_text, end=past_text), "\n"))
    session.change(
        document,
        (
            types.Range(
                start=types.Position(line=4, character=8), end=types.Position(line=4, character=2)
            ),
            "",
        ),
    )
    await session.settle()

    # Whatever the server made of those edits, it lints what it holds: put the text back
    # whole and it agrees with check again.
    session.change(document, (None, text))
    await session.settle()
    expected = expected_with_texts(repo, {document: text}, tmp_path / "scratch", encoding)
    assert sorted(as_tuples(session.diagnostics(document))) == sorted(expected[document])
    assert await session.stop() == 0


async def test_documents_opened_twice_or_closed_unopened(session, copy_fixture, tmp_path):
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    await session.initialize(tmp_path / "repo")
    session.client.text_document_did_close(
        types.DidCloseTextDocumentParams(text_document=session.document(tmp_path / "repo" / "x.md"))
    )
    session.open(seed, "### Only Domain\n\n**Owner:** TBD\n")
    session.open(seed)  # again, with the text on disk: the second open wins
    await session.settle()
    assert len(session.diagnostics(seed)) == 13
    assert await session.stop() == 0


async def test_a_large_document_is_linted_and_edited(session, copy_fixture, tmp_path):
    """A hundred copies of the seed (about 700 KB), open and edited: the server keeps up and
    still agrees with check."""
    repo = tmp_path / "repo"
    repo.mkdir()
    document = repo / "OWNERSHIP.md"
    seed = (copy_fixture("seed/OWNERSHIP.md", "seed.md")).read_text(encoding="utf-8")
    document.write_text(seed * 100, encoding="utf-8")
    await session.initialize(repo)
    session.open(document)
    await session.settle()
    for i in range(5):
        session.change(
            document, (session.range_of(document, "[Engineering Manager]"), f"Person {i}")
        )
    await session.settle()

    expected = expected_with_texts(
        repo, {document: session.text(document)}, tmp_path / "scratch", "utf-16"
    )
    assert sorted(as_tuples(session.diagnostics(document))) == sorted(expected[document])
