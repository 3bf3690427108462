"""render (WeasyPrint, writing): pages tagged as they are drawn give the tag tree WeasyPrint's
own tagging gives, and each page's layout is let go once it is drawn."""

from __future__ import annotations

import gc
import io
import re
import weakref
from typing import Any

import pytest
from pdf_inspect import pdf_structure
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, NumberObject
from weasyprint import HTML

import briefing.render.weasyprint as weasyrenderer
from briefing.render.html import STYLES
from briefing.render.weasyprint import WeasyRenderer
from briefing.render.weasyprint import drawn as weasydrawn
from briefing.render.weasyprint.patch import weasyprint_fixes

pytestmark = pytest.mark.slow  # WeasyPrint lays out several pages in every test


def tagged_html(repeats: int) -> str:
    """What the tagger treats apart, again and again over several pages: a table with column
    and row headers and a spanning cell, lists (one nested, one without bullets), a
    definition list, an image with alt text, an SVG with a title, links in and out, notes."""
    block = """
<section id="s{n}"><h2>Part {n}</h2>
<p>Text with a <a href="#s0">link back</a> and <a href="https://example.org/{n}">one out</a>
and a note<span class="footnote" data-n="{n}">Note {n} with a <a href="#s0">link</a>.</span>.</p>
<table><caption>Claims {n}</caption>
<thead><tr><th>Who</th><th>What</th><th>When</th></tr></thead>
<tbody><tr><th scope="row">One side</th><td>at least {n}</td><td>1 Oct</td></tr>
<tr><th scope="row">Other side</th><td colspan="2">more than {n}, as of 2 Oct</td></tr>
<tr><td rowspan="2">both</td><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></tbody>
</table>
<ul><li>first<ul><li>nested</li></ul></li><li>second</li></ul>
<ul style="list-style: none"><li>plain</li></ul>
<dl><dt>Term</dt><dd>Meaning</dd></dl>
<img alt="A square {n}" src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'
 width='40' height='40'%3E%3Crect width='40' height='40'/%3E%3C/svg%3E">
<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30"><title>Bars {n}</title>
<rect width="20" height="30"/></svg>
<blockquote><p>Quoted {n}</p></blockquote>
</section>"""
    body = "".join(block.format(n=n) for n in range(repeats))
    head = '<html lang="en"><head><title>T</title><link rel="stylesheet" href="print.css"></head>'
    return f"{head}<body><main>{body}</main></body></html>"


def tag_attributes(data: bytes) -> list[tuple[str, ...]]:
    """Every tag's type, alt text, attributes and header id, in tree order; the table
    numbers inside header ids renumbered by first use (they are object numbers)."""
    reader = PdfReader(io.BytesIO(data))
    found: list[tuple[str, ...]] = []

    def walk(reference: Any) -> None:
        element = reference.get_object()
        if not isinstance(element, DictionaryObject) or element.get("/Type") in ("/OBJR", "/MCR"):
            return
        found.append(tuple(str(element.get(key)) for key in ("/S", "/Alt", "/A", "/ID")))
        kids = element.get("/K", [])
        for kid in kids if isinstance(kids, ArrayObject) else [kids]:
            if not isinstance(kid, NumberObject):
                walk(kid)

    top = reader.trailer["/Root"]["/StructTreeRoot"]["/K"]
    walk(top[0] if isinstance(top, ArrayObject) else top)
    tables: dict[str, int] = {}

    def renumber(match: re.Match[str]) -> str:
        return f"{tables.setdefault(match.group(1), len(tables))}-{match.group(2)}"

    return [tuple(re.sub(r"\b(\d+)-(\d+-\d+)\b", renumber, text) for text in row) for row in found]


def write(html: str, *, page_by_page: bool) -> tuple[bytes, Any]:
    laid_out = HTML(string=html, base_url=STYLES.as_uri() + "/").render(pdf_tags=True)
    with weasyprint_fixes() as fixed:
        assert fixed
        if not page_by_page:
            weasydrawn.uninstall()  # WeasyPrint's own paint and tagging, the other fixes on
        return laid_out.write_pdf(pdf_tags=True), laid_out


def test_pages_tagged_as_drawn_give_weasyprints_tag_tree(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    monkeypatch.setattr(weasydrawn, "COLLECT_EVERY", 2)  # collections among the pages too
    html = tagged_html(12)
    with weasydrawn.collecting(long=True):
        ours, laid_out = write(html, page_by_page=True)
    theirs, _ = write(html, page_by_page=False)
    assert len(laid_out.pages) > 6
    mine, weasyprints = pdf_structure(ours), pdf_structure(theirs)
    assert mine == weasyprints
    assert mine["unmapped"] == []
    tags = {kind for kind, _, _ in mine["tags"]}
    assert {"/Table", "/TH", "/TD", "/L", "/LI", "/LBody", "/Figure", "/Link"} <= tags
    assert tag_attributes(ours) == tag_attributes(theirs)
    assert any("Headers" in row[2] for row in tag_attributes(ours))
    assert ours != theirs  # the tags' object numbers differ: they follow their own page's


def test_each_page_is_let_go_once_drawn(monkeypatch: pytest.MonkeyPatch) -> None:
    """By the time the collector has run, the pages drawn before are gone from memory."""
    monkeypatch.setattr(weasydrawn, "COLLECT_EVERY", 3)
    laid_out = HTML(string=tagged_html(12), base_url=STYLES.as_uri() + "/").render(pdf_tags=True)
    boxes = [weakref.ref(page._page_box) for page in laid_out.pages]
    alive_at: list[list[bool]] = []
    real_paint = weasydrawn._PAINT

    def recording(page: Any, stream: Any, scale: float = 1) -> None:
        alive_at.append([box() is not None for box in boxes])
        real_paint(page, stream, scale)

    monkeypatch.setattr(weasydrawn, "_PAINT", recording)
    gc.collect()
    with weasyprint_fixes(), weasydrawn.collecting(long=True):
        laid_out.write_pdf(pdf_tags=True)
    assert len(alive_at) == len(boxes) > 6
    assert all(alive_at[0])
    for drawn in range(3, len(boxes), 3):  # the collector ran after page `drawn`
        assert alive_at[drawn] == [False] * drawn + [True] * (len(boxes) - drawn), drawn
    assert all(page._page_box is None for page in laid_out.pages)
    with weasyprint_fixes(), pytest.raises(RuntimeError, match="written before"):
        laid_out.write_pdf(pdf_tags=True)


def test_an_untagged_pdf_keeps_its_layout() -> None:
    """Only a tagged PDF lets its pages go: nothing else needs them gone."""
    laid_out = HTML(string=tagged_html(2), base_url=STYLES.as_uri() + "/").render()
    with weasyprint_fixes():
        first, again = laid_out.write_pdf(), laid_out.write_pdf()
    assert all(page._page_box is not None for page in laid_out.pages)
    pages = [len(PdfReader(io.BytesIO(data)).pages) for data in (first, again)]
    assert pages == [len(laid_out.pages)] * 2


@pytest.mark.parametrize("long", [False, True])
def test_only_a_long_documents_pages_are_collected_as_they_are_written(
    long: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A short document is written without running the collector: two runs cost about
    1 s at N = 400 and free little; a long one runs it every COLLECT_EVERY pages."""
    runs: list[int] = []
    monkeypatch.setattr(weasydrawn, "gc", type("Gc", (), {"collect": lambda: runs.append(1)}))
    monkeypatch.setattr(weasydrawn, "COLLECT_EVERY", 3)
    renderer = WeasyRenderer()
    monkeypatch.setattr(weasyrenderer, "COLLECT_PAGES", 4 if long else 1000)
    renderer.render_html(tagged_html(12))
    assert renderer.pages is not None and renderer.pages > 6
    assert len(runs) == (renderer.pages // 3 if long else 0)
