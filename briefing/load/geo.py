"""load: map outlines from GeoJSON files, and the longitude-latitude boxes maps are drawn in.

Nothing is fetched at build time: outlines come from files in the package or the content.
"""

from __future__ import annotations

import json
import math
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
