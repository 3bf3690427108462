"""render (figures): country outlines from the repository's GeoJSON, and the map projection.

The outlines are read from a small file kept in the repository
(`content/geo/caucasus.geojson`, see its README); nothing is fetched at build time.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

Point = tuple[float, float]
Ring = tuple[Point, ...]

MAX_GEOJSON_BYTES = 2_000_000


@dataclass(frozen=True)
class Outline:
    """One country: polygons of (outer ring, holes...), each point (lon, lat)."""

    name: str
    iso_a3: str
    polygons: tuple[tuple[Ring, ...], ...]


@dataclass(frozen=True)
class Extent:
    """A longitude-latitude box: west, south, east, north, in degrees."""

    west: float
    south: float
    east: float
    north: float

    def contains(self, lon: float, lat: float) -> bool:
        """True when the point lies inside or on the box."""
        return self.west <= lon <= self.east and self.south <= lat <= self.north

    def padded(self, degrees: float) -> Extent:
        """The box grown by `degrees` on every side."""
        return Extent(
            self.west - degrees, self.south - degrees, self.east + degrees, self.north + degrees
        )

    def clamped(self, outer: Extent) -> Extent:
        """The part of the box that lies inside `outer`."""
        return Extent(
            max(self.west, outer.west),
            max(self.south, outer.south),
            min(self.east, outer.east),
            min(self.north, outer.north),
        )

    def aspect(self) -> float:
        """Width over height once projected (longitude shrinks by cos(latitude))."""
        mid = math.radians((self.south + self.north) / 2)
        return (self.east - self.west) * math.cos(mid) / (self.north - self.south)


def load_outlines(path: Path) -> list[Outline]:
    """Read a GeoJSON FeatureCollection of (Multi)Polygons with `name` and `iso_a3` properties."""
    if path.stat().st_size > MAX_GEOJSON_BYTES:
        raise ValueError(f"{path}: larger than {MAX_GEOJSON_BYTES} bytes; simplify it")
    data = json.loads(path.read_text(encoding="utf-8"))
    outlines: list[Outline] = []
    for feature in data.get("features", []):
        geometry = feature.get("geometry") or {}
        properties = feature.get("properties") or {}
        kind, coordinates = geometry.get("type"), geometry.get("coordinates", [])
        if kind == "Polygon":
            coordinates = [coordinates]
        elif kind != "MultiPolygon":
            raise ValueError(f"{path}: geometry {kind!r} is not a (Multi)Polygon")
        polygons = tuple(
            tuple(tuple((float(x), float(y)) for x, y, *_ in ring) for ring in polygon)
            for polygon in coordinates
        )
        outlines.append(
            Outline(str(properties.get("name", "")), str(properties.get("iso_a3", "")), polygons)
        )
    return outlines


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
