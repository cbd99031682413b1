"""The repository's CODEOWNERS file in the editor: its findings against the documents are
published on it, with the document's places related; the quick fix writes the owner's
handles; editing the owner in the document, or the rule in CODEOWNERS, moves the finding;
a CODEOWNERS file that is not the repository's is no ownership document."""

from __future__ import annotations

from harness import uri


def codes(diagnostics) -> list[str]:
    return sorted(d.code for d in diagnostics)


async def start(session, copy_fixture, repo_files: str):
    repo = copy_fixture(repo_files, "repo")
    copy_fixture("codeowners-wrong-owner/.ownlint.yaml", "repo/.ownlint.yaml")
    await session.initialize(repo)
    return repo, repo / "CODEOWNERS", repo / "domains.md"


async def test_a_wrong_owner_is_published_on_codeowners_and_fixed_there(
    session, copy_fixture
):
    repo, codeowners, domains = await start(
        session, copy_fixture, "codeowners-wrong-owner/fail-files"
    )
    found = [d for d in session.diagnostics(codeowners) if d.code == "OWN603"]
    assert len(found) == 2, session.diagnostics(codeowners)
    for finding in found:
        related = {r.location.uri for r in finding.related_information}
        assert related == {uri(domains)}

    session.open(codeowners)
    await session.settle()
    finding = next(d for d in session.diagnostics(codeowners) if d.code == "OWN603")
    (action,) = [
        a for a in await session.code_actions(codeowners, finding) if a.title.startswith("Give ")
    ]
    edits = action.edit.changes[uri(codeowners)]
    session.apply(codeowners, edits)
    await session.settle()
    assert len([d for d in session.diagnostics(codeowners) if d.code == "OWN603"]) == 1
    text = session.text(codeowners)
    assert "@acme/billing" not in text.splitlines()[3], text


async def test_an_owner_changed_in_the_document_is_a_finding_in_codeowners(
    session, copy_fixture
):
    repo, codeowners, domains = await start(
        session, copy_fixture, "codeowners-wrong-owner/pass-files"
    )
    assert [d for d in session.diagnostics(codeowners) if d.code.startswith("OWN6")] == []
    session.open(domains)
    session.change(
        domains, (session.range_of(domains, "Payment Service Team"), "Platform Team")
    )
    await session.settle()
    moved = [d for d in session.diagnostics(codeowners) if d.code == "OWN603"]
    assert len(moved) == 2, session.diagnostics(codeowners)
    # And back: the findings go.
    session.change(
        domains, (session.range_of(domains, "Platform Team"), "Payment Service Team")
    )
    await session.settle()
    assert [d for d in session.diagnostics(codeowners) if d.code == "OWN603"] == []


async def test_another_codeowners_file_is_not_the_repositorys(session, copy_fixture, tmp_path):
    repo, codeowners, domains = await start(
        session, copy_fixture, "codeowners-wrong-owner/pass-files"
    )
    nested = repo / "src" / "CODEOWNERS"
    nested.parent.mkdir()
    nested.write_text("* nobody\n")
    session.open(nested)
    await session.settle()
    assert session.diagnostics(nested) == []
