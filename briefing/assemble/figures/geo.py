"""assemble (figures): the map's projection, and the windows of it that a map shows.

Azimuthal equidistant, centred on the map: distances from the centre are true and the only
seam is the antipode, so a map draws the same at the equator, near a pole or across the
180th meridian (`clip` keeps the far side of the Earth out). Nothing here imports the
drawing library.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from briefing.load.geo import Extent, Point

EARTH_RADIUS = 6371.0
"""Kilometres: the mean radius, good to about 0.5% anywhere for a locator map."""


def forward(lon0: float, lat0: float, lon: float, lat: float) -> Point:
    """Kilometres east and north of the centre (lon0, lat0) on the projection's plane."""
    phi0, phi, dl = math.radians(lat0), math.radians(lat), math.radians(lon - lon0)
    cos_c = math.sin(phi0) * math.sin(phi) + math.cos(phi0) * math.cos(phi) * math.cos(dl)
    c = math.acos(max(-1.0, min(1.0, cos_c)))
    k = 1.0 if c < 1e-9 else c / math.sin(min(c, math.pi - 1e-6))
    x = k * math.cos(phi) * math.sin(dl)
    y = k * (math.cos(phi0) * math.sin(phi) - math.sin(phi0) * math.cos(phi) * math.cos(dl))
    return x * EARTH_RADIUS, y * EARTH_RADIUS


def inverse(lon0: float, lat0: float, x: float, y: float) -> Point:
    """Longitude (within 180° of lon0) and latitude of a point on the plane."""
    rho = math.hypot(x, y)
    if rho < 1e-9:
        return lon0, lat0
    c, phi0 = rho / EARTH_RADIUS, math.radians(lat0)
    lat = math.asin(
        max(-1.0, min(1.0, math.cos(c) * math.sin(phi0) + y * math.sin(c) * math.cos(phi0) / rho))
    )
    dl = math.atan2(
        x * math.sin(c), rho * math.cos(phi0) * math.cos(c) - y * math.sin(phi0) * math.sin(c)
    )
    return lon0 + math.degrees(dl), math.degrees(lat)


def distance(a: Point, b: Point) -> float:
    """Great-circle distance in kilometres between two (lon, lat) points."""
    x, y = forward(a[0], a[1], b[0], b[1])
    return math.hypot(x, y)


def wrap(lon: float, around: float) -> float:
    """The longitude `lon` written within 180° of `around` (179° near -179° is -181°)."""
    return around + (lon - around + 180.0) % 360.0 - 180.0


@dataclass(frozen=True)
class Window:
    """A rectangle on the projection's plane, in kilometres east and north of its centre."""

    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def aspect(self) -> float:
        """Width over height."""
        return self.width / self.height

    @property
    def centre(self) -> Point:
        return (self.x0 + self.x1) / 2, (self.y0 + self.y1) / 2

    @classmethod
    def around(cls, points: Iterable[Point]) -> Window:
        """The smallest window holding every point."""
        xs, ys = zip(*points, strict=True)
        return cls(min(xs), min(ys), max(xs), max(ys))

    def contains(self, point: Point) -> bool:
        return self.x0 <= point[0] <= self.x1 and self.y0 <= point[1] <= self.y1

    def union(self, other: Window) -> Window:
        return Window(
            min(self.x0, other.x0),
            min(self.y0, other.y0),
            max(self.x1, other.x1),
            max(self.y1, other.y1),
        )

    def padded(self, share: float, *, least: float = 0.0) -> Window:
        """Grown by `share` of its larger side (at least `least` km) on every side."""
        pad = max(max(self.width, self.height) * share, least)
        return Window(self.x0 - pad, self.y0 - pad, self.x1 + pad, self.y1 + pad)

    def at_least(self, width: float, height: float) -> Window:
        """Grown about its centre to at least `width` by `height` km."""
        cx, cy = self.centre
        half_w, half_h = max(self.width, width) / 2, max(self.height, height) / 2
        return Window(cx - half_w, cy - half_h, cx + half_w, cy + half_h)

    def with_aspect(self, low: float, high: float) -> Window:
        """The shorter side grown about the centre until width / height lies in [low, high]."""
        aspect = self.aspect
        if aspect < low:
            return self.at_least(self.height * low, 0)
        if aspect > high:
            return self.at_least(0, self.width / high)
        return self

    def within(self, outer: Window) -> Window:
        """The part of the window inside `outer`."""
        return Window(
            max(self.x0, outer.x0),
            max(self.y0, outer.y0),
            min(self.x1, outer.x1),
            min(self.y1, outer.y1),
        )


@dataclass(frozen=True)
class Projection:
    """A window of the azimuthal projection centred on (lon0, lat0), drawn in a panel."""

    lon0: float
    lat0: float
    window: Window
    x: float
    y: float
    width: float

    @property
    def scale(self) -> float:
        """Points per kilometre."""
        return self.width / self.window.width

    @property
    def height(self) -> float:
        return self.window.height * self.scale

    def plane(self, u: float, v: float) -> Point:
        """Page coordinates of a point of the plane (kilometres from the centre)."""
        return (
            self.x + (u - self.window.x0) * self.scale,
            self.y + (v - self.window.y0) * self.scale,
        )

    def __call__(self, lon: float, lat: float) -> Point:
        """Page coordinates of a longitude and latitude."""
        return self.plane(*forward(self.lon0, self.lat0, lon, lat))


def fit(lon0: float, lat0: float, window: Window, x: float, y: float, width: float) -> Projection:
    """The window drawn `width` points wide with its lower left corner at (x, y)."""
    return Projection(lon0, lat0, window, x, y, width)


def bounds(lon0: float, lat0: float, window: Window, *, margin: float = 0.0) -> Extent:
    """The longitudes and latitudes a window shows, as a box in degrees.

    Longitudes stay within 180° of lon0, so a box across the antimeridian runs past 180°
    (170° to 190°, say); a window round a pole spans every longitude. `margin` grows the
    window first, in kilometres."""
    w = Window(window.x0 - margin, window.y0 - margin, window.x1 + margin, window.y1 + margin)
    steps = 24
    edge = [
        (w.x0 + (w.x1 - w.x0) * i / steps, y) for i in range(steps + 1) for y in (w.y0, w.y1)
    ] + [(x, w.y0 + (w.y1 - w.y0) * i / steps) for i in range(1, steps) for x in (w.x0, w.x1)]
    points = [inverse(lon0, lat0, x, y) for x, y in edge]
    lons = [wrap(lon, lon0) for lon, _ in points]
    lats = [lat for _, lat in points]
    north, south = (
        w.contains(forward(lon0, lat0, lon0, 90.0)),
        w.contains(forward(lon0, lat0, lon0, -90.0)),
    )
    if north or south:
        return Extent(
            lon0 - 180, -90 if south else min(lats), lon0 + 180, 90 if north else max(lats)
        )
    return Extent(min(lons), min(lats), max(lons), max(lats))
