"""What `ownlint check` says about a folder, in the terms of the protocol, for comparison with
the server's publications."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

from harness import ownlint_binary


def check_json(folder: pathlib.Path, *args: str, fmt: str = "json") -> dict | None:
    """`ownlint check --format json` (or another JSON format) run in `folder` as a user would
    run it there; `None` when it found no ownership content at all and printed no report."""
    run = subprocess.run(
        [ownlint_binary(), "check", "--format", fmt, *args],
        cwd=folder,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    if run.returncode == 2 and "no domain found" in run.stderr:
        # An error, not findings: the server has nothing to publish either.
        return json.loads(run.stdout) if run.stdout else None
    assert run.returncode in (0, 1), f"ownlint check failed ({run.returncode}): {run.stderr}"
    return json.loads(run.stdout)


def lines_of(text: str) -> list[str]:
    """The lines of `text` as the protocol counts them: `\\r\\n`, `\\n` and `\\r` end a line."""
    lines, start, i = [], 0, 0
    while i < len(text):
        if text[i] == "\n" or text[i] == "\r":
            lines.append(text[start:i])
            if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
                i += 1
            start = i + 1
        i += 1
    lines.append(text[start:])
    return lines


def character(line: str, column: int, encoding: str) -> int:
    """The protocol's character offset of 1-based `column` (counted in Unicode scalar values,
    as check's JSON counts them) in `line`: UTF-16 code units, or UTF-8 bytes."""
    before = line[: column - 1]
    if encoding == "utf-8":
        return len(before.encode("utf-8"))
    return len(before.encode("utf-16-le")) // 2


def lsp_position(lines: list[str], at: dict, encoding: str) -> tuple[int, int]:
    line = at["line"] - 1
    return line, character(lines[line], at["column"], encoding)


def lines_shown(path: pathlib.Path) -> list[str]:
    """The lines of a file as an editor shows them: without the byte-order mark, which check's
    columns do not count either; bytes that are not UTF-8 are one replacement character each
    run, as check reads them."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return lines_of(text.removeprefix("\ufeff"))


def expected_by_file(
    folder: pathlib.Path,
    report: dict | None,
    encoding: str,
    uri_folder: pathlib.Path | None = None,
) -> dict[pathlib.Path, list[tuple]]:
    """check's findings by absolute file path, each as `as_tuples` has a diagnostic, with
    positions as the protocol has them in `encoding`; URIs of files in `uri_folder` when the
    report is of a copy of it."""
    lines: dict[pathlib.Path, list[str]] = {}

    def place(file: str, span: dict) -> tuple[str, tuple, tuple]:
        path = folder / file
        if path not in lines:
            lines[path] = lines_shown(path)
        return (
            ((uri_folder or folder) / file).absolute().as_uri(),
            lsp_position(lines[path], span["start"], encoding),
            lsp_position(lines[path], span["end"], encoding),
        )

    found: dict[pathlib.Path, list[tuple]] = {}
    for d in report["diagnostics"] if report else []:
        _, start, end = place(d["file"], d["span"])
        related = tuple(
            sorted((*place(lab["file"], lab["span"]), lab["message"]) for lab in d["labels"])
        )
        found.setdefault(folder / d["file"], []).append(
            (d["code"], start, end, d["severity"], d["rule"], d["message"], d.get("help"), related)
        )
    return found


SEVERITY_NAMES = {1: "error", 2: "warning", 3: "information", 4: "hint"}


def as_tuples(diagnostics) -> list[tuple]:
    """Published diagnostics in the terms of `expected_by_file`: the code, the range, the
    severity, the rule's name (`data`), the message's first line (check's message; the
    underline's words may follow on the next), the help, and the related places."""
    found = []
    for d in diagnostics:
        text, _, help_text = d.message.partition("\nhelp: ")
        related = tuple(
            sorted(
                (
                    r.location.uri,
                    (r.location.range.start.line, r.location.range.start.character),
                    (r.location.range.end.line, r.location.range.end.character),
                    r.message,
                )
                for r in d.related_information or []
            )
        )
        found.append(
            (
                d.code,
                (d.range.start.line, d.range.start.character),
                (d.range.end.line, d.range.end.character),
                SEVERITY_NAMES[d.severity.value],
                (d.data or {}).get("name"),
                text.split("\n")[0],
                help_text or None,
                related,
            )
        )
    return found


def expected_with_texts(
    folder: pathlib.Path,
    texts: dict[pathlib.Path, str],
    scratch: pathlib.Path,
    encoding: str,
    alone: bool = False,
) -> dict[pathlib.Path, list[tuple]]:
    """What check reports in `folder` were `texts` (unsaved editor buffers, by path) the
    files' contents: a copy of `folder` under `scratch` with those texts written, checked,
    and the findings put back under `folder`'s paths. `alone`: the copy holds those texts
    and the folder's configuration file only."""
    mirror = scratch / folder.name
    shutil.rmtree(mirror, ignore_errors=True)
    if alone:
        mirror.mkdir(parents=True)
        for name in (".ownlint.yaml", ".ownlint.yml"):
            if (folder / name).exists():
                shutil.copyfile(folder / name, mirror / name)
    else:
        shutil.copytree(folder, mirror)
    for path, text in texts.items():
        (mirror / path.relative_to(folder)).parent.mkdir(parents=True, exist_ok=True)
        (mirror / path.relative_to(folder)).write_bytes(text.encode("utf-8"))
    found = expected_by_file(mirror, check_json(mirror), encoding, uri_folder=folder)
    return {folder / path.relative_to(mirror): items for path, items in found.items()}
