"""render (figures): place symbols and their labels on one map panel, never overlapping.

Most constrained place first; each label tries positions around its point, then
two lines, then further out with a leader, then a smaller size; a place nothing
fits gets a number and a line in the legend's key. No label crosses a border, a
layer's line or the panel's frame.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from reportlab.graphics.shapes import Group, Line, Shape
from reportlab.lib.colors import Color, HexColor

from briefing.assemble.figures.clip import Segment, clip_segment
from briefing.assemble.figures.data import MapPlace
from briefing.assemble.figures.geo import Projection
from briefing.assemble.figures.labels import Box, Placed, Placer, TextBlock, candidates
from briefing.assemble.figures.mapwords import latest_kind
from briefing.assemble.figures.style import (
    GREY,
    INK,
    SANS,
    SANS_OBLIQUE,
    label,
    marker,
    text_extent,
)
from briefing.load.geo import Point

SYMBOL = 4.0  # point symbol size, in points
KIND_SYMBOLS: list[tuple[str, Color, bool]] = [
    ("diamond", HexColor("#b2182b"), True),
    ("square", HexColor("#2166ac"), True),
    ("triangle", HexColor("#1b7837"), True),
    ("triangle-down", HexColor("#762a83"), True),
    ("diamond", HexColor("#e08214"), False),
    ("square", HexColor("#4d4d4d"), False),
]
"""One symbol per kind of mark, in the order the briefing declares the kinds: shape and
colour both differ, so the kinds part in greyscale too."""


def symbol(kind_index: int | None, x: float, y: float, *, scale: float = 1.0) -> Shape:
    """A place's symbol: a small dot, or its latest mark's kind's own shape."""
    if kind_index is None:
        return marker("circle", x, y, SYMBOL * 0.8 * scale, INK)
    shape, color, hollow = KIND_SYMBOLS[kind_index % len(KIND_SYMBOLS)]
    return marker(shape, x, y, (SYMBOL + 0.6) * scale, color, hollow=hollow)


class MapPlacer(Placer):
    """A Placer that also keeps labels off lines (borders, the content's layers), with what
    is taken and the lines filed by grid cell, so a test looks only at its neighbours."""

    def __init__(self, bounds: Box, lines: Sequence[Segment] = (), *, cell: float = 16.0) -> None:
        super().__init__(bounds)
        self.cell = cell
        self.grid: dict[tuple[int, int], list[Segment]] = defaultdict(list)
        self.boxes: dict[tuple[int, int], list[Box]] = defaultdict(list)
        for a, b in lines:
            for key in self._cells(_around(a, b)):
                self.grid[key].append((a, b))

    def _cells(self, box: Box) -> list[tuple[int, int]]:
        c = self.cell
        return [
            (i, j)
            for i in range(int(box.x0 // c), int(box.x1 // c) + 1)
            for j in range(int(box.y0 // c), int(box.y1 // c) + 1)
        ]

    def block(self, box: Box) -> None:
        """Mark an area as taken."""
        super().block(box)
        for key in self._cells(box):
            self.boxes[key].append(box)

    def room(self, point: Point, cap: float) -> float:
        """The squared distance from the point to the nearest thing taken, at most cap²:
        country names go where the map is emptiest."""
        x, y = point
        near = self._cells(Box(x - cap, y - cap, x + cap, y + cap))
        squares = (
            max(b.x0 - x, 0, x - b.x1) ** 2 + max(b.y0 - y, 0, y - b.y1) ** 2
            for key in near
            for b in self.boxes.get(key, ())
        )
        return min(min(squares, default=cap**2), cap**2)

    def crosses_line(self, box: Box) -> bool:
        """True when any line passes through the box."""
        bounds = (box.x0, box.y0, box.x1, box.y1)
        return any(
            clip_segment(a, b, bounds) is not None
            for key in self._cells(box)
            for a, b in self.grid.get(key, ())
        )

    def fits(self, placed: Placed, *, pad: float = 0.8) -> bool:
        """As Placer.fits (inside the bounds, clear of everything taken, a leader crossing
        nothing taken), and clear of every line by half a point."""
        if not placed.box.inside(self.bounds):
            return False
        box = placed.box.grown(pad)
        if any(box.overlaps(o) for key in self._cells(box) for o in self.boxes.get(key, ())):
            return False
        if placed.leader is not None:
            (ax, ay), (bx, by) = placed.leader
            start = (ax + (bx - ax) * 0.15, ay + (by - ay) * 0.15)  # leave the own symbol
            near = {
                id(o): o
                for k in self._cells(_around(start, (bx, by)))
                for o in self.boxes.get(k, ())
            }
            if any(o.crosses(start, (bx, by)) for o in near.values()):
                return False
        return not self.crosses_line(placed.box.grown(0.5))


def _around(a: Point, b: Point) -> Box:
    return Box(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1]))


def _blocks(place: MapPlace, size: float) -> list[TextBlock]:
    """The label one line, then two lines (the other side's names under the briefing's)."""
    font = SANS_OBLIQUE if place.kind == "area" else SANS
    one = TextBlock((place.label,), size, font)
    if len(place.names) < 2:
        return [one]
    return [one, TextBlock((place.names[0] + " /", " / ".join(place.names[1:])), size, font)]


def draw_panel(
    places: Sequence[MapPlace],
    projection: Projection,
    placer: Placer,
    *,
    kinds: Sequence[str],
    size: float,
    first_key: int,
) -> tuple[Group, list[tuple[int, str]]]:
    """Symbols and non-overlapping labels; a numbered key only for labels nothing else fits.

    `kinds` are the ids of the marks' kinds in legend order: a place's symbol is its
    latest mark's kind's."""
    symbols = Group()
    points = {p.id: projection(p.lon, p.lat) for p in places}
    for place in places:
        x, y = points[place.id]
        if place.kind == "point":
            placer.block(Box(x - SYMBOL / 2, y - SYMBOL / 2, x + SYMBOL / 2, y + SYMBOL / 2))
            kind = latest_kind(place)
            symbols.add(symbol(kinds.index(kind) if kind in kinds else None, x, y))
    done: dict[str, tuple[Placed, TextBlock]] = {}
    clearance = SYMBOL / 2 + 1.2
    passes = [(size, False, 0), (size, False, 1), (size, True, 0), (size, True, 1)]
    passes += [(size - 1, False, 0), (size - 1, False, 1), (size - 1, True, 0), (size - 1, True, 1)]
    for pass_size, far, variant in passes:
        waiting = {p.id: p for p in places if p.id not in done}
        blocks = {
            p.id: _blocks(p, pass_size)[min(variant, len(_blocks(p, pass_size)) - 1)]
            for p in waiting.values()
        }
        free = {
            i: _count_free(placer, *points[i], blocks[i], clearance, far, p.kind)
            for i, p in waiting.items()
        }
        while waiting:
            # most constrained first: the place with the fewest positions still free
            options = [(n, i) for i, n in free.items() if n > 0]
            if not options:
                break
            _, ident = min(options)
            place, block = waiting.pop(ident), blocks[ident]
            del free[ident]
            placed = _first_fit(placer, *points[ident], block, clearance, far, place.kind)
            assert placed is not None
            done[ident] = (placed, block)
            for other in free:  # only places whose labels could reach the new one count again
                reach = placed.box.grown(blocks[other].width + blocks[other].height + 30)
                x, y = points[other]
                if reach.x0 < x < reach.x1 and reach.y0 < y < reach.y1:
                    kind = waiting[other].kind
                    free[other] = _count_free(placer, x, y, blocks[other], clearance, far, kind)
    keyed: list[tuple[int, str]] = []
    for place in sorted((p for p in places if p.id not in done), key=lambda p: (-p.lat, p.lon)):
        number = first_key + len(keyed)
        block = TextBlock((str(number),), size - 0.5)
        x, y = points[place.id]
        placed = _first_fit(placer, x, y, block, clearance, True, "point")
        if placed is None:  # nowhere free at all: keep the symbol, name it in the key only
            keyed.append((number, place.label))
            continue
        done[place.id] = (placed, block)
        keyed.append((number, place.label))
    labels = Group()
    for place in places:
        if place.id not in done:
            continue
        placed, block = done[place.id]
        color = GREY if place.kind == "area" else INK
        if placed.leader is not None:
            (ax, ay), (bx, by) = placed.leader
            labels.add(Line(ax, ay, bx, by, strokeColor=GREY, strokeWidth=0.4))
        draw_block(labels, placed, block, color)
    return Group(symbols, labels), keyed


def _candidates_for(
    kind: str, x: float, y: float, block: TextBlock, clearance: float, far: bool
) -> list[Placed]:
    """Positions to try, best first: around a point, or on and near a region's centre."""
    if kind == "area":  # a region's name sits on its centre, nudged if it must be
        w, h = block.width, block.height
        out = []
        steps = [(0, 0), (0, 1), (0, -1), (1, 0), (-1, 0), (0, 2), (0, -2), (2, 0), (-2, 0)]
        if far:  # still over the area: up to half the name's width and two lines away
            steps += [(dx, dy) for dy in (1, -1, 2, -2) for dx in (1, -1, 2, -2)]
        for dx, dy in steps:
            cx, cy = x + dx * (w / 4 if far else 6), y + dy * (h if far else 4)
            out.append(Placed(Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), "middle", None))
        return out
    out = list(candidates(x, y, block, clearance=clearance, far=far))
    if not far:
        out += _slid(x, y, block, clearance)
    return out


def _slid(x: float, y: float, block: TextBlock, clearance: float) -> list[Placed]:
    """Labels slid along their point: above or below but off-centre, beside but higher or
    lower. Tried after the usual eight, they find room between borders in a narrow land."""
    w, h = block.width, block.height
    out = []
    for share in (0.15, 0.85):
        for y0 in (y + clearance, y - clearance - h):
            out.append(Placed(Box(x - w * share, y0, x - w * share + w, y0 + h), "start", None))
    for share in (0.15, 0.85):
        for x0, align in ((x + clearance, "start"), (x - clearance - w, "end")):
            out.append(Placed(Box(x0, y - h * share, x0 + w, y - h * share + h), align, None))
    return out


def _count_free(
    placer: Placer, x: float, y: float, block: TextBlock, clearance: float, far: bool, kind: str
) -> int:
    return sum(placer.fits(c) for c in _candidates_for(kind, x, y, block, clearance, far))


def _first_fit(
    placer: Placer, x: float, y: float, block: TextBlock, clearance: float, far: bool, kind: str
) -> Placed | None:
    for candidate in _candidates_for(kind, x, y, block, clearance, far):
        if placer.fits(candidate):
            placer.block(candidate.box)
            return candidate
    return None


def draw_block(group: Group, placed: Placed, block: TextBlock, color: Color) -> None:
    """Draw a placed label, each line haloed so it reads over borders and leaders."""
    ascent, _ = text_extent(block.font, block.size)
    box = placed.box
    x = {"start": box.x0, "end": box.x1, "middle": (box.x0 + box.x1) / 2}[placed.align]
    for i, line in enumerate(block.lines):
        baseline = box.y1 - ascent - i * block.line_height
        group.add(
            label(
                x,
                baseline,
                line,
                size=block.size,
                font=block.font,
                color=color,
                anchor=placed.align,
                halo=True,
            )
        )
