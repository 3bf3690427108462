"""Figures in the Document and in both engines: data from content, numbered, captioned, inert."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from pdf_inspect import pdf_text

from briefing import build
from briefing.assemble import assemble
from briefing.assemble.document import Chart, Document
from briefing.assemble.figures import draw
from briefing.assemble.figures.draw import drawing
from briefing.assemble.figures.svg import drawing_to_svg, external_reference
from briefing.load import load
from briefing.render.html import HtmlRenderer

FULL = Path(__file__).parent / "fixtures" / "full"
TITLES = [
    "Figure 1: Locator map",
    "Figure 2: Events at a glance",
    "Figure 3: Claims over time: Military deaths, Armenian side",
]


def charts(document: Document) -> list[Chart]:
    return [b for p in document.parts for b in p.blocks if isinstance(b, Chart)]


@pytest.fixture(scope="module")
def document() -> Document:
    return assemble(load(FULL))


def test_figures_are_numbered_in_reading_order_and_empty_ones_left_out(document: Document) -> None:
    found = [(c.number, c.chart, c.title) for c in charts(document)]
    assert found == [
        (1, "map", "Locator map"),
        (2, "timeline", "Events at a glance"),
        (3, "claims", "Claims over time: Military deaths, Armenian side"),
    ]


def test_the_map_plots_every_named_place_with_both_names(document: Document) -> None:
    chart = charts(document)[0]
    places = {p.id: p for p in chart.places}
    assert set(places) == {"stepanakert", "shusha", "ganja"}
    assert places["shusha"].names == ("Shusha", "Shushi")
    assert (places["ganja"].lat, places["ganja"].lon) == (40.6828, 46.3606)
    assert {o.iso_a3 for o in chart.outlines} >= {"ARM", "AZE"}  # clipped to what the map shows
    svg = drawing_to_svg(drawing(chart))  # type: ignore[arg-type]
    for name in ("Stepanakert / Khankendi", "Shusha / Shushi", "Ganja"):
        assert name in svg


def test_a_changed_figure_moves_its_point(tmp_path: Path, document: Document) -> None:
    before = charts(document)[2]
    assert [(c.date.isoformat(), c.low) for c in before.claims] == [
        ("2020-10-05", 231.0),
        ("2020-10-30", 1166.0),
    ]
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    figures = content / "figures.yaml"
    figures.write_text(figures.read_text().replace('value: "1,166"', 'value: "1,500"'))
    after = charts(assemble(load(content)))[2]
    assert after.claims[1].low == 1500.0
    assert drawing_to_svg(drawing(after)) != drawing_to_svg(drawing(before))  # type: ignore[arg-type]


def test_timeline_counts_chronology_events_and_marks_ceasefires(document: Document) -> None:
    chart = charts(document)[1]
    assert sorted(e.date.isoformat() for e in chart.events if e.date.year == 2020) == [
        "2020-09-27",
        "2020-10-11",
        "2020-10-20",
        "2020-11-10",
    ]
    assert [(m.date.isoformat(), m.label) for m in chart.markers] == [("2020-11-10", "10 Nov")]


def test_html_inlines_svg_with_alt_text_and_no_external_reference(document: Document) -> None:
    html = HtmlRenderer().render(document).decode()
    svgs = re.findall(r"<svg.*?</svg>", html, re.S)
    assert len(svgs) == 3
    for svg in svgs:
        assert external_reference(svg) is None
        assert "<image" not in svg and "href" not in svg
    labels = re.findall(r'class="chart-drawing" role="img" aria-label="([^"]+)"', html)
    assert [label.split(" ")[0] for label in labels] == ["Map", "Events", "Claims"]
    for title in TITLES:
        assert title.split(": ", 1)[1] in html


def _figure_lines(pdf: bytes) -> list[str]:
    text = pdf_text(pdf)
    return [" ".join(m.split()) for m in re.findall(r"Figure \d+:[^\n]+", text)]


@pytest.mark.slow
def test_both_engines_embed_the_same_figures_with_captions(
    full_reportlab_pdf: tuple[bytes, object], request: pytest.FixtureRequest
) -> None:
    """The fixture as each engine prints it (shared by the session, tests/conftest.py)."""
    pytest.importorskip("briefing.render.weasyprint")
    reportlab_lines = _figure_lines(full_reportlab_pdf[0])
    weasyprint = request.getfixturevalue("full_weasyprint_pdf")
    weasy_lines = _figure_lines(weasyprint)
    assert reportlab_lines == weasy_lines == TITLES


@pytest.mark.slow
def test_watch_builds_draw_again_only_the_figures_whose_data_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """--watch keeps the figures its last build drew: a prose edit draws nothing again (the
    locator map alone takes about 0.3 s), an edit to a place redraws the map alone."""
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    out = tmp_path / "out" / "briefing.pdf"
    drawn = tmp_path / "drawn.txt"  # the build's child draws: a file crosses the fork
    real = draw._draw

    def spy(figure: Chart) -> object:
        with drawn.open("a", encoding="utf-8") as log:
            log.write(f"{figure.chart}\n")
        return real(figure)

    def rebuild() -> tuple[list[str], list[str]]:
        build(content, out, formats=("html",), keep_figures=True)
        html = out.with_suffix(".html").read_text(encoding="utf-8")
        return drawn.read_text(encoding="utf-8").split(), re.findall(r"<svg\b.*?</svg>", html, re.S)

    monkeypatch.setattr(draw, "_draw", spy)
    draw.keep(({}, {}))  # the module's own document drew these figures in this process
    try:
        first, svgs = rebuild()
        assert sorted(first) == ["claims", "map", "timeline"]
        section = content / "sections" / "01-summary.md"
        section.write_text(section.read_text().replace("Ganja was struck", "Ganja was hit"))
        assert rebuild() == (first, svgs)
        assert "Ganja was hit" in out.with_suffix(".html").read_text(encoding="utf-8")
        places = content / "places.yaml"
        places.write_text(places.read_text().replace("[39.8153, 46.7519]", "[39.8253, 46.7519]"))
        again, changed = rebuild()
        assert again == [*first, "map"]
        assert changed[0] != svgs[0] and changed[1:] == svgs[1:]
        draw.keep(({}, {}))
        build(content, out, formats=("html",), force=True)  # not watching: nothing comes back
        assert draw.kept() == ({}, {})
    finally:
        draw.keep(({}, {}))


def test_a_narrow_frame_scales_a_copy_and_leaves_the_shared_drawing_as_drawn(
    document: Document,
) -> None:
    from reportlab.platypus import KeepTogether

    from briefing.render.reportlab.fonts import register_fonts
    from briefing.render.reportlab.markup import Markup
    from briefing.render.reportlab.story import StoryBuilder

    figure = charts(document)[0]
    shared = drawing(figure)
    assert shared is not None
    width, height, svg = shared.width, shared.height, draw.svg_of(figure)
    builder = StoryBuilder(document, Markup(register_fonts()), width / 2, 600)
    kept = builder.chart(figure)[0]
    assert isinstance(kept, KeepTogether)
    scaled = kept._content[1]
    assert scaled is not shared
    assert (scaled.width, scaled.height) == pytest.approx((width / 2, height / 2))
    assert drawing(figure) is shared
    assert (shared.width, shared.height, shared.transform) == (width, height, (1, 0, 0, 1, 0, 0))
    assert draw.svg_of(figure) == svg
