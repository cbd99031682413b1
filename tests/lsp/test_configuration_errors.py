"""An invalid .ownlint.yaml: its problems are diagnostics on the file itself and a
window/showMessage, the folder is linted with the default settings meanwhile, and the server
goes on answering; fixing the file on disk clears them."""

from __future__ import annotations

import pathlib
import shutil

import pytest
from checkcli import as_tuples, check_json, expected_by_file
from harness import uri
from lsprotocol import types
from pygls.exceptions import JsonRpcMethodNotFound

CHANGED = types.FileChangeType.Changed


def lint_with_defaults(repo: pathlib.Path, scratch: pathlib.Path) -> dict[str, list[tuple]]:
    """check's findings on a copy of `repo` without its configuration file, by URI in `repo`."""
    mirror = scratch / repo.name
    shutil.copytree(repo, mirror)
    (mirror / ".ownlint.yaml").unlink()
    found = expected_by_file(mirror, check_json(mirror), "utf-16", uri_folder=repo)
    return {uri(repo / p.relative_to(mirror)): sorted(items) for p, items in found.items()}


def config_diagnostics(session, repo: pathlib.Path) -> list[types.Diagnostic]:
    return session.diagnostics(repo / ".ownlint.yaml")


def document_findings(session, repo: pathlib.Path) -> dict[str, list[tuple]]:
    config = uri(repo / ".ownlint.yaml")
    return {
        key: sorted(as_tuples(found))
        for key, found in session.client.diagnostics.items()
        if found and key != config and not key.endswith(".txt")
    }


async def test_an_unknown_setting_is_reported_on_the_file_and_shown(
    session, copy_fixture, tmp_path
):
    repo = copy_fixture("cli/bad-config", "repo")
    await session.initialize(repo)

    (problem,) = config_diagnostics(session, repo)
    assert problem.severity == types.DiagnosticSeverity.Error
    assert problem.source == "ownlint"
    # `rulez:` on line 2.
    assert problem.range == types.Range(
        start=types.Position(line=1, character=0), end=types.Position(line=1, character=5)
    )
    assert problem.message.startswith("invalid configuration: unknown setting `rulez`")
    assert problem.message.endswith("\nhelp: did you mean `rules`?")

    (shown,) = session.client.messages
    assert shown.type == types.MessageType.Error
    assert "unknown setting `rulez`" in shown.message

    # Meanwhile the documents are linted as without a configuration.
    assert document_findings(session, repo) == lint_with_defaults(repo, tmp_path / "scratch")
    # And the server still answers.
    assert isinstance(await session.request("ownlint-test/unknown", {}), JsonRpcMethodNotFound)


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("rules: [\n", ((0, 7), (0, 7)), "invalid YAML"),
        ("rules:\n  OWN999: off\n", ((1, 2), (1, 8)), "unknown rule `OWN999`"),
        ("rules:\n  missing-slo: loud\n", ((1, 15), (1, 19)), "unknown severity `loud`"),
        ("placeholders: ['(unclosed']\n", ((0, 15), (0, 26)), "invalid placeholder pattern"),
    ],
    ids=["yaml-syntax", "unknown-rule", "unknown-severity", "bad-regex"],
)
async def test_each_kind_of_problem_is_a_diagnostic(
    session, copy_fixture, tmp_path, text, where, words
):
    repo = tmp_path / "repo"
    copy_fixture("multiple-owners/fail.md", "repo/fail.md")
    (repo / ".ownlint.yaml").write_text(text, encoding="utf-8")
    await session.initialize(repo)

    problems = config_diagnostics(session, repo)
    assert problems, "no diagnostic on the invalid configuration"
    assert all(p.severity == types.DiagnosticSeverity.Error for p in problems)
    assert any(words in p.message for p in problems), [p.message for p in problems]
    (start, end) = where
    assert problems[0].range == types.Range(
        start=types.Position(line=start[0], character=start[1]),
        end=types.Position(line=end[0], character=end[1]),
    )
    assert len(session.client.messages) == 1
    assert session.client.messages[0].type == types.MessageType.Error


async def test_fixing_the_configuration_clears_its_problems(session, copy_fixture, tmp_path):
    repo = copy_fixture("cli/bad-config", "repo")
    await session.initialize(repo, watch=True)
    assert config_diagnostics(session, repo)

    config = repo / ".ownlint.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("rulez:", "rules:"), encoding="utf-8"
    )
    session.files_changed((config, CHANGED))
    await session.settle()

    assert config_diagnostics(session, repo) == []
    # The one message was the first load's: a valid configuration is not announced.
    assert len(session.client.messages) == 1
    # Now the configuration applies: missing-slo is off, as check has it.
    expected = {
        uri(path): sorted(items)
        for path, items in expected_by_file(repo, check_json(repo), "utf-16").items()
    }
    assert document_findings(session, repo) == expected
    assert all(d.code != "OWN305" for found in session.client.diagnostics.values() for d in found)


async def test_breaking_the_configuration_while_running(session, copy_fixture, tmp_path):
    repo = tmp_path / "repo"
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    config = repo / ".ownlint.yaml"
    config.write_text("rules:\n  placeholder-escalation-contact: off\n", encoding="utf-8")
    await session.initialize(repo, watch=True)
    session.open(seed)
    await session.settle()
    assert len(session.diagnostics(seed)) == 4
    assert session.client.messages == []

    config.write_text("rules:\n  placeholder-escalation-contact: of\n", encoding="utf-8")
    session.files_changed((config, CHANGED))
    await session.settle()

    (problem,) = config_diagnostics(session, repo)
    assert "unknown severity `of`" in problem.message
    assert len(session.client.messages) == 1
    # Back to the defaults: the placeholders are reported again, in the open document too.
    assert len(session.diagnostics(seed)) == 13


async def test_deleting_an_invalid_configuration_clears_its_problems(
    session, copy_fixture, tmp_path
):
    repo = copy_fixture("cli/bad-config", "repo")
    await session.initialize(repo, watch=True)
    assert config_diagnostics(session, repo)

    (repo / ".ownlint.yaml").unlink()
    session.files_changed((repo / ".ownlint.yaml", types.FileChangeType.Deleted))
    await session.settle()

    assert config_diagnostics(session, repo) == []
    expected = {
        uri(path): sorted(items)
        for path, items in expected_by_file(repo, check_json(repo), "utf-16").items()
    }
    assert document_findings(session, repo) == expected
