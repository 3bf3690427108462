"""assemble (figures): where the locator map looks, decided from the places it draws.

The map is centred on its places, wherever they are on Earth. A place far from all the
others (a capital abroad) is left off and named in the caption rather than shrinking the
rest to dots. Where many places crowd one part of the map, that part is drawn again at a
larger scale beside an overview, and the overview grows to show the countries the places
lie in. Nothing here imports the drawing library: assemble keeps the map or leaves it out,
and writes its words, from this plan.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Sequence

from briefing.assemble.figures.clip import EvenOdd
from briefing.assemble.figures.data import MapPlace
from briefing.assemble.figures.geo import (
    Window,
    bounds,
    distance,
    forward,
    inverse,
    wrap,
)
from briefing.assemble.figures.mapdata import MapView
from briefing.assemble.figures.mapinset import NOMINAL_WIDTH, inset_window
from briefing.load.geo import Extent, Outline, Point, load_outlines
from briefing.resources import GEODATA

CROWD = 30.0
"""Points: places nearer than this on a one-panel map compete for their labels' room."""
DETAIL_SHARE = 0.6
"""The detail panel's share of the drawing's width."""
FAR = 5000.0
"""Kilometres: a locator map is at most about a continent wide."""
MIN_SIDE = 60.0
"""Kilometres: the smallest side a map shows, so a single town still has surroundings."""
CONTEXT_GROWTH = 2.5
"""An overview grows at most this much to show the countries its places lie in."""
SINGLE_GROWTH = 1.5
"""A single panel grows less for them: its places are the point."""


@functools.cache
def world_outlines() -> tuple[Outline, ...]:
    """The package's outlines of every country, read once per process and only for a map
    that needs them."""
    return tuple(load_outlines(GEODATA / "countries.geojson"))


def view_bounds(view: MapView) -> Extent:
    """The box in degrees the map's outlines and layers are clipped to: a little more than
    the overview shows, so the cut edges fall outside its frame."""
    return bounds(view.lon, view.lat, view.overview, margin=0.05 * view.overview.width)


def plan_view(
    places: Sequence[MapPlace],
    *,
    extras: Sequence[Point] = (),
    region: Extent | None = None,
    outlines: Sequence[Outline] = (),
) -> tuple[MapView | None, list[MapPlace]]:
    """The view and the places it shows; None when no place can be drawn.

    `extras` are points the map should also show (the content's layers); `region` is the
    content's own box (west > east across the antimeridian); `outlines` give the overview
    its countries."""
    if not places:
        return None, []
    if region is not None:
        east = region.east if region.east >= region.west else region.east + 360
        lon0, lat0 = wrap((region.west + east) / 2, 0), (region.south + region.north) / 2
        shown = [p for p in places if _in_region(p, region)]
        box = [
            (region.west + (east - region.west) * i / 16, lat)
            for i in range(17)
            for lat in (region.south, region.north)
        ]
        box += [
            (lon, region.south + (region.north - region.south) * i / 16)
            for i in range(1, 16)
            for lon in (region.west, east)
        ]
        whole = Window.around(forward(lon0, lat0, lon, lat) for lon, lat in box)
        if not shown:
            return None, []
        return _panels(shown, lon0, lat0, whole, outlines, fixed=True), shown
    centre = _medoid([(p.lon, p.lat) for p in places])
    shown = _core(places, centre)
    lon0, lat0 = centre
    points = [(p.lon, p.lat) for p in shown] + [e for e in extras if distance(centre, e) < FAR]
    middle = Window.around(forward(lon0, lat0, lon, lat) for lon, lat in points).centre
    lon0, lat0 = inverse(lon0, lat0, *middle)
    lon0 = wrap(lon0, 0)
    whole = Window.around(forward(lon0, lat0, lon, lat) for lon, lat in points)
    whole = whole.padded(0.1, least=8).at_least(MIN_SIDE, MIN_SIDE)
    return _panels(shown, lon0, lat0, whole, outlines, fixed=False), shown


def _in_region(place: MapPlace, region: Extent) -> bool:
    east = region.east if region.east >= region.west else region.east + 360
    lon = place.lon if place.lon >= region.west else place.lon + 360
    return region.west <= lon <= east and region.south <= place.lat <= region.north


def _medoid(points: Sequence[Point]) -> Point:
    """The point nearest, in sum, to all the others: a middle no outlier can drag away."""
    step = max(1, len(points) // 150)
    sample = points[::step]
    return min(sample, key=lambda a: (sum(distance(a, b) for b in sample), a))


def _core(places: Sequence[MapPlace], centre: Point) -> list[MapPlace]:
    """The places left once those far beyond the rest (a jump of three times the distance
    and 500 km) are dropped; never more than a quarter of them."""
    far = sorted((distance(centre, (p.lon, p.lat)), p.id) for p in places)
    keep = len(far)
    least = max(math.ceil(0.75 * len(far)), 1)
    for i in range(least - 1, len(far) - 1):
        here, beyond = far[i][0], far[i + 1][0]
        if beyond > max(3 * here, here + 500):
            keep = i + 1
            break
    kept = {ident for d, ident in far[:keep] if d < FAR or ident == far[0][1]}
    return [p for p in places if p.id in kept]


def _panels(
    shown: Sequence[MapPlace],
    lon0: float,
    lat0: float,
    whole: Window,
    outlines: Sequence[Outline],
    *,
    fixed: bool,
) -> MapView:
    """One panel, or an overview beside a larger-scale detail where places crowd."""
    at = {p.id: forward(lon0, lat0, p.lon, p.lat) for p in shown}
    single = whole.with_aspect(1.1, 2.0)
    cluster = _crowded(at, NOMINAL_WIDTH / single.width)
    if len(cluster) >= 4:
        detail = Window.around(at[i] for i in cluster).padded(0.12, least=3)
        detail = detail.at_least(MIN_SIDE / 2, MIN_SIDE / 2).with_aspect(0.75, 1.3)
        reach = detail.padded(0.08)  # a place just beyond the edge joins the detail
        near = [at[p.id] for p in shown if reach.contains(at[p.id])]
        detail = detail.union(Window.around(near).padded(0.03))
        if detail.width <= 0.4 * single.width:
            outside = [at[p.id] for p in shown if not detail.contains(at[p.id])]
            corners = [(detail.x0, detail.y0), (detail.x1, detail.y1)]
            overview = Window.around([*outside, *corners]).padded(0.1, least=5)
            if not fixed:
                overview = _with_context(overview, shown, lon0, lat0, outlines, CONTEXT_GROWTH)
            else:
                overview = whole
            return MapView(lon0, lat0, overview.with_aspect(0.95, 1.25), detail)
    if not fixed:
        single = _with_context(single, shown, lon0, lat0, outlines, SINGLE_GROWTH)
    single = single.with_aspect(1.1, 2.0)
    return MapView(lon0, lat0, single, inset=inset_window(single))


def _crowded(at: dict[str, Point], scale: float) -> list[str]:
    """The largest group of places that crowd each other at `scale` points per kilometre."""
    near = CROWD / scale
    ids = sorted(at)
    crowded = [a for a in ids if sum(math.dist(at[a], at[b]) < near for b in ids if b != a) >= 2]
    groups: list[list[str]] = []
    for ident in crowded:  # single linkage at twice the crowding distance
        joined = [g for g in groups if any(math.dist(at[ident], at[o]) < 2 * near for o in g)]
        merged = [ident] + [o for g in joined for o in g]
        groups = [g for g in groups if g not in joined] + [merged]
    return max(groups, key=len, default=[])


def _with_context(
    view: Window,
    shown: Sequence[MapPlace],
    lon0: float,
    lat0: float,
    outlines: Sequence[Outline],
    growth: float,
) -> Window:
    """The view grown to show whole each part of a country its places lie in (an island, a
    country's mainland), where that keeps it within `growth` times its size; a part too
    big for that (a mainland far larger than the places' corner of it) adds nothing, nor
    does a part bigger than the view that holds less than an eighth of the places."""
    grown = view
    for (outline_index, polygon_index), count in sorted(
        holding(outlines, [(p.lon, p.lat) for p in shown]).items()
    ):
        ring = outlines[outline_index].polygons[polygon_index][0]
        if any(distance((lon0, lat0), point) > FAR for point in ring[:: max(1, len(ring) // 64)]):
            continue
        part = Window.around(forward(lon0, lat0, x, y) for x, y in ring)
        if 8 * count < len(shown) and (part.width > view.width or part.height > view.height):
            continue  # a few places on the edge of a big country (border towns) are no reason
        trial = grown.union(part)
        if trial.width <= view.width * growth and trial.height <= view.height * growth:
            grown = trial
    return grown


def holding(outlines: Sequence[Outline], points: Sequence[Point]) -> dict[tuple[int, int], int]:
    """How many of the points each part of an outline holds, by (outline, polygon) index."""
    found: dict[tuple[int, int], int] = {}
    for i, outline in enumerate(outlines):
        for j, polygon in enumerate(outline.polygons):
            xs = [x for x, _ in polygon[0]]
            ys = [y for _, y in polygon[0]]
            west, south, east, north = min(xs), min(ys), max(xs), max(ys)
            inside: EvenOdd | None = None
            for lon, lat in points:
                if not south <= lat <= north:
                    continue
                for shift in (0.0, -360.0, 360.0):
                    if west <= lon - shift <= east:
                        inside = inside or EvenOdd(polygon)
                        if inside((lon - shift, lat)):
                            found[i, j] = found.get((i, j), 0) + 1
                            break
    return found
