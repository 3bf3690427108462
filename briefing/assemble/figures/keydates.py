"""render (figures): the briefing's key dates across the time charts, one line style per kind.

A key date known to the day is a dashed line; one known only to the month or the year is
a light band across it, under the data. Labels stack above the plot where they would
overlap, and a legend names the kinds when a chart shows more than one.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Group, Line, Rect
from reportlab.lib.colors import HexColor

from briefing.assemble.figures.axes import DateScale
from briefing.assemble.figures.data import DateMarker
from briefing.assemble.figures.labels import Box
from briefing.assemble.figures.style import GREY, INK, SANS, label, text_width

KEY_DASHES: list[list[float]] = [[3, 2], [6, 2, 1, 2], [1, 1.5], [8, 2.5]]
"""One line per kind of key date, in the order the kinds first appear."""
BAND = HexColor("#e6e6e6")


def key_dashes(markers: Sequence[DateMarker]) -> dict[str, list[float]]:
    """Each kind of key date's dash pattern, in the order the kinds first appear."""
    kinds: dict[str, list[float]] = {}
    for marker in markers:
        if marker.kind not in kinds:
            kinds[marker.kind] = KEY_DASHES[len(kinds) % len(KEY_DASHES)]
    return kinds


def shown_markers(markers: Sequence[DateMarker], scale: DateScale) -> list[DateMarker]:
    """The key dates that touch the scale's span, by date."""
    inside = [m for m in markers if m.last >= scale.start and m.date <= scale.end]
    return sorted(inside, key=lambda m: (m.date, m.last))


def draw_bands(
    group: Group, markers: Sequence[DateMarker], scale: DateScale, bottom: float, top: float
) -> None:
    """A light band across each key date known only to the month or the year: drawn first,
    under the grid and the data."""
    for marker in shown_markers(markers, scale):
        if marker.precision != "day":
            x0 = scale(max(marker.date, scale.start), fraction=0)
            x1 = scale(min(marker.last, scale.end), fraction=1)
            group.add(Rect(x0, bottom, x1 - x0, top - bottom, fillColor=BAND, strokeColor=None))


def draw_markers(
    group: Group,
    markers: Sequence[DateMarker],
    scale: DateScale,
    bottom: float,
    top: float,
    *,
    size: float = 6.5,
) -> float:
    """A dashed line per key date from `bottom` (from `top` over a month's or a year's band,
    see `draw_bands`), its label above `top`, stacked where labels would overlap. Returns
    the height the labels take above `top`."""
    shown = shown_markers(markers, scale)
    dashes = key_dashes(shown)
    rows: list[list[Box]] = []
    placed: list[tuple[DateMarker, float, int, str]] = []
    for marker in shown:
        x = (
            scale(marker.date)
            if marker.precision == "day"
            else (
                scale(max(marker.date, scale.start), fraction=0)
                + scale(min(marker.last, scale.end), fraction=1)
            )
            / 2
        )
        width = text_width(marker.label, SANS, size)
        anchor, x0 = "middle", x - width / 2
        if x0 < scale.x0 - 6:  # keep labels on the drawing near its edges
            anchor, x0 = "start", x - 2
        elif x + width / 2 > scale.x1 + 6:
            anchor, x0 = "end", x - width + 2
        box = Box(x0 - 2, 0, x0 + width + 2, 1)
        row = next(
            (i for i, r in enumerate(rows) if not any(box.overlaps(b) for b in r)), len(rows)
        )
        if row == len(rows):
            rows.append([])
        rows[row].append(box)
        placed.append((marker, x, row, anchor))
    line_height = size * 1.3
    for marker, x, row, anchor in placed:
        label_y = top + 3 + row * line_height
        group.add(
            Line(
                x,
                bottom if marker.precision == "day" else top,
                x,
                label_y - 1,
                strokeColor=GREY,
                strokeWidth=0.6,
                strokeDashArray=dashes[marker.kind],
            )
        )
        shift = {"start": -2, "end": 2, "middle": 0}[anchor]
        group.add(
            label(x + shift, label_y, marker.label, size=size, color=INK, anchor=anchor, halo=True)
        )
    return 3 + len(rows) * line_height if rows else 0


def draw_key_legend(
    group: Group,
    markers: Sequence[DateMarker],
    x: float,
    top: float,
    width: float,
    *,
    size: float = 6.4,
) -> float:
    """A line sample and label per kind of key date, side by side and wrapped, the first
    row's baseline at `top`; drawn only when the chart shows more than one kind. Returns
    the height of its rows."""
    dashes = key_dashes(markers)
    if len(dashes) < 2:
        return 0.0
    labels = {m.kind: m.kind_label or m.kind for m in markers}
    line = size * 1.4
    row, at = 0, x
    for kind, dash in dashes.items():
        room = 20 + text_width(labels[kind], SANS, size)
        if at > x and at + room > x + width:
            row, at = row + 1, x
        y = top - row * line
        group.add(
            Line(
                at,
                y + 2.2,
                at + 16,
                y + 2.2,
                strokeColor=GREY,
                strokeWidth=0.8,
                strokeDashArray=dash,
            )
        )
        group.add(label(at + 20, y, labels[kind], size=size, color=GREY))
        at += room + 12
    return (row + 1) * line
