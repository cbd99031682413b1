""".ownlint.yaml applies in the server as in check, is read again when it changes on disk, and
an invalid one is reported on the file and to the user without stopping the server; and a
suppression comment typed in the editor applies."""

from __future__ import annotations

import pathlib

from checkcli import as_tuples, check_json, expected_by_file, expected_with_texts
from harness import BARRIER_NAME, uri
from lsprotocol import types

CHANGED = types.FileChangeType.Changed
CREATED = types.FileChangeType.Created
DELETED = types.FileChangeType.Deleted


def codes(diagnostics) -> list[str]:
    return sorted(d.code for d in diagnostics)


def assert_publications_match_check(session, folder: pathlib.Path) -> None:
    """Every file's last publication is check's report on `folder` as it is on disk."""
    expected = {
        uri(path): sorted(items)
        for path, items in expected_by_file(folder, check_json(folder), session.encoding).items()
    }
    published = {
        key: sorted(as_tuples(diagnostics))
        for key, diagnostics in session.client.diagnostics.items()
        if diagnostics and key != uri(folder / BARRIER_NAME)
    }
    assert published == expected


SEVERITIES = """rules:
  placeholder-escalation-contact: off
  OWN203: error
"""


async def test_rule_severities_and_off_apply_as_in_check(session, copy_fixture, tmp_path):
    repo = tmp_path / "repo"
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    (repo / ".ownlint.yaml").write_text(SEVERITIES, encoding="utf-8")
    await session.initialize(repo)

    published = session.diagnostics(seed)
    assert "OWN202" not in codes(published)
    unknown_roles = [d for d in published if d.code == "OWN203"]
    assert len(unknown_roles) == 2
    assert {d.severity for d in unknown_roles} == {types.DiagnosticSeverity.Error}
    assert_publications_match_check(session, repo)


async def test_include_and_exclude_choose_the_files_as_in_check(session, copy_fixture, tmp_path):
    repo = tmp_path / "repo"
    kept = copy_fixture("multiple-owners/fail.md", "repo/docs/kept.md")
    drafted = copy_fixture("multiple-owners/fail.md", "repo/docs/drafts/draft.md")
    elsewhere = copy_fixture("multiple-owners/fail.md", "repo/other/elsewhere.md")
    (repo / ".ownlint.yaml").write_text(
        'include: ["docs/**"]\nexclude: ["**/drafts/**"]\n', encoding="utf-8"
    )
    await session.initialize(repo)

    assert "OWN102" in codes(session.diagnostics(kept))
    assert session.diagnostics(drafted) == []
    assert session.diagnostics(elsewhere) == []
    assert_publications_match_check(session, repo)

    # An excluded document opened in the editor is still left alone, as check leaves it.
    session.open(drafted)
    await session.settle()
    assert session.diagnostics(drafted) == []


async def test_the_ownership_folder_is_linted_when_there_is_one(session, copy_fixture, tmp_path):
    repo = tmp_path / "repo"
    inside = copy_fixture("multiple-owners/fail.md", "repo/ownership/payments.md")
    outside = copy_fixture("multiple-owners/fail.md", "repo/notes.md")
    await session.initialize(repo)

    assert "OWN102" in codes(session.diagnostics(inside))
    assert session.diagnostics(outside) == []
    assert_publications_match_check(session, repo)


async def test_a_team_registry_and_placeholders_apply(session, copy_fixture, tmp_path):
    repo = tmp_path / "repo"
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    (repo / ".ownlint.yaml").write_text(
        'teams: [Payment Service Team]\nplaceholders: ["^Subscription Service Team$"]\n',
        encoding="utf-8",
    )
    await session.initialize(repo)

    published = session.diagnostics(seed)
    # Every owner but Payments' is missing from the registry, and the Subscriptions owner
    # is now a placeholder (which is not also reported as unregistered).
    unregistered = sorted(d.range.start.line + 1 for d in published if d.code == "OWN109")
    assert unregistered == [64, 86, 108, 130, 152, 174, 198]
    assert [d.range.start.line + 1 for d in published if d.code == "OWN101"] == [19]
    assert_publications_match_check(session, repo)


SUPPRESSION = (
    "<!-- ownlint-disable-next-line placeholder-escalation-contact -- rotation from May -->\n"
)


async def test_a_suppression_comment_typed_in_the_editor_applies(session, tmp_path, open_seed):
    repo, seed = await open_seed()
    assert codes(d for d in session.diagnostics(seed) if d.range.start.line == 19) == ["OWN202"]

    line_20 = types.Position(line=19, character=0)
    session.change(seed, (types.Range(start=line_20, end=line_20), SUPPRESSION))
    await session.settle()

    # The placeholder moved to line 21 and is silenced; nothing else moved but by a line.
    assert [d for d in session.diagnostics(seed) if d.range.start.line in (19, 20)] == []
    assert len(session.diagnostics(seed)) == 12
    expected = expected_with_texts(
        repo, {seed: session.text(seed)}, tmp_path / "scratch", session.encoding
    )
    assert sorted(as_tuples(session.diagnostics(seed))) == sorted(expected[seed])

    # Fix the contact: the comment now silences nothing, which is a finding of its own.
    session.change(seed, (session.range_of(seed, "[Engineering Manager]"), "Dana Smith"))
    await session.settle()
    (unused,) = [d for d in session.diagnostics(seed) if d.range.start.line == 19]
    assert unused.code == "OWN004"


async def test_a_changed_configuration_on_disk_is_read_again(session, copy_fixture, tmp_path):
    repo = tmp_path / "repo"
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    await session.initialize(repo, watch=True)
    assert codes(session.diagnostics(seed)).count("OWN202") == 9

    config = repo / ".ownlint.yaml"
    config.write_text(SEVERITIES, encoding="utf-8")
    session.files_changed((config, CREATED))
    await session.settle()
    assert "OWN202" not in codes(session.diagnostics(seed))
    assert_publications_match_check(session, repo)

    config.write_text("rules:\n  OWN105: off\n", encoding="utf-8")
    session.files_changed((config, CHANGED))
    await session.settle()
    assert codes(session.diagnostics(seed)).count("OWN202") == 9
    assert "OWN105" not in codes(session.diagnostics(seed))
    assert_publications_match_check(session, repo)

    config.unlink()
    session.files_changed((config, DELETED))
    await session.settle()
    assert len(session.diagnostics(seed)) == 13


async def test_a_configuration_saved_in_the_editor_is_read_again(session, copy_fixture, tmp_path):
    repo = tmp_path / "repo"
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    config = repo / ".ownlint.yaml"
    config.write_text("rules: {}\n", encoding="utf-8")
    await session.initialize(repo)
    session.open(seed)
    session.open(config)
    await session.settle()
    assert len(session.diagnostics(seed)) == 13

    session.change(config, (None, SEVERITIES))
    config.write_text(SEVERITIES, encoding="utf-8")
    session.save(config)
    await session.settle()

    assert "OWN202" not in codes(session.diagnostics(seed))
    assert_publications_match_check(session, repo)


async def test_the_client_is_asked_to_watch_configurations_and_documents(session, tmp_path):
    (tmp_path / "repo").mkdir()
    await session.initialize(tmp_path / "repo", watch=True)

    (registration,) = session.recorder.registrations
    assert registration.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
    globs = {w["globPattern"] for w in registration.register_options["watchers"]}
    assert "**/.ownlint.{yaml,yml}" in globs
    assert "**/*.{md,markdown,yaml,yml}" in globs


async def test_no_watchers_are_registered_without_dynamic_registration(session, tmp_path):
    (tmp_path / "repo").mkdir()
    await session.initialize(tmp_path / "repo", watch=False)
    assert session.recorder.registrations == []


async def test_a_document_changed_on_disk_is_read_again(session, copy_fixture, tmp_path):
    repo = tmp_path / "repo"
    markdown = copy_fixture("duplicate-domain/fail-files/a.md", "repo/a.md")
    yaml = copy_fixture("duplicate-domain/fail-files/b.yaml", "repo/b.yaml")
    await session.initialize(repo, watch=True)
    assert "OWN103" in codes(session.diagnostics(yaml))

    # Another program renames the domain in a.md, which is not open.
    markdown.write_text(markdown.read_text(encoding="utf-8").replace("Payments", "Billing"))
    session.files_changed((markdown, CHANGED))
    await session.settle()
    assert "OWN103" not in codes(session.diagnostics(yaml))

    # A new file defining Payments again: the finding is back, pointing at it.
    third = copy_fixture("duplicate-domain/fail-files/a.md", "repo/c.md")
    session.files_changed((third, CREATED))
    await session.settle()
    # c.md comes after b.yaml, so it is the second definition.
    assert "OWN103" in codes(session.diagnostics(third))
    assert_publications_match_check(session, repo)

    # Deleted: its findings are withdrawn (an empty publication for it).
    third.unlink()
    session.files_changed((third, DELETED))
    await session.settle()
    assert session.diagnostics(third) == []
    assert_publications_match_check(session, repo)


async def test_a_configuration_at_the_repository_root_applies_to_a_subfolder(
    session, copy_fixture, tmp_path
):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)  # what makes `repo` a repository's root for discovery
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/team/OWNERSHIP.md")
    (repo / ".ownlint.yaml").write_text(SEVERITIES, encoding="utf-8")
    await session.initialize(repo / "team")

    assert "OWN202" not in codes(session.diagnostics(seed))
    assert_publications_match_check(session, repo / "team")


async def test_the_editors_text_wins_over_the_disk_while_open(session, copy_fixture, tmp_path):
    """An open document changed on disk by another program, or a reload of the whole folder
    (a new file, a new configuration): the findings stay those of the editor's text."""
    repo = tmp_path / "repo"
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    await session.initialize(repo, watch=True)
    session.open(seed)
    session.change(seed, (session.range_of(seed, "[Engineering Manager]"), "Dana Smith"))
    await session.settle()
    in_the_editor = sorted(as_tuples(session.diagnostics(seed)))
    assert len(in_the_editor) == 12

    seed.write_text(
        seed.read_text(encoding="utf-8").replace("Subscription Service Team", "TBD"),
        encoding="utf-8",
    )
    session.files_changed((seed, CHANGED))
    await session.settle()
    assert sorted(as_tuples(session.diagnostics(seed))) == in_the_editor

    other = copy_fixture("multiple-owners/fail.md", "repo/other.md")
    session.files_changed((other, CREATED))
    (repo / ".ownlint.yaml").write_text("rules: {}\n", encoding="utf-8")
    session.files_changed((repo / ".ownlint.yaml", CREATED))
    await session.settle()
    assert sorted(as_tuples(session.diagnostics(seed))) == in_the_editor
    assert "OWN102" in codes(session.diagnostics(other))
