"""The locator map anywhere on Earth: its view, outlines, layers, marks, labels and words.

Checked on the drawings themselves (which labels are drawn and where, which outlines and
lines), on the view planned from the places and on the words assemble writes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from reportlab.graphics.shapes import Drawing, Group, Polygon, Rect, String
from reportlab.graphics.shapes import Path as PathShape
from reportlab.pdfbase.pdfmetrics import getAscentDescent, stringWidth

from briefing.assemble.document import Chart, NoteRef
from briefing.assemble.figures import geo, mapinset, mapplan
from briefing.assemble.figures.blocks import map_figure
from briefing.assemble.figures.clip import borders, clip_outlines, clip_segment
from briefing.assemble.figures.data import MapMark, MapPlace
from briefing.assemble.figures.draw import drawing, svg_of
from briefing.assemble.figures.geo import Window
from briefing.assemble.figures.map import locator_map, plan
from briefing.assemble.figures.mapdata import MapLayer, MapView, MarkKind
from briefing.assemble.figures.maplayers import layer_style
from briefing.assemble.figures.mapplan import plan_view, world_outlines
from briefing.assemble.figures.mapwords import country_names, latest_kind, map_alt_text
from briefing.assemble.figures.style import PAGE_WIDTH
from briefing.load import load
from briefing.load.geo import Extent, Outline, load_outlines

ROOT = Path(__file__).resolve().parents[1]
FULL = ROOT / "tests" / "fixtures" / "full"
EXAMPLE = ROOT / "examples" / "exercice-fr"
CAUCASUS = ROOT / "content" / "geo" / "caucasus.geojson"

PACIFIC = [  # across the 180th meridian: Fiji on one side, Tonga on the other
    MapPlace("suva", ("Suva",), -18.1416, 178.4419),
    MapPlace("nadi", ("Nadi",), -17.8031, 177.4162),
    MapPlace("labasa", ("Labasa",), -16.4332, 179.3645),
    MapPlace("nukualofa", ("Nukuʻalofa",), -21.1394, -175.2046),
    MapPlace("neiafu", ("Neiafu",), -18.6496, -173.9830),
]
ARCTIC = [  # Svalbard and the far north of Norway
    MapPlace("longyearbyen", ("Longyearbyen",), 78.2232, 15.6267),
    MapPlace("ny-alesund", ("Ny-Ålesund",), 78.9250, 11.9300),
    MapPlace("barentsburg", ("Barentsburg", "Баренцбург"), 78.0648, 14.2335),
    MapPlace("tromso", ("Tromsø",), 69.6492, 18.9553),
    MapPlace("hammerfest", ("Hammerfest",), 70.6634, 23.6821),
    MapPlace("kirkenes", ("Kirkenes",), 69.7271, 30.0450),
]
TAKEN = MapMark("taken", dt.date(2020, 10, 9))
HANDED = MapMark("handed-over", dt.date(2020, 11, 20), "month")
KINDS = [MarkKind("taken", "Taken in fighting"), MarkKind("handed-over", "Handed over")]
# The Karabakh towns whose labels crowd the Iranian border.
SOUTH = [
    MapPlace("jabrayil", ("Jabrayil", "Jrakan"), 39.3989, 47.0245, marks=(TAKEN,)),
    MapPlace("horadiz", ("Horadiz",), 39.4500, 47.3347),
    MapPlace("fuzuli", ("Füzuli", "Varanda"), 39.6003, 47.1431, marks=(TAKEN,)),
    MapPlace("hadrut", ("Hadrut",), 39.5197, 47.0306, marks=(TAKEN,)),
    MapPlace("qubadli", ("Qubadli", "Kashunik"), 39.3439, 46.5797),
    MapPlace("zangilan", ("Zangilan", "Kovsakan"), 39.0856, 46.6525),
    MapPlace("khodaafarin", ("Khodaafarin", "Khudafarin"), 39.1461, 46.9383, marks=(TAKEN,)),
    MapPlace("lachin", ("Lachin", "Berdzor"), 39.6408, 46.5469, marks=(HANDED,)),
    MapPlace("aghdam", ("Aghdam", "Akna"), 39.9933, 46.9279, marks=(TAKEN, HANDED)),
    MapPlace("stepanakert", ("Stepanakert", "Khankendi"), 39.8153, 46.7519),
    MapPlace("shusha", ("Shusha", "Shushi"), 39.7583, 46.7486, marks=(TAKEN,)),
    MapPlace("martuni", ("Martuni", "Khojavend"), 39.7917, 47.1128),
    MapPlace("goris", ("Goris",), 39.5111, 46.3394),
    MapPlace("baku", ("Baku",), 40.4093, 49.8671),
    MapPlace("yerevan", ("Yerevan",), 40.1811, 44.5136),
    MapPlace("nakhchivan", ("Nakhchivan",), 39.2089, 45.4122),
    MapPlace("ganja", ("Ganja",), 40.6828, 46.3606),
    MapPlace("washington", ("Washington, D.C.",), 38.9072, -77.0369),
]


@pytest.fixture(scope="module")
def caucasus() -> list[Outline]:
    return load_outlines(CAUCASUS)


@pytest.fixture(scope="module")
def world() -> list[Outline]:
    return list(world_outlines())


# --- walking a drawing ------------------------------------------------------------------

Matrix = tuple[float, float, float, float, float, float]


def _nodes(node: object, matrix: Matrix = (1, 0, 0, 1, 0, 0)) -> Iterator[tuple[object, Matrix]]:
    """Every shape with the transform that places it on the drawing."""
    if isinstance(node, Group | Drawing):
        a, b, c, d, e, f = getattr(node, "transform", (1, 0, 0, 1, 0, 0))
        m = matrix
        here = (
            m[0] * a + m[2] * b,
            m[1] * a + m[3] * b,
            m[0] * c + m[2] * d,
            m[1] * c + m[3] * d,
            m[0] * e + m[2] * f + m[4],
            m[1] * e + m[3] * f + m[5],
        )
        for child in node.contents:
            yield from _nodes(child, here)
    else:
        yield node, matrix


def _labels(drawn: Drawing) -> dict[str, list[tuple[float, float, float, float]]]:
    """The boxes of each visible string on the drawing, by its text (halo copies fold in)."""
    out: dict[str, list[tuple[float, float, float, float]]] = {}
    for node, m in _nodes(drawn):
        if isinstance(node, String) and node.fillColor is not None:
            width = stringWidth(node.text, node.fontName, node.fontSize)
            shift = {"start": 0, "middle": width / 2, "end": width}[node.textAnchor]
            x, y = m[4] + node.x - shift, m[5] + node.y
            ascent, descent = getAscentDescent(node.fontName, node.fontSize)
            out.setdefault(node.text, []).append((x, y + descent, x + width, y + ascent))
    return out


def _inside(box: tuple[float, ...], frame: tuple[float, ...]) -> bool:
    return frame[0] <= box[0] and box[2] <= frame[2] and frame[1] <= box[1] and box[3] <= frame[3]


def _panels(
    places: list[MapPlace], view: MapView, drawn: Drawing
) -> list[tuple[geo.Projection, tuple[float, ...]]]:
    """Each panel's projection and its frame on the drawing (the drawing lifts both)."""
    panels, _ = plan(places, view, width=PAGE_WIDTH)
    top = max(p.frame.y1 for p in panels)
    lift = drawn.height - top
    return [
        (p.projection, (p.frame.x0, p.frame.y0 + lift, p.frame.x1, p.frame.y1 + lift))
        for p in panels
    ]


def _draw(
    places: list[MapPlace], outlines: list[Outline], **options: object
) -> tuple[MapView, Drawing]:
    view, shown = plan_view(places, outlines=outlines)
    assert view is not None
    view, inset = mapinset.locator_inset(outlines, view, shown, world=True)
    drawn = locator_map(shown, outlines, view=view, inset=inset, **options)  # type: ignore[arg-type]
    assert drawn is not None
    return view, drawn


# --- the view ---------------------------------------------------------------------------


def test_the_world_outlines_are_read_once_and_only_for_a_map_that_needs_them() -> None:
    mapplan.world_outlines.cache_clear()
    content = load(FULL)  # it has outlines of its own
    assert map_figure(content, 1, lambda c: NoteRef(number=1)) is not None
    assert mapplan.world_outlines.cache_info().currsize == 0
    assert world_outlines() is world_outlines()
    assert mapplan.world_outlines.cache_info().misses == 1


def test_a_map_across_the_antimeridian_is_as_wide_as_its_places(world: list[Outline]) -> None:
    view, shown = plan_view(PACIFIC, outlines=world)
    assert view is not None and shown == PACIFIC
    assert abs(abs(view.lon) - 180) < 5  # centred on the 180th meridian, not on Greenwich
    assert view.overview.width < 1500  # about 900 km of ocean, not 35,000 km round the world
    projection = geo.fit(view.lon, view.lat, view.overview, 0, 0, 400)
    suva, nukualofa = projection(178.4419, -18.1416), projection(-175.2046, -21.1394)
    assert 0 < suva[0] < nukualofa[0] < 400  # Tonga east of Fiji, both on the map
    box = mapplan.view_bounds(view)
    assert box.west < -180 or box.east > 180  # the box runs past the 180th meridian
    assert {o.iso_a3 for o in clip_outlines(world, box)} >= {"FJI", "TON"}


def test_a_map_across_the_antimeridian_draws_both_sides(world: list[Outline]) -> None:
    view, drawn = _draw(PACIFIC, world)
    labels = _labels(drawn)
    (_, frame), *_ = _panels(PACIFIC, view, drawn)
    for place in PACIFIC:
        assert any(_inside(box, frame) for box in labels[place.label]), place.label
    land = [n for n, _ in _nodes(drawn) if isinstance(n, PathShape) and n.fillColor is not None]
    assert len(land) >= 2  # Fiji and Tonga, each drawn where it lies
    assert "FIJI" in labels


def test_a_map_at_high_latitude_keeps_its_shapes_and_scale(world: list[Outline]) -> None:
    view, shown = plan_view(ARCTIC, outlines=world)
    assert view is not None and shown == ARCTIC and view.lat > 70
    projection = geo.fit(view.lon, view.lat, view.overview, 0, 0, PAGE_WIDTH)
    a, b = projection(15.6267, 78.2232), projection(18.9553, 69.6492)
    on_page = math.dist(a, b) / projection.scale
    assert on_page == pytest.approx(geo.distance((15.6267, 78.2232), (18.9553, 69.6492)), rel=0.02)
    for place in ARCTIC:  # every place inside the frame, not off a stretched edge
        assert view.overview.contains(geo.forward(view.lon, view.lat, place.lon, place.lat))


def test_a_map_round_a_pole_clips_to_every_longitude() -> None:
    view, _ = plan_view(
        [MapPlace("north", ("North Pole",), 89.9, 0.0), MapPlace("alert", ("Alert",), 82.5, -62.3)]
    )
    assert view is not None
    box = mapplan.view_bounds(view)
    assert box.north == 90 and box.east - box.west == 360


def test_a_region_across_the_antimeridian_keeps_only_its_places(world: list[Outline]) -> None:
    far = MapPlace("sydney", ("Sydney",), -33.87, 151.21)
    view, shown = plan_view([*PACIFIC, far], region=Extent(175, -23, -172, -15), outlines=world)
    assert view is not None and shown == PACIFIC


def test_a_place_far_from_the_rest_is_left_off_not_shrinking_the_map(
    caucasus: list[Outline],
) -> None:
    view, shown = plan_view(SOUTH, outlines=caucasus)
    assert view is not None
    assert [p.id for p in SOUTH if p not in shown] == ["washington"]
    assert view.overview.width < 1000


def test_crowded_places_get_a_larger_scale_detail_with_the_overview_beside(
    caucasus: list[Outline],
) -> None:
    view, shown = plan_view(SOUTH, outlines=caucasus)
    assert view is not None and view.detail is not None and view.inset is None
    inside = [
        p.id for p in shown if view.detail.contains(geo.forward(view.lon, view.lat, p.lon, p.lat))
    ]
    assert {"stepanakert", "shusha", "jabrayil"} <= set(inside)
    assert not {"baku", "yerevan"} & set(inside)
    assert view.overview.width > 3 * view.detail.width


def test_a_single_panel_gets_an_inset_in_a_corner_with_no_place(world: list[Outline]) -> None:
    view, drawn = _draw(ARCTIC, world)
    side = max(view.overview.width, view.overview.height)
    assert view.inset is not None and view.inset.width == pytest.approx(min(5 * side, 6000))
    box = mapinset.inset_box(view, view.inset, view.corner)
    assert not any(box.contains(geo.forward(view.lon, view.lat, p.lon, p.lat)) for p in ARCTIC)
    assert "Inset: the wider area, with the map's area" in " ".join(_labels(drawn))


def test_no_inset_beyond_the_contents_own_outlines() -> None:
    content = load(EXAMPLE)  # its outlines cover Tasmania alone: an inset would show sea
    chart = map_figure(content, 1, lambda c: NoteRef(number=1))
    assert chart is not None and chart.view is not None
    assert chart.view.inset is None and chart.inset_outlines == []


# --- outlines, borders and labels -------------------------------------------------------


def _crossings(
    places: list[MapPlace],
    view: MapView,
    drawn: Drawing,
    lines: list[tuple[tuple[float, float], tuple[float, float]]],
) -> list[str]:
    """The labels inside a panel that leave its frame or cross one of the lines (degrees)."""
    labels = _labels(drawn)
    wrong = []
    for projection, frame in _panels(places, view, drawn):
        lift = frame[3] - (projection.y + projection.height)
        segments = [(projection(*a), projection(*b)) for a, b in lines]
        for text, (x0, y0, x1, y1) in [(t, b) for t, boxes in labels.items() for b in boxes]:
            if not (frame[0] <= x0 < frame[2] and frame[1] <= y0 < frame[3]):
                continue  # the other panel's, or the legend's
            box = (x0, y0 - lift, x1, y1 - lift)
            crossed = any(clip_segment(a, b, box) is not None for a, b in segments)
            if crossed or not _inside((x0, y0, x1, y1), frame):
                wrong.append(text)
    return wrong


def test_labels_never_cross_a_border_or_the_frame(caucasus: list[Outline]) -> None:
    view, shown = plan_view(SOUTH, outlines=caucasus)
    assert view is not None
    drawn = locator_map(shown, caucasus, view=view, kinds=KINDS)
    assert drawn is not None
    assert "Jabrayil / Jrakan" in _labels(drawn)  # on the map, not sent to the key
    shared = borders(clip_outlines(caucasus, mapplan.view_bounds(view)))
    assert shared
    assert _crossings(shown, view, drawn, shared) == []


def test_the_examples_labels_keep_off_its_borders_and_front_line() -> None:
    chart = _chart(EXAMPLE)
    drawn = drawing(chart)
    assert drawn is not None and chart.view is not None
    front = [
        (a, b)
        for layer in chart.layers
        for line in layer.lines
        for a, b in itertools.pairwise(line)
    ]
    shared = borders(chart.outlines)
    assert front and shared
    assert _crossings(chart.places, chart.view, drawn, [*shared, *front]) == []


def test_borders_are_the_edges_two_countries_share(caucasus: list[Outline]) -> None:
    shared = set(borders(caucasus))
    armenia = next(o for o in caucasus if o.iso_a3 == "ARM")
    azerbaijan = next(o for o in caucasus if o.iso_a3 == "AZE")

    def edges(outline: Outline) -> set[tuple[tuple[float, float], tuple[float, float]]]:
        return {
            (a, b) if a < b else (b, a)
            for polygon in outline.polygons
            for ring in polygon
            for a, b in itertools.pairwise(ring)
        }

    assert edges(armenia) & edges(azerbaijan) <= shared
    caspian_coast = {e for e in edges(azerbaijan) if e[0][0] > 49.5 and e[1][0] > 49.5}
    assert caspian_coast and not caspian_coast & shared  # a coast is no border


def test_clipping_across_the_antimeridian_keeps_shared_points_identical() -> None:
    left = Outline(
        "A", "AAA", ((((178.0, -1.0), (180.0, -1.0), (180.0, 1.0), (178.0, 1.0), (178.0, -1.0)),),)
    )
    right = Outline(
        "B",
        "BBB",
        ((((-180.0, -1.0), (-178.0, -1.0), (-178.0, 1.0), (-180.0, 1.0), (-180.0, -1.0)),),),
    )
    clipped = clip_outlines([left, right], Extent(170.0, -5.0, 190.0, 5.0), step=0.3)
    xs = {o.iso_a3: {x for p in o.polygons for r in p for x, _ in r} for o in clipped}
    assert min(xs["BBB"]) == 180.0 and max(xs["BBB"]) == 182.0  # moved by 360 degrees
    points = {o.iso_a3: {pt for p in o.polygons for r in p for pt in r} for o in clipped}
    seam = {pt for pt in points["AAA"] if pt[0] == 180.0}
    assert len(seam) > 2 and seam == {pt for pt in points["BBB"] if pt[0] == 180.0}


def test_the_world_is_clipped_to_the_map_and_named_in_the_briefings_language(
    world: list[Outline],
) -> None:
    view, _ = plan_view(ARCTIC, outlines=world)
    assert view is not None
    clipped = clip_outlines(world, mapplan.view_bounds(view))
    assert {"NOR", "SWE", "FIN", "RUS"} <= {o.iso_a3 for o in clipped}
    assert not {"FRA", "AUS", "FJI"} & {o.iso_a3 for o in clipped}
    names = {o.iso_a3: o.name for o in country_names(clipped, "fr")}
    assert names["NOR"] == "Norvège" and names["FIN"] == "Finlande"
    assert {o.name for o in country_names(clipped, "en")} >= {"Norway", "Finland"}


# --- marks ------------------------------------------------------------------------------


def _diamonds_and_squares(drawn: Drawing) -> tuple[int, int]:
    diamonds = sum(isinstance(n, Polygon) and len(n.points) == 8 for n, _ in _nodes(drawn))
    squares = sum(
        isinstance(n, Rect)
        and n.width < 5
        and n.strokeColor is not None
        and n.fillColor is not None
        and n.width == n.height
        for n, _ in _nodes(drawn)
    )
    return diamonds, squares


def test_each_kind_of_mark_has_its_own_symbol_and_legend_line(caucasus: list[Outline]) -> None:
    view, shown = plan_view(SOUTH, outlines=caucasus)
    assert view is not None
    drawn = locator_map(shown, caucasus, view=view, kinds=KINDS)
    assert drawn is not None
    texts = set(_labels(drawn))
    assert {"Taken in fighting", "Handed over"} <= texts
    assert "A place marked more than once shows its latest mark." in " ".join(_labels(drawn))
    diamonds, squares = _diamonds_and_squares(drawn)
    latest = [latest_kind(p) for p in shown]
    assert diamonds == latest.count("taken") + 1  # and the legend's
    assert squares == latest.count("handed-over") + 1
    assert latest_kind(next(p for p in SOUTH if p.id == "aghdam")) == "handed-over"


def test_a_kind_no_drawn_place_carries_stays_out_of_the_legend(caucasus: list[Outline]) -> None:
    plain = [MapPlace(p.id, p.names, p.lat, p.lon) for p in SOUTH[:-1]]
    view, shown = plan_view(plain, outlines=caucasus)
    drawn = locator_map(shown, caucasus, view=view, kinds=[])
    assert drawn is not None
    assert not {"Taken in fighting", "Handed over"} & set(_labels(drawn))
    assert _diamonds_and_squares(drawn) == (0, 0)


# --- the examples -----------------------------------------------------------------------


def _chart(root: Path) -> Chart:
    notes: list[list[object]] = []

    def cite(citations: list[object]) -> NoteRef:
        notes.append(citations)
        return NoteRef(number=len(notes))

    chart = map_figure(load(root), 1, cite)  # type: ignore[arg-type]
    assert chart is not None
    return chart


def test_the_french_example_draws_its_places_and_its_front_line() -> None:
    content = load(EXAMPLE)
    chart = _chart(EXAMPLE)
    assert {p.id for p in chart.places} == {p.id for p in content.places}
    drawn = drawing(chart)
    assert drawn is not None
    labels = _labels(drawn)
    assert chart.view is not None
    ((_, frame),) = _panels(chart.places, chart.view, drawn)
    keyed = " ".join(labels)
    for place in chart.places:  # each on the map inside the frame, or in the key
        boxes = labels.get(place.label, []) + labels.get(place.names[0] + " /", [])
        if not any(_inside(box, frame) for box in boxes):
            assert re.search(rf"\d+  {re.escape(place.label)}", keyed), place.label
    color, _ = layer_style(0)
    lines = [n for n, _ in _nodes(drawn) if isinstance(n, PathShape) and n.strokeColor == color]
    assert lines and lines[0].strokeWidth == 1.5
    (layer,) = chart.layers
    assert layer.as_of == "14 juin 2032"
    assert any("Ligne de contact" in t for t in labels)  # its legend line
    assert any(isinstance(c, NoteRef) for c in chart.caption)  # its sources, in the caption
    assert "Pris lors des combats" in labels and "Remis en vertu de l’accord de" in " ".join(labels)


def test_the_shipped_map_keeps_its_own_outlines_and_says_so() -> None:
    try:
        chart = _chart(ROOT / "content")
    except Exception as error:  # content is edited by others
        pytest.skip(f"content/ does not load: {error}")
    assert {o.iso_a3 for o in chart.outlines} <= {"ARM", "AZE", "GEO", "IRN", "TUR"}
    assert chart.view is not None and chart.view.detail is not None
    caption = " ".join(getattr(c, "text", "") for c in chart.caption)
    assert "geo/caucasus.geojson" in caption and "Natural Earth" not in caption
    assert "Outside the map: Moscow, Washington, D.C." in caption
    assert [k.id for k in chart.kinds] == ["taken", "handed-over"]


def test_a_map_on_the_world_outlines_cites_them(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    briefing = content / "briefing.yaml"
    briefing.write_text(re.sub(r"map:\n  outlines: [^\n]+\n", "", briefing.read_text()))
    chart = _chart(content)
    caption = " ".join(getattr(c, "text", "") for c in chart.caption)
    assert "Natural Earth 5.1.1" in caption
    assert {"ARM", "AZE"} <= {o.iso_a3 for o in chart.outlines}
    assert chart.inset_outlines and chart.view is not None and chart.view.inset is not None


# --- words ------------------------------------------------------------------------------


def test_the_alt_text_says_what_is_drawn_and_is_the_svgs_description() -> None:
    chart = _chart(EXAMPLE)
    alt = chart.alt
    order = [p.label for p in sorted(chart.places, key=lambda p: -p.lat)]
    positions = [alt.index(label) for label in order]
    assert positions == sorted(positions)  # north to south
    assert "Pont-de-la-Sorre (2 avril 2032, 21 mai 2032)" in alt  # each mark, dated
    assert "Ligne de contact" in alt  # the layer
    assert "42,40° S, 146,44° E" in alt  # in the briefing's language
    assert f"<desc>{alt.replace('’', '’')}</desc>" in svg_of(chart)


def test_alt_text_names_what_is_left_off_and_the_detail() -> None:
    view, shown = plan_view(SOUTH)
    off = [p for p in SOUTH if p not in shown]
    text = map_alt_text(shown, view=view, kinds=KINDS, off=off)
    assert text.startswith("Map of 17 places named in this briefing, north to south: Ganja,")
    assert "Outside the map: Washington, D.C." in text and "D.C.." not in text
    assert "appear in a panel at a larger scale" in text
    assert "Taken in fighting: Aghdam (9 October 2020), Shusha (9 October 2020)" in text
    assert "Handed over: Aghdam (November 2020), Lachin (November 2020)." in text


def test_layer_areas_are_tinted_and_lines_cased(caucasus: list[Outline]) -> None:
    area = MapLayer(
        "zone",
        "A zone",
        "1 May 2021",
        polygons=((((46.6, 39.7), (46.9, 39.7), (46.9, 39.9), (46.6, 39.9), (46.6, 39.7)),),),
    )
    line = MapLayer("front", "A front", lines=(((46.5, 39.5), (47.2, 40.0)),))
    view, shown = plan_view(SOUTH, outlines=caucasus)
    drawn = locator_map(shown, caucasus, view=view, layers=[area, line])
    assert drawn is not None
    paths = [n for n, _ in _nodes(drawn) if isinstance(n, PathShape)]
    tint = [p for p in paths if p.fillColor is not None and p.fillColor.alpha < 1]
    assert tint and tint[0].strokeColor == layer_style(0)[0]
    assert any(p.strokeColor == layer_style(1)[0] and p.strokeDashArray for p in paths)
    texts = set(_labels(drawn))
    assert "As of 1 May 2021: A zone" in texts and "A front" in texts


def test_window_keeps_aspect_and_grows_about_its_centre() -> None:
    window = Window(-10, -5, 10, 5).with_aspect(0.9, 1.2)
    assert window.aspect == pytest.approx(1.2) and window.centre == (0, 0)
    assert Window(-1, -8, 1, 8).with_aspect(1.1, 2).aspect == pytest.approx(1.1)
