"""The HTML briefing on a phone and on a wide screen, in headless Chromium (tests/chromium.py).

At 375 pixels as a phone lays it out (honouring `<meta name="viewport">`) and at 1280 as a
desktop does: nothing is wider than the screen, a note's number is never split across lines,
figures keep labels at least the size they print at (scrolling sideways in their own box on
a phone), and the dark scheme follows the reader's setting. Screenshots of the cover, a
figure, a claims table and the notes are written as PNG into pytest's temporary folder
(`screens0` under its base folder) for a person to look at.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

import pytest
from chromium import CHROMIUM, Browser
from pypdf import PdfReader

from briefing.assemble import assemble
from briefing.load import load
from briefing.render.html import HtmlRenderer
from build_report import main

ROOT = Path(__file__).resolve().parent.parent
BRIEFINGS = {"shipped": ROOT / "content", "full": ROOT / "tests" / "fixtures" / "full"}
SCREENS = [(375, True), (1280, False)]
SHOTS = {"cover": None, "figure": "figure.chart", "claims": "table.tbl-claims", "notes": "#notes"}
PRINTED = 96 / 72
"""CSS pixels per point: a figure drawn at this scale shows its labels at their printed size."""

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each briefing's HTML: the shipped one built as a reader gets it (`--format html`), the
    fixture rendered from its Document (its content is checked elsewhere)."""
    out = tmp_path_factory.mktemp("shipped") / "briefing.pdf"
    argv = ["--content", str(BRIEFINGS["shipped"]), "--out", str(out), "--format", "html"]
    assert main([*argv, "--quiet"]) == 0
    full = tmp_path_factory.mktemp("full") / "briefing.html"
    document = assemble(load(BRIEFINGS["full"]), build_id="test")
    full.write_bytes(HtmlRenderer().render(document))
    return {"shipped": out.with_suffix(".html"), "full": full}


@pytest.fixture(scope="module")
def browser() -> Browser:
    with Browser() as opened:
        yield opened


@pytest.fixture(scope="module")
def screens(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("screens")


def test_the_page_is_still_one_file_without_scripts(pages: dict[str, Path]) -> None:
    for page in pages.values():
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html.lower()
        assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


@pytest.mark.parametrize("which", BRIEFINGS)
@pytest.mark.parametrize(("width", "mobile"), SCREENS)
def test_nothing_is_wider_than_the_screen(
    which: str, width: int, mobile: bool, pages: dict[str, Path], browser: Browser, screens: Path
) -> None:
    browser.open(pages[which].as_uri(), width=width, mobile=mobile)
    assert browser.evaluate("window.innerWidth") == width, "laid out at the screen's width"
    assert browser.evaluate("document.documentElement.scrollWidth") <= width
    split = browser.evaluate(
        "[...document.querySelectorAll('.note-ref a, .endnotes .back')]"
        ".filter(a => a.getClientRects().length > 1).map(a => a.textContent)"
    )
    assert split == [], "note numbers split across lines"
    scales = browser.evaluate(
        "[...document.querySelectorAll('figure.chart svg')]"
        ".map(s => s.getBoundingClientRect().width / s.viewBox.baseVal.width)"
    )
    assert scales, "the briefing has figures"
    assert min(scales) >= PRINTED * 0.99, "figure labels smaller than printed"
    if which == "shipped":
        for name, selector in SHOTS.items():
            shot = screens / f"{which}-{width}-{name}.png"
            browser.screenshot(shot, selector=selector)
            assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_dark_scheme_follows_the_readers_setting(
    pages: dict[str, Path], browser: Browser, screens: Path
) -> None:
    background = "getComputedStyle(document.documentElement).backgroundColor"
    colours = {}
    browser.open(pages["shipped"].as_uri(), width=375, mobile=True)
    for scheme in ("light", "dark"):  # as a reader switches: the open page follows
        browser.call(
            "Emulation.setEmulatedMedia",
            session=True,
            features=[{"name": "prefers-color-scheme", "value": scheme}],
        )
        colours[scheme] = browser.evaluate(background)
        browser.screenshot(screens / f"shipped-375-{scheme}-figure.png", selector="figure.chart")
    browser.call("Emulation.setEmulatedMedia", session=True, features=[])
    assert colours["light"] == "rgb(255, 255, 255)"
    assert colours["dark"] != colours["light"]


def test_a_browser_prints_it_as_pages(pages: dict[str, Path], browser: Browser) -> None:
    """Printing from the browser: the cover alone on its page, the footer's page numbers."""
    browser.open(pages["shipped"].as_uri(), width=1280)
    data = browser.call("Page.printToPDF", session=True, preferCSSPageSize=True)["data"]
    reader = PdfReader(io.BytesIO(base64.b64decode(data)))
    first = reader.pages[0].extract_text()
    assert len(reader.pages) > 20
    assert "Page 1 of" in first
    assert "Contents" not in first and "Key judgments" not in first
