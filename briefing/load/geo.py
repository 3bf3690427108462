"""load: map outlines from GeoJSON files, and the longitude-latitude boxes maps are drawn in.

Nothing is fetched at build time: outlines come from files in the package or the content.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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


@dataclass(frozen=True)
class Shapes:
    """A content layer's geometry: polygons as outlines have them, and lines (lon, lat)."""

    polygons: tuple[tuple[Ring, ...], ...] = ()
    lines: tuple[Ring, ...] = ()


def load_shapes(path: Path) -> Shapes:
    """Read a GeoJSON FeatureCollection of (Multi)LineStrings and (Multi)Polygons."""
    data = _read(path)
    polygons: list[tuple[Ring, ...]] = []
    lines: list[Ring] = []
    for feature in data.get("features", []):
        geometry = feature.get("geometry") or {}
        kind, coordinates = geometry.get("type"), geometry.get("coordinates", [])
        if kind == "LineString":
            lines.append(_ring(coordinates))
        elif kind == "MultiLineString":
            lines.extend(_ring(line) for line in coordinates)
        elif kind in ("Polygon", "MultiPolygon"):
            parts = [coordinates] if kind == "Polygon" else coordinates
            polygons.extend(tuple(_ring(ring) for ring in polygon) for polygon in parts)
        else:
            raise ValueError(f"geometry {kind!r} is not a line or a polygon")
    if not polygons and not lines:
        raise ValueError("no lines or polygons in it")
    return Shapes(tuple(polygons), tuple(lines))


def _read(path: Path) -> dict[str, Any]:
    if path.stat().st_size > MAX_GEOJSON_BYTES:
        raise ValueError(f"larger than {MAX_GEOJSON_BYTES:,} bytes; simplify it")
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValueError("not a GeoJSON FeatureCollection")
    return data


def _ring(points: Any) -> Ring:
    ring = tuple((float(x), float(y)) for x, y, *_ in points)
    if any(not (-180 <= x <= 180 and -90 <= y <= 90) for x, y in ring):
        raise ValueError("a coordinate is outside longitude ±180, latitude ±90")
    return ring


def load_outlines(path: Path) -> list[Outline]:
    """Read a GeoJSON FeatureCollection of (Multi)Polygons with `name` and `iso_a3` properties."""
    data = _read(path)
    outlines: list[Outline] = []
    for feature in data.get("features", []):
        geometry = feature.get("geometry") or {}
        properties = feature.get("properties") or {}
        kind, coordinates = geometry.get("type"), geometry.get("coordinates", [])
        if kind == "Polygon":
            coordinates = [coordinates]
        elif kind != "MultiPolygon":
            raise ValueError(f"geometry {kind!r} is not a (Multi)Polygon")
        polygons = tuple(tuple(_ring(ring) for ring in polygon) for polygon in coordinates)
        outlines.append(
            Outline(str(properties.get("name", "")), str(properties.get("iso_a3", "")), polygons)
        )
    return outlines
