"""Findings that depend on more than one file follow the edits of either file, open or not."""

from __future__ import annotations

from checkcli import as_tuples, expected_with_texts
from harness import BARRIER_NAME, uri
from lsprotocol import types


def codes(diagnostics) -> set[str]:
    return {d.code for d in diagnostics}


async def start_with_duplicate(session, copy_fixture, tmp_path):
    """A workspace where a.md and b.yaml both define Payments (b.yaml is the second)."""
    repo = copy_fixture("duplicate-domain/fail-files", "repo")
    await session.initialize(repo)
    return repo, repo / "a.md", repo / "b.yaml"


async def test_a_domain_defined_twice_points_at_the_other_file(session, copy_fixture, tmp_path):
    repo, markdown, yaml = await start_with_duplicate(session, copy_fixture, tmp_path)

    (twice,) = [d for d in session.diagnostics(yaml) if d.code == "OWN103"]
    assert twice.severity == types.DiagnosticSeverity.Error
    assert twice.range == types.Range(
        start=types.Position(line=2, character=4), end=types.Position(line=2, character=18)
    )
    (first,) = twice.related_information
    assert first.location.uri == uri(markdown)
    assert first.message == "first defined here"
    # The heading `### Payments Domain` of a.md, line 3.
    assert first.location.range == types.Range(
        start=types.Position(line=2, character=0), end=types.Position(line=2, character=19)
    )
    assert "OWN103" not in codes(session.diagnostics(markdown))


async def test_renaming_the_domain_in_one_file_clears_the_other_open_file(
    session, copy_fixture, tmp_path
):
    repo, markdown, yaml = await start_with_duplicate(session, copy_fixture, tmp_path)
    session.open(markdown)
    session.open(yaml)
    await session.settle()
    assert "OWN103" in codes(session.diagnostics(yaml))

    mark = session.mark()
    session.change(markdown, (session.range_of(markdown, "Payments"), "Billing"))
    await session.settle()

    assert "OWN103" not in codes(session.diagnostics(yaml))
    # b.yaml was not edited, so its publication carries its own (unchanged) version.
    yaml_publications = [p for p in session.published_since(mark) if p.uri == uri(yaml)]
    assert yaml_publications and yaml_publications[-1].version == 1
    expected = expected_with_texts(
        repo, {markdown: session.text(markdown)}, tmp_path / "scratch", session.encoding
    )
    assert sorted(as_tuples(session.diagnostics(yaml))) == sorted(expected.get(yaml, []))
    assert sorted(as_tuples(session.diagnostics(markdown))) == sorted(expected[markdown])

    # And back: the finding returns.
    session.change(markdown, (session.range_of(markdown, "Billing"), "Payments"))
    await session.settle()
    assert "OWN103" in codes(session.diagnostics(yaml))


async def test_renaming_in_an_open_file_clears_a_file_that_is_not_open(
    session, copy_fixture, tmp_path
):
    repo, markdown, yaml = await start_with_duplicate(session, copy_fixture, tmp_path)
    session.open(markdown)
    await session.settle()

    mark = session.mark()
    session.change(markdown, (session.range_of(markdown, "Payments"), "Billing"))
    await session.settle()

    yaml_publications = [p for p in session.published_since(mark) if p.uri == uri(yaml)]
    assert len(yaml_publications) == 1
    assert yaml_publications[0].version is None  # not open: no version
    assert "OWN103" not in codes(yaml_publications[0].diagnostics)


async def test_closing_with_unsaved_edits_reverts_to_the_disk(session, copy_fixture, tmp_path):
    repo, markdown, yaml = await start_with_duplicate(session, copy_fixture, tmp_path)
    session.open(markdown)
    session.open(yaml)
    await session.settle()
    on_disk = {path: sorted(as_tuples(session.diagnostics(path))) for path in (markdown, yaml)}

    session.change(markdown, (session.range_of(markdown, "Payments"), "Billing"))
    await session.settle()
    assert "OWN103" not in codes(session.diagnostics(yaml))

    session.close(markdown)
    await session.settle()

    # The edit was never saved: the file on disk defines Payments again.
    assert "OWN103" in codes(session.diagnostics(yaml))
    assert sorted(as_tuples(session.diagnostics(yaml))) == on_disk[yaml]
    assert sorted(as_tuples(session.diagnostics(markdown))) == on_disk[markdown]


async def test_closing_after_saving_keeps_the_saved_text(session, copy_fixture, tmp_path):
    repo, markdown, yaml = await start_with_duplicate(session, copy_fixture, tmp_path)
    session.open(markdown)
    await session.settle()

    session.change(markdown, (session.range_of(markdown, "Payments"), "Billing"))
    markdown.write_bytes(session.text(markdown).encode("utf-8"))
    session.save(markdown)
    session.close(markdown)
    await session.settle()

    assert "OWN103" not in codes(session.diagnostics(yaml))


async def test_defining_a_missing_domain_clears_the_agreement_naming_it(
    session, copy_fixture, tmp_path
):
    repo = copy_fixture("shared-ownership-unknown-domain/fail-files", "repo")
    domains, shared = repo / "domains.md", repo / "shared.yaml"
    await session.initialize(repo)
    (unknown,) = [d for d in session.diagnostics(shared) if d.code == "OWN108"]
    assert "`Billing`" in unknown.message

    session.open(domains)
    end = types.Position(line=len(session.text(domains).splitlines()), character=0)
    session.change(
        domains,
        (
            types.Range(start=end, end=end),
            "\n### Billing Domain\n\n**Owner:** Billing Team\n",
        ),
    )
    await session.settle()

    assert "OWN108" not in codes(session.diagnostics(shared))
    expected = expected_with_texts(
        repo, {domains: session.text(domains)}, tmp_path / "scratch", session.encoding
    )
    for path in (domains, shared):
        assert sorted(as_tuples(session.diagnostics(path))) == sorted(expected.get(path, []))


async def test_a_file_whose_findings_did_not_change_is_not_republished(
    session, copy_fixture, tmp_path
):
    repo, markdown, yaml = await start_with_duplicate(session, copy_fixture, tmp_path)
    session.open(markdown)
    await session.settle()

    mark = session.mark()
    # An edit that changes nothing b.yaml is told: the owner of a.md's Payments.
    session.change(markdown, (session.range_of(markdown, "Payment Service Team"), "Pay Team"))
    await session.settle()

    # The edited document and the barrier are sent again (open documents are, at each
    # version), in no order the protocol sets; b.yaml is not.
    assert sorted(p.uri for p in session.published_since(mark)) == sorted(
        [uri(markdown), uri(repo / BARRIER_NAME)]
    )
