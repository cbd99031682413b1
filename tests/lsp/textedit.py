"""Protocol positions and edits applied to text on the client's side: what the editor's buffer
holds after an edit, to compare the server's view of it with."""

from __future__ import annotations

from lsprotocol import types


def line_starts(text: str) -> list[int]:
    """Indexes at which lines start; `\\r\\n`, `\\n` and `\\r` end a line."""
    starts = [0]
    i = 0
    while i < len(text):
        if text[i] == "\r" and text[i + 1 : i + 2] == "\n":
            i += 1
        if text[i] in "\r\n":
            starts.append(i + 1)
        i += 1
    return starts


def lines(text: str) -> list[str]:
    """The lines of `text` without their ends."""
    starts = line_starts(text)
    ends = [s for s in starts[1:]] + [len(text)]
    return [text[a:b].rstrip("\r\n") for a, b in zip(starts, ends)]


def index_of(text: str, position: types.Position, encoding: str) -> int:
    """The string index of a protocol position (a character past the line's end is the end)."""
    starts = line_starts(text)
    if position.line >= len(starts):
        return len(text)
    start = starts[position.line]
    end = starts[position.line + 1] if position.line + 1 < len(starts) else len(text)
    line = text[start:end].rstrip("\r\n")
    units = 0
    for i, ch in enumerate(line):
        if units >= position.character:
            return start + i
        units += (
            len(ch.encode("utf-8")) if encoding == "utf-8" else len(ch.encode("utf-16-le")) // 2
        )
    return start + len(line)


def position_of(text: str, index: int, encoding: str) -> types.Position:
    starts = line_starts(text)
    line = max(i for i, s in enumerate(starts) if s <= index)
    before = text[starts[line] : index]
    width = (
        len(before.encode("utf-8")) if encoding == "utf-8" else len(before.encode("utf-16-le")) // 2
    )
    return types.Position(line=line, character=width)


def range_of(text: str, needle: str, encoding: str, occurrence: int = 0) -> types.Range:
    """The range of the `occurrence`-th (0-based) `needle` in `text`."""
    at = -1
    for _ in range(occurrence + 1):
        at = text.index(needle, at + 1)
    return types.Range(
        start=position_of(text, at, encoding), end=position_of(text, at + len(needle), encoding)
    )


def apply(text: str, edit_range: types.Range | None, new_text: str, encoding: str) -> str:
    if edit_range is None:
        return new_text
    start = index_of(text, edit_range.start, encoding)
    end = max(start, index_of(text, edit_range.end, encoding))
    return text[:start] + new_text + text[end:]


def apply_text_edits(text: str, edits: list[types.TextEdit], encoding: str) -> str:
    """A TextEdit list as the protocol defines it: every range refers to the original text,
    and ranges do not overlap; applied from the last to the first."""
    ordered = sorted(
        edits,
        key=lambda e: (
            index_of(text, e.range.start, encoding),
            index_of(text, e.range.end, encoding),
        ),
        reverse=True,
    )
    for edit in ordered:
        text = apply(text, edit.range, edit.new_text, encoding)
    return text
