"""render (figures): the locator map, the claims chart and the timeline, checked on their drawings."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import random
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Circle, Drawing, Group, Polygon, Rect, String
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from briefing.assemble import assemble
from briefing.assemble.document import Chart
from briefing.assemble.figures.claims import claims_chart
from briefing.assemble.figures.clip import EvenOdd
from briefing.assemble.figures.data import (
    Category,
    Claim,
    DateMarker,
    MapMark,
    MapPlace,
    Span,
    TimelineEvent,
)
from briefing.assemble.figures.draw import drawing as figure_drawing
from briefing.assemble.figures.inputs import map_places, timeline_events, topic_claims
from briefing.assemble.figures.map import locator_map
from briefing.assemble.figures.mapdata import MarkKind
from briefing.assemble.figures.mapplan import plan_view
from briefing.assemble.figures.mapwords import map_alt_text, off_map
from briefing.assemble.figures.style import PAGE_WIDTH
from briefing.assemble.figures.svg import drawing_to_svg, external_reference
from briefing.assemble.figures.timeline import BAR, timeline_chart
from briefing.assemble.figures.words import (
    claims_alt_text,
    timeline_alt_text,
)
from briefing.check.editorial import party_names
from briefing.load import load
from briefing.load.geo import Extent, Outline, load_outlines
from briefing.load.model import Place

ROOT = Path(__file__).parent.parent
GEOJSON = ROOT / "content" / "geo" / "caucasus.geojson"
FULL = Path(__file__).parent / "fixtures" / "full"
CEASEFIRES = [
    DateMarker(dt.date(2020, 10, 10), "10 Oct ceasefire"),
    DateMarker(dt.date(2020, 10, 18), "17/18 Oct ceasefire"),
    DateMarker(dt.date(2020, 10, 26), "26 Oct ceasefire"),
    DateMarker(dt.date(2020, 11, 10), "10 Nov agreement"),
]

TAKEN = (MapMark("taken", dt.date(2020, 10, 9)),)
KINDS = [MarkKind("taken", "Taken in fighting")]
# The Karabakh theatre's crowded towns, as in content/places.yaml: the hard case for labels.
THEATRE = [
    MapPlace("stepanakert", ("Stepanakert", "Khankendi"), 39.8153, 46.7519),
    MapPlace("shusha", ("Shusha", "Shushi"), 39.7583, 46.7486, marks=TAKEN),
    MapPlace("martuni", ("Martuni", "Khojavend"), 39.7917, 47.1128),
    MapPlace("martakert", ("Martakert", "Aghdara"), 40.2103, 46.8153),
    MapPlace("hadrut", ("Hadrut",), 39.5197, 47.0306, marks=TAKEN),
    MapPlace("fuzuli", ("Füzuli", "Varanda"), 39.6003, 47.1431, marks=TAKEN),
    MapPlace("jabrayil", ("Jabrayil", "Jrakan"), 39.3989, 47.0245, marks=TAKEN),
    MapPlace("lachin", ("Lachin", "Berdzor"), 39.6408, 46.5469),
    MapPlace("aghdam", ("Aghdam", "Akna"), 39.9933, 46.9279),
    MapPlace("goris", ("Goris",), 39.5111, 46.3394),
    MapPlace("ganja", ("Ganja",), 40.6828, 46.3606),
    MapPlace("goygol", ("Goygol",), 40.5856, 46.3189),
    MapPlace("barda", ("Barda",), 40.3744, 47.1267),
    MapPlace("tartar", ("Tartar",), 40.3419, 46.9322),
    MapPlace("nk", ("Nagorno-Karabakh", "Artsakh"), 39.9, 46.7, kind="area"),
    MapPlace("yerevan", ("Yerevan",), 40.1811, 44.5136),
    MapPlace("baku", ("Baku",), 40.4093, 49.8671),
    MapPlace("nakhchivan", ("Nakhchivan",), 39.2089, 45.4122),
    MapPlace("xankendi", ("Xankəndi", "Ağdərə Şuşa"), 40.05, 46.45),
]


@pytest.fixture(scope="module")
def outlines() -> list[Outline]:
    return load_outlines(GEOJSON)


# --- walking a drawing ------------------------------------------------------------------

Matrix = tuple[float, float, float, float, float, float]


def _compose(a: Matrix, b: Matrix) -> Matrix:
    """a after b (both as ReportLab's (a, b, c, d, e, f) affine matrices)."""
    return (
        a[0] * b[0] + a[2] * b[1],
        a[1] * b[0] + a[3] * b[1],
        a[0] * b[2] + a[2] * b[3],
        a[1] * b[2] + a[3] * b[3],
        a[0] * b[4] + a[2] * b[5] + a[4],
        a[1] * b[4] + a[3] * b[5] + a[5],
    )


def _nodes(node: object, matrix: Matrix = (1, 0, 0, 1, 0, 0)) -> Iterator[tuple[object, Matrix]]:
    """Every shape in the drawing with the transform that places it on the page."""
    if isinstance(node, Group | Drawing):
        here = _compose(matrix, tuple(getattr(node, "transform", (1, 0, 0, 1, 0, 0))))  # type: ignore[arg-type]
        for child in node.contents:
            yield from _nodes(child, here)
    else:
        yield node, matrix


def _at(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    return (matrix[0] * x + matrix[2] * y + matrix[4], matrix[1] * x + matrix[3] * y + matrix[5])


def _text_boxes(drawing: Drawing) -> dict[tuple[float, float, float, float], str]:
    """The box of every visible string (halo copies fold into their text)."""
    boxes = {}
    for node, matrix in _nodes(drawing):
        if not isinstance(node, String) or node.fillColor is None:
            continue
        width = stringWidth(node.text, node.fontName, node.fontSize)
        shift = {"start": 0, "middle": width / 2, "end": width}[node.textAnchor]
        x, y = _at(matrix, node.x - shift, node.y)
        ascent, descent = getAscentDescent(node.fontName, node.fontSize)
        boxes[(round(x, 2), round(y + descent, 2), round(x + width, 2), round(y + ascent, 2))] = (
            node.text
        )
    return boxes


def _strings(drawing: Drawing) -> list[String]:
    return [n for n, _ in _nodes(drawing) if isinstance(n, String)]


def _overlaps(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _symbol_centres(drawing: Drawing) -> list[tuple[float, float]]:
    """Centres of the place symbols: dots (circles) and marks' diamonds (4-point polygons)."""
    out = []
    for node, matrix in _nodes(drawing):
        if isinstance(node, Circle):
            out.append(_at(matrix, node.cx, node.cy))
        elif isinstance(node, Polygon) and len(node.points) == 8:
            xs, ys = node.points[0::2], node.points[1::2]
            out.append(_at(matrix, sum(xs) / 4, sum(ys) / 4))
    return out


# --- the outlines -----------------------------------------------------------------------


def test_outlines_are_the_five_countries_and_small(outlines: list[Outline]) -> None:
    assert {o.iso_a3 for o in outlines} == {"ARM", "AZE", "GEO", "IRN", "TUR"}
    assert GEOJSON.stat().st_size < 60_000
    azerbaijan = next(o for o in outlines if o.iso_a3 == "AZE")
    nakhchivan = [
        p for p in azerbaijan.polygons if any(45.0 < x < 45.6 and 39.0 < y < 39.4 for x, y in p[0])
    ]
    assert nakhchivan, "Nakhchivan is part of Azerbaijan's outline"
    data = json.loads(GEOJSON.read_text(encoding="utf-8"))
    assert all(set(f["properties"]) == {"name", "iso_a3"} for f in data["features"])


def test_neighbours_share_their_border_points(outlines: list[Outline]) -> None:
    points = {o.iso_a3: {p for poly in o.polygons for ring in poly for p in ring} for o in outlines}
    assert len(points["ARM"] & points["AZE"]) > 50  # simplified once, so no slivers or gaps


def test_extraction_keeps_shared_borders_identical() -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import extract_outlines as tool
    finally:
        sys.path.pop(0)
    left = [
        (0.0, 0.0),
        (1.0, 0.0),
        (1.0, 0.3),
        (1.01, 0.5),
        (1.0, 0.7),
        (1.0, 1.0),
        (0.0, 1.0),
        (0.0, 0.0),
    ]
    right = [
        (1.0, 0.0),
        (2.0, 0.0),
        (2.0, 1.0),
        (1.0, 1.0),
        (1.0, 0.7),
        (1.01, 0.5),
        (1.0, 0.3),
        (1.0, 0.0),
    ]
    a, b = tool.simplify_shared([left, right], 0.05)
    assert {p for p in a if p[0] == 1.0 or p[0] == 1.01} == {p for p in b if p[0] in (1.0, 1.01)}
    assert (1.01, 0.5) not in a and (1.01, 0.5) not in b
    square = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]
    clipped = tool.clip(square, (1, 1, 2, 2))
    assert clipped[0] == clipped[-1] and set(clipped) == {
        (1.0, 1.0),
        (2.0, 1.0),
        (2.0, 2.0),
        (1.0, 2.0),
    }


# --- the locator map --------------------------------------------------------------------


def test_place_names_give_each_partys_name_where_it_differs() -> None:
    def place(name: str, *aliases: tuple[str, str | None]) -> Place:
        return Place.model_validate(
            {"id": "p", "name": name, "aliases": [{"name": n, "party": p} for n, p in aliases]}
        )

    stepanakert = place("Stepanakert", ("Khankendi", "az"), ("Ստեփանակերտ", None))
    assert party_names(stepanakert) == ("Stepanakert", "Khankendi")
    # A name that differs only by accents is not repeated; each party's first name counts.
    fuzuli = place("Füzuli", ("Varanda", "am"), ("Fuzuli", "az"), ("Fizuli", "am"))
    assert party_names(fuzuli) == ("Füzuli", "Varanda")
    assert party_names(place("Ganja", ("Gəncə", None))) == ("Ganja",)
    three = place("Saint-Aubin", ("Kasamba", "mat"), ("Sankt-Auben", "valmarie"))
    assert party_names(three) == ("Saint-Aubin", "Kasamba", "Sankt-Auben")


def test_map_plots_every_place_with_both_names(outlines: list[Outline]) -> None:
    drawing = locator_map(THEATRE, outlines)
    assert drawing is not None
    assert drawing.width == pytest.approx(PAGE_WIDTH)
    text = " ".join(s.text for s in _strings(drawing))
    for place in THEATRE:
        for name in place.names:
            assert name in text, name
    points = [p for p in THEATRE if p.kind == "point"]
    assert len(_symbol_centres(drawing)) >= len(points)  # legend symbols come on top


def test_map_labels_do_not_overlap_each_other_or_symbols(outlines: list[Outline]) -> None:
    drawing = locator_map(THEATRE, outlines)
    assert drawing is not None
    boxes = list(_text_boxes(drawing))
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlaps(a, b), (_text_boxes(drawing)[a], _text_boxes(drawing)[b])
    for x, y in _symbol_centres(drawing):
        for box in boxes:
            assert not (box[0] < x < box[2] and box[1] < y < box[3]), (
                x,
                y,
                _text_boxes(drawing)[box],
            )
    for box in boxes:
        assert (
            box[0] >= 0
            and box[2] <= drawing.width + 0.01
            and box[1] >= 0
            and box[3] <= drawing.height + 0.01
        )


def test_crowded_places_fall_back_to_a_numbered_key_without_overlaps(
    outlines: list[Outline],
) -> None:
    crowd = [
        MapPlace(
            f"p{i}",
            (f"Village number {i}", f"Other name {i}"),
            39.7 + (i % 6) * 0.02,
            46.7 + (i // 6) * 0.02,
        )
        for i in range(36)
    ]
    drawing = locator_map(crowd, outlines)
    assert drawing is not None
    boxes = list(_text_boxes(drawing))
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlaps(a, b)
    texts = [s.text for s in _strings(drawing)]
    assert any(t.startswith("1 Village number") for t in texts), "some fall back to the key"
    for place in crowd:  # every name is on the map or in the key
        assert any(place.label in t or place.names[0] + " /" == t for t in texts), place.label


def test_moving_a_place_moves_its_symbol(outlines: list[Outline]) -> None:
    view, _ = plan_view(THEATRE, outlines=outlines)
    before = locator_map(THEATRE, outlines, view=view)
    moved = [p if p.id != "barda" else MapPlace("barda", ("Barda",), 40.30, 47.30) for p in THEATRE]
    after = locator_map(moved, outlines, view=view)
    assert before is not None and after is not None
    a, b = set(_symbol_centres(before)), set(_symbol_centres(after))
    assert len(a - b) == 1 and len(b - a) == 1
    (old,), (new,) = a - b, b - a
    assert new[0] > old[0] and new[1] < old[1]  # further east and south


def test_a_kind_of_mark_has_its_own_symbol_and_legend_entry(outlines: list[Outline]) -> None:
    plain = [MapPlace(p.id, p.names, p.lat, p.lon, kind=p.kind) for p in THEATRE]
    without = locator_map(plain, outlines, kinds=KINDS)
    with_marks = locator_map(THEATRE, outlines, kinds=KINDS)
    assert without is not None and with_marks is not None
    assert "Taken in fighting" not in [s.text for s in _strings(without)]
    assert "Taken in fighting" in [s.text for s in _strings(with_marks)]
    diamonds = [n for n, _ in _nodes(with_marks) if isinstance(n, Polygon) and len(n.points) == 8]
    assert len(diamonds) == sum(bool(p.marks) for p in THEATRE) + 1  # and the legend's
    assert not [n for n, _ in _nodes(without) if isinstance(n, Polygon) and len(n.points) == 8]


def test_labels_use_dejavu_so_azerbaijani_letters_render(outlines: list[Outline]) -> None:
    drawing = locator_map(THEATRE, outlines)
    assert drawing is not None
    fonts = {s.fontName for s in _strings(drawing)}
    assert fonts <= {"DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique"}
    assert any("Xankəndi" in s.text for s in _strings(drawing))


def test_map_is_none_without_places_in_the_region(outlines: list[Outline]) -> None:
    assert locator_map([], outlines) is None
    moscow = MapPlace("moscow", ("Moscow",), 55.7558, 37.6173)
    view, shown = plan_view([moscow], region=Extent(38.0, 36.0, 50.5, 43.5), outlines=outlines)
    assert view is None and shown == []
    assert off_map([moscow], shown) == [moscow]


def test_map_with_few_places_is_one_panel(outlines: list[Outline]) -> None:
    drawing = locator_map(THEATRE[-3:-1], outlines)  # Baku and Nakhchivan: no detail needed
    assert drawing is not None
    assert "Area of the larger-scale map" not in [s.text for s in _strings(drawing)]


def test_map_alt_text_names_the_places() -> None:
    moscow = MapPlace("moscow", ("Moscow",), 55.7558, 37.6173)
    view, shown = plan_view([*THEATRE, moscow])
    text = map_alt_text(shown, view=view, off=off_map([*THEATRE, moscow], shown))
    assert "Stepanakert / Khankendi" in text and "Outside the map: Moscow" in text


def test_real_gazetteer_labels_do_not_overlap(outlines: list[Outline]) -> None:
    try:
        content = load(ROOT / "content")
    except Exception as error:  # content is edited by others; the fixture tests above still run
        pytest.skip(f"content/ does not load: {error}")
    drawing = locator_map(map_places(content.places), outlines)
    assert drawing is not None
    boxes = list(_text_boxes(drawing))
    for a, b in itertools.combinations(boxes, 2):
        assert not _overlaps(a, b), (_text_boxes(drawing)[a], _text_boxes(drawing)[b])


def test_map_places_from_the_gazetteer() -> None:
    places = map_places(load(FULL).places)
    shusha = next(p for p in places if p.id == "shusha")
    assert shusha.names == ("Shusha", "Shushi") and shusha.marks == ()
    assert (shusha.lat, shusha.lon) == (39.7583, 46.7486)
    marked = Place.model_validate(
        {
            "id": "talish",
            "name": "Talish",
            "coordinates": [40.17, 46.65],
            "marks": [
                {"mark": "handed-over", "date": "2020-11"},
                {"mark": "taken", "date": "2020-10-09"},
            ],
        }
    )
    (talish,) = map_places([marked])
    assert [(m.kind, m.date, m.precision) for m in talish.marks] == [
        ("taken", dt.date(2020, 10, 9), "day"),
        ("handed-over", dt.date(2020, 11, 1), "month"),
    ]


# --- claims over time -------------------------------------------------------------------

CLAIMS = [
    Claim("SOHR", dt.date(2020, 10, 1), 28),
    Claim("SOHR", dt.date(2020, 10, 20), 188, qualifier="at least"),
    Claim("SOHR", dt.date(2020, 10, 1), 217, precision="month"),
    Claim("Novaya Gazeta", dt.date(2020, 10, 2), 700, 1000),
    Claim("The Guardian", dt.date(2020, 9, 30), 3, qualifier="at least"),
]


def _marker_points(drawing: Drawing) -> list[tuple[float, float]]:
    """Centres of the series' symbols (circles, small squares, polygons), rounded."""
    out = []
    for node, matrix in _nodes(drawing):
        if isinstance(node, Circle):
            x, y = _at(matrix, node.cx, node.cy)
        elif isinstance(node, Rect) and node.width < 8:
            x, y = _at(matrix, node.x + node.width / 2, node.y + node.height / 2)
        elif isinstance(node, Polygon):
            xs, ys = node.points[0::2], node.points[1::2]
            x, y = _at(matrix, sum(xs) / len(xs), sum(ys) / len(ys))
        else:
            continue
        out.append((round(x, 2), round(y, 2)))
    return sorted(out)


def test_claims_chart_plots_each_claim_and_moves_with_the_data() -> None:
    drawing = claims_chart(CLAIMS, unit="deaths", markers=CEASEFIRES)
    assert drawing is not None and drawing.width == pytest.approx(PAGE_WIDTH)
    changed = [
        *CLAIMS[:1],
        Claim("SOHR", dt.date(2020, 10, 20), 150, qualifier="at least"),
        *CLAIMS[2:],
    ]
    other = claims_chart(changed, unit="deaths", markers=CEASEFIRES)
    assert other is not None
    before, after = _marker_points(drawing), _marker_points(other)
    # The SOHR 20 Oct point moved down; nothing else moved.
    assert len(before) == len(after)
    moved = set(before) ^ set(after)
    assert len(moved) == 2
    old = next(p for p in moved if p in before)
    new = next(p for p in moved if p in after)
    assert old[0] == pytest.approx(new[0]) and new[1] < old[1]


def test_claims_chart_shows_ranges_signs_and_legend() -> None:
    drawing = claims_chart(CLAIMS, unit="deaths")
    assert drawing is not None
    texts = [s.text for s in _strings(drawing)]
    assert "≥" in texts
    for claimant in ("SOHR", "Novaya Gazeta", "The Guardian"):
        assert any(claimant in t for t in texts)
    assert any("≥ at least" in t for t in texts) and any("bar: a range" in t for t in texts)
    assert any("hollow symbol" in t for t in texts)
    assert "deaths" in texts


def test_claims_series_differ_in_shape_and_dash_not_only_colour() -> None:
    from briefing.assemble.figures.style import series_style

    styles = [series_style(i) for i in range(7)]
    assert len({s[1] for s in styles}) == 7 and len({str(s[2]) for s in styles}) == 7


def test_claims_chart_is_none_without_enough_claims() -> None:
    assert claims_chart([]) is None
    assert claims_chart(CLAIMS[:1]) is None
    assert claims_chart(CLAIMS[:1], min_claims=1) is not None


def test_claims_from_figures_and_alt_text() -> None:
    content = load(FULL)
    topic = content.figures[0].topic
    claims = topic_claims(content.figures, topic)
    assert claims and all(c.date for c in claims)
    text = claims_alt_text(CLAIMS, topic="Syrian fighters killed")
    assert text.startswith("Claims of Syrian fighters killed: 3 on 30 Sept 2020 (The Guardian, ")
    assert "28 on 1 Oct (SOHR)" in text and "700–1,000" in text and "in October 2020" in text


# --- the war at a glance ----------------------------------------------------------------

EVENTS = [
    TimelineEvent(dt.date(2020, 9, 27), "military"),
    TimelineEvent(dt.date(2020, 9, 28), "military"),
    TimelineEvent(dt.date(2020, 10, 10), "ceasefire"),
    TimelineEvent(dt.date(2020, 10, 12), "diplomatic"),
    TimelineEvent(dt.date(2020, 11, 10), "ceasefire"),
    TimelineEvent(dt.date(2020, 12, 1), "military"),  # after the period: not counted
]
WAR = Span(dt.date(2020, 9, 27), dt.date(2020, 11, 10))
ROWS = [Category("military", "Military"), Category("ceasefire", "Ceasefire")]


def _bars(drawing: Drawing) -> list[tuple[float, float, float]]:
    return sorted(
        (round(_at(m, n.x, n.y)[0], 2), round(_at(m, n.x, n.y)[1], 2), round(n.height, 2))
        for n, m in _nodes(drawing)
        if isinstance(n, Rect) and n.fillColor == BAR
    )


def test_timeline_counts_events_per_week_and_category() -> None:
    drawing = timeline_chart(EVENTS, CEASEFIRES, span=WAR, categories=ROWS)
    assert drawing is not None and drawing.width == pytest.approx(PAGE_WIDTH)
    bars = _bars(drawing)
    assert len(bars) == 4  # military wk1 (2), ceasefire wk2, diplomatic wk3, ceasefire last
    assert max(b[2] for b in bars) == pytest.approx(2 * min(b[2] for b in bars))
    texts = [s.text for s in _strings(drawing)]
    for marker in CEASEFIRES:
        assert marker.label in texts
    assert "(3 days)" in texts


def test_timeline_moves_with_the_data() -> None:
    before = _bars(timeline_chart(EVENTS, span=WAR))  # type: ignore[arg-type]
    after = _bars(
        timeline_chart([*EVENTS, TimelineEvent(dt.date(2020, 10, 13), "diplomatic")], span=WAR)
    )  # type: ignore[arg-type]
    assert before != after
    assert len(after) == len(before)


def test_timeline_is_none_without_events_in_the_span() -> None:
    assert timeline_chart([]) is None
    assert timeline_chart([TimelineEvent(dt.date(2019, 1, 1), "military")], span=WAR) is None


def test_timeline_events_keep_every_date_at_its_precision() -> None:
    events = timeline_events(load(FULL).events)
    assert [(e.date.isoformat(), e.precision) for e in events][:2] == [
        ("1988-02-20", "day"),
        ("1991-01-01", "year"),
    ]
    text = timeline_alt_text(
        EVENTS, CEASEFIRES, title="The war at a glance", span=WAR, categories=ROWS
    )
    assert "Week from 27 Sept 2020: 2 (Military 2)" in text and "10 Nov agreement" in text


# --- SVG --------------------------------------------------------------------------------


def test_svg_has_no_external_references(outlines: list[Outline]) -> None:
    drawings = [
        locator_map(THEATRE, outlines),
        claims_chart(CLAIMS, unit="deaths", markers=CEASEFIRES),
        timeline_chart(EVENTS, CEASEFIRES),
    ]
    for drawing in drawings:
        assert drawing is not None
        svg = drawing_to_svg(drawing, title="A figure")
        assert svg.startswith("<svg") and "<title>A figure</title>" in svg
        assert external_reference(svg) is None
        for forbidden in (
            "<image",
            "href",
            "<!DOCTYPE",
            "xlink",
            "http://www.w3.org/1999",
            " style=",
        ):
            assert forbidden not in svg
        assert 'font-family="DejaVu Sans"' in svg


def test_svg_escapes_hostile_names(outlines: list[Outline]) -> None:
    hostile = [
        MapPlace("x", ("<script>alert(1)</script>", '"><image href="http://e/x">'), 40.0, 47.0)
    ]
    drawing = locator_map([*THEATRE[:3], *hostile], outlines)
    assert drawing is not None
    svg = drawing_to_svg(drawing, title='<img src="http://e">')
    assert "<script>" not in svg and "<image" not in svg and "<img" not in svg
    assert external_reference(svg) is None


def test_external_reference_catches_links() -> None:
    assert external_reference('<svg xmlns="http://www.w3.org/2000/svg"><image href="a.png"/></svg>')
    assert external_reference(
        '<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(http://e/x)"/></svg>'
    )
    assert (
        external_reference('<svg xmlns="http://www.w3.org/2000/svg"><rect fill="url(#g)"/></svg>')
        is None
    )


def ring_contains(ring: list[tuple[float, float]], point: tuple[float, float]) -> bool:
    """The plain even-odd test, one walk over the edges per point: the reference."""
    x, y = point
    inside = False
    for i, (xa, ya) in enumerate(ring):
        xb, yb = ring[i - 1]
        if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
            inside = not inside
    return inside


def test_even_odd_agrees_with_the_ring_test_on_every_point() -> None:
    """The row-crossing test is a speed-up, not a new rule: same answer as `ring_contains`."""
    rnd = random.Random(3)
    for _ in range(20):
        rings = [
            [(rnd.uniform(0, 100), rnd.uniform(0, 100)) for _ in range(rnd.randint(3, 40))]
            for _ in range(rnd.randint(1, 4))
        ]
        inside = EvenOdd(rings)
        ys = [rnd.uniform(-5, 105) for _ in range(8)] + [rings[0][0][1]]  # a vertex's height too
        for y in ys:
            for x in [rnd.uniform(-5, 105) for _ in range(25)] + [rings[0][0][0]]:
                expected = sum(ring_contains(r, (x, y)) for r in rings) % 2 == 1
                assert inside((x, y)) == expected, (x, y)


def test_a_figure_is_drawn_once_for_assemble_and_the_engine() -> None:
    document = assemble(load(FULL), build_id="x", notes="short", verified_quotes=None)
    figures = [b for part in document.parts for b in part.blocks if isinstance(b, Chart)]
    assert figures
    for figure in figures:
        assert figure_drawing(figure) is figure_drawing(figure)
    first = figures[0]
    renamed = replace(first, title="Another title", number=9)
    assert figure_drawing(renamed) is figure_drawing(first)  # the same data: the same drawing
    moved = replace(first, places=first.places[1:])
    assert first.chart == "map" and figure_drawing(moved) is not None
    assert figure_drawing(moved) is not figure_drawing(first)  # other data: its own drawing


def test_the_stages_before_the_engine_do_not_load_reportlab() -> None:
    """Alt text and whether to keep a figure come from `words`; only an engine draws, and
    the glyph check finds the fonts without ReportLab: load, check and assemble never pay
    for importing it (a WeasyPrint build never needs it)."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from briefing.assemble import assemble\n"
        "from briefing.check import check\n"
        "from briefing.load import load\n"
        f"content = load(Path({str(FULL)!r}))\n"
        "check(content)\n"
        "figures = [b for p in assemble(content).parts for b in p.blocks if b.kind == 'figure']\n"
        "print(len(figures), sorted(m for m in sys.modules if m.startswith('reportlab')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.split(None, 1) == ["3", "[]\n"]
