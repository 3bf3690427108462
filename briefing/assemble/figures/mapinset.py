"""assemble (figures): the locator inset: a small map of the wider area in a corner of a
single panel, with the panel's own area outlined, so a reader sees where on Earth the map
lies. Its window, its corner (one no place is near) and its outlines, thinned to its small
scale, are decided here, without the drawing library; `maplayers.draw_inset` draws it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

from briefing.assemble.figures.clip import clip_outlines
from briefing.assemble.figures.data import MapPlace
from briefing.assemble.figures.geo import Window, bounds, forward
from briefing.assemble.figures.mapdata import MapView
from briefing.load.geo import Outline, Point, Ring

NOMINAL_WIDTH = 453.5
"""Points: the width a map is drawn at (the text block), to plan in points without fonts."""
INSET_ZOOM = 5.0
"""The inset shows about five times the map's side..."""
INSET_SIDES = (1500.0, 6000.0)
"""...but at least a region and at most a continent, in kilometres."""
INSET_POINTS = 300
"""Points kept across the inset's width at most: it is drawn about 120 points wide."""
INSET_SHARE = 0.27
"""The inset's width, as a share of the panel's..."""
INSET_MOST = 0.45
"""...and its height at most this share of the panel's."""
INSET_MARGIN = 4.0
"""Points between the inset and the panel's frame."""


def inset_window(window: Window) -> Window | None:
    """A square of the wider area round a single panel, if the panel is small enough for
    one to say more: from 1,500 to 6,000 km across."""
    side = max(window.width, window.height)
    across = min(max(INSET_ZOOM * side, INSET_SIDES[0]), INSET_SIDES[1])
    if across < 2.5 * side:
        return None
    cx, cy = window.centre
    return Window(cx - across / 2, cy - across / 2, cx + across / 2, cy + across / 2)


def locator_inset(
    outlines: Sequence[Outline], view: MapView, places: Sequence[MapPlace], *, world: bool
) -> tuple[MapView, list[Outline]]:
    """The view with its inset's window and corner, and the outlines the inset draws,
    clipped and thinned to its scale (a point about every 0.4 points of its width).

    No inset when it would show no land beyond the map or every corner has a place near.
    The content's own outlines may end short of the world's: the inset then keeps within
    them, so it never shows land they leave out as sea."""
    none = replace(view, inset=None)
    window = view.inset
    if window is None:
        return none, []
    if not world:
        sample = [p for o in outlines for poly in o.polygons for p in poly[0][::8]]
        if not sample:
            return none, []
        covered = Window.around(forward(view.lon, view.lat, x, y) for x, y in sample)
        window = window.within(covered)
        side = max(view.overview.width, view.overview.height)
        if window.width < 2 * side or window.height < 2 * side:
            return none, []
    step = window.width / INSET_POINTS
    box = bounds(view.lon, view.lat, window, margin=0.05 * window.width)
    thinned = []
    beyond = False
    for outline in clip_outlines(outlines, box, step=2.0):
        polygons = []
        for polygon in outline.polygons:
            rings = [_thin(ring, view, step) for ring in polygon]
            if len(rings[0]) >= 4:
                polygons.append(tuple(r for r in rings if len(r) >= 4))
                beyond = beyond or any(
                    not view.overview.contains(forward(view.lon, view.lat, x, y))
                    for x, y in rings[0]
                )
        if polygons:
            thinned.append(Outline(outline.name, outline.iso_a3, tuple(polygons)))
    corner = inset_corner(view, window, places)
    if not beyond or corner is None:
        return none, []
    return replace(view, inset=window, corner=corner), thinned


def inset_box(view: MapView, window: Window, corner: str) -> Window:
    """Where in the panel (in kilometres of the map's plane) an inset of `window` goes."""
    frame = view.overview
    km = frame.width / NOMINAL_WIDTH  # per point
    width = min(INSET_SHARE * frame.width, INSET_MOST * frame.height * window.aspect)
    height = width / window.aspect
    x0, y0 = frame.x0 + INSET_MARGIN * km, frame.y0 + INSET_MARGIN * km
    x1, y1 = frame.x1 - INSET_MARGIN * km, frame.y1 - INSET_MARGIN * km
    return {
        "ne": Window(x1 - width, y1 - height, x1, y1),
        "nw": Window(x0, y1 - height, x0 + width, y1),
        "se": Window(x1 - width, y0, x1, y0 + height),
    }[corner]


def inset_corner(view: MapView, window: Window, places: Sequence[MapPlace]) -> str | None:
    """The first corner (top right, top left, bottom right; the scale bar has the bottom
    left) with no place near it, or None."""
    room = 14 * view.overview.width / NOMINAL_WIDTH  # a label's room beside a place
    points = [forward(view.lon, view.lat, p.lon, p.lat) for p in places]
    for corner in ("ne", "nw", "se"):
        box = inset_box(view, window, corner).padded(0, least=room)
        if not any(box.contains(point) for point in points):
            return corner
    return None


def _thin(ring: Sequence[Point], view: MapView, step: float) -> Ring:
    """The ring without the points nearer than `step` km to the last one kept."""
    kept: list[Point] = []
    last: Point | None = None
    for x, y in ring:
        here = forward(view.lon, view.lat, x, y)
        if last is None or math.dist(here, last) >= step:
            kept.append((x, y))
            last = here
    if len(kept) >= 3 and kept[0] != kept[-1]:
        kept.append(kept[0])
    return tuple(kept)
