"""initialize + initialized on a folder: the server publishes what `ownlint check` finds there."""

from __future__ import annotations

from checkcli import as_tuples, check_json, expected_by_file
from harness import uri
from lsprotocol import types

# What `ownlint check fixtures/seed/OWNERSHIP.md` reports (README.md shows the same list):
# (rule code, 1-based line) for each of the 13 findings.
SEED_FINDINGS = sorted(
    [
        ("OWN202", 20),
        ("OWN202", 42),
        ("OWN202", 65),
        ("OWN202", 87),
        ("OWN203", 87),
        ("OWN202", 109),
        ("OWN203", 109),
        ("OWN202", 131),
        ("OWN202", 153),
        ("OWN202", 175),
        ("OWN105", 179),
        ("OWN202", 199),
        ("OWN107", 277),
    ]
)


async def test_initialize_answers_capabilities_and_server_info(session, copy_fixture, tmp_path):
    copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    result = await session.initialize(tmp_path / "repo")
    assert result.server_info is not None and result.server_info.name == "ownlint"
    assert result.server_info.version
    sync = result.capabilities.text_document_sync
    assert sync.open_close is True
    assert sync.change == types.TextDocumentSyncKind.Incremental
    # No positionEncodings offered: the protocol's default.
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16


async def test_utf8_is_chosen_when_offered(session, tmp_path):
    (tmp_path / "repo").mkdir()
    result = await session.initialize(tmp_path / "repo", encodings=["utf-16", "utf-8"])
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8


async def test_utf16_is_chosen_when_utf8_is_not_offered(session, tmp_path):
    (tmp_path / "repo").mkdir()
    result = await session.initialize(tmp_path / "repo", encodings=["utf-32", "utf-16"])
    assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf16


async def test_seed_folder_publishes_the_13_findings_of_check(session, copy_fixture, tmp_path):
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    await session.initialize(tmp_path / "repo")

    published = session.diagnostics(seed)
    assert sorted((d.code, d.range.start.line + 1) for d in published) == SEED_FINDINGS
    # The same findings as check's own report on the copy, to the character.
    expected = expected_by_file(tmp_path / "repo", check_json(tmp_path / "repo"), "utf-16")
    assert sorted(as_tuples(published)) == sorted(expected[seed])
    # Only the seed has findings; nothing was published for any other file but the barrier.
    publishers = {p.uri for p in session.recorder.publications if p.diagnostics}
    assert publishers == {uri(seed)}


async def test_a_finding_carries_code_link_source_help_and_rule_name(
    session, copy_fixture, tmp_path
):
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    await session.initialize(tmp_path / "repo")
    report = check_json(tmp_path / "repo")
    # The rules' documentation links, as check's SARIF report gives them.
    sarif = check_json(tmp_path / "repo", fmt="sarif")
    docs = {r["id"]: r["helpUri"] for r in sarif["runs"][0]["tool"]["driver"]["rules"]}

    by_place = {(d.code, d.range.start.line + 1): d for d in session.diagnostics(seed)}
    for finding in report["diagnostics"]:
        published = by_place[(finding["code"], finding["span"]["start"]["line"])]
        assert published.source == "ownlint"
        assert published.data == {"name": finding["rule"]}
        assert published.code_description is not None
        assert published.code_description.href == docs[finding["code"]]
        # The message first, then the help, as check words them.
        assert published.message.startswith(finding["message"])
        assert published.message.endswith("\nhelp: " + finding["help"])


async def test_a_related_label_points_at_its_place(session, copy_fixture, tmp_path):
    seed = copy_fixture("seed/OWNERSHIP.md", "repo/OWNERSHIP.md")
    await session.initialize(tmp_path / "repo")

    # OWN105 at line 179 names the first listing of the responsibility, at 69:3-69:23.
    (duplicate,) = [d for d in session.diagnostics(seed) if d.code == "OWN105"]
    (related,) = duplicate.related_information
    assert related.location.uri == uri(seed)
    assert related.message == "first listed by `VPN`"
    assert related.location.range == types.Range(
        start=types.Position(line=68, character=2), end=types.Position(line=68, character=22)
    )
