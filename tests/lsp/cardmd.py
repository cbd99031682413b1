"""What a Markdown renderer shows of one line of a hover card: its text, its links, and
whether anything but code spans, escapes and links (raw HTML, emphasis, images) is in it.
Enough of CommonMark's inline rules for the cards, so that the tests check what a user sees,
whatever the server's way of keeping document text literal (escapes or code spans)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

PUNCTUATION = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass
class Rendered:
    text: str = ""
    links: list[tuple[str, str]] = field(default_factory=list)  # (shown text, destination)
    markup: list[str] = field(default_factory=list)  # what else a renderer would act on


def render(line: str) -> Rendered:
    out = Rendered()
    out.text = _inline(line, out)
    return out


def _code_span(s: str, i: int) -> tuple[str, int] | None:
    """The code span opening at `i` (a run of backticks): its content and where it ends."""
    run = len(s[i:]) - len(s[i:].lstrip("`"))
    fence = "`" * run
    for m in re.finditer(r"`+", s[i + run :]):
        if m.group() == fence:
            content = s[i + run : i + run + m.start()]
            if len(content) > 1 and content[0] == content[-1] == " " and content.strip():
                content = content[1:-1]
            return content, i + run + m.end()
    return None


def _inline(s: str, out: Rendered) -> str:
    text, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s) and s[i + 1] in PUNCTUATION:
            text.append(s[i + 1])
            i += 2
        elif c == "`":
            span = _code_span(s, i)
            if span is None:
                run = len(s[i:]) - len(s[i:].lstrip("`"))
                text.append("`" * run)
                i += run
            else:
                text.append(span[0])
                i = span[1]
        elif c == "[" or (c == "!" and s[i + 1 : i + 2] == "["):
            link = _link(s, i + (c == "!"))
            if link is None:
                text.append(c)
                i += 1
                continue
            shown, destination, i = link
            if c == "!":
                out.markup.append(f"image {destination}")
            inner = Rendered()
            shown_text = _inline(shown, inner)
            out.markup.extend(inner.markup)
            out.links.append((shown_text, destination))
            text.append(shown_text)
        elif c == "<":
            out.markup.append("html")
            text.append(c)
            i += 1
        elif c in "*_" and (c == "*" or s[i : i + 2] == "__"):
            out.markup.append("emphasis")
            i += 1
        else:
            text.append(c)
            i += 1
    return "".join(text)


def _link(s: str, i: int) -> tuple[str, str, int] | None:
    """`[shown](destination)` at `i`: shown Markdown, destination, and where it ends."""
    depth, j = 0, i
    while j < len(s):
        if s[j] == "\\":
            j += 2
            continue
        if s[j] == "`":
            span = _code_span(s, j)
            j = span[1] if span else j + 1
            continue
        if s[j] == "[":
            depth += 1
        elif s[j] == "]":
            depth -= 1
            if depth == 0:
                break
        j += 1
    else:
        return None
    m = re.match(r"\(([^()\s]*)\)", s[j + 1 :])
    if not m:
        return None
    return s[i + 1 : j], m.group(1), j + 1 + m.end()
