"""The French example built as a reader gets it: French labels and dates, nothing of the war.

The builder must not know the shipped briefing's topic. The second example (a fictional
exercise in French, with three parties, on another continent) is built with both engines
and the HTML, and the text a reader sees is checked for the example's own words and for
any word the shipped example could leak through fixed labels.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pdf_inspect import page_texts

from briefing.cli import main

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "exercice-fr"
# Words of the shipped briefing that no fixed label, caption or legend may carry.
SHIPPED_WORDS = ("Karabakh", "Armenia", "Azerbaijan", "Artsakh", "Caucasus", "2020")
# English fixed labels that the French catalogue replaces.
ENGLISH_LABELS = ("Key judgments", "Contents", "Chronology", "Annex A", "Glossary", " of ")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=["weasyprint", "reportlab"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp(request.param) / "briefing.pdf"
    argv = ["--content", str(EXAMPLE), "--archive", str(EXAMPLE / "archive"), "--strict"]
    argv += ["--out", str(out), "--engine", request.param, "--format", "all", "--quiet"]
    assert main(argv) == 0
    return out


@pytest.fixture(scope="module")
def pages(built: Path) -> list[str]:
    """The PDF's text, page by page, its spaces squashed."""
    return [" ".join(text.split()) for text in page_texts(built)]


def test_the_example_reads_in_french_in_both_engines(pages: list[str]) -> None:
    text = " ".join(pages)
    for label in ("Jugements clés", "Sommaire", "Chronologie", "Annexe A", "Sources"):
        assert label in text, label
    for number, page in enumerate(pages[1:], start=2):
        assert f"Page {number} sur {len(pages)}" in page, number
    assert re.search(r"\b\d{1,2} (juin|novembre|mars) 203[123]\b", text), "French dates"
    assert "Figure 1 : Carte de situation" in text, "French puts a space before the colon"
    for english in ENGLISH_LABELS:
        assert english not in text, english


def test_the_full_briefing_opens_with_its_bottom_line_after_the_cover(pages: list[str]) -> None:
    """The shipped briefing's is in tests/test_pdf.py, on the session's WeasyPrint build."""
    assert "l’essentiel en bref" in pages[1].lower(), pages[1][:200]
    # The summary is one page: the key judgments start on the next.
    assert "Jugements clés" in pages[2] and "Jugements clés" not in pages[1], pages[2][:200]


def test_nothing_of_the_shipped_war_reaches_the_example(built: Path, pages: list[str]) -> None:
    html = built.with_suffix(".html").read_text(encoding="utf-8")
    for shown in (" ".join(pages), html):
        for word in SHIPPED_WORDS:
            assert word not in shown, word
        # The example's own parties and places are what is drawn and named.
        for own in ("Estrane", "Valmarie", "Tarrak", "Vernier"):
            assert own in shown, own


def test_every_note_call_in_the_html_has_its_note(built: Path) -> None:
    html = built.with_suffix(".html").read_text(encoding="utf-8")
    calls = set(re.findall(r'href="#note-(\d+)"', html))
    notes = set(re.findall(r'<li id="note-(\d+)"', html))
    assert calls and calls == notes
