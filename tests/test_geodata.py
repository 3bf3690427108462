"""The world outlines in briefing/geodata/ and the pure parts of tools/extract_outlines.py."""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from briefing.load.geo import MAX_GEOJSON_BYTES, Outline, load_outlines

ROOT = Path(__file__).resolve().parents[1]
COUNTRIES = ROOT / "briefing" / "geodata" / "countries.geojson"
MAX_BYTES = 1_600_000  # the caps briefing/geodata/README.md gives
MAX_GZIP_BYTES = 540_000
KNOWN = {"FRA", "ESP", "TON", "NRU", "FJI", "RUS", "NZL", "BRA", "CHL", "TUV", "MDV", "VAT"}


def load_tool() -> ModuleType:
    """tools/ is no package: load the script by path (it needs pyshp only to read shapefiles)."""
    spec = importlib.util.spec_from_file_location(
        "extract_outlines", ROOT / "tools" / "extract_outlines.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tool = load_tool()


@pytest.fixture(scope="module")
def outlines() -> dict[str, Outline]:
    """The shipped world outlines, read as the build reads them, by code."""
    return {o.iso_a3: o for o in load_outlines(COUNTRIES)}


def points(outline: Outline) -> set[tuple[float, float]]:
    """Every vertex of a country."""
    return {p for polygon in outline.polygons for ring in polygon for p in ring}


def test_the_world_file_stays_compact() -> None:
    size = COUNTRIES.stat().st_size
    assert size < MAX_BYTES < MAX_GEOJSON_BYTES
    assert len(gzip.compress(COUNTRIES.read_bytes())) < MAX_GZIP_BYTES


def test_every_country_has_a_name_and_a_three_letter_code(outlines: dict[str, Outline]) -> None:
    data = json.loads(COUNTRIES.read_text(encoding="utf-8"))
    assert all(set(f["properties"]) == {"name", "iso_a3"} for f in data["features"])
    assert len(outlines) == len(data["features"]) > 240  # one feature per code
    for code, outline in outlines.items():
        assert outline.name.strip(), code
        assert len(code) == 3 and code.isalpha() and code.isupper(), code
        assert outline.polygons, code


def test_known_countries_and_small_island_states_are_there(
    outlines: dict[str, Outline],
) -> None:
    missing = KNOWN - set(outlines)
    assert not missing
    assert outlines["FRA"].name == "France" and outlines["NRU"].name == "Nauru"
    assert outlines["CHN"].name == "China"  # not Natural Earth's formal name


def test_coordinates_are_longitude_latitude_in_range(outlines: dict[str, Outline]) -> None:
    for outline in outlines.values():
        for x, y in points(outline):
            assert -180 <= x <= 180 and -90 <= y <= 90, outline.iso_a3


def test_rings_are_closed_and_wound_as_rfc_7946_says(outlines: dict[str, Outline]) -> None:
    for outline in outlines.values():
        for polygon in outline.polygons:
            for index, ring in enumerate(polygon):
                assert len(ring) >= 4 and ring[0] == ring[-1], outline.iso_a3
                assert (tool.signed_area(ring) > 0) == (index == 0), outline.iso_a3


def test_the_antimeridian_splits_polygons_as_natural_earth_does(
    outlines: dict[str, Outline],
) -> None:
    for code in ("FJI", "RUS"):
        outers = [polygon[0] for polygon in outlines[code].polygons]
        assert any(max(x for x, _ in ring) == 180 for ring in outers), code
        assert any(min(x for x, _ in ring) == -180 for ring in outers), code
    for outline in outlines.values():
        if outline.iso_a3 == "ATA":
            continue  # Antarctica's one ring runs round the pole, from 180° to -180° along -90°
        for polygon in outline.polygons:
            for ring in polygon:
                xs = [x for x, _ in ring]
                assert max(xs) - min(xs) <= 180, outline.iso_a3


def test_neighbours_share_their_border_points(outlines: dict[str, Outline]) -> None:
    assert len(points(outlines["FRA"]) & points(outlines["ESP"])) > 20
    assert len(points(outlines["ZAF"]) & points(outlines["LSO"])) > 20  # a hole and its fill
    assert len(points(outlines["USA"]) & points(outlines["CAN"])) > 50


def test_a_box_is_parsed_and_split_at_the_antimeridian() -> None:
    assert tool.parse_box("37.5,35.5,51,44") == (37.5, 35.5, 51.0, 44.0)
    assert tool.split_box((37.5, 35.5, 51.0, 44.0)) == [(37.5, 35.5, 51.0, 44.0)]
    across = tool.parse_box("170,-20,-170,-10")
    assert tool.split_box(across) == [(170.0, -20.0, 180.0, -10.0), (-180.0, -20.0, -170.0, -10.0)]
    for bad in ("1,2,3", "a,b,c,d", "10,0,10,5", "0,5,10,5", "0,-91,10,5", "190,0,200,5"):
        with pytest.raises(argparse.ArgumentTypeError):
            tool.parse_box(bad)


def test_country_codes_are_parsed_and_checked() -> None:
    assert tool.parse_codes("arm, AZE,GEO") == {"ARM", "AZE", "GEO"}
    for bad in ("", "AR", "ARM,12X"):
        with pytest.raises(argparse.ArgumentTypeError):
            tool.parse_codes(bad)


def test_codes_and_names_come_from_natural_earth_fields() -> None:
    kosovo = {"ISO_A3": "-99", "ADM0_A3": "KOS", "NAME_EN": "Kosovo", "NAME": "Kosovo"}
    france = {"ISO_A3": "-99", "ADM0_A3": "FRA", "NAME_EN": "France"}
    palestine = {"ISO_A3": "PSE", "ADM0_A3": "PSX", "NAME_EN": "Palestine"}
    assert tool.country_code(kosovo) == ("KOS", "KOS")
    assert tool.country_code(france) == ("FRA", "FRA")
    assert tool.country_code(palestine) == ("PSE", "PSX")
    assert tool.country_code({"iso_a3": "FJI", "name": "Fiji"}) == ("FJI", "FJI")
    assert tool.country_name({"NAME_EN": "People's Republic of China"}, "CHN") == "China"
    assert tool.country_name({"NAME": "S. Sudan", "NAME_EN": "South Sudan"}, "SSD") == "South Sudan"
    assert tool.country_name({"name": "Fiji"}, "FJI") == "Fiji"


def square(x: float, y: float, size: float) -> list[tuple[float, float]]:
    """A closed square clockwise, as shapefiles store outer rings."""
    return [(x, y), (x, y + size), (x + size, y + size), (x + size, y), (x, y)]


def island(x: float, y: float, size: float) -> list[tuple[float, float]]:
    """A closed five-sided island clockwise: a square would survive as its own corners."""
    top = (x + size * 0.6, y + size * 1.2)
    return [(x, y), (x, y + size), top, (x + size, y + size), (x + size, y), (x, y)]


LEFT = [(0.0, 0.0), (1.0, 0.0), (1.0, 0.3), (1.01, 0.5), (1.0, 0.7), (1.0, 1.0), (0.0, 1.0)]
RIGHT = [(1.0, 0.0), (2.0, 0.0), (2.0, 1.0), (1.0, 1.0), (1.0, 0.7), (1.01, 0.5), (1.0, 0.3)]


@pytest.mark.parametrize("ground", [False, True])
def test_shared_border_simplification_keeps_neighbours_meeting(ground: bool) -> None:
    left, right = ([*ring, ring[0]] for ring in (LEFT, RIGHT))
    a, b = tool.simplify_shared([left, right], 0.05, ground)
    border = {p for p in a if p[0] in (1.0, 1.01)}
    assert border == {p for p in b if p[0] in (1.0, 1.01)}
    assert (1.01, 0.5) not in border  # the wiggle is under the tolerance
    assert {(1.0, 0.0), (1.0, 1.0)} <= border  # where the border meets the coast


def test_ground_tolerance_keeps_less_longitude_detail_far_north() -> None:
    north = [(0.0, 70.0), (0.5, 70.0 + 0.02), (1.0, 70.0)]  # a 0.02° bump, eastwards
    assert len(tool.douglas_peucker(north, 0.01)) == 3
    north_east = [(0.0, 70.0), (0.03, 70.5), (0.0, 71.0)]  # 0.03° of longitude at 70°N
    assert len(tool.douglas_peucker(north_east, 0.015)) == 3
    assert len(tool.douglas_peucker(north_east, 0.015, ground=True)) == 2


def test_points_on_the_antimeridian_stay_so_both_sides_still_line_up() -> None:
    east = [
        (179.0, 0.0),
        (179.9, 0.0),
        (180.0, 0.05),
        (180.0, 0.5),
        (180.0, 0.95),
        (179.9, 1.0),
        (179.0, 1.0),
        (179.0, 0.0),
    ]
    west = [(-180.0, 0.05), (-179.0, 0.0), (-179.0, 1.0), (-180.0, 0.95), (-180.0, 0.05)]
    a, b = tool.simplify_shared([east, west], 0.2)
    assert {y for x, y in a if x == 180} == {y for x, y in b if x == -180} == {0.05, 0.95}


def test_a_clip_box_across_the_antimeridian_keeps_both_sides() -> None:
    countries = {
        "EEE": ("East", [[square(178.0, -18.0, 2.0)]]),
        "WWW": ("West", [[square(-180.0, -18.0, 1.5)]]),
        "FAR": ("Far", [[square(10.0, -18.0, 2.0)]]),
    }
    collection = tool.extract(countries, (179.0, -20.0, -179.0, -10.0), 0.01)
    features = {f["properties"]["iso_a3"]: f for f in collection["features"]}
    assert set(features) == {"EEE", "WWW"}
    assert collection["bbox"] == [179.0, -20.0, -179.0, -10.0]
    east = [p for poly in features["EEE"]["geometry"]["coordinates"] for r in poly for p in r]
    west = [p for poly in features["WWW"]["geometry"]["coordinates"] for r in poly for p in r]
    assert {x for x, _ in east} == {179.0, 180.0}
    assert {x for x, _ in west} == {-180.0, -179.0}


def test_small_islands_are_dropped_but_never_a_countrys_only_land() -> None:
    countries = {
        "BIG": ("Big", [[island(0.0, 0.0, 1.0)], [island(3.0, 0.0, 0.004)]]),
        "TNY": ("Tiny", [[island(5.0, 0.0, 0.004)]]),
        "MID": ("Middle", [[island(7.0, 0.0, 2.0)], [island(12.0, 0.0, 0.02)]]),
    }
    kept = {
        f["properties"]["iso_a3"]: len(f["geometry"]["coordinates"])
        for f in tool.extract(countries, None, 0.025, min_area_km2=2.0)["features"]
    }
    assert kept == {"BIG": 1, "TNY": 1, "MID": 2}  # 0.02° square, about 5 km²: a sketch stays
    default = {
        f["properties"]["iso_a3"]: len(f["geometry"]["coordinates"])
        for f in tool.extract(countries, None, 0.025)["features"]
    }
    assert default == {"BIG": 1, "TNY": 1, "MID": 1}  # without --min-area: under tolerance²


def test_rounding_that_collapses_a_ring_empties_it() -> None:
    assert tool.rounded([(0.0001, 0.0), (0.0002, 0.0001), (0.0, 0.0002), (0.0001, 0.0)], 3) == []
    assert tool.rounded([(0.0, 0.0), (1.0004, 0.0), (0.0, 1.0), (0.0, 0.0)], 3) == [
        (0.0, 0.0),
        (1.0, 0.0),
        (0.0, 1.0),
        (0.0, 0.0),
    ]


@pytest.mark.parametrize(
    "argv", [[], ["--world", "--box", "0,0,1,1"], ["--world", "--countries", "FRA"]]
)
def test_the_command_line_asks_for_one_selection(argv: list[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        tool.main(["source.whl", "--out", "out.geojson", *argv])
    assert stop.value.code == 2
