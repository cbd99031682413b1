"""Quick fixes: every action offered for a finding, applied to the document as an editor
applies it, removes that finding, and the server then agrees with check on the new text; a
suppression changes nothing else, a replacement never makes the document unreadable; and
each kind of action writes exactly the expected text."""

from __future__ import annotations

import collections
import pathlib

import pytest
import textedit
from checkcli import as_tuples, expected_with_texts
from conftest import FIXTURES
from harness import uri
from lsprotocol import types


def fail_fixtures() -> list[str]:
    """The documents with findings; those that are not UTF-8 are left out, as an editor
    would send its own decoding of them, not their bytes."""
    names = ["seed/OWNERSHIP.md"]
    for rule in sorted(p for p in FIXTURES.iterdir() if p.is_dir()):
        for name in ("fail.md", "fail.yaml"):
            path = rule / name
            if path.exists() and is_utf8(path):
                names.append(f"{rule.name}/{name}")
    return names


def is_utf8(path: pathlib.Path) -> bool:
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def tally(diagnostics) -> collections.Counter:
    """Findings by what they say, wherever they are (an inserted line moves them)."""
    return collections.Counter((d.code, d.message) for d in diagnostics)


def is_for(action: types.CodeAction, finding: types.Diagnostic) -> bool:
    return any(
        d.code == finding.code and d.range == finding.range and d.message == finding.message
        for d in action.diagnostics or []
    )


async def open_fixture(session, copy_fixture, tmp_path, name: str, encodings=None):
    rule = name.split("/")[0]
    document = copy_fixture(name, f"repo/{pathlib.Path(name).name}")
    config = FIXTURES / rule / ".ownlint.yaml"
    if config.exists():
        copy_fixture(f"{rule}/.ownlint.yaml", "repo/.ownlint.yaml")
    await session.initialize(tmp_path / "repo", encodings=encodings)
    session.open(document)
    await session.settle()
    return tmp_path / "repo", document


def is_suppression(action: types.CodeAction) -> bool:
    return action.title.startswith("Suppress ")


@pytest.mark.parametrize("name", fail_fixtures())
async def test_every_action_removes_its_finding(session, copy_fixture, tmp_path, name):
    repo, document = await open_fixture(session, copy_fixture, tmp_path, name)
    original_text = session.text(document)
    original = session.diagnostics(document)
    before = tally(original)

    tried = set()
    problems = []  # every action that failed, not only the first
    for finding in original:
        for action in await session.code_actions(document, finding):
            assert action.kind == types.CodeActionKind.QuickFix
            assert action.edit is not None and action.edit.changes is not None
            assert set(action.edit.changes) == {uri(document)}, "an edit of another file"
            edits = action.edit.changes[uri(document)]
            key = (action.title, tuple((str(e.range), e.new_text) for e in edits))
            if key in tried or not is_for(action, finding):
                continue
            tried.add(key)

            session.apply(document, edits)
            await session.settle()
            after = tally(session.diagnostics(document))
            target = (finding.code, finding.message)
            context = f"{action.title!r} for {finding.code} at {finding.range}"
            brought = after - before
            if after[target] >= before[target]:
                problems.append(f"{context} left the finding")
            if is_suppression(action) and brought:
                # A suppression silences its finding and touches nothing else.
                problems.append(f"{context} brought {dict(brought)}")
            if not is_suppression(action) and any(code == "OWN001" for code, _ in brought):
                # A fix may reveal what the mistake hid, never a document ownlint cannot read.
                problems.append(f"{context} brought {dict(brought)}")
            expected = expected_with_texts(
                repo, {document: session.text(document)}, tmp_path / "scratch", session.encoding
            )
            assert sorted(as_tuples(session.diagnostics(document))) == sorted(
                expected.get(document, [])
            ), context

            session.change(document, (None, original_text))
            await session.settle()
    assert not problems, "\n".join(problems)
    assert tried or not original, "findings, and not one action offered"


def line(text: str, number: int) -> str:
    """1-based line `number` of `text`."""
    return textedit.lines(text)[number - 1]


async def apply_titled(session, document, finding, title: str) -> types.CodeAction:
    """Apply the action titled `title` offered for `finding`, and wait for the findings."""
    actions = [a for a in await session.code_actions(document, finding) if a.title == title]
    assert actions, f"no action {title!r} for {finding.code} at {finding.range}"
    session.apply(document, actions[0].edit.changes[uri(document)])
    await session.settle()
    return actions[0]


def finding_at(session, document, code: str, line_number: int) -> types.Diagnostic:
    (found,) = [
        d
        for d in session.diagnostics(document)
        if d.code == code and d.range.start.line + 1 == line_number
    ]
    return found


async def test_suppress_on_the_line_above(session, copy_fixture, tmp_path):
    repo, seed = await open_fixture(session, copy_fixture, tmp_path, "seed/OWNERSHIP.md")
    placeholder = finding_at(session, seed, "OWN202", 20)

    await apply_titled(
        session, seed, placeholder, "Suppress `placeholder-escalation-contact` on this line"
    )

    text = session.text(seed)
    assert line(text, 20) == (
        "<!-- ownlint-disable-next-line placeholder-escalation-contact -- reason -->"
    )
    assert line(text, 21) == "**Escalation Contact:** [Engineering Manager]"
    codes_here = [d.code for d in session.diagnostics(seed) if d.range.start.line in (19, 20)]
    assert codes_here == []
    assert len(session.diagnostics(seed)) == 12


async def test_suppress_at_the_end_of_a_list_item(session, copy_fixture, tmp_path):
    repo, seed = await open_fixture(session, copy_fixture, tmp_path, "seed/OWNERSHIP.md")
    duplicate = finding_at(session, seed, "OWN105", 179)

    await apply_titled(session, seed, duplicate, "Suppress `duplicate-responsibility` on this line")

    assert line(session.text(seed), 179) == (
        "- VPN API availability: ≥ 99.9%"
        " <!-- ownlint-disable-line duplicate-responsibility -- reason -->"
    )
    assert "OWN105" not in {d.code for d in session.diagnostics(seed)}
    assert len(session.diagnostics(seed)) == 12


async def test_suppress_in_yaml_keeps_the_indentation(session, copy_fixture, tmp_path):
    repo, document = await open_fixture(
        session, copy_fixture, tmp_path, "placeholder-escalation-contact/fail.yaml"
    )
    text = session.text(document)
    placeholder = [d for d in session.diagnostics(document) if d.code == "OWN202"][0]
    line_number = placeholder.range.start.line + 1
    written = line(text, line_number)
    indent = written[: len(written) - len(written.lstrip())]

    await apply_titled(
        session, document, placeholder, "Suppress `placeholder-escalation-contact` on this line"
    )

    after = session.text(document)
    assert line(after, line_number) == (
        f"{indent}# ownlint-disable-next-line placeholder-escalation-contact -- reason"
    )
    assert line(after, line_number + 1) == written
    assert (placeholder.code, placeholder.message) not in tally(session.diagnostics(document))


async def test_suppressing_two_findings_of_one_line_silences_both(session, copy_fixture, tmp_path):
    """A user suppresses each finding of a heading in turn, asking again after each."""
    repo, document = await open_fixture(
        session, copy_fixture, tmp_path, "unknown-escalation-role/fail.md"
    )
    heading = [d for d in session.diagnostics(document) if d.range.start.line == 3]
    assert {d.code for d in heading} == {"OWN305", "OWN401", "OWN402"}

    for code, rule in [
        ("OWN305", "missing-slo"),
        ("OWN401", "missing-incident-authority"),
        ("OWN402", "missing-responsibilities"),
    ]:
        (finding,) = [d for d in session.diagnostics(document) if d.code == code]
        await apply_titled(session, document, finding, f"Suppress `{rule}` on this line")

    left = {d.code for d in session.diagnostics(document)}
    assert not left & {"OWN305", "OWN401", "OWN402"}, session.text(document)
    assert "OWN004" not in left, session.text(document)


MISSPELT_OWNER = """## Domain Ownership

### Payments Domain

**Ownr:** Payments Team
**Escalation Contact:** @payments-oncall
"""


async def test_did_you_mean_replaces_the_misspelt_label(session, open_text):
    # `Ownr` where the domain has no owner: the finding is the missing owner's, on the typo,
    # and the replacement gives the domain its owner.
    repo, document = await open_text(MISSPELT_OWNER)
    misspelt = finding_at(session, document, "OWN101", 5)

    action = await apply_titled(session, document, misspelt, "Replace with `Owner`")

    assert action.is_preferred is True
    assert line(session.text(document), 5) == "**Owner:** Payments Team"
    assert not [d for d in session.diagnostics(document) if d.range.start.line == 4]


async def test_no_replacement_writes_a_field_twice(session, copy_fixture, tmp_path):
    # `Ownr` beside the domain's real `Owner`: "did you mean `Owner`?" is said, but replacing
    # the label would write the owner twice (in YAML, a duplicate key), so no replacement is
    # offered; the suppression is.
    repo, document = await open_fixture(session, copy_fixture, tmp_path, "unknown-field/fail.md")
    misspelt = finding_at(session, document, "OWN003", 6)
    assert "did you mean `Owner`?" in misspelt.message

    titles = [a.title for a in await session.code_actions(document, misspelt)]

    assert titles == ["Suppress `unknown-field` on this line"]


async def test_did_you_mean_replaces_a_misspelt_rule_in_a_suppression(
    session, copy_fixture, tmp_path
):
    repo, document = await open_fixture(
        session, copy_fixture, tmp_path, "invalid-suppression/fail.md"
    )
    unknown_rule = finding_at(session, document, "OWN006", 7)
    before = line(session.text(document), 7)

    await apply_titled(
        session, document, unknown_rule, "Replace with `placeholder-escalation-contact`"
    )

    assert line(session.text(document), 7) == before.replace(
        "placeholder-escalation ", "placeholder-escalation-contact "
    ).replace("placeholder-escalation-->", "placeholder-escalation-contact-->")
    assert not [d for d in session.diagnostics(document) if d.range.start.line in (6, 7)]


LADDER_WITH_ACCENTS = """## Domain Ownership

### Trials Domain

**Owner:** Product Team
**Escalation Contact:** [Responsable d’equipe]

## Escalation Ladder

### Level 1: Domain Owner
- First point of contact

### Level 2: Responsable d’équipe 🚀
- Escalation for domain owner
"""


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8"])
async def test_did_you_mean_replaces_a_role_with_non_ascii_text(session, open_text, encoding):
    repo, document = await open_text(LADDER_WITH_ACCENTS, encodings=[encoding])
    unknown_role = finding_at(session, document, "OWN203", 6)
    replacements = [
        a
        for a in await session.code_actions(document, unknown_role)
        if a.title.startswith("Replace with")
    ]
    assert [a.title for a in replacements] == ["Replace with `Responsable d’équipe 🚀`"] or [
        a.title for a in replacements
    ] == ["Replace with `Responsable d’équipe`"]

    session.apply(document, replacements[0].edit.changes[uri(document)])
    await session.settle()

    role = replacements[0].title.removeprefix("Replace with `").removesuffix("`")
    assert line(session.text(document), 6) == f"**Escalation Contact:** [{role}]"
    assert "OWN203" not in {d.code for d in session.diagnostics(document)}


async def test_a_blank_line_unfolds_a_label_from_the_list(session, copy_fixture, tmp_path):
    repo, document = await open_fixture(
        session, copy_fixture, tmp_path, "label-in-list-item/fail.md"
    )
    folded = sorted(
        (d for d in session.diagnostics(document) if d.code == "OWN007"),
        key=lambda d: d.range.start.line,
    )
    assert folded, "no label-in-list-item finding in its fixture"
    first = folded[0]
    first_line = first.range.start.line + 1
    before = session.text(document)

    await apply_titled(session, document, first, "Add a blank line before the label")

    after = session.text(document)
    assert line(after, first_line) == ""
    assert line(after, first_line + 1).strip() == line(before, first_line).strip()
    assert len(textedit.lines(after)) == len(textedit.lines(before)) + 1
    assert len([d for d in session.diagnostics(document) if d.code == "OWN007"]) == len(folded) - 1


async def test_a_suppression_in_a_crlf_document_ends_its_line_with_crlf(session, tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    document = repo / "OWNERSHIP.md"
    text = (FIXTURES / "seed/OWNERSHIP.md").read_text(encoding="utf-8").replace("\n", "\r\n")
    document.write_bytes(text.encode("utf-8"))
    await session.initialize(repo)
    session.open(document)
    await session.settle()
    placeholder = finding_at(session, document, "OWN202", 20)

    await apply_titled(
        session, document, placeholder, "Suppress `placeholder-escalation-contact` on this line"
    )

    after = session.text(document)
    assert "\n" not in after.replace("\r\n", "")
    assert len(session.diagnostics(document)) == 12
