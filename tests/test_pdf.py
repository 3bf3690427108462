"""The WeasyPrint PDF as a reader sees it: notes on their call's page, contents, sources, chronology."""

from __future__ import annotations

import hashlib
import io
import random
import re
import shutil
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
from helpers_render import weasyprint_pdf
from pdf_inspect import page_texts, text_runs
from pypdf import PdfReader

from briefing import build
from briefing.assemble.document import Document, Inline
from briefing.load import load
from briefing.render.weasyprint import WeasyRenderer
from build_report import main

TESTS = Path(__file__).resolve().parent
FULL = TESTS / "fixtures" / "full"
SHIPPED = TESTS.parent / "content"
pytestmark = pytest.mark.slow  # WeasyPrint layouts of whole briefings
CALL_SIZE, NOTE_SIZE = 6.5, 7.5
"""Font sizes (pt) of footnote calls and note text in styles/print.css; how calls are found."""
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc\u200c\u200d]")


@dataclass
class Pdf:
    """A built PDF, its Document, and per page the text runs with their font size."""

    data: bytes
    document: Document
    reader: PdfReader
    runs: list[list[tuple[str, float]]]
    lines: list[list[str]]

    def text(self, index: int) -> str:
        return squash("".join(text for text, _ in self.runs[index]))

    def heading_page(self, label: str, title: str, *, after: int) -> int:
        """1-based page of the first page after `after` that starts a line with the heading."""
        wanted = squash(f"{label} {title}")
        for index in range(after, len(self.runs)):
            if any(squash(line) == wanted for line in self.lines[index]):
                return index + 1
        raise AssertionError(f"heading {label} {title} not found")


def squash(text: str) -> str:
    """Text as compared here: no whitespace, no right-to-left runs (pypdf reorders those)."""
    return re.sub(r"\s+", "", _RTL.sub("", text))


def plain(inlines: list[Inline]) -> str:
    """The visible text of inlines."""
    out = []
    for item in inlines:
        if hasattr(item, "text"):
            out.append(item.text)
        elif hasattr(item, "children"):
            out.append(plain(item.children))
    return "".join(out)


def read_pdf(data: bytes, document: Document) -> Pdf:
    """The PDF as pdfium reads it (Chromium's PDF reader; pypdf took 8 s for the shipped
    briefing's text, pdfium 1 s), with pypdf for its objects (metadata, outline)."""
    lines = [text.splitlines() for text in page_texts(data)]
    return Pdf(data, document, PdfReader(io.BytesIO(data)), text_runs(data), lines)


def render_pdf(content: Path) -> Pdf:
    """The WeasyPrint engine in this process, so that any WeasyPrint warning fails the test."""
    return read_pdf(*reversed(weasyprint_pdf(content)))


@pytest.fixture(scope="module")
def full(full_document: Document, fixture_build: Path) -> Pdf:
    """The fixture as a user builds it, the build the reader tests open too (conftest.py)."""
    return read_pdf(fixture_build.read_bytes(), full_document)


@pytest.fixture(scope="module")
def shipped(shipped_pdf: tuple[Document, bytes]) -> Pdf:
    """The shipped briefing as a user builds it (build(), in conftest.py): what a reader sees."""
    document, data = shipped_pdf
    return read_pdf(data, document)


SYNTHETIC_EVENTS = 64


@pytest.fixture(scope="module")
def long_chronology(tmp_path_factory: pytest.TempPathFactory) -> Pdf:
    """The fixture plus enough events, written in shuffled order, to fill several pages."""
    content = tmp_path_factory.mktemp("chron") / "content"
    shutil.copytree(FULL, content)
    entries = []
    for number in range(SYNTHETIC_EVENTS):
        day = 1 + number * 28 // SYNTHETIC_EVENTS
        entries.append(
            f"  - id: synthetic-{number:03d}\n"
            f"    date: 2020-10-{day:02d}\n"
            "    places: [stepanakert]\n"
            "    actors: [Azerbaijan]\n"
            "    category: military\n"
            f'    summary: "Synthetic event {number:03d}: shelling reported along the line."\n'
            "    credibility: 3\n"
            "    citations:\n"
            '      - {source: wire-2020, quote: "Ganja was struck"}\n'
        )
    random.Random(7).shuffle(entries)
    events = content / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "".join(entries), encoding="utf-8")
    return render_pdf(content)


def calls_and_notes(pdf: Pdf) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
    """Page indexes of each note's call (small digits) and of its note (`N. ` at note size)."""
    calls: dict[int, list[int]] = {}
    notes: dict[int, list[int]] = {}
    for index, runs in enumerate(pdf.runs):
        for text, size in runs:
            if abs(size - CALL_SIZE) < 0.05 and text.strip().isdigit():
                calls.setdefault(int(text), []).append(index)
            elif abs(size - NOTE_SIZE) < 0.05 and re.fullmatch(r"\d+\.\s*", text):
                notes.setdefault(int(text.split(".")[0]), []).append(index)
    return calls, notes


@pytest.mark.parametrize("which", ["full", "long_chronology", "shipped"])
def test_every_footnote_is_on_the_page_of_its_call(
    which: str, request: pytest.FixtureRequest
) -> None:
    pdf: Pdf = request.getfixturevalue(which)
    calls, notes = calls_and_notes(pdf)
    assert sorted(calls) == sorted(notes) == [n.number for n in pdf.document.notes]
    for note in pdf.document.notes:
        assert len(calls[note.number]) == 1, f"note {note.number} called on {calls[note.number]}"
        assert notes[note.number] == calls[note.number], f"note {note.number} misplaced"
        page = calls[note.number][0]
        assert squash(f"{note.number}. {plain(note.inlines)}") in pdf.text(page)


def toc_numbers(pdf: Pdf) -> tuple[int, dict[str, int]]:
    """The first contents page index and, per entry anchor, the page number it prints.

    Lines are read in order from the contents page on; a wrapped title is joined to the
    line that ends with its leader and number; entries beyond the contents never match.
    """
    toc_index = next(i for i, lines in enumerate(pdf.lines) if lines and lines[0] == "Contents")
    lines = []
    for page in pdf.lines[toc_index:]:
        buffer = ""  # what is left at a page's end is its running header and footer
        for line in page:
            if line == "Contents":
                continue
            buffer += squash(line)
            if re.search(r"\.{3,}\d+$", buffer):
                lines.append(buffer)
                buffer = ""
    printed = {}
    for entry, line in zip(pdf.document.toc, lines, strict=False):
        match = re.fullmatch(
            re.escape(squash(f"{entry.label} {entry.title}")) + r"\.{3,}(\d+)", line
        )
        assert match, f"contents line {line!r} is not {entry.label} {entry.title}"
        printed[entry.anchor] = int(match.group(1))
    return toc_index, printed


@pytest.mark.parametrize("which", ["full", "shipped"])
def test_table_of_contents_numbers_are_the_real_pages(
    which: str, request: pytest.FixtureRequest
) -> None:
    pdf: Pdf = request.getfixturevalue(which)
    toc_index, printed = toc_numbers(pdf)
    assert len(printed) == len(pdf.document.toc)
    for entry in pdf.document.toc:
        actual = pdf.heading_page(entry.label, entry.title, after=toc_index + 1)
        assert printed[entry.anchor] == actual, entry


@pytest.mark.parametrize(("which", "folder"), [("full", FULL), ("shipped", SHIPPED)])
def test_every_source_is_in_the_notes_and_in_the_source_list(
    which: str, folder: Path, request: pytest.FixtureRequest
) -> None:
    full: Pdf = request.getfixturevalue(which)
    _, printed = toc_numbers(full)
    sources_first = printed["annex-b"] - 1
    sources_last = printed["annex-c"] - 1
    listed = "".join(full.text(i) for i in range(sources_first, sources_last))
    noted = "".join(
        squash("".join(t for t, size in runs if abs(size - NOTE_SIZE) < 0.05)) for runs in full.runs
    )
    for source in load(folder).sources:
        assert any(source.id in note.sources for note in full.document.notes), source.id
        assert squash(source.title) in noted, source.id
        assert squash(source.title) in listed, source.id


def test_chronology_events_once_in_date_order_with_the_header_on_every_page(
    long_chronology: Pdf,
) -> None:
    _, printed = toc_numbers(long_chronology)
    pages = range(printed["annex-a"] - 1, printed["annex-b"] - 1)
    assert len(pages) >= 3, "the synthetic chronology should span several pages"
    seen: list[str] = []
    for index in pages:
        text = long_chronology.text(index)
        rows = re.findall(r"Syntheticevent(\d{3})", text)
        if rows or index > pages[0]:
            assert "DatePlaceEventGrade" in text, f"no header row on page {index + 1}"
        seen.extend(rows)
    assert seen == [f"{n:03d}" for n in range(SYNTHETIC_EVENTS)]
    chronology = "".join(long_chronology.text(i) for i in pages)
    for event in load(FULL).events:
        assert chronology.count(squash(event.summary)) == 1, event.id


def test_shipped_chronology_every_event_once_in_date_order_with_the_header(shipped: Pdf) -> None:
    _, printed = toc_numbers(shipped)
    pages = range(printed["annex-a"] - 1, printed["annex-b"] - 1)
    chronology = "".join(shipped.text(i) for i in pages)
    for index in pages:
        assert "DatePlaceEventGrade" in shipped.text(index), f"no header row on page {index + 1}"
    rows = [row for table in _chronology_tables(shipped.document) for row in table.rows]
    positions = []
    for row in rows:
        summary = squash(plain(row.cells[2][:1]))
        assert chronology.count(summary) == 1, row.key
        positions.append(chronology.index(summary))
    assert positions == sorted(positions), "events print in date order"
    assert len(rows) == len(load(SHIPPED).events)


def test_the_shipped_briefing_opens_with_its_bottom_line_after_the_cover(shipped: Pdf) -> None:
    """The full edition's one-page summary sits between the cover and the key judgments."""
    assert shipped.text(1).startswith("Bottomlineupfront"), shipped.text(1)[:80]
    assert "Keyjudgments" in shipped.text(2) and "Keyjudgments" not in shipped.text(1)


def _chronology_tables(document: Document) -> list[Any]:
    return [
        b for p in document.parts for b in p.blocks if getattr(b, "variant", None) == "chronology"
    ]


def test_two_builds_give_the_same_bytes(
    fixture_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """build() sets SOURCE_DATE_EPOCH from the as-of date itself; start without it. The
    first build is the session's (conftest.py), into another folder at another time."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / "again" / "b.pdf"
    build(FULL, out, engine="weasyprint")
    digests = [hashlib.sha256(p.read_bytes()).hexdigest() for p in (fixture_build, out)]
    assert digests[0] == digests[1]


def test_metadata_bookmarks_tags_and_page_size(full: Pdf) -> None:
    meta = full.reader.metadata
    assert meta is not None
    assert meta.title == "Fixture briefing: every block kind"
    assert meta.author == "Test suite"
    assert meta.subject == "A small briefing that the tests render with every engine"
    assert meta["/Keywords"] == "fixture, test"
    assert meta["/CreationDate"].startswith("D:20201130")
    root = full.reader.trailer["/Root"]
    assert root["/Lang"] == "en"
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    titles = [item.title for item in full.reader.outline if not isinstance(item, list)]
    # Both engines bookmark the contents page, in reading order, and not the cover.
    assert titles[:3] == ["Key judgments", "Contents", "1 Summary"]
    assert "Annex A Chronology" in titles and full.document.meta.title not in titles
    box = full.reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_running_header_footer_and_scripts(full: Pdf) -> None:
    pages = len(full.runs)
    for index in range(1, pages):
        text = full.text(index)
        assert f"Page{index + 1}of{pages}" in text
        assert "Fixturebriefing" in text and "PUBLIC" in text and "Asof30November2020" in text
    assert "Page1of" not in full.text(0)
    every = "\n".join(line for lines in full.lines for line in lines)
    for word in ("Ղարաբաղ", "Qarabağ", "Карабах", "Ստեփանակերտ"):
        assert word in every
    assert "قرهباغ" in every


def test_cli_writes_the_pdf_and_the_html(tmp_path: Path) -> None:
    out = tmp_path / "b.pdf"
    args = ["--engine", "weasyprint", "--content", str(FULL), "--out", str(out), "--quiet"]
    assert main(args) == 0
    assert out.read_bytes().startswith(b"%PDF-")
    assert main([*args, "--format", "html"]) == 0
    html = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'id="note-1"' in html


def test_letter_pages_when_the_briefing_asks_for_them(
    full_document: Document, no_weasyprint_warnings: Any
) -> None:
    document = full_document
    letter = replace(document, meta=replace(document.meta, page_size="Letter"))
    with no_weasyprint_warnings():
        reader = PdfReader(io.BytesIO(WeasyRenderer().render(letter)))
    box = reader.pages[-1].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)
