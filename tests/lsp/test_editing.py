"""didOpen/didChange: the server lints the editor's text, not the file on disk, after
incremental and full changes, and republishes the changed document at its new version."""

from __future__ import annotations

from checkcli import as_tuples, expected_with_texts
from harness import uri
from lsprotocol import types


def codes_at(diagnostics, line: int) -> list[str]:
    """The codes of the findings that start on 1-based `line`."""
    return sorted(d.code for d in diagnostics if d.range.start.line + 1 == line)


async def assert_same_as_check(session, folder, path, scratch):
    """The last publication for `path` is what check reports for the editor's text."""
    expected = expected_with_texts(folder, {path: session.text(path)}, scratch, session.encoding)
    assert sorted(as_tuples(session.diagnostics(path))) == sorted(expected.get(path, []))


async def test_an_incremental_edit_fixes_a_finding(session, tmp_path, open_seed):
    repo, seed = await open_seed()
    assert codes_at(session.diagnostics(seed), 20) == ["OWN202"]
    before = len(session.diagnostics(seed))

    mark = session.mark()
    version = session.change(seed, (session.range_of(seed, "[Engineering Manager]"), "Dana Smith"))
    await session.settle()

    mine = [p for p in session.published_since(mark) if p.uri == uri(seed)]
    assert [p.version for p in mine] == [version]
    assert codes_at(mine[0].diagnostics, 20) == []
    assert len(mine[0].diagnostics) == before - 1
    await assert_same_as_check(session, repo, seed, tmp_path / "scratch")
    # Nothing was saved: the file on disk still has the placeholder.
    assert "[Engineering Manager]" in seed.read_text(encoding="utf-8").splitlines()[19]


async def test_an_incremental_edit_introduces_a_finding(session, tmp_path, open_seed):
    repo, seed = await open_seed()
    assert codes_at(session.diagnostics(seed), 19) == []

    session.change(seed, (session.range_of(seed, "Subscription Service Team"), "TBD"))
    await session.settle()

    (orphaned,) = [d for d in session.diagnostics(seed) if d.range.start.line == 18]
    assert orphaned.code == "OWN101"
    assert orphaned.severity == types.DiagnosticSeverity.Error
    assert orphaned.range == types.Range(
        start=types.Position(line=18, character=11), end=types.Position(line=18, character=14)
    )
    await assert_same_as_check(session, repo, seed, tmp_path / "scratch")


async def test_edits_in_one_change_apply_in_order(session, tmp_path, open_seed):
    repo, seed = await open_seed()

    # The second edit's range is in the text the first one left: line 20 (0-based 19) was
    # removed, so the Payments placeholder of line 42 is then on line 41.
    first = session.range_of(seed, "**Escalation Contact:** [Engineering Manager]\n")
    first_end = types.Position(line=first.end.line, character=0)
    session.change(
        seed,
        (types.Range(start=first.start, end=first_end), ""),
        (
            types.Range(
                start=types.Position(line=40, character=24),
                end=types.Position(line=40, character=45),
            ),
            "Payments On-Call",
        ),
    )
    await session.settle()

    diagnostics = session.diagnostics(seed)
    # The Subscriptions line is gone: no contact now (OWN201), and Payments has a real one.
    assert "OWN201" in codes_at(diagnostics, 17)
    assert codes_at(diagnostics, 41) == []
    await assert_same_as_check(session, repo, seed, tmp_path / "scratch")


async def test_a_full_text_change_replaces_the_document(session, copy_fixture, tmp_path):
    repo = tmp_path / "repo"
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    other = copy_fixture("multiple-owners/fail.md", "elsewhere/fail.md")
    await session.initialize(repo)
    session.open(seed)
    await session.settle()
    assert len(session.diagnostics(seed)) == 13

    session.change(seed, (None, other.read_bytes().decode("utf-8")))
    await session.settle()

    assert "OWN102" in {d.code for d in session.diagnostics(seed)}
    assert "OWN105" not in {d.code for d in session.diagnostics(seed)}
    await assert_same_as_check(session, repo, seed, tmp_path / "scratch")

    # And back: incremental edits after a full change are applied to the new text.
    session.change(seed, (None, seed.read_bytes().decode("utf-8")))
    await session.settle()
    assert len(session.diagnostics(seed)) == 13


async def test_an_unchanged_open_document_is_republished_at_each_version(session, open_seed):
    repo, seed = await open_seed()
    findings = session.diagnostics(seed)

    mark = session.mark()
    # A change that changes no finding: a word in the introduction.
    version = session.change(seed, (session.range_of(seed, "accountability"), "clarity"))
    await session.settle()

    mine = [p for p in session.published_since(mark) if p.uri == uri(seed)]
    assert [p.version for p in mine] == [version]
    assert mine[0].diagnostics == findings


async def test_a_burst_of_changes_ends_at_the_last_text(session, tmp_path, open_seed):
    repo, seed = await open_seed()

    # Type a contact one character at a time over the placeholder, without waiting.
    session.change(seed, (session.range_of(seed, "[Engineering Manager]"), ""))
    for i, ch in enumerate("Dana Smith"):
        at = types.Position(line=19, character=24 + i)
        session.change(seed, (types.Range(start=at, end=at), ch))
    await session.settle()

    assert session.text(seed).splitlines()[19] == "**Escalation Contact:** Dana Smith"
    assert codes_at(session.diagnostics(seed), 20) == []
    # The last publication carries the last version.
    last = [p for p in session.recorder.publications if p.uri == uri(seed)][-1]
    assert last.version == session.versions[uri(seed)]
    await assert_same_as_check(session, repo, seed, tmp_path / "scratch")
