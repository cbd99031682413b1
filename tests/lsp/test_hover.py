"""Hover: `ownlint who`'s card for the domain or team under the cursor, as Markdown whose every
value is the one `who --format json` gives, with a link to the file and line it is written
on; document text never becomes markup."""

from __future__ import annotations

import json
import pathlib
import re
import subprocess

import pytest
from cardmd import render
from harness import ownlint_binary, uri
from lsprotocol import types


# A link of the card's own (its `[` not escaped): `[file:line](uri#Lline)`.
def who(folder: pathlib.Path, query: str) -> dict:
    run = subprocess.run(
        [ownlint_binary(), "who", "--format", "json", query],
        cwd=folder,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


def located(folder: pathlib.Path, value: dict) -> tuple[str, str, int]:
    """A value of `who`'s answer as the card should show it: text, file URI and line."""
    return value["text"], uri(folder / value["file"]), value["line"]


PLACE = re.compile(r"#L(\d+)$")


def card_entries(markdown: str) -> list[tuple[str, str, int]]:
    """Every row of a card that ends with a link to a place: what the row shows before the
    link, the link's URI and line."""
    found = []
    for row in markdown.splitlines():
        shown = render(row)
        if not shown.links or not PLACE.search(shown.links[-1][1]):
            continue
        label, destination = shown.links[-1]
        target, line = destination.rsplit("#L", 1)
        assert label.endswith(f":{line}"), row
        assert shown.text.endswith(label), row
        value = shown.text[: -len(label)].rstrip().removesuffix("·").rstrip()
        found.append((value, target, int(line)))
    return found


def shown_rows(markdown: str) -> list[str]:
    """The card's lines as a renderer shows them."""
    return [render(row).text for row in markdown.splitlines()]


def assert_card_is_whos(card: str, folder: pathlib.Path, answer: dict) -> None:
    """Every value of each of `who`'s domains is in the card, with its place."""
    entries = card_entries(card)
    for domain in answer["domains"]:
        expected = [located(folder, domain["name"])]
        for field in ("owner", "escalation_contact"):
            if domain.get(field):
                expected.append(located(folder, domain[field]))
        for step in domain.get("escalation_chain", []):
            team = f": {step['team']}" if step.get("team") else ""
            expected.append(
                (" / ".join(step["roles"]) + team, uri(folder / step["file"]), step["line"])
            )
        for field in ("slos", "incident_authority"):
            expected.extend(located(folder, v) for v in domain.get(field, []))
        for text, target, line in expected:
            assert any(t == target and n == line and e.endswith(text) for e, t, n in entries), (
                f"{text!r} ({target}#L{line}) not in the card:\n{card}"
            )


SEED_DOMAINS = [
    "Subscriptions",
    "Payments",
    "VPN",
    "Trials",
    "Notifications",
    "Admin",
    "Background Workers",
    "Infrastructure",
    "Observability",
]


@pytest.mark.parametrize("domain", SEED_DOMAINS)
async def test_hover_on_a_domain_heading_is_its_who_card(session, open_seed, domain):
    repo, seed = await open_seed()
    heading = session.range_of(seed, f"### {domain} Domain")
    hovered = await session.hover(seed, types.Position(line=heading.start.line, character=6))

    assert hovered is not None
    assert hovered.contents.kind == types.MarkupKind.Markdown
    assert hovered.range == heading
    card = hovered.contents.value
    assert shown_rows(card)[0].startswith(f"{domain} Domain · ")
    answer = who(repo, domain)
    assert [d["name"]["text"] for d in answer["domains"]] == [f"{domain} Domain"]
    assert_card_is_whos(card, repo, answer)


async def test_the_payments_card_shows_owner_contact_and_escalation_chain(session, open_seed):
    repo, seed = await open_seed()
    hovered = await session.hover(seed, types.Position(line=38, character=4))
    card = hovered.contents.value
    rows = shown_rows(card)

    assert "- owner: Payment Service Team · OWNERSHIP.md:41" in rows
    assert "- escalation contact: [Engineering Manager] · OWNERSHIP.md:42" in rows
    chain = [row.strip() for row in rows if re.match(r"\s+\d\. ", row)]
    assert chain == [
        "1. Domain Owner: Payment Service Team · OWNERSHIP.md:221",
        "2. Engineering Manager · OWNERSHIP.md:226",
        "3. Platform Lead / Infrastructure Lead · OWNERSHIP.md:231",
        "4. CTO / VP Engineering · OWNERSHIP.md:236",
    ]
    # Each place a link to its line of the file.
    links = [link for row in card.splitlines() for link in render(row).links]
    assert ("OWNERSHIP.md:226", f"{uri(seed)}#L226") in links
    assert all(destination.startswith(uri(seed) + "#L") for _, destination in links)


async def test_hover_inside_a_domain_is_the_domains_card(session, open_seed):
    repo, seed = await open_seed()
    slo = session.range_of(seed, "Payment finalization: P95")
    hovered = await session.hover(seed, slo.start)
    assert shown_rows(hovered.contents.value)[0].startswith("Payments Domain · ")


async def test_hover_on_an_owner_lists_every_domain_of_the_team(session, open_seed):
    repo, seed = await open_seed()
    owner = session.range_of(seed, "Infrastructure Team")  # the owner of VPN, line 64
    hovered = await session.hover(
        seed, types.Position(line=owner.start.line, character=owner.start.character + 3)
    )

    assert hovered.range == owner
    # A card's first line, its title, is the one in bold.
    titles = [
        render(row).text.split(" · ")[0]
        for row in hovered.contents.value.splitlines()
        if row.startswith("**")
    ]
    answer = who(repo, "Infrastructure Team")
    assert titles == [d["name"]["text"] for d in answer["domains"]]
    assert titles == ["VPN Domain", "Background Workers Domain", "Infrastructure Domain"]
    assert_card_is_whos(hovered.contents.value, repo, answer)


async def test_hover_where_there_is_no_domain_is_nothing(session, open_seed):
    repo, seed = await open_seed()
    assert await session.hover(seed, types.Position(line=0, character=3)) is None
    # Past the end of the document.
    assert await session.hover(seed, types.Position(line=9999, character=0)) is None


async def test_hover_on_a_domain_named_by_an_agreement_in_another_file(
    session, copy_fixture, tmp_path
):
    repo = copy_fixture("shared-ownership-unknown-domain/pass-files", "repo")
    shared, domains = repo / "shared.yaml", repo / "domains.md"
    await session.initialize(repo)
    session.open(shared)
    await session.settle()
    text = session.text(shared)
    named = re.search(r"domains: \[(\w+)", text).group(1)
    at = session.range_of(shared, named)

    hovered = await session.hover(shared, at.start)

    assert hovered is not None and hovered.range == at
    card = hovered.contents.value
    assert_card_is_whos(card, repo, who(repo, named))
    assert any(t == uri(domains) for _, t, _ in card_entries(card))


async def test_hover_follows_unsaved_edits(session, open_seed):
    repo, seed = await open_seed()
    session.change(seed, (session.range_of(seed, "Payment Service Team"), "Money Movers"))
    await session.settle()

    hovered = await session.hover(seed, types.Position(line=38, character=4))
    assert "- owner: Money Movers · OWNERSHIP.md:41" in shown_rows(hovered.contents.value)


HOSTILE = {
    "OWNERSHIP.md": "## Domain Ownership\n\n### Payments Domain\n\n"
    "**Owner:** Team [click me](https://attacker.example/x) ![i](https://attacker.example/i.png)\n"
    "**Escalation Contact:** <img src=x onerror=alert(1)> *loud* `code`\n",
    # YAML values are not Markdown: they reach the card exactly as written.
    "ownership.yaml": "domains:\n  - name: Payments\n"
    "    owner: 'Team [click me](https://attacker.example/x) ![i](https://attacker.example/i.png)'\n"
    "    escalation_contact: '<img src=x onerror=alert(1)> *loud* `code`'\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
async def test_document_text_never_becomes_markup(session, open_text, name):
    repo, document = await open_text(HOSTILE[name], name)

    hovered = await session.hover(document, session.range_of(document, "Payments").start)
    card = hovered.contents.value
    answer = who(repo, "Payments")["domains"][0]
    rows = {row.split(":")[0]: render(row) for row in card.splitlines() if row.startswith("- ")}
    for label, field in (("- owner", "owner"), ("- escalation contact", "escalation_contact")):
        shown = rows[label]
        # Shown exactly as who reads the document, with the card's own link and nothing
        # else a renderer would act on.
        assert shown.text.startswith(f"{label}: {answer[field]['text']} · "), shown.text
        assert shown.markup == [], (shown.markup, card)
        assert [d for _, d in shown.links] == [f"{uri(document)}#L{answer[field]['line']}"]
    if name.endswith(".yaml"):
        # YAML keeps the contact as written, markup characters and all.
        assert answer["escalation_contact"]["text"] == "<img src=x onerror=alert(1)> *loud* `code`"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
async def test_hover_positions_count_in_the_negotiated_encoding(session, open_text, encoding):
    repo, document = await open_text(
        "## Domain Ownership\n\n### Zürich 🚀 Launch Domain\n\n"
        "**Owner:** Équipe 🛰️ Lancement\n**Escalation Contact:** @launch\n",
        encodings=[encoding],
    )
    owner = session.range_of(document, "Équipe 🛰️ Lancement")

    # The last character of the owner: in UTF-8 bytes it lies far past where it is in UTF-16
    # code units, so a server counting the wrong way answers for another place or none.
    last = types.Position(line=owner.end.line, character=owner.end.character - 1)
    hovered = await session.hover(document, last)

    assert hovered is not None and hovered.range == owner
    assert shown_rows(hovered.contents.value)[0].startswith("Zürich 🚀 Launch Domain · ")
