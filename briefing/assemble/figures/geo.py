"""assemble (figures): the map projection and polygon clipping that the map drawing uses."""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.load.geo import Extent, Point


@dataclass(frozen=True)
class Projection:
    """Equirectangular at the panel's middle latitude: true enough at this scale, and simple."""

    extent: Extent
    x: float
    y: float
    width: float
    height: float

    @property
    def scale(self) -> float:
        """Points per degree of latitude."""
        return self.height / (self.extent.north - self.extent.south)

    def __call__(self, lon: float, lat: float) -> Point:
        """Page coordinates of a longitude and latitude."""
        mid = math.radians((self.extent.south + self.extent.north) / 2)
        return (
            self.x + (lon - self.extent.west) * math.cos(mid) * self.scale,
            self.y + (lat - self.extent.south) * self.scale,
        )


def fit(extent: Extent, x: float, y: float, width: float) -> Projection:
    """A projection of `extent` into a panel `width` points wide at (x, y); height follows."""
    return Projection(extent, x, y, width, width / extent.aspect())


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
