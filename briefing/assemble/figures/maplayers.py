"""render (figures): the locator map's layers: land and sea, borders, the content's own
areas and lines, country names and the locator inset."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Group, Path
from reportlab.lib.colors import Color, HexColor, white

from briefing.assemble.figures import geo
from briefing.assemble.figures.clip import EvenOdd, Segment, clip_polyline, clip_ring
from briefing.assemble.figures.geo import Projection
from briefing.assemble.figures.labels import Box, Placed, TextBlock
from briefing.assemble.figures.mapdata import MapLayer, MapView
from briefing.assemble.figures.mapinset import inset_box
from briefing.assemble.figures.mapplaces import MapPlacer, draw_block
from briefing.assemble.figures.style import GREY, INK
from briefing.load.geo import Outline, Point, Ring

WATER = HexColor("#bcd4e2")  # darker than any land, so sea and land part in greyscale too
LAND_FOCUS = HexColor("#f8f6f0")
LAND_OTHER = HexColor("#e6e4de")
BORDER = HexColor("#7d7d7d")
LAYER_STYLES: list[tuple[Color, list[float] | None]] = [
    (HexColor("#c51b7d"), None),
    (HexColor("#5e3c99"), [5, 2]),
    (HexColor("#d95f02"), [1.6, 1.4]),
    (HexColor("#1b9e77"), [6, 2, 1.6, 2]),
]
"""A colour and a dash pattern per content layer, apart from the marks' symbols' colours."""


def draw_outlines(
    outlines: Sequence[Outline], projection: Projection, frame: Box, focus: set[str]
) -> Group:
    """Sea as the background, then each country's land, clipped to the panel; the countries
    the places lie in (`focus`) lighter than their neighbours."""
    group = Group()
    group.add(frame.rect(fillColor=WATER, strokeColor=None))
    box = (frame.x0, frame.y0, frame.x1, frame.y1)
    for outline in outlines:
        fill = LAND_FOCUS if outline.iso_a3 in focus else LAND_OTHER
        for shape in land(outline, projection, box, fill=fill, stroke=0.6):
            group.add(shape)
    return group


def land(
    outline: Outline,
    projection: Projection,
    box: tuple[float, float, float, float],
    *,
    fill: Color,
    stroke: float,
) -> list[Path]:
    """One outline's land and its outline (none when it lies outside the box); a cut along
    the 180th meridian (Natural Earth splits Fiji and Chukotka there) is filled across but
    never stroked."""
    seams = any(_seam(a, b) for p in outline.polygons for r in p for a, b in itertools.pairwise(r))
    path = Path(
        fillColor=fill,
        strokeColor=None if seams else BORDER,
        strokeWidth=stroke,
        strokeLineJoin=1,
        fillMode=0,  # even-odd: holes (exclaves of a neighbour) stay open
    )
    add_rings(path, projected_rings(outline.polygons, projection, box))
    if not path.operators:
        return []
    if not seams:
        return [path]
    line = Path(fillColor=None, strokeColor=BORDER, strokeWidth=stroke, strokeLineJoin=1)
    for run in _runs(outline, projection, box):
        line.moveTo(*run[0])
        for point in run[1:]:
            line.lineTo(*point)
    return [path, line]


def _seam(a: Point, b: Point) -> bool:
    """An edge along the 180th meridian (or its copy 360 degrees on)."""
    return a[0] == b[0] and (a[0] + 180.0) % 360.0 == 0.0


def _runs(
    outline: Outline, projection: Projection, box: tuple[float, float, float, float]
) -> list[list[Point]]:
    """The outline's edges but its seams, as projected lines clipped to the panel."""
    runs: list[list[Point]] = []
    for polygon in outline.polygons:
        for ring in polygon:
            current = [ring[0]]
            for a, b in itertools.pairwise(ring):
                if _seam(a, b):
                    runs.append(current)
                    current = [b]
                else:
                    current.append(b)
            runs.append(current)
    return [
        piece
        for run in runs
        if len(run) > 1
        for piece in clip_polyline([projection(lon, lat) for lon, lat in run], box)
    ]


def add_rings(path: Path, rings: list[list[Point]]) -> None:
    for ring in rings:
        path.moveTo(*ring[0])
        for point in ring[1:]:
            path.lineTo(*point)
        path.closePath()


def projected_rings(
    polygons: Sequence[Sequence[Ring]],
    projection: Projection,
    box: tuple[float, float, float, float],
) -> list[list[Point]]:
    rings = []
    for polygon in polygons:
        for ring in polygon:
            clipped = clip_ring([projection(lon, lat) for lon, lat in ring], box)
            if clipped:
                rings.append(clipped)
    return rings


def draw_layers(
    layers: Sequence[MapLayer], projection: Projection, frame: Box
) -> tuple[Group, list[Segment]]:
    """The content's areas (a light tint inside their outline) and lines (over a white
    casing), in order; returns the segments labels must keep off (the lines and edges)."""
    group = Group()
    segments: list[Segment] = []
    box = (frame.x0, frame.y0, frame.x1, frame.y1)
    for index, layer in enumerate(layers):
        color, dashes = layer_style(index)
        rings = projected_rings(layer.polygons, projection, box)
        if rings:
            tint = Color(color.red, color.green, color.blue, alpha=0.18)
            path = Path(fillColor=tint, strokeColor=color, strokeWidth=0.9, fillMode=0)
            path.strokeDashArray = dashes
            add_rings(path, rings)
            group.add(path)
            segments += [(r[i - 1], r[i]) for r in rings for i in range(len(r))]
        runs = [
            run
            for line in layer.lines
            for run in clip_polyline([projection(lon, lat) for lon, lat in line], box)
        ]
        for width, stroke, dash in ((3.0, white, None), (1.5, color, dashes)):
            path = Path(fillColor=None, strokeColor=stroke, strokeWidth=width, strokeLineJoin=1)
            path.strokeDashArray = dash
            for run in runs:
                path.moveTo(*run[0])
                for point in run[1:]:
                    path.lineTo(*point)
            if runs:
                group.add(path)
        segments += [(a, b) for run in runs for a, b in itertools.pairwise(run)]
    return group, segments


def layer_style(index: int) -> tuple[Color, list[float] | None]:
    """The colour and dash pattern of the `index`-th content layer."""
    return LAYER_STYLES[index % len(LAYER_STYLES)]


def place_countries(
    outlines: Sequence[Outline], projection: Projection, placer: MapPlacer, frame: Box
) -> Group:
    """Country names in capitals where a clear spot inside the country is left; else none."""
    group = Group()
    box = (frame.x0, frame.y0, frame.x1, frame.y1)
    for outline in sorted(outlines, key=lambda o: o.iso_a3):
        rings = projected_rings(outline.polygons, projection, box)
        for size in (7.2, 6.0):
            placed = _country_spot(rings, TextBlock((outline.name.upper(),), size), placer)
            if placed is not None:
                placer.block(placed.box)
                draw_block(group, placed, TextBlock((outline.name.upper(),), size), GREY)
                break
    return group


def _country_spot(
    rings: list[list[tuple[float, float]]], block: TextBlock, placer: MapPlacer
) -> Placed | None:
    """A spot for the name wholly inside the country: roomy first, then central."""
    if not rings:
        return None

    inside = EvenOdd(rings)

    w, h = block.width, block.height
    xs = [x for ring in rings for x, _ in ring]
    ys = [y for ring in rings for _, y in ring]
    (x0, x1), (y0, y1), steps = (min(xs), max(xs)), (min(ys), max(ys)), 24
    grid = [
        (x0 + (x1 - x0) * (i + 0.5) / steps, y0 + (y1 - y0) * (j + 0.5) / steps)
        for i in range(steps)
        for j in range(steps)
    ]
    spots = [p for p in grid if inside(p)]
    if not spots:
        return None
    cx = sum(p[0] for p in spots) / len(spots)
    cy = sum(p[1] for p in spots) / len(spots)

    def score(p: tuple[float, float]) -> tuple[float, float]:
        # enough room first (capped, so names are not driven into corners), then central
        room = placer.room(p, 30.0)
        return (-room, (p[0] - cx) ** 2 + (p[1] - cy) ** 2)

    for x, y in sorted(spots, key=score):
        candidate = Placed(Box(x - w / 2, y - h / 2, x + w / 2, y + h / 2), "middle", None)
        b = candidate.box
        samples = [
            (b.x0 + (b.x1 - b.x0) * i / 6, b.y0 + (b.y1 - b.y0) * j / 2)
            for i in range(7)
            for j in range(3)
        ]
        if all(inside(c) for c in samples) and placer.fits(candidate, pad=1.5):
            return candidate
    return None


def draw_inset(outlines: Sequence[Outline], view: MapView, panel: Projection) -> Group:
    """Land, sea and borders of the wider area in the view's corner of the panel, and the
    map's own area outlined on it."""
    assert view.inset is not None
    place = inset_box(view, view.inset, view.corner)
    (bx0, by0), (bx1, by1) = panel.plane(place.x0, place.y0), panel.plane(place.x1, place.y1)
    box = Box(bx0, by0, bx1, by1)
    projection = geo.fit(view.lon, view.lat, view.inset, box.x0, box.y0, box.x1 - box.x0)
    group = Group()
    group.add(box.grown(1.5).rect(fillColor=white, strokeColor=None))  # a white rim
    group.add(box.rect(fillColor=WATER, strokeColor=None))
    bounds = (box.x0, box.y0, box.x1, box.y1)
    for outline in outlines:
        for shape in land(outline, projection, bounds, fill=LAND_OTHER, stroke=0.25):
            group.add(shape)
    window = view.overview
    (x0, y0), (x1, y1) = (
        projection.plane(window.x0, window.y0),
        projection.plane(window.x1, window.y1),
    )
    if x1 - x0 < 4:  # too small to see as a box: a ring round it
        group.add(
            Circle(
                (x0 + x1) / 2, (y0 + y1) / 2, 3, fillColor=None, strokeColor=INK, strokeWidth=0.9
            )
        )
    else:
        group.add(Box(x0, y0, x1, y1).rect(fillColor=None, strokeColor=INK, strokeWidth=0.9))
    group.add(box.rect(fillColor=None, strokeColor=INK, strokeWidth=0.6))
    return group
