"""render (WeasyPrint in pieces): a briefing laid out in pieces on both cores reads, page for
page and tag for tag, like the same briefing laid out whole."""

from __future__ import annotations

import hashlib
import io
import logging
import os
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from fontTools.ttLib import TTFont
from helpers_render import SHIPPED, weasyprint_pdf
from pdf_inspect import font_programs, pdf_structure

from briefing.assemble import assemble
from briefing.document import Document, Part
from briefing.load import load
from briefing.render import isolate, pieces, weasysplit
from briefing.render.pieces import groups, print_pieces
from briefing.render.weasy import WeasyRenderer

FULL = Path(__file__).resolve().parent / "fixtures" / "full"
WHOLE = 10**9
"""`split_chars` that no briefing reaches: laid out whole."""

pytestmark = pytest.mark.skipif(not weasysplit.available(), reason="no split layout here")


@pytest.fixture(scope="module")
def fixture_document() -> Document:
    return assemble(load(FULL), build_id="test")


@pytest.fixture(scope="module")
def full_whole() -> bytes:
    return weasyprint_pdf(FULL, split_chars=WHOLE)[1]


@pytest.fixture(scope="module")
def full_split() -> bytes:
    return weasyprint_pdf(FULL, split_chars=0)[1]


def test_each_part_is_printed_in_exactly_one_piece(fixture_document: Document) -> None:
    printed = print_pieces(fixture_document, split_chars=0)
    front, *rest = printed.pieces
    assert len(rest) == 2
    assert 'class="cover"' in front and "<h1>Contents</h1>" in front and "<main hidden>" in front
    for piece in rest:
        assert (
            '<section class="cover" hidden></section>' in piece and "<h1>Contents</h1>" not in piece
        )
        assert piece.count('class="rh rh-title"') == 1  # the running heads of every page
    for part in fixture_document.parts:
        holders = [
            p for p in rest if f'<section class="part part-{part.kind}" id="{part.anchor}">' in p
        ]
        assert len(holders) == 1, part.anchor
        assert f'id="{part.anchor}"' not in front
    assert print_pieces(fixture_document).pieces == ()  # a short briefing is laid out whole


def _part(anchor: str, kind: str) -> Part:
    return Part(kind=kind, number="", label=anchor, title=anchor, anchor=anchor, blocks=[])


def test_groups_cut_only_where_a_page_starts_and_balance_the_two_cores() -> None:
    parts = [
        _part("s1", "section"),
        _part("s2", "section"),
        _part("a", "annex"),
        _part("b", "annex"),
    ]
    # s2 follows s1 on the same pages, so the only cuts are before the annexes.
    assert groups(parts, [10, 50, 30, 30], min_chars=0) == [["s1", "s2"], ["a", "b"]]
    assert groups(parts, [10, 10, 30, 30], min_chars=0) == [["s1", "s2", "a"], ["b"]]
    assert groups(parts, [10, 10, 30, 30], min_chars=81) is None
    assert groups(parts[:2], [50, 50], min_chars=0) is None  # one unit: nothing to share


def test_the_split_pdf_reads_like_the_whole(full_whole: bytes, full_split: bytes) -> None:
    whole, split = pdf_structure(full_whole), pdf_structure(full_split)
    assert split["unmapped"] == []
    for key in whole:
        assert split[key] == whole[key], key
    assert "Contents" in split["text"][2] and split["links"]  # the contents link to the parts


def test_the_shipped_briefing_reads_like_the_whole(shipped_pdf: tuple[Document, bytes]) -> None:
    """The real briefing, as `make briefing` builds it, against its whole layout."""
    whole = pdf_structure(weasyprint_pdf(SHIPPED, split_chars=WHOLE)[1])
    split = pdf_structure(shipped_pdf[1])
    assert len(split["text"]) == len(whole["text"]) > 50
    assert split["unmapped"] == []
    for key in whole:
        assert split[key] == whole[key], key


def test_two_split_renders_give_the_same_bytes(full_split: bytes) -> None:
    again = weasyprint_pdf(FULL, split_chars=0)[1]
    assert hashlib.sha256(again).digest() == hashlib.sha256(full_split).digest()


def test_each_font_is_embedded_once_as_the_whole_layout_embeds_it(
    full_whole: bytes, full_split: bytes
) -> None:
    """The pieces share one subset of each font, with the glyphs of all of them: the same
    bytes as the whole layout's, and a font that a reader can load."""
    split, whole = font_programs(full_split), font_programs(full_whole)
    assert split == whole and len(split) > 3
    for (program,) in split.values():
        assert TTFont(io.BytesIO(program)).getGlyphOrder()


def test_wrong_first_guesses_at_the_contents_numbers_still_fit(
    monkeypatch: pytest.MonkeyPatch, full_whole: bytes
) -> None:
    """No guesses at all: the front matter is laid out again with the real numbers."""
    monkeypatch.setattr(weasysplit, "_guessed_pages", lambda html: {})
    counts = []
    count = weasysplit._Front._count
    monkeypatch.setattr(weasysplit._Front, "_count", lambda self: counts.append(1) or count(self))
    split = pdf_structure(weasyprint_pdf(FULL, split_chars=0)[1])
    assert len(counts) == 2
    assert split == pdf_structure(full_whole)


def test_a_front_matter_that_changes_length_is_laid_out_whole(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, full_whole: bytes
) -> None:
    count = weasysplit._Front._count
    monkeypatch.setattr(weasysplit._Front, "_count", lambda self: count(self) + 1)
    with caplog.at_level(logging.INFO, logger="briefing.render.weasy"):
        data = weasyprint_pdf(FULL, split_chars=0)[1]
    assert data == full_whole
    assert "laying the briefing out whole: the front matter took" in caplog.text


def test_a_failed_piece_is_laid_out_whole(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, full_whole: bytes
) -> None:
    here, found = os.getpid(), weasysplit.survey

    def broken(pages: list[Any]) -> Any:
        if os.getpid() != here:  # in a group's process, forked with this function
            raise RuntimeError("piece broke")
        return found(pages)

    monkeypatch.setattr(weasysplit, "survey", broken)
    with caplog.at_level(logging.INFO, logger="briefing.render.weasy"):
        data = weasyprint_pdf(FULL, split_chars=0)[1]
    assert data == full_whole
    assert "laying the briefing out whole: piece 1: RuntimeError: piece broke" in caplog.text


def test_a_pieces_warnings_are_reported_by_the_process_that_started_it(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    found = weasysplit.survey

    def warning(pages: list[Any]) -> Any:
        logging.getLogger("weasyprint").warning("from piece %d", os.getpid())
        return found(pages)

    monkeypatch.setattr(weasysplit, "survey", warning)
    document = assemble(load(FULL), build_id="test")
    with caplog.at_level(logging.WARNING, logger="weasyprint"):
        WeasyRenderer().render_pieces(print_pieces(document, split_chars=0))
    pids = {int(r.getMessage().split()[-1]) for r in caplog.records if r.name == "weasyprint"}
    assert len(pids) == 3 and os.getpid() in pids  # the front here, a group in each child


def test_pieces_end_with_the_render_they_belong_to(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, fixture_document: Document
) -> None:
    """A render stopped at its deadline takes its pieces' processes with it."""
    pids = tmp_path / "pids"
    serve = weasysplit._serve

    def recorded(*args: Any) -> None:
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        serve(*args)

    monkeypatch.setattr(weasysplit, "_serve", recorded)
    monkeypatch.setattr(pieces, "SPLIT_CHARS", 0)
    with pytest.raises(isolate.RenderLimitError, match="longer than"):
        child = isolate.Forked(lambda _: WeasyRenderer().render(fixture_document), memory_mb=4096)
        try:
            child.receive("weasyprint", timeout=1.0)
        finally:
            child.close()
    started = [int(pid) for pid in pids.read_text().split()]
    assert len(started) == 2
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in started)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(")")[-1].split()[0] != "Z"  # a zombie has ended


def test_links_from_one_piece_to_another_lead_where_they_do_whole(tmp_path: Path) -> None:
    """A section that links to an annex (another group) and to the key judgments (the front
    matter): the joined file keeps both links, to the same pages."""
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    summary = content / "sections" / "01-summary.md"
    summary.write_text(
        summary.read_text(encoding="utf-8")
        + "\nSee [the chronology](#annex-a) and [the key judgments](#key-judgments).\n",
        encoding="utf-8",
    )
    whole = pdf_structure(weasyprint_pdf(content, split_chars=WHOLE)[1])
    split = pdf_structure(weasyprint_pdf(content, split_chars=0)[1])
    inner = [link for link in split["links"] if link[1] in ("annex-a", "key-judgments")]
    assert {name for _, name, _ in inner} == {"annex-a", "key-judgments"}
    assert all(page is not None for _, _, page in inner)
    assert split["links"] == whole["links"] and split["dests"] == whole["dests"]
