"""render (ReportLab): what a reader of the PDF sees: notes on their call's page, contents
page numbers, the same rows, sources, headings and notes as the Document, literal
markup, identical bytes, a clear font error, and `--engine auto` without WeasyPrint.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import json
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from pdf_inspect import margin_rules
from pypdf import PdfReader

import build_report
from briefing.assemble import front
from briefing.assemble.document import (
    Block,
    Document,
    Emph,
    Heading,
    Inline,
    Link,
    ListBlock,
    Meta,
    Note,
    NoteRef,
    Paragraph,
    Part,
    Quote,
    Row,
    Strong,
    Table,
    Text,
    TocEntry,
)
from briefing.check.glyphs import covered_characters
from briefing.errors import EngineUnavailable, FootnotePlacementError, MissingGlyphError
from briefing.i18n import words
from briefing.render import get_renderer
from briefing.render.reportlab import BriefingDoc, Layout, ReportLabRenderer
from briefing.render.reportlab.flowables import Para
from briefing.render.reportlab.fonts import register_fonts
from briefing.render.reportlab.footnotes import Footnotes
from briefing.render.reportlab.styles import RULE, STYLES

FIXTURE = Path(__file__).parent / "fixtures" / "full"
ARABIC = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff\u200c\u200d]")


def squash(text: str) -> str:
    """Text without whitespace or right-to-left letters: extraction spacing and bidi differ."""
    return re.sub(r"\s+", "", ARABIC.sub("", text))


def plain(inlines: list[Inline]) -> str:
    """The visible text of inlines, note calls left out."""
    out = []
    for item in inlines:
        if isinstance(item, Text):
            out.append(item.text)
        elif isinstance(item, Emph | Strong | Link):
            out.append(plain(item.children))
        elif not isinstance(item, NoteRef):
            out.append(item.text)
    return "".join(out)


@dataclass
class Rendered:
    """One render: the bytes, each page's squashed text and the engine's own layout record."""

    pdf: bytes
    pages: list[str]
    raw: list[str]
    layout: Layout
    reader: PdfReader

    def page_of(self, text: str, *, after: int = 0) -> list[int]:
        """1-based pages (after page `after`) whose text contains `text`, squashed."""
        needle = squash(text)
        return [n for n, page in enumerate(self.pages, start=1) if n > after and needle in page]

    def lines(self, page: int) -> list[str]:
        """The page's text as visual lines: pieces on one baseline, left to right."""
        pieces: list[tuple[float, float, str]] = []

        def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
            if text.strip():
                pieces.append((round(cm[5] + tm[5]), cm[4] + tm[4], text))

        self.reader.pages[page - 1].extract_text(visitor_text=visit)
        rows: dict[float, list[tuple[float, str]]] = {}
        for y, x, text in pieces:
            rows.setdefault(y, []).append((x, text))
        return [" ".join(t.strip() for _, t in sorted(rows[y])) for y in sorted(rows, reverse=True)]

    def note_starts(self, number: int, note: Note) -> list[tuple[int, int]]:
        """(page, offset) of each line that opens note `number`: its number, then its text."""
        full = squash(plain(note.inlines))
        found = []
        for page, raw in enumerate(self.raw, start=1):
            for match in re.finditer(rf"(?m)^\s*{number}\s+(.+)$", raw):
                line = squash(match.group(1))[:40]
                if line and full.startswith(line) and len(line) >= min(12, len(full)):
                    found.append((page, match.start()))
        return found

    def note_page(self, number: int, note: Note) -> list[int]:
        """Pages where note `number` starts."""
        return [page for page, _ in self.note_starts(number, note)]


def render(document: Document) -> Rendered:
    renderer = ReportLabRenderer()
    return read(renderer.render(document), renderer.layout)


def read(pdf: bytes, layout: Layout) -> Rendered:
    reader = PdfReader(io.BytesIO(pdf))
    raw = [page.extract_text() or "" for page in reader.pages]
    return Rendered(pdf, [squash(text) for text in raw], raw, layout, reader)


@pytest.fixture(scope="module")
def document(full_document: Document) -> Document:
    """The fixture's Document, shared by the session (tests/conftest.py)."""
    return full_document


@pytest.fixture(scope="module")
def fixture_pdf(full_reportlab_pdf: tuple[bytes, Layout]) -> Rendered:
    return read(*full_reportlab_pdf)


def meta(**changes: str) -> Meta:
    values = {
        "title": "Synthetic",
        "subtitle": "",
        "short_title": "Synthetic",
        "as_of": "1 January 2021",
        "as_of_iso": "2021-01-01",
        "edition": "1",
        "prepared_by": "tests",
        "marking": "PUBLIC",
        "language": "en",
        "keywords": [],
        "page_size": "A4",
        "build_id": "synthetic",
    }
    values.update(changes)
    return Meta(**values)


def one_part(blocks: list[Block], notes: list[Note], **changes: str) -> Document:
    part = Part(kind="section", number="1", label="1", title="Body", anchor="s1", blocks=blocks)
    toc = [TocEntry(level=1, label="1", title="Body", anchor="s1")]
    return Document(
        labels=front.labels(words("en"), "1 January 2020"),
        meta=meta(**changes),
        key_judgments=[],
        toc=toc,
        parts=[part],
        notes=notes,
    )


def stress_document() -> Document:
    """Many long notes called from one page, notes in 40 table rows, notes taller than a page."""
    notes: list[Note] = []

    def call(words: int) -> NoteRef:
        number = len(notes) + 1
        body = " ".join(f"n{number}w{i}" for i in range(words))
        inlines: list[Inline] = [Text(text=f"Note {number} starts. {body} Note {number} ends.")]
        notes.append(Note(number=number, inlines=inlines, sources=[]))
        return NoteRef(number=number)

    crowded: list[Inline] = []
    for i in range(30):
        crowded += [Text(text=f"Sentence {i} calls a long note. "), call(60)]
    blocks: list[Block] = [Paragraph(inlines=crowded)]
    blocks.append(Paragraph(inlines=[Text(text="A note taller than a page"), call(2500)]))
    for i in range(4):
        blocks.append(Paragraph(inlines=[Text(text=f"Filler {i}. " * 40), call(15)]))
    rows = [
        Row(key=f"r{k}", cells=[[Text(text=f"row {k}")], [Text(text="Event. " * 8), call(40)]])
        for k in range(40)
    ]
    blocks.append(
        Table(
            variant="chronology",
            number=None,
            anchor="rows",
            title="Rows",
            columns=["Date", "Event"],
            widths=[0.2, 0.8],
            rows=rows,
        )
    )
    tall = [[Text(text="tall row"), call(10)], [Text(text="Tall cell. " * 900), call(20)]]
    blocks.append(
        Table(
            variant="sources",
            number=None,
            anchor="tall",
            title="A row taller than a page",
            columns=["Source", "Text"],
            widths=[0.3, 0.7],
            rows=[Row(key="tall", cells=tall)],
        )
    )
    blocks.append(Paragraph(inlines=[Text(text="The end."), call(3000)]))
    document = one_part(blocks, notes)
    annex = Part(
        kind="annex",
        number="A",
        label="Annex A",
        title="After the long note",
        anchor="annex-a",
        blocks=[Paragraph(inlines=[Text(text="Annex text."), call(5)])],
    )
    toc = [*document.toc, TocEntry(level=1, label="Annex A", title=annex.title, anchor="annex-a")]
    parts = [*document.parts, annex]
    return replace(document, parts=parts, toc=toc, notes=list(notes))


@pytest.fixture(scope="module")
def stress_pdf() -> tuple[Document, Rendered]:
    document = stress_document()
    return document, render(document)


def contexts(document: Document) -> Iterator[tuple[int, str]]:
    """(note number, the text between its call and the previous call or block start)."""

    def walk(inlines: list[Inline]) -> Iterator[tuple[int, str]]:
        before = ""
        for item in inlines:
            if isinstance(item, NoteRef):
                yield item.number, before
                before = ""
            else:
                before += plain([item])

    def blocks(items: list[Block]) -> Iterator[tuple[int, str]]:
        for block in items:
            if isinstance(block, Paragraph):
                yield from walk(block.inlines)
            elif isinstance(block, ListBlock):
                for item in block.items:
                    yield from blocks(item)
            elif isinstance(block, Quote):
                yield from blocks(block.blocks)
            elif isinstance(block, Table):
                yield from walk(block.caption)
                for row in block.rows:
                    for cell in row.cells:
                        yield from walk(cell)

    for judgment in document.key_judgments:
        yield from walk(judgment.inlines)
    for part in document.parts:
        yield from blocks(part.blocks)


# --- footnotes ---------------------------------------------------------------------------


def test_every_note_is_printed_on_the_page_of_its_call(
    document: Document, fixture_pdf: Rendered
) -> None:
    layout = fixture_pdf.layout
    for note in document.notes:
        printed = fixture_pdf.note_page(note.number, note)
        assert printed, f"note {note.number} not found"
        assert layout.call_pages[note.number] == {printed[0]}, note.number


def test_notes_called_from_table_cells_sit_beside_their_rows(
    document: Document, fixture_pdf: Rendered
) -> None:
    checked = 0
    for number, before in contexts(document):
        if len(squash(before)) < 12:
            continue
        note = document.notes[number - 1]
        page = fixture_pdf.note_page(number, note)[0]
        assert squash(before)[-30:] in fixture_pdf.pages[page - 1], (number, before)
        checked += 1
    assert checked >= len(document.notes) // 2
    chronology = next(p for p in document.parts if p.title == "Chronology")
    cell_calls = [
        ref
        for block in chronology.blocks
        if isinstance(block, Table)
        for row in block.rows
        for ref in row.cells[2]
        if isinstance(ref, NoteRef)
    ]
    assert cell_calls, "the fixture's chronology calls notes from cells"
    for ref in cell_calls:
        assert fixture_pdf.layout.call_pages[ref.number] == {
            fixture_pdf.layout.note_pages[ref.number]
        }


def test_stress_notes_start_on_their_call_page_and_long_ones_continue(
    stress_pdf: tuple[Document, Rendered],
) -> None:
    document, rendered = stress_pdf
    layout = rendered.layout
    for note in document.notes:
        assert rendered.note_page(note.number, note) == [min(layout.call_pages[note.number])], (
            note.number
        )
    long_notes = [n.number for n in document.notes if len(plain(n.inlines)) > 20000]
    for number in long_notes:
        assert len(layout.continued[number]) >= 2, "a note taller than a page spans pages"
        last = layout.continued[number][-1]
        assert f"Note{number}ends." in rendered.pages[last - 1]
    assert len(rendered.page_of("Sentence 0 calls a long note.")) == 1
    assert len(rendered.page_of("Tall cell. Tall cell.")) >= 2, "an over-tall row splits"
    furniture = len(squash("Synthetic PUBLIC As of 1 January 2021 Page 10 of 10"))
    # Page 1 is the cover, short for this synthetic meta; every later page carries text.
    blank = [n for n, page in enumerate(rendered.pages[1:], start=2) if len(page) < furniture + 20]
    assert blank == [], "no page without body text or notes"


# --- contents, outline, running header and footer ----------------------------------------


def test_contents_page_numbers_are_the_pages_of_the_headings(
    document: Document, fixture_pdf: Rendered
) -> None:
    toc_page = fixture_pdf.page_of("Contents")[0]
    lines = [re.match(r"^(.*?)[\s.]+(\d+)$", line) for line in fixture_pdf.lines(toc_page)]
    listed = {squash(m.group(1)): int(m.group(2)) for m in lines if m}
    for entry in document.toc:
        printed = listed[squash(f"{entry.label} {entry.title}")]
        found = fixture_pdf.page_of(f"{entry.label} {entry.title}", after=toc_page)
        assert found and printed == found[0], (entry, printed, found)
        assert fixture_pdf.layout.heading_pages[entry.anchor] == printed


def test_bookmarks_point_at_the_heading_pages(document: Document, fixture_pdf: Rendered) -> None:
    reader = fixture_pdf.reader

    def flatten(items: list) -> Iterator[tuple[str, int]]:
        for item in items:
            if isinstance(item, list):
                yield from flatten(item)
            else:
                yield item.title, reader.get_destination_page_number(item) + 1

    outline = dict(flatten(reader.outline))
    for entry in document.toc:
        assert (
            outline[f"{entry.label} {entry.title}"]
            == fixture_pdf.layout.heading_pages[entry.anchor]
        )


def test_footer_says_page_x_of_y_and_header_the_short_title(
    document: Document, fixture_pdf: Rendered
) -> None:
    total = len(fixture_pdf.pages)
    for number, page in enumerate(fixture_pdf.pages[1:], start=2):
        assert f"Page{number}of{total}" in page
        assert squash(document.meta.short_title) in page and document.meta.marking in page
        assert squash(f"As of {document.meta.as_of}") in page


def test_metadata_and_fonts(document: Document, fixture_pdf: Rendered) -> None:
    info = fixture_pdf.reader.metadata
    assert info.title == document.meta.title
    assert info.author == document.meta.prepared_by
    assert info.subject == document.meta.subtitle
    assert all(k in (info.get("/Keywords") or "") for k in document.meta.keywords)
    used = set()
    for page in fixture_pdf.reader.pages:
        resources = page["/Resources"]["/Font"]
        stream = page.get_contents().get_data().decode("latin-1")
        for name in set(re.findall(r"/(\S+) [\d.]+ Tf", stream)):
            used.add(str(resources[f"/{name}"].get_object()["/BaseFont"]))
    assert used and all("DejaVu" in name for name in used), used


# --- parity with the Document ------------------------------------------------------------


def in_order(rendered: Rendered, needles: list[str], *, after: int = 0) -> None:
    """Each needle found in the concatenated text, each after the previous one."""
    text = "".join(rendered.pages[after:])
    position = 0
    for needle in needles:
        found = text.find(squash(needle), position)
        assert found >= 0, f"{needle!r} missing or out of order"
        position = found + 1


def headings(document: Document) -> list[str]:
    out = []
    for part in document.parts:
        out.append(f"{part.label} {part.title}")
        out += [f"{b.number} {b.title}" for b in part.blocks if isinstance(b, Heading)]
    return out


def test_sections_rows_sources_and_notes_match_the_document(
    document: Document, fixture_pdf: Rendered
) -> None:
    toc_page = fixture_pdf.page_of("Contents")[0]
    in_order(fixture_pdf, headings(document), after=toc_page)
    for variant in ("chronology", "sources"):
        rows = [
            plain(row.cells[2 if variant == "chronology" else 0])[:50]
            for part in document.parts
            for block in part.blocks
            if isinstance(block, Table) and block.variant == variant
            for row in block.rows
        ]
        assert rows
        in_order(fixture_pdf, rows, after=toc_page)
    starts = [fixture_pdf.note_starts(n.number, n) for n in document.notes]
    assert all(len(found) == 1 for found in starts), "each note printed once"
    assert [found[0] for found in starts] == sorted(found[0] for found in starts)


@pytest.mark.slow
def test_weasyprint_and_reportlab_show_the_same_headings_and_notes(
    document: Document, fixture_pdf: Rendered, request: pytest.FixtureRequest
) -> None:
    try:
        get_renderer("weasyprint")
    except (EngineUnavailable, ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint engine unavailable: {exc}")
    other = PdfReader(io.BytesIO(request.getfixturevalue("full_weasyprint_pdf")))
    text = squash("".join(page.extract_text() or "" for page in other.pages))
    ours = squash("".join(fixture_pdf.pages))
    for part in document.parts:
        titles = [part.title] + [b.title for b in part.blocks if isinstance(b, Heading)]
        for title in titles:
            assert squash(title) in text and squash(title) in ours, title
    for note in document.notes:
        start = squash(plain(note.inlines))[:40]
        assert start in text and start in ours, note.number


@pytest.mark.slow
def test_both_engines_rule_off_the_running_header_and_the_footer(
    fixture_pdf: Rendered, request: pytest.FixtureRequest
) -> None:
    """A rule under the running header and one over the footer on every page after the
    cover, across the text's width, in both engines (WeasyPrint had neither)."""
    try:
        get_renderer("weasyprint")
    except (EngineUnavailable, ImportError, OSError) as exc:
        pytest.skip(f"WeasyPrint engine unavailable: {exc}")
    for pdf in (fixture_pdf.pdf, request.getfixturevalue("full_weasyprint_pdf")):
        rules = margin_rules(pdf)
        assert len(rules) > 5
        assert all(top and bottom for top, bottom in rules[1:]), rules


# --- safety, reproducibility, fonts ------------------------------------------------------

PAYLOADS = [
    '<font color="red">red</font>',
    "<para>para</para>",
    "<b>unbalanced",
    "&amp; and &#x3C; and &lt;",
    '<img src="file:///etc/passwd" width="10" height="10"/>',
    '<a href="javascript:alert(1)">js</a>',
]


def cve_payload(canary: Path) -> str:
    return (
        "<font color=\"[ [ getattr(pow,Word('__globals__'))['os'].system('touch "
        f"{canary}') for Word in [orgTypeFun('Word', (str,), {{ 'mutated': 1, "
        "'startswith': lambda self, x: False, '__eq__': lambda self,x: self.mutate() "
        "and self.mutated < 0 and str(self) == x, 'mutate': lambda self: "
        "{setattr(self, 'mutated', self.mutated - 1)}, '__hash__': lambda self: "
        "hash(str(self)) })] ] for orgTypeFun in [type(type(1))] ] and 'red'\">x</font>"
    )


def test_markup_in_content_is_printed_literally_and_never_runs(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    hostile = [*PAYLOADS, cve_payload(canary)]
    notes = [Note(number=1, inlines=[Text(text=hostile[0] + " in a note")], sources=[])]
    blocks: list[Block] = [Paragraph(inlines=[Text(text=p)]) for p in hostile]
    blocks.append(Heading(level=2, number="1.1", title=hostile[1], anchor='x"><b>'))
    blocks.append(
        Table(
            variant="table",
            number=1,
            anchor="t",
            title=hostile[2],
            caption=[Text(text=hostile[3]), NoteRef(number=1)],
            columns=[hostile[0], "b"],
            widths=[0.5, 0.5],
            rows=[Row(cells=[[Text(text=hostile[4])], [Emph(children=[Text(text=hostile[5])])]])],
        )
    )
    blocks.append(Paragraph(inlines=[Link(href='https://x.org/"><b>', children=[Text(text="l")])]))
    document = one_part(blocks, notes, title=hostile[1], marking=hostile[2], page_size="Letter")
    rendered = render(document)
    assert float(rendered.reader.pages[0].mediabox.width) == 612
    text = "".join(rendered.pages)
    for payload in hostile:
        assert squash(payload) in text, payload
    assert not canary.exists()


def test_two_builds_are_byte_identical(document: Document, fixture_pdf: Rendered) -> None:
    again = ReportLabRenderer().render(document)
    assert hashlib.sha256(again).hexdigest() == hashlib.sha256(fixture_pdf.pdf).hexdigest()


@pytest.mark.parametrize("which", ["fixture", "stress"])
def test_the_draft_pass_changes_no_byte(
    which: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first pass lays out without drawing; drawing it too gives the same file (the
    fixture has charts, a map and the contents; the stress document continued notes)."""
    if which == "fixture":
        document = request.getfixturevalue("document")
        drafted = request.getfixturevalue("fixture_pdf")
    else:
        document, drafted = request.getfixturevalue("stress_pdf")
    monkeypatch.setattr(BriefingDoc, "draft_passes", 0)
    renderer = ReportLabRenderer()
    drawn = renderer.render(document)
    assert renderer.layout.passes == drafted.layout.passes >= 2
    assert drawn == drafted.pdf


def test_the_draft_pass_draws_nothing_and_the_last_draws_every_page(
    document: Document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What each pass put on each page's content stream as the page ended."""
    streams: list[tuple[int, str]] = []
    end_page = BriefingDoc.handle_pageEnd

    def spy(doc: BriefingDoc) -> None:
        streams.append((doc.pass_number, "\n".join(doc.canv._code)))
        end_page(doc)

    monkeypatch.setattr(BriefingDoc, "handle_pageEnd", spy)
    renderer = ReportLabRenderer()
    renderer.render(document)
    draft = [code for number, code in streams if number == 1]
    last = [code for number, code in streams if number == renderer.layout.passes]
    assert len(draft) == len(last) == renderer.layout.pages
    assert not any(" Tj" in code or "TJ" in code or " re " in code for code in draft)
    assert all(" Tj" in code or "TJ" in code for code in last)


@pytest.mark.parametrize(("char", "script"), [("\U00010000", "LINEAR B"), ("中", "CJK")])
def test_a_character_no_font_has_stops_the_build_naming_it(char: str, script: str) -> None:
    document = one_part([Paragraph(inlines=[Text(text=f"Ganja {char} Gəncə")])], [])
    with pytest.raises(MissingGlyphError) as error:
        ReportLabRenderer().render(document)
    message = str(error.value)
    assert f"U+{ord(char):04X}" in message and script in message


def test_all_briefing_scripts_have_glyphs() -> None:
    text = "Ստեփանակերտ Xankəndi Ğ ş ı Ə Шуша Şuşa قره‌باغ Füzuli António"
    document = one_part([Paragraph(inlines=[Emph(children=[Text(text=text)])])], [])
    rendered = render(document)
    assert squash("Ստեփանակերտ Xankəndi Ğ ş ı Ə Шуша Şuşa") in "".join(rendered.pages)
    from briefing.render.reportlab.markup import visual_rtl

    shaped = [c for c in visual_rtl("قره‌باغ") if "\ufe70" <= c <= "\ufeff"]
    assert len(shaped) >= 5, "Persian is shaped into joined letter forms"
    # ...drawn so, and copied as the source's letters (tests/test_rtl_text.py)
    assert "قره\u200cباغ" in "".join(rendered.raw)


def test_the_glyph_check_covers_exactly_what_the_engine_can_draw_in_body_faces() -> None:
    """The check reads cmaps without ReportLab; they must be the faces ReportLab registers."""
    cmaps = register_fonts()
    assert covered_characters() == cmaps["DejaVuSerif"] | cmaps["DejaVuSans"]
    assert ord("Ə") in covered_characters() and ord("中") not in covered_characters()


def test_the_self_check_refuses_a_note_away_from_its_call() -> None:
    notes = Footnotes(
        make_note=lambda n: Para(str(n), STYLES["note"].para), width=400, rule_colour=RULE
    )
    notes.call_pages = {1: {2}, 2: {3}}
    notes.note_pages = {1: 2, 2: 4}
    with pytest.raises(FootnotePlacementError, match="note 2"):
        notes.verify(iter([1, 2]))
    notes.note_pages[2] = 3
    notes.verify(iter([1, 2]))


# --- the command line --------------------------------------------------------------------


@pytest.mark.slow
def test_auto_engine_falls_back_to_reportlab_when_weasyprint_cannot_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.import_module

    def without_weasyprint(name: str, package: str | None = None) -> object:
        if name.startswith(("weasyprint", "briefing.render.weasyprint")):
            raise OSError("cannot load library 'libpango-1.0-0': no such file")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_weasyprint)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "out" / "briefing.pdf"
    code = build_report.main(["--content", str(FIXTURE), "--out", str(out), "--engine", "auto"])
    printed = capsys.readouterr().err  # the fallback note is on stderr (test_streams.py)
    assert code == 0
    assert out.read_bytes().startswith(b"%PDF")
    notes = [line for line in printed.splitlines() if "WeasyPrint unavailable" in line]
    assert len(notes) == 1 and "using ReportLab" in notes[0]
    manifest = json.loads((out.parent / "manifest.json").read_text())
    assert manifest["engine"] == "reportlab"


def _page_stream(para: Para, *, wrap: bool) -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(io.BytesIO(), invariant=1)
    if wrap:
        para.wrap(200, 1000)
    para.drawOn(canvas, 10, 500)
    return "\n".join(canvas._code).encode()


def test_a_drawn_paragraph_lets_its_line_breaks_go_and_draws_the_same_again() -> None:
    """Memory: line breaks are not kept once drawn; a second draw without a wrap (a note
    carried over, a repeated header row) breaks the lines again at the same width."""
    register_fonts()
    para = Para("word " * 60, STYLES["body"].para)
    first = _page_stream(para, wrap=True)
    assert not hasattr(para, "blPara")
    again = _page_stream(para, wrap=False)
    assert first and again == first
    assert para.wrap(200, 1000)[1] > 30


def test_right_to_left_text_without_the_shaping_libraries_is_left_as_is_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from briefing.render.reportlab import markup as rl_markup

    persian = "قره‌باغ"
    assert rl_markup.visual_rtl(f"Karabakh ({persian})") != f"Karabakh ({persian})"  # shaped
    monkeypatch.setattr(rl_markup, "arabic_reshaper", None)
    with caplog.at_level(logging.WARNING, logger=rl_markup.__name__):
        assert rl_markup.visual_rtl("Karabakh") == "Karabakh"
        assert not caplog.records  # nothing to shape: nothing to say
        assert rl_markup.visual_rtl(persian) == persian
    assert ["right-to-left text left unshaped" in r.getMessage() for r in caplog.records] == [True]
