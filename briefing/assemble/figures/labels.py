"""render (figures): place labels without overlaps, trying positions around each point.

Cartographers' order of preference: right, left, above, below, then the
diagonals; then the same further out with a leader line. The caller falls back
to a smaller size or a numbered key only when nothing fits.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from reportlab.graphics.shapes import Rect

from briefing.assemble.figures.style import SANS, text_extent, text_width


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in page points."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: Box) -> bool:
        """True when the two rectangles share any area (touching edges do not count)."""
        return (
            self.x0 < other.x1 and other.x0 < self.x1 and self.y0 < other.y1 and other.y0 < self.y1
        )

    def inside(self, outer: Box) -> bool:
        """True when the rectangle lies wholly within `outer`."""
        return (
            self.x0 >= outer.x0
            and self.y0 >= outer.y0
            and self.x1 <= outer.x1
            and self.y1 <= outer.y1
        )

    def rect(self, **style: Any) -> Rect:
        """The rectangle as a reportlab shape, styled by keyword (fillColor, strokeWidth, ...)."""
        return Rect(self.x0, self.y0, self.x1 - self.x0, self.y1 - self.y0, **style)

    def grown(self, by: float) -> Box:
        """The rectangle with a margin of `by` points."""
        return Box(self.x0 - by, self.y0 - by, self.x1 + by, self.y1 + by)

    def crosses(self, a: tuple[float, float], b: tuple[float, float]) -> bool:
        """True when the segment a-b passes through the rectangle (sampled finely enough for leaders)."""
        steps = 24
        for i in range(1, steps):
            t = i / steps
            x, y = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
            if self.x0 < x < self.x1 and self.y0 < y < self.y1:
                return True
        return False


@dataclass(frozen=True)
class TextBlock:
    """Lines of text at one size: its measured width and height."""

    lines: tuple[str, ...]
    size: float
    font: str = SANS

    @property
    def line_height(self) -> float:
        """Baseline to baseline: the lines' own boxes touch but never overlap."""
        ascent, descent = text_extent(self.font, self.size)
        return ascent + descent + 0.1

    @property
    def width(self) -> float:
        """Widest line, in points."""
        return max(text_width(line, self.font, self.size) for line in self.lines)

    @property
    def height(self) -> float:
        """From the top line's ascent to the bottom line's descent."""
        ascent, descent = text_extent(self.font, self.size)
        return ascent + descent + self.line_height * (len(self.lines) - 1)


@dataclass(frozen=True)
class Placed:
    """Where a label went: its box, alignment, first baseline and leader line (if any)."""

    box: Box
    align: str  # start | middle | end
    leader: tuple[tuple[float, float], tuple[float, float]] | None


DIRECTIONS = [(1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)]


def candidates(
    x: float, y: float, block: TextBlock, *, clearance: float, far: bool
) -> Iterator[Placed]:
    """Boxes around the point (x, y): near ones first; with `far`, further out with a leader."""
    w, h = block.width, block.height
    rings = [clearance * 1.4, clearance * 3.2, clearance * 5.5] if far else [clearance]
    for ring_index, d in enumerate(rings):
        for dx, dy in DIRECTIONS:
            diagonal = dx != 0 and dy != 0
            gap = d * (0.75 if diagonal else 1)
            cx = x + dx * gap
            cy = y + dy * gap
            if dx > 0:
                x0 = cx
            elif dx < 0:
                x0 = cx - w
            else:
                x0 = cx - w / 2
            if dy > 0:
                y0 = cy
            elif dy < 0:
                y0 = cy - h
            else:
                y0 = cy - h / 2
            box = Box(x0, y0, x0 + w, y0 + h)
            align = "start" if dx > 0 else "end" if dx < 0 else "middle"
            leader = None
            if ring_index > 0 or far:
                near_x = min(max(x, box.x0), box.x1)
                near_y = min(max(y, box.y0), box.y1)
                leader = ((x, y), (near_x, near_y))
            yield Placed(box, align, leader)


class Placer:
    """Remembers the boxes already taken, inside one panel's bounds."""

    def __init__(self, bounds: Box) -> None:
        self.bounds = bounds
        self.taken: list[Box] = []

    def block(self, box: Box) -> None:
        """Mark an area as taken (a point symbol, a scale bar, a legend)."""
        self.taken.append(box)

    def fits(self, placed: Placed, *, pad: float = 0.8) -> bool:
        """True when the box is inside the bounds and clear of everything taken."""
        box = placed.box.grown(pad)
        if not placed.box.inside(self.bounds):
            return False
        if any(box.overlaps(other) for other in self.taken):
            return False
        if placed.leader is not None:
            (ax, ay), (bx, by) = placed.leader
            start = (ax + (bx - ax) * 0.15, ay + (by - ay) * 0.15)  # leave the own symbol
            if any(other.crosses(start, (bx, by)) for other in self.taken):
                return False
        return True
