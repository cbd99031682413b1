"""What `ownlint check` says about a folder, in the terms of the protocol, for comparison with
the server's publications."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess

from harness import ownlint_binary


def check_json(folder: pathlib.Path, *args: str) -> dict | None:
    """`ownlint check --format json` run in `folder` as a user would run it there; `None` when
    it found no ownership content at all (exit 2, no report)."""
    run = subprocess.run(
        [ownlint_binary(), "check", "--format", "json", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )
    if run.returncode == 2 and not run.stdout:
        return None
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


def expected_by_file(
    folder: pathlib.Path, report: dict | None, encoding: str
) -> dict[pathlib.Path, list[tuple]]:
    """check's findings by absolute file path, each as (code, start, end, severity) with
    positions as the protocol has them in `encoding`."""
    found: dict[pathlib.Path, list[tuple]] = {}
    for d in report["diagnostics"] if report else []:
        path = folder / d["file"]
        lines = lines_of(path.read_bytes().decode("utf-8"))
        span = d["span"]
        found.setdefault(path, []).append(
            (
                d["code"],
                lsp_position(lines, span["start"], encoding),
                lsp_position(lines, span["end"], encoding),
                d["severity"],
            )
        )
    return found


SEVERITY_NAMES = {1: "error", 2: "warning", 3: "information", 4: "hint"}


def as_tuples(diagnostics) -> list[tuple]:
    """Published diagnostics in the terms of `expected_by_file`."""
    return [
        (
            d.code,
            (d.range.start.line, d.range.start.character),
            (d.range.end.line, d.range.end.character),
            SEVERITY_NAMES[d.severity.value],
        )
        for d in diagnostics
    ]


def expected_with_texts(
    folder: pathlib.Path,
    texts: dict[pathlib.Path, str],
    scratch: pathlib.Path,
    encoding: str,
) -> dict[pathlib.Path, list[tuple]]:
    """What check reports in `folder` were `texts` (unsaved editor buffers, by path) the
    files' contents: a copy of `folder` under `scratch` with those texts written, checked,
    and the findings put back under `folder`'s paths."""
    mirror = scratch / folder.name
    shutil.rmtree(mirror, ignore_errors=True)
    shutil.copytree(folder, mirror)
    for path, text in texts.items():
        (mirror / path.relative_to(folder)).write_bytes(text.encode("utf-8"))
    found = expected_by_file(mirror, check_json(mirror), encoding)
    return {folder / path.relative_to(mirror): items for path, items in found.items()}
