"""A document opened outside every workspace folder is linted alone, with the configuration
`check` would use in its folder, and only while it is open."""

from __future__ import annotations

from checkcli import as_tuples, expected_with_texts
from harness import uri


async def test_a_document_outside_the_workspace_is_linted_alone_while_open(
    session, copy_fixture, tmp_path
):
    copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    outside = copy_fixture("multiple-owners/fail.md", "elsewhere/payments.md")
    neighbour = copy_fixture("duplicate-domain/fail.md", "elsewhere/neighbour.md")
    await session.initialize(tmp_path / "repo")

    session.open(outside)
    await session.settle()
    # As check in a folder holding that document alone: the neighbour is not read.
    expected = expected_with_texts(
        outside.parent, {outside: session.text(outside)}, tmp_path / "scratch", "utf-16", alone=True
    )
    assert sorted(as_tuples(session.diagnostics(outside))) == sorted(expected[outside])
    assert "OWN102" in {d.code for d in session.diagnostics(outside)}
    assert not any(p.uri == uri(neighbour) for p in session.recorder.publications)

    session.close(outside)
    await session.settle()
    assert session.diagnostics(outside) == []


async def test_a_document_outside_the_workspace_uses_its_own_folders_configuration(
    session, copy_fixture, tmp_path
):
    """Two documents opened outside the workspace, the second in a folder below the first's
    with a configuration of its own: each is linted as check in its folder lints it."""
    first = copy_fixture("multiple-owners/fail.md", "home/notes.md")
    project = tmp_path / "home" / "project"
    second = copy_fixture("seed/OWNERSHIP.md", "home/project/OWNERSHIP.md")
    (project / ".ownlint.yaml").write_text(
        "rules:\n  placeholder-escalation-contact: off\n", encoding="utf-8"
    )
    (tmp_path / "barrier").mkdir()
    await session.initialize(barrier_folder=tmp_path / "barrier")

    session.open(first)
    session.open(second)
    await session.settle()

    codes = [d.code for d in session.diagnostics(second)]
    assert "OWN202" not in codes, "linted with the configuration of another folder"
    expected = expected_with_texts(
        project, {second: session.text(second)}, tmp_path / "scratch", "utf-16", alone=True
    )
    assert sorted(as_tuples(session.diagnostics(second))) == sorted(expected[second])
    expected = expected_with_texts(
        first.parent, {first: session.text(first)}, tmp_path / "scratch2", "utf-16", alone=True
    )
    assert sorted(as_tuples(session.diagnostics(first))) == sorted(expected[first])
