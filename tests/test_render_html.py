"""render (HTML): escaping, templates, footnotes and endnotes, and the golden HTML of the fixture."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from jinja2 import StrictUndefined, UndefinedError

from briefing.assemble import assemble, front
from briefing.assemble.document import Document, Meta, Note, NoteRef, Paragraph, Part, Text
from briefing.i18n import words
from briefing.load import load
from briefing.render import get_renderer
from briefing.render.html import HtmlRenderer, environment, render_html, rich

TESTS = Path(__file__).resolve().parent
FULL = TESTS / "fixtures" / "full"
GOLDEN = TESTS / "golden"


@pytest.fixture(scope="module")
def document() -> Document:
    return assemble(load(FULL), build_id="test")


@pytest.fixture(scope="module")
def page(document: Document) -> str:
    return HtmlRenderer().render(document).decode("utf-8")


@pytest.fixture(scope="module")
def printed(document: Document) -> str:
    return render_html(document, notes_as="footnotes", stylesheets=("print.css",))


def normalized(html: str) -> str:
    """Golden form: stylesheet bodies elided (CSS is reviewed as CSS), trailing spaces dropped."""
    html = re.sub(r"<style>\n.*?\n</style>", "<style>/* elided */</style>", html, flags=re.S)
    return "\n".join(line.rstrip() for line in html.splitlines()) + "\n"


@pytest.mark.parametrize(("name", "which"), [("full.html", "page"), ("full-print.html", "printed")])
def test_golden_html(
    name: str, which: str, request: pytest.FixtureRequest, update_golden: bool
) -> None:
    """The fixture's HTML, reviewed as a diff; `pytest --update-golden` rewrites it."""
    actual = normalized(request.getfixturevalue(which))
    golden = GOLDEN / name
    if update_golden:
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert golden.exists(), f"missing {golden}: run pytest --update-golden"
    assert actual == golden.read_text(encoding="utf-8")


def test_environment_escapes_and_fails_on_undefined_names() -> None:
    env = environment()
    assert env.undefined is StrictUndefined
    assert env.from_string("{{ x }}").render(x="<b>&") == "&lt;b&gt;&amp;"
    with pytest.raises(UndefinedError):
        env.from_string("{{ missing }}").render()


def test_content_is_escaped_and_never_rendered_as_a_template(page: str, printed: str) -> None:
    for html in (page, printed):
        assert "Raw &lt;b&gt;HTML&lt;/b&gt; &amp; entities &amp;amp; stay text" in html
        assert "{{ 7*7 }} stays text" in html
        assert "49 stays text" not in html
        assert "<b>HTML" not in html


def test_hostile_text_stays_text() -> None:
    hostile = "</span><script>alert(1)</script>{% raw %}\"'&"
    doc = _tiny([Text(text=hostile), NoteRef(number=1)], note=hostile)
    for html in (
        HtmlRenderer().render(doc).decode(),
        render_html(doc, notes_as="footnotes"),
    ):
        assert "<script>" not in html
        assert "&lt;/span&gt;&lt;script&gt;alert(1)&lt;/script&gt;{% raw %}&#34;&#39;&amp;" in html


def test_right_to_left_runs_are_isolated() -> None:
    assert str(rich("Qarabağ, قره‌باغ, end")) == (
        'Qarabağ, <bdi dir="rtl" lang="fa">قره‌باغ</bdi>, end'
    )
    assert str(rich("עברית")) == '<bdi dir="rtl" lang="he">עברית</bdi>'
    assert str(rich("a\nb <")) == "a<br>b &lt;"


def test_the_fixture_persian_title_is_wrapped(page: str) -> None:
    assert '<bdi dir="rtl" lang="fa">قره‌باغ</bdi>' in page


def test_print_html_has_one_footnote_per_note_in_order(document: Document, printed: str) -> None:
    numbers = [
        int(n) for n in re.findall(r'<span class="footnote" id="fn-\d+" data-n="(\d+)">', printed)
    ]
    assert numbers == [note.number for note in document.notes]
    assert 'rel="stylesheet" href="print.css"' in printed


def test_endnotes_link_both_ways(document: Document, page: str) -> None:
    for note in document.notes:
        n = note.number
        assert page.count(f'id="ref-{n}" href="#note-{n}"') == 1
        assert page.count(f'<li id="note-{n}" value="{n}">') == 1
        assert page.count(f'href="#ref-{n}"') == 1
    assert 'class="footnote"' not in page


def test_html_is_self_contained(page: str) -> None:
    assert "<link" not in page
    assert "<script" not in page
    assert "@import" not in page
    assert not re.search(r"url\(", page)
    assert not re.search(r'\ssrc="', page)
    assert "<style>" in page and ".endnotes" in page


def test_every_toc_entry_points_at_an_element(document: Document, page: str) -> None:
    for entry in document.toc:
        assert page.count(f'id="{entry.anchor}"') == 1
        assert f'href="#{entry.anchor}"' in page


def test_metadata_and_page_size(document: Document, printed: str) -> None:
    assert '<html lang="en"' in printed
    assert '<meta name="dcterms.created" content="2020-11-30T00:00:00Z">' in printed
    assert '<meta name="author" content="Test suite">' in printed
    assert "@page { size: A4;" in printed
    letter = replace(document, meta=replace(document.meta, page_size="Letter"))
    assert "@page { size: letter;" in render_html(letter, notes_as="footnotes")


def test_tables_are_numbered_with_widths_and_a_header(printed: str) -> None:
    assert '<span class="num">Table 1:</span> Equipment losses' in printed
    assert '<col style="width: 33.33%">' in printed
    assert printed.count("<thead>") == printed.count("<table ")


def test_annex_label_and_numbered_headings(printed: str) -> None:
    assert '<h1><span class="num">Annex A</span> Chronology</h1>' in printed
    assert '<h2 id="sec-course-2-1"><span class="num">2.1</span> First phase</h2>' in printed


def test_registry_gives_the_html_renderer() -> None:
    renderer = get_renderer("html")
    assert (renderer.name, renderer.extension) == ("html", "html")


def _tiny(inlines: list, *, note: str) -> Document:
    meta = Meta(
        title="T",
        subtitle="",
        short_title="T",
        as_of="1 January 2020",
        as_of_iso="2020-01-01",
        edition="1",
        prepared_by="",
        marking="PUBLIC",
        language="en",
        keywords=[],
        page_size="A4",
        build_id="x",
    )
    part = Part(
        kind="section",
        number="1",
        label="1",
        title="S",
        anchor="sec-s",
        blocks=[Paragraph(inlines=inlines)],
    )
    notes = [Note(number=1, inlines=[Text(text=note)], sources=[])]
    return Document(
        labels=front.labels(words("en"), "1 January 2020"),
        meta=meta,
        key_judgments=[],
        toc=[],
        parts=[part],
        notes=notes,
    )
