"""Fixtures of the `ownlint server` tests: a server session, and copies of the repository's
fixture files to lint in a throwaway folder."""

from __future__ import annotations

import pathlib
import shutil

import pytest
from harness import Session

REPO = pathlib.Path(__file__).resolve().parents[2]
FIXTURES = REPO / "fixtures"


@pytest.fixture
async def session():
    """A started server, not yet initialized; shut down after the test."""
    started = await Session.start()
    yield started
    await started.stop()


@pytest.fixture
def copy_fixture(tmp_path: pathlib.Path):
    """Copy a file or folder of fixtures/ into a folder of the test's tmp_path (`dest`, a
    path relative to tmp_path); returns the copy's path."""

    def copy(name: str, dest: str) -> pathlib.Path:
        source = FIXTURES / name
        target = tmp_path / dest
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
        return target

    return copy


@pytest.fixture
def open_seed(session, copy_fixture, tmp_path):
    """The seed copied to repo/OWNERSHIP.md, the server started on repo/ and the seed open
    with its findings in; returns (repo, seed)."""

    async def start():
        repo = tmp_path / "repo"
        seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
        await session.initialize(repo)
        session.open(seed)
        await session.settle()
        return repo, seed

    return start


@pytest.fixture
def open_text(session, tmp_path):
    """A document of the given text (`name`, OWNERSHIP.md by default) written to a new
    repo/, the server started on repo/ (offering `encodings`, if any) and the document open
    with its findings in; returns (repo, document)."""

    async def start(text: str, name: str = "OWNERSHIP.md", encodings: list[str] | None = None):
        repo = tmp_path / "repo"
        repo.mkdir()
        document = repo / name
        document.write_text(text, encoding="utf-8")
        await session.initialize(repo, encodings=encodings)
        session.open(document)
        await session.settle()
        return repo, document

    return start
