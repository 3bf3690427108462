"""render (figures): the locator map's layers: land and sea, country names, the legend."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Group, Path, Rect
from reportlab.lib.colors import HexColor

from briefing.assemble.figures.geo import EvenOdd, Projection, clip_ring
from briefing.assemble.figures.labels import Box, Placed, Placer, TextBlock
from briefing.assemble.figures.mapplaces import CHANGED, SYMBOL, draw_block
from briefing.assemble.figures.style import GREY, INK, SANS, SANS_OBLIQUE, label, marker, wrap
from briefing.load.geo import Outline

WATER = HexColor("#bcd4e2")  # darker than any land, so sea and land part in greyscale too
LAND_FOCUS = HexColor("#f8f6f0")
LAND_OTHER = HexColor("#e6e4de")
BORDER = HexColor("#7d7d7d")


@dataclass(frozen=True)
class Layout:
    """Where the legend goes."""

    x: float
    y: float
    width: float
    height: float
    columns: int


def draw_outlines(
    outlines: Sequence[Outline], projection: Projection, frame: Box, focus: Sequence[str]
) -> Group:
    """Sea as the background, then each country's land, clipped to the panel."""
    group = Group()
    group.add(frame.rect(fillColor=WATER, strokeColor=None))
    box = (frame.x0, frame.y0, frame.x1, frame.y1)
    for outline in outlines:
        path = Path(
            fillColor=LAND_FOCUS if outline.iso_a3 in focus else LAND_OTHER,
            strokeColor=BORDER,
            strokeWidth=0.6,
            strokeLineJoin=1,
            fillMode=0,  # even-odd: holes (exclaves of a neighbour) stay open
        )
        for ring in _projected_rings(outline, projection, box):
            path.moveTo(*ring[0])
            for point in ring[1:]:
                path.lineTo(*point)
            path.closePath()
        if path.operators:
            group.add(path)
    return group


def _projected_rings(
    outline: Outline, projection: Projection, box: tuple[float, float, float, float]
) -> list[list[tuple[float, float]]]:
    rings = []
    for polygon in outline.polygons:
        for ring in polygon:
            clipped = clip_ring([projection(lon, lat) for lon, lat in ring], box)
            if clipped:
                rings.append(clipped)
    return rings


def place_countries(
    outlines: Sequence[Outline], projection: Projection, placer: Placer, frame: Box
) -> Group:
    """Country names in capitals where a clear spot inside the country is left; else none."""
    group = Group()
    box = (frame.x0, frame.y0, frame.x1, frame.y1)
    for outline in sorted(outlines, key=lambda o: o.iso_a3):
        rings = _projected_rings(outline, projection, box)
        for size in (7.2, 6.0):
            placed = _country_spot(rings, TextBlock((outline.name.upper(),), size), placer)
            if placed is not None:
                placer.block(placed.box)
                draw_block(group, placed, TextBlock((outline.name.upper(),), size), GREY)
                break
    return group


def _country_spot(
    rings: list[list[tuple[float, float]]], block: TextBlock, placer: Placer
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
        room = min(_room(p, placer.taken), 30.0**2)
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


def _room(point: tuple[float, float], taken: Sequence[Box]) -> float:
    """Distance to the nearest thing already on the map: country names go where it is emptiest."""
    x, y = point
    return min(
        (max(b.x0 - x, 0, x - b.x1) ** 2 + max(b.y0 - y, 0, y - b.y1) ** 2 for b in taken),
        default=0.0,
    )


def draw_legend(
    layout: Layout,
    *,
    points: bool,
    changed: bool,
    areas: bool,
    detail: bool,
    keyed: list[tuple[int, str]],
    changed_hands_label: str,
) -> Group:
    """Symbols explained, then the numbered key; top-down from the layout's top edge."""
    size = 6.8
    entries: list[tuple[str, str]] = []
    if points:
        entries.append(("point", "Town or village"))
    if changed:
        entries.append(("changed", changed_hands_label))
    if areas:
        entries.append(("area", "Region (name in italics)"))
    entries.append(
        (
            "text",
            "Labels give the name used in this briefing, then the other side's name where it differs.",
        )
    )
    if detail:
        entries.append(("frame", "Area of the larger-scale map"))
    entries += [("key", f"{n}  {text}") for n, text in keyed]
    group = Group()
    columns = layout.columns
    column_width = (layout.width - 10 * (columns - 1)) / columns
    top = layout.y + layout.height if layout.height else 0
    rows_in_column = -(-len(entries) // columns)
    y = top - size
    for index, (kind, text) in enumerate(entries):
        column = index // rows_in_column
        if index % rows_in_column == 0:
            y = top - size
        x = layout.x + column * (column_width + 10)
        indent = 0 if kind in ("text", "key") else 12
        if kind == "point":
            group.add(marker("circle", x + 4, y + 2.3, SYMBOL * 0.8, INK))
        elif kind == "changed":
            group.add(marker("diamond", x + 4, y + 2.3, SYMBOL + 0.6, CHANGED, hollow=True))
        elif kind == "area":
            group.add(label(x, y, "Ab", size=size, font=SANS_OBLIQUE, color=GREY))
        elif kind == "frame":
            group.add(Rect(x, y - 0.5, 8, 6, fillColor=None, strokeWidth=0.9))
        for line in wrap(text, SANS, size, column_width - indent):
            group.add(label(x + indent, y, line, size=size, color=INK))
            y -= size * 1.25
        y -= 2
    return group
