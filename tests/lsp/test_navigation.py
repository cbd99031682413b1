"""Go to definition (a domain named by an agreement → its definition, in any file; an
escalation role → the ladder; an owner → the team registry; a registry entry → the team's
domains) and document symbols (the outline: domains, the escalation ladder, agreements)."""

from __future__ import annotations

import pytest
from checkcli import check_json
from harness import uri
from lsprotocol import types

REGISTRY = "teams:\n  - Subscription Service Team\n  - Payment Service Team\n"


def places(locations) -> list[tuple[str, types.Range]]:
    return sorted(((p.uri, p.range) for p in locations), key=lambda p: (p[0], p[1].start.line))


async def shared_workspace(session, copy_fixture, registry: bool = False):
    repo = copy_fixture("shared-ownership-unknown-domain/pass-files", "repo")
    if registry:
        (repo / ".ownlint.yaml").write_text(REGISTRY, encoding="utf-8")
    await session.initialize(repo)
    for name in ("shared.yaml", "domains.md"):
        session.open(repo / name)
    await session.settle()
    return repo, repo / "shared.yaml", repo / "domains.md"


async def test_a_domain_named_by_an_agreement_goes_to_its_heading_in_another_file(
    session, copy_fixture
):
    repo, shared, domains = await shared_workspace(session, copy_fixture)
    for name in ("Subscriptions", "Billing"):
        named = session.range_of(shared, name)
        middle = types.Position(line=named.start.line, character=named.start.character + 2)
        found = await session.definition(shared, middle)
        assert places(found) == [(uri(domains), session.range_of(domains, f"### {name} Domain"))]


async def test_a_domain_defined_twice_has_both_definitions(session, copy_fixture, tmp_path):
    repo, shared, domains = await shared_workspace(session, copy_fixture)
    second = repo / "more.md"
    second.write_text("## Domain Ownership\n\n### Billing Domain\n\n**Owner:** Ledger Team\n")
    session.open(second)
    await session.settle()

    found = await session.definition(shared, session.range_of(shared, "Billing").start)
    assert places(found) == places(
        [
            types.Location(uri=uri(domains), range=session.range_of(domains, "### Billing Domain")),
            types.Location(uri=uri(second), range=session.range_of(second, "### Billing Domain")),
        ]
    )


async def test_an_escalation_role_goes_to_the_ladder(session, open_seed):
    repo, seed = await open_seed()
    contact = session.range_of(seed, "[Engineering Manager]", occurrence=1)  # Payments, line 42
    assert contact.start.line == 41

    found = await session.definition(seed, types.Position(line=41, character=30))

    (place,) = places(found)
    assert place[0] == uri(seed)
    # `### Level 2: Engineering Manager`, line 226: the role's own words.
    assert place[1].start.line == 225
    text = session.text(seed).splitlines()[225]
    assert text[place[1].start.character : place[1].end.character] == "Engineering Manager"


async def test_a_role_missing_from_the_ladder_goes_nowhere(session, open_seed):
    repo, seed = await open_seed()
    contact = session.range_of(seed, "[Product Manager]")
    assert await session.definition(seed, contact.start) == []


async def test_an_owner_goes_to_its_registry_entry(session, copy_fixture):
    repo, shared, domains = await shared_workspace(session, copy_fixture, registry=True)
    config = repo / ".ownlint.yaml"
    owner = session.range_of(domains, "Subscription Service Team")

    found = await session.definition(domains, owner.end)

    assert places(found) == [
        (
            uri(config),
            types.Range(
                start=types.Position(line=1, character=4),
                end=types.Position(line=1, character=29),
            ),
        )
    ]


async def test_a_registry_entry_goes_to_the_domains_of_the_team(session, copy_fixture):
    repo, shared, domains = await shared_workspace(session, copy_fixture, registry=True)
    config = repo / ".ownlint.yaml"
    session.open(config)
    await session.settle()

    found = await session.definition(config, types.Position(line=1, character=10))

    assert places(found) == [(uri(domains), session.range_of(domains, "### Subscriptions Domain"))]


async def test_nowhere_to_go_is_no_definition(session, copy_fixture):
    repo, shared, domains = await shared_workspace(session, copy_fixture)
    assert await session.definition(domains, types.Position(line=0, character=1)) == []


SEED_OUTLINE = [
    ("Subscriptions", "Subscription Service Team"),
    ("Payments", "Payment Service Team"),
    ("VPN", "Infrastructure Team"),
    ("Trials", "Product Team"),
    ("Notifications", "Product Team"),
    ("Admin", "Platform Team"),
    ("Background Workers", "Infrastructure Team"),
    ("Infrastructure", "Infrastructure Team"),
    ("Observability", "Platform Team"),
]


def contains(outer: types.Range, inner: types.Range) -> bool:
    start = (outer.start.line, outer.start.character) <= (inner.start.line, inner.start.character)
    end = (inner.end.line, inner.end.character) <= (outer.end.line, outer.end.character)
    return start and end


def assert_well_formed(symbols) -> None:
    """The protocol's rule: the selection lies in the range, and children in their parent."""
    for symbol in symbols:
        assert contains(symbol.range, symbol.selection_range), symbol.name
        for child in symbol.children or []:
            assert contains(symbol.range, child.range), f"{child.name} in {symbol.name}"
        assert_well_formed(symbol.children or [])


async def test_the_seed_outline(session, tmp_path, open_seed):
    repo, seed = await open_seed()

    symbols = await session.symbols(seed)

    assert_well_formed(symbols)
    domains = [s for s in symbols if s.kind == types.SymbolKind.Namespace]
    assert [(s.name, s.detail) for s in domains] == SEED_OUTLINE
    assert len(domains) == check_json(tmp_path / "repo")["summary"]["domains"]
    for symbol in domains:
        assert symbol.selection_range == session.range_of(seed, f"{symbol.name} Domain")
    (ladder,) = [s for s in symbols if s.kind == types.SymbolKind.Enum]
    assert ladder.name == "Escalation ladder"
    assert [c.name for c in ladder.children] == [
        "Level 1: Domain Owner",
        "Level 2: Engineering Manager",
        "Level 3: Platform Lead / Infrastructure Lead",
        "Level 4: CTO / VP Engineering",
    ]
    (agreement,) = [s for s in symbols if s.kind == types.SymbolKind.Struct]
    assert agreement.name == "Shared ownership: Subscriptions + Payments"
    # In the order of the document.
    starts = [(s.range.start.line, s.range.start.character) for s in symbols]
    assert starts == sorted(starts)

    payments = domains[1]
    assert [c.name for c in payments.children] == [
        "Owner: Payment Service Team",
        "Escalation contact: [Engineering Manager]",
        "Payment processing: P95 ≤ 500ms",
        "Payment finalization: P95 ≤ 300ms",
        "Payment verification: P95 ≤ 200ms",
    ]


async def test_the_outline_follows_unsaved_edits(session, open_seed):
    repo, seed = await open_seed()
    session.change(seed, (session.range_of(seed, "### VPN Domain"), "### Tunnels Domain"))
    await session.settle()

    names = [s.name for s in await session.symbols(seed) if s.kind == types.SymbolKind.Namespace]
    assert names[2] == "Tunnels"


async def test_a_yaml_outline(session, copy_fixture, tmp_path):
    document = copy_fixture("duplicate-domain/fail.yaml", "repo/ownership.yaml")
    await session.initialize(tmp_path / "repo")
    session.open(document)
    await session.settle()

    symbols = await session.symbols(document)
    assert_well_formed(symbols)
    assert [(s.name, s.detail) for s in symbols] == [
        ("Payments", "Payment Service Team"),
        ("Payments", "Platform Team"),
    ]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
async def test_outline_ranges_count_in_the_negotiated_encoding(session, open_text, encoding):
    repo, document = await open_text(
        "## Domain Ownership\n\n### Zürich 🚀 Launch Domain\n\n**Owner:** Équipe 🛰️\n",
        encodings=[encoding],
    )

    (domain,) = await session.symbols(document)
    assert domain.name == "Zürich 🚀 Launch"
    assert domain.selection_range == session.range_of(document, "Zürich 🚀 Launch Domain")
    (owner,) = domain.children
    assert owner.range == session.range_of(document, "Équipe 🛰️")


async def test_a_document_that_is_not_linted_has_no_outline(session, tmp_path):
    (tmp_path / "repo").mkdir()
    await session.initialize(tmp_path / "repo")
    notes = tmp_path / "repo" / "notes.txt"
    notes.write_text("### Payments Domain\n", encoding="utf-8")
    session.open(notes)
    await session.settle()
    assert await session.symbols(notes) == []
