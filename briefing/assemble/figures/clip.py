"""assemble (figures): the map's clipping, in degrees before projecting and in points after.

Outlines and layers are clipped in degrees to a box a little larger than the map (a box
that may run past ±180°, the parts beyond moved by 360°), so nothing from the far side of
the Earth reaches the projection; the projected rings are clipped again to each panel.
Nothing here imports the drawing library.
"""

from __future__ import annotations

import bisect
import itertools
from collections import Counter
from collections.abc import Callable, Sequence

from briefing.load.geo import Extent, Outline, Point, Ring

Segment = tuple[Point, Point]


def _ring_bounds(ring: Ring) -> tuple[float, float, float, float]:
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _shifts(ring: Ring, box: Extent) -> list[float]:
    """The multiples of 360° by which the ring must move to meet the box (often none, or 0)."""
    x0, y0, x1, y1 = _ring_bounds(ring)
    if y1 < box.south or y0 > box.north:
        return []
    return [s for s in (-360.0, 0.0, 360.0) if x0 + s <= box.east and x1 + s >= box.west]


def densify(ring: Sequence[Point], step: float) -> list[Point]:
    """Points added along any edge longer than `step`, so a projected edge stays near its curve.

    The points are found from the edge's lesser end, so two neighbours that share the edge
    (in opposite directions) get the very same points."""
    out: list[Point] = []
    for i, here in enumerate(ring):
        out.append(here)
        there = ring[(i + 1) % len(ring)]
        pieces = int(max(abs(there[0] - here[0]), abs(there[1] - here[1])) / step)
        if pieces:
            (x, y), (nx, ny) = sorted((here, there))
            added = [
                (x + (nx - x) * k / (pieces + 1), y + (ny - y) * k / (pieces + 1))
                for k in range(1, pieces + 1)
            ]
            out.extend(added if (x, y) == here else added[::-1])
    return out


def clip_outlines(outlines: Sequence[Outline], box: Extent, *, step: float = 0.5) -> list[Outline]:
    """Each outline's parts inside the box (in degrees), moved by 360° where the box runs
    past ±180°; outlines with nothing inside are left out."""
    out = []
    for outline in outlines:
        polygons = []
        for polygon in outline.polygons:
            for shift in _shifts(polygon[0], box):
                rings = [clip_degrees(ring, box, shift=shift, step=step) for ring in polygon]
                if rings[0]:
                    polygons.append(tuple(r for r in rings if r))
        if polygons:
            out.append(Outline(outline.name, outline.iso_a3, tuple(polygons)))
    return out


def clip_degrees(ring: Ring, box: Extent, *, shift: float = 0.0, step: float = 0.5) -> Ring:
    """A ring moved by `shift` degrees of longitude and clipped to the box, closed, densified."""
    moved = [(x + shift, y) for x, y in ring]
    clipped = clip_ring(moved, (box.west, box.south, box.east, box.north))
    if not clipped:
        return ()
    dense = densify(clipped, step)
    return (*dense, dense[0])


def clip_lines(lines: Sequence[Ring], box: Extent) -> list[Ring]:
    """The pieces of each line inside the box (in degrees), moved by 360° where needed."""
    out: list[Ring] = []
    for line in lines:
        for shift in _shifts(line, box):
            moved = [(x + shift, y) for x, y in line]
            out.extend(
                tuple(p) for p in clip_polyline(moved, (box.west, box.south, box.east, box.north))
            )
    return out


def clip_ring(ring: Sequence[Point], box: tuple[float, float, float, float]) -> list[Point]:
    """Sutherland-Hodgman: the part of a polygon ring inside an x0, y0, x1, y1 box (open ring)."""
    x0, y0, x1, y1 = box
    points = list(ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring)
    for axis, bound, keep_above in ((0, x0, True), (0, x1, False), (1, y0, True), (1, y1, False)):
        if not points:
            break

        def inside(
            p: Point, axis: int = axis, bound: float = bound, above: bool = keep_above
        ) -> bool:
            return p[axis] >= bound if above else p[axis] <= bound

        out: list[Point] = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current) != inside(previous):
                t = (bound - previous[axis]) / (current[axis] - previous[axis])
                crossing = (
                    previous[0] + t * (current[0] - previous[0]),
                    previous[1] + t * (current[1] - previous[1]),
                )
                out.append(crossing)
            if inside(current):
                out.append(current)
        points = out
    return points if len(points) >= 3 else []


def clip_segment(
    a: Point, b: Point, box: tuple[float, float, float, float]
) -> tuple[Point, Point] | None:
    """Liang-Barsky: the part of the segment a-b inside the box, or None."""
    x0, y0, x1, y1 = box
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return None
            continue
        t = q / p
        if p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (a[0] + t0 * dx, a[1] + t0 * dy), (a[0] + t1 * dx, a[1] + t1 * dy)


def clip_polyline(
    line: Sequence[Point], box: tuple[float, float, float, float]
) -> list[list[Point]]:
    """The runs of a polyline inside the box."""
    runs: list[list[Point]] = []
    current: list[Point] = []
    for a, b in itertools.pairwise(line):
        piece = clip_segment(a, b, box)
        if piece is None:
            if len(current) > 1:
                runs.append(current)
            current = []
            continue
        start, end = piece
        if not current or current[-1] != start:
            if len(current) > 1:
                runs.append(current)
            current = [start]
        current.append(end)
        if end != b:  # left the box
            runs.append(current)
            current = []
    if len(current) > 1:
        runs.append(current)
    return runs


class EvenOdd:
    """Even-odd inside test over several rings, for many points on few horizontal lines.

    A point is inside when a ray to its right crosses the rings' edges an odd number of
    times. The crossings are found once per distinct y and then bisected per point, instead
    of walking every edge for every point: a country name's candidate spots lie on a grid
    of rows.
    """

    def __init__(self, rings: Sequence[Sequence[Point]]) -> None:
        self.edges = [(ring[i], ring[i - 1]) for ring in rings for i in range(len(ring))]
        self.rows: dict[float, list[float]] = {}

    def __call__(self, point: Point) -> bool:
        x, y = point
        crossings = self.rows.get(y)
        if crossings is None:
            crossings = sorted(
                xa + (y - ya) * (xb - xa) / (yb - ya)
                for (xa, ya), (xb, yb) in self.edges
                if (ya > y) != (yb > y)
            )
            self.rows[y] = crossings
        return (len(crossings) - bisect.bisect_right(crossings, x)) % 2 == 1


def borders(outlines: Sequence[Outline]) -> list[Segment]:
    """The edges two outlines share (borders, in degrees); a coast belongs to one outline only.

    Neighbours' shared borders are simplified once, so their vertices are the same."""
    seen: Counter[tuple[Point, Point]] = Counter()
    for outline in outlines:
        edges = set()
        for polygon in outline.polygons:
            for ring in polygon:
                for a, b in itertools.pairwise(ring):
                    if a != b:
                        edges.add((a, b) if a < b else (b, a))
        seen.update(edges)
    return [edge for edge, count in seen.items() if count > 1]


def on_page(
    segments: Sequence[Segment],
    projection: Callable[[float, float], Point],
    box: tuple[float, float, float, float],
) -> list[Segment]:
    """Segments in degrees, projected and clipped to a panel's box: what labels must not cross."""
    out = []
    for a, b in segments:
        piece = clip_segment(projection(*a), projection(*b), box)
        if piece is not None:
            out.append(piece)
    return out
