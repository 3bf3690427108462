"""assemble: numbering, notes, chronology and claims tables, checked on the Document."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from pathlib import Path

import pytest

from briefing.assemble import assemble
from briefing.assemble.document import (
    Document,
    Emph,
    Heading,
    Link,
    NoteRef,
    Paragraph,
    Table,
    Text,
)
from briefing.assemble.prose import markdown_blocks
from briefing.load import load

FULL = Path(__file__).parent / "fixtures" / "full"


@pytest.fixture(scope="module")
def document() -> Document:
    return assemble(load(FULL), build_id="test")


def _refs(node: object) -> list[int]:
    """Note numbers in reading order anywhere under a node."""
    found: list[int] = []
    if isinstance(node, NoteRef):
        return [node.number]
    if isinstance(node, list | tuple):
        for item in node:
            found += _refs(item)
    elif is_dataclass(node):
        for item in fields(node):
            found += _refs(getattr(node, item.name))
    return found


def _plain(inlines: list) -> str:
    out = []
    for item in inlines:
        if isinstance(item, Text):
            out.append(item.text)
        elif hasattr(item, "children"):
            out.append(_plain(item.children))
    return "".join(out)


def test_notes_are_numbered_once_in_reading_order(document: Document) -> None:
    refs = _refs(document.key_judgments) + _refs(document.parts)
    assert refs == list(range(1, len(document.notes) + 1))


def test_first_citation_of_a_source_is_full_later_ones_short(document: Document) -> None:
    by_source: dict[str, list[str]] = {}
    for note in document.notes:
        for source in note.sources:
            by_source.setdefault(source, []).append(_plain(note.inlines))
    wire = by_source["wire-2020"]
    assert "Jane Reporter" in wire[0] and "https://example.org/wire" in wire[0]
    assert "reliability B" in wire[0]
    assert all("https://" not in text for text in wire[1:])
    assert all("Wire Service" in text for text in wire[1:])


def test_several_citations_at_one_point_make_one_note(document: Document) -> None:
    joint = [n for n in document.notes if n.sources == ["wire-2020", "advocacy-2020"]]
    assert len(joint) == 1
    assert "para. 2" in _plain(joint[0].inlines)


def test_sections_and_headings_are_numbered(document: Document) -> None:
    labels = [p.label for p in document.parts]
    assert labels[:2] == ["1", "2"]
    assert labels[2:] == [f"Annex {c}" for c in "ABCDEF"]
    headings = [(b.number, b.title) for b in document.parts[1].blocks if isinstance(b, Heading)]
    assert headings == [("2.1", "First phase"), ("2.2", "Second phase"), ("2.2.1", "Shusha")]
    toc = [(t.label, t.title) for t in document.toc]
    assert ("2.2", "Second phase") in toc and ("Annex A", "Chronology") in toc


def test_chronology_is_sorted_grouped_and_graded(document: Document) -> None:
    chronology = next(p for p in document.parts if p.title == "Chronology")
    tables = [b for b in chronology.blocks if isinstance(b, Table)]
    assert [t.title for t in tables] == [
        "February 1988",
        "1991",
        "September 2020",
        "October 2020",
        "November 2020",
    ]
    keys = [row.key for t in tables for row in t.rows]
    assert keys == [
        "resolution-1988",
        "war-1991",
        "offensive",
        "ganja",
        "late-october",
        "agreement",
    ]
    rows = {row.key: row for t in tables for row in t.rows}
    assert _plain(rows["war-1991"].cells[0]) == "1991–1994"
    assert _plain(rows["ganja"].cells[0]) == "11–12 Oct 2020"
    assert _plain(rows["late-october"].cells[0]) == "c. 20 Oct 2020"
    assert _plain(rows["offensive"].cells[1]) == "Stepanakert / Khankendi, Shusha / Shushi"
    event_cell = rows["ganja"].cells[2]
    assert any(isinstance(i, Emph) and "Per Azerbaijan" in _plain(i.children) for i in event_cell)
    assert _plain(rows["ganja"].cells[3]) == "B3 ●"


def test_claims_table_says_who_claims_what_as_of_when(document: Document) -> None:
    tables = [b for p in document.parts for b in p.blocks if isinstance(b, Table)]
    claims = [t for t in tables if t.variant == "claims"]
    assert [t.number for t in tables if t.number] == [1, 2, 3]
    deaths = claims[0]
    assert deaths.title == "Who claims what: Military deaths, Armenian side"
    rows = [[_plain(c) for c in row.cells[:4]] for row in deaths.rows]
    assert rows == [
        ["Armenian Ministry of Defence", "at least 231 deaths", "5 Oct 2020", "D3 ●"],
        ["Armenian Ministry of Defence", "at least 1,166 deaths", "30 Oct 2020", "C2 ●"],
    ]
    assert _plain(claims[1].rows[0].cells[1]) == "about 1,500–2,000 fighters"


def test_raw_html_and_template_syntax_stay_text(document: Document) -> None:
    summary = document.parts[0]
    text = " ".join(_plain(b.inlines) for b in summary.blocks if hasattr(b, "inlines"))
    assert "Raw <b>HTML</b> & entities &amp; stay text; {{ 7*7 }} stays text." in text


def test_one_text_leaves_nothing_behind_for_the_next() -> None:
    """The Markdown converter is reused: a link reference or a footnote-like definition in
    one section must not resolve in another, and blank text gives no blocks."""
    first = markdown_blocks("See [the site][ref].\n\n[ref]: https://example.org/", lambda i: i)
    assert any(isinstance(i, Link) for b in first if isinstance(b, Paragraph) for i in b.inlines)
    second = markdown_blocks("See [the site][ref].", lambda i: i)
    assert second == [Paragraph(inlines=[Text(text="See [the site][ref].")])]
    assert markdown_blocks("  \n", lambda i: i) == []


def test_code_spans_keep_the_authors_characters() -> None:
    """Fixes `&amp;` shown as `&amp;amp;`: Python-Markdown's own escaping is undone once."""
    from briefing.assemble.document import Code
    from briefing.assemble.prose import markdown_blocks

    (paragraph, block) = markdown_blocks("`&amp; &lt;b&gt; < &`\n\n    &lt;i&gt; <i>\n", int)
    assert paragraph.inlines == [Code(text="&amp; &lt;b&gt; < &")]
    assert block.inlines == [Code(text="&lt;i&gt; <i>\n")]


def test_the_document_never_nests_past_its_cap() -> None:
    """The loader refuses deep nesting (E023); this guards the engines against a way round."""
    from briefing.assemble.prose import MAX_DEPTH, markdown_blocks

    block, depth = markdown_blocks(">" * 300 + " deep", int)[0], 0
    while hasattr(block, "blocks"):
        block, depth = block.blocks[0], depth + 1
    assert depth <= MAX_DEPTH + 1
