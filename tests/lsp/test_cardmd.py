"""The card renderer the hover tests read cards with (cardmd.py) shows what CommonMark shows."""

from __future__ import annotations

from cardmd import render


def test_code_spans_and_escapes_show_their_text_literally():
    assert (
        render("- owner: `[x](https://e.vil) *b*` · y").text
        == "- owner: [x](https://e.vil) *b* · y"
    )
    assert render("``a `b` c``").text == "a `b` c"
    assert render("``` `x`` ```").text == "`x``"
    assert render(r"\[x\]\(y\) \*b\* \<i\>").text == "[x](y) *b* <i>"
    assert render("- owner: `a` · y").markup == []


def test_links_images_html_and_emphasis_are_seen():
    shown = render("**T** · [`f.md:3`](file:///f.md#L3) <b> ![i](p.png)")
    assert shown.text == "T · f.md:3 <b> i"
    assert shown.links == [("f.md:3", "file:///f.md#L3"), ("i", "p.png")]
    assert shown.markup == ["emphasis", "emphasis", "emphasis", "emphasis", "html", "image p.png"]
