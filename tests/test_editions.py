"""Two products from one content: the full briefing with its summary, and a short brief."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_inspect import page_texts

from briefing import build
from briefing.stages import BRIEF_PAGES

ROOT = Path(__file__).resolve().parent.parent
CONTENTS = {
    "shipped": ROOT / "content",
    "fixture": ROOT / "tests" / "fixtures" / "full",
    "french": ROOT / "examples" / "exercice-fr",
}

pytestmark = pytest.mark.slow


def _pages(pdf: Path) -> list[str]:
    return [" ".join(text.split()) for text in page_texts(pdf)]


@pytest.mark.parametrize("engine", ["weasyprint", "reportlab"])
@pytest.mark.parametrize("content", sorted(CONTENTS))
def test_the_brief_fits_four_pages_with_every_part(
    tmp_path: Path, content: str, engine: str
) -> None:
    pdf = tmp_path / "brief.pdf"
    result = build(CONTENTS[content], pdf, engine=engine, edition="brief", force=True)
    pages = _pages(pdf)
    assert len(pages) <= BRIEF_PAGES, (len(pages), result.note)
    text = " ".join(pages)
    language = "fr" if content == "french" else "en"
    parts = {
        "en": ["Key judgments", "Contested figures", "Locator map", "The full briefing"],
        "fr": ["Jugements clés", "Chiffres contestés", "Carte de situation", "Le briefing complet"],
    }[language]
    if content == "fixture":  # one claimant a topic: nothing contested to show
        parts = [p for p in parts if p != "Contested figures"]
    for part in parts:
        assert part in text, part
    assert "Contents" not in text and "Sommaire" not in text  # a brief has no contents page
