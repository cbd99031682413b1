"""The server runs check's pipeline: on every fixture of the repository, and on documents
written here to stress position counting, what it publishes for each file is what
`ownlint check --format json` reports there, finding for finding (code, range, severity,
rule, message, help, related places), in both position encodings, read from disk and
again once every file is open in the editor."""

from __future__ import annotations

import pathlib
import shutil

import pytest
from checkcli import as_tuples, check_json, expected_by_file
from conftest import FIXTURES
from harness import BARRIER_NAME, uri

# Fixtures that are not compared here: check refuses to lint with an invalid
# configuration while the server lints with the defaults (test_configuration.py covers it).
# The *-change folders are `--base` comparisons, which need a git history.
NOT_COMPARED = {"cli/bad-config"}


def fixture_cases() -> list[tuple[str, list[pathlib.Path], pathlib.Path | None]]:
    """(name, files or folders to copy, configuration) for every lintable fixture: each rule's
    pass/fail file alone (with the rule folder's .ownlint.yaml, as the rule tests use it),
    each multi-file folder whole, each variation, the seed, and the CLI examples."""
    cases = []
    for rule in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        config = rule / ".ownlint.yaml"
        config = config if config.exists() else None
        for item in sorted(rule.iterdir()):
            name = f"{rule.name}/{item.name}"
            if item.name.startswith(".") or item.name.endswith("-change") or name in NOT_COMPARED:
                continue
            cases.append((name, [item], config))
    return cases


# Documents that put non-ASCII text before and inside findings, on the lines where
# UTF-16 code units, UTF-8 bytes and check's characters all count differently, with every
# kind of line ending.
NON_ASCII_MARKDOWN = """## Domain Ownership

### Zürich 🚀 Launch Domain

**Owner:** Équipe Lancement 🛰️
**Escalation Contact:** [Responsable d’équipe]
**SLO Responsibility:**
- Launch latency 🚀: P95 ≤ 300 parsecs
- 日本語の可用性: 99.9% ≥ 120%

### 🚀🚀 Rocket Domain

**Owner:** Équipe Lancement 🛰️, Другая команда
**Escalation Contact:** 👩‍🚀 on call
"""

NON_ASCII_YAML = """domains:
  - name: "Café ☕ Ordering"
    owner: "Équipe Café"
    escalation_contact: "[Chef d’équipe]"
    slos:
      - "Latence des commandes 🧾: P95 ≤ 300 parsecs"
  - name: "Café ☕ Ordering"
    owner: "𝔗𝔢𝔞𝔪 𝔉𝔯𝔞𝔨𝔱𝔲𝔯"
"""

CRAFTED = {
    "non-ascii-markdown": {"OWNERSHIP.md": NON_ASCII_MARKDOWN},
    "non-ascii-yaml": {"ownership.yaml": NON_ASCII_YAML},
    "non-ascii-crlf": {"OWNERSHIP.md": NON_ASCII_MARKDOWN.replace("\n", "\r\n")},
    "non-ascii-cr": {"OWNERSHIP.md": NON_ASCII_MARKDOWN.replace("\n", "\r")},
    "byte-order-mark": {"OWNERSHIP.md": "\ufeff### Zürich 🚀 Domain\n\n**Owner:** TBD\n"},
    "two-files-non-ascii": {
        "a.md": NON_ASCII_MARKDOWN,
        "b.yaml": NON_ASCII_YAML.replace("Café ☕ Ordering", "Zürich 🚀 Launch"),
    },
}

CASES = [pytest.param(c, id=c[0]) for c in fixture_cases()] + [
    pytest.param((name, files, None), id=f"crafted/{name}") for name, files in CRAFTED.items()
]


def lay_out(case, folder: pathlib.Path) -> None:
    name, items, config = case
    folder.mkdir()
    if isinstance(items, dict):
        for file, text in items.items():
            (folder / file).write_bytes(text.encode("utf-8"))
        return
    for item in items:
        if item.is_dir():
            shutil.copytree(item, folder, dirs_exist_ok=True)
        else:
            shutil.copyfile(item, folder / item.name)
    if config is not None:
        shutil.copyfile(config, folder / ".ownlint.yaml")


def linted_files(folder: pathlib.Path) -> list[pathlib.Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and p.suffix in (".md", ".markdown", ".yaml", ".yml")
        and not p.name.startswith(".ownlint")
    )


def published_by_file(session, folder: pathlib.Path) -> dict[str, list[tuple]]:
    """The last publication of every URI but the barrier's, leaving out empty ones."""
    return {
        key: sorted(as_tuples(diagnostics))
        for key, diagnostics in session.client.diagnostics.items()
        if diagnostics and key != uri(folder / BARRIER_NAME)
    }


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
@pytest.mark.parametrize("case", CASES)
async def test_server_publishes_what_check_reports(session, tmp_path, case, encoding):
    folder = tmp_path / "repo"
    lay_out(case, folder)
    expected = {
        uri(path): sorted(items)
        for path, items in expected_by_file(folder, check_json(folder), encoding).items()
    }

    result = await session.initialize(folder, encodings=[encoding])
    assert result.capabilities.position_encoding == encoding
    assert published_by_file(session, folder) == expected

    # Open every file with its text as an editor reads it from disk (without the byte-order
    # mark): nothing changes but the versions. A file that is not UTF-8 stays closed: what
    # an editor would send for it is its own guess at the encoding.
    for path in linted_files(folder):
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            continue
        session.open(path, text.removeprefix("\ufeff"))
    await session.settle()
    assert published_by_file(session, folder) == expected
