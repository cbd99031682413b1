"""Several workspace folders: each is linted as check run in it, by its own configuration,
and folders come and go (workspace/didChangeWorkspaceFolders)."""

from __future__ import annotations

from harness import uri
from lsprotocol import types


async def test_multi_root_workspace_lints_each_folder_by_its_own_configuration(
    session, copy_fixture, tmp_path
):
    first = copy_fixture("seed/OWNERSHIP.md", "one/OWNERSHIP.md")
    second = copy_fixture("seed/OWNERSHIP.md", "two/OWNERSHIP.md")
    (tmp_path / "two" / ".ownlint.yaml").write_text(
        "rules:\n  placeholder-escalation-contact: off\n", encoding="utf-8"
    )
    await session.initialize(tmp_path / "one", tmp_path / "two")
    assert len(session.diagnostics(first)) == 13
    assert len(session.diagnostics(second)) == 4

    # A folder removed: its findings are withdrawn; one added: linted.
    third = copy_fixture("multiple-owners/fail.md", "three/fail.md")
    session.client.workspace_did_change_workspace_folders(
        types.DidChangeWorkspaceFoldersParams(
            event=types.WorkspaceFoldersChangeEvent(
                added=[types.WorkspaceFolder(uri=uri(tmp_path / "three"), name="three")],
                removed=[types.WorkspaceFolder(uri=uri(tmp_path / "two"), name="two")],
            )
        )
    )
    await session.settle()
    assert session.diagnostics(second) == []
    assert "OWN102" in {d.code for d in session.diagnostics(third)}
    assert len(session.diagnostics(first)) == 13
