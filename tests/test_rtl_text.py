"""render (ReportLab): right-to-left text is drawn shaped and copies as the source's letters.

ReportLab draws a Persian run as presentation forms in display order (`markup.visual_rtl`);
`briefing/render/reportlab/patch.py` maps those glyphs back to letters in the fonts'
ToUnicode maps. Text is extracted as readers extract it: pypdf (the tests' reader) and, where
installed, poppler's pdftotext.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing.assemble import assemble
from briefing.assemble.document import Document
from briefing.load import load
from briefing.render.reportlab import ReportLabRenderer
from briefing.render.reportlab import patch as rl_patch

PERSIAN = "قره\u200cباغ"  # Qarabağ, with the zero-width non-joiner its spelling has
PRESENTATION = range(0xFB50, 0xFF00)
FULL = Path(__file__).parent / "fixtures" / "full"


def persian_title() -> str:
    """The fixture's source title that holds Persian: 'Ղարաբաղ: Qarabağ, Карабах, قره‌باغ'."""
    titles = [s.title for s in load(FULL).sources if PERSIAN in s.title]
    assert titles, "the fixture has a source titled in Persian"
    return titles[0]


def lines_with(text: str, needle: str) -> list[str]:
    return [line for line in text.splitlines() if needle in line]


@pytest.fixture(scope="module")
def document() -> Document:
    return assemble(load(FULL), build_id="test")


@pytest.fixture(scope="module")
def rendered(document: Document) -> bytes:
    return ReportLabRenderer().render(document)


def test_the_persian_line_extracts_as_its_source_string(rendered: bytes) -> None:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(rendered)).pages)
    found = lines_with(text, "Qarabağ")
    assert len(found) >= 3, "the source list, and each note that cites the source"
    assert all(PERSIAN in line for line in found), found
    assert not any(ord(c) in PRESENTATION for c in text), "no presentation form is copied"


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_poppler_extracts_the_whole_title_in_reading_order(rendered: bytes, tmp_path: Path) -> None:
    path = tmp_path / "briefing.pdf"
    path.write_bytes(rendered)
    out = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    # poppler marks a right-to-left run with embedding controls (U+202B ... U+202C).
    text = out.replace("\u202b", "").replace("\u202c", "")
    found = lines_with(text, "Qarabağ")
    title = persian_title()
    assert found and all(title in line for line in found), found


def test_the_page_still_draws_joined_letter_forms(
    document: Document, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Without the fix the same glyphs copy as presentation forms: what is drawn is shaped."""
    monkeypatch.setattr(rl_patch, "pinned", lambda: False)
    data = ReportLabRenderer().render(document)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert sum(ord(c) in PRESENTATION for c in text) >= 6
    assert "is not the pinned" in caplog.text


def test_each_presentation_form_maps_to_its_letters() -> None:
    assert rl_patch.pinned()
    cmap = rl_patch.to_unicode_cmap("F", [0x41, 0xFED7, 0xFEFB, 0x200C])
    assert "<00> <0041>" in cmap  # other characters as ReportLab maps them
    assert "<01> <0642>" in cmap  # QAF INITIAL FORM -> QAF
    assert "<02> <06440627>" in cmap  # LAM WITH ALEF ligature -> LAM, ALEF
    assert "<03> <200C>" in cmap
