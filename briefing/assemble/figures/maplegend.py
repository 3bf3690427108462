"""render (figures): the locator map's legend: what each symbol, line and tint stands for.

Only what the map draws gets a line: a kind of mark no drawn place carries, or a layer,
is left out. The lines are split into columns of about equal height.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Group, Line, Rect
from reportlab.lib.colors import Color, white

from briefing.assemble.figures.data import MapPlace
from briefing.assemble.figures.mapdata import MapLayer, MarkKind
from briefing.assemble.figures.maplayers import WATER, layer_style
from briefing.assemble.figures.mapplaces import symbol
from briefing.assemble.figures.mapwords import latest_kind, layer_text
from briefing.assemble.figures.style import GREY, INK, SANS, SANS_OBLIQUE, label, wrap
from briefing.i18n import words

SIZE = 6.8
"""The legend's type size, as the labels'."""
GAP = 10.0
"""Points between columns."""


@dataclass(frozen=True)
class Layout:
    """Where the legend goes: its top left corner, width, height (0: as tall as it needs)
    and how many columns at most."""

    x: float
    y: float
    width: float
    height: float
    columns: int


@dataclass(frozen=True)
class Entry:
    """One line of the legend: its sample (`symbol:0`, `point`, `layer:1`...) and its text."""

    sample: str
    text: str


def legend_entries(
    places: Sequence[MapPlace],
    *,
    kinds: Sequence[MarkKind],
    layers: Sequence[MapLayer],
    detail: bool,
    keyed: Sequence[tuple[int, str]],
    language: str,
    inset: bool = False,
) -> list[Entry]:
    """The legend's lines for what is drawn, in the briefing's language."""
    w = words(language)
    shown = {latest_kind(p) for p in places if p.kind == "point"}
    entries = []
    if None in shown:
        # i18n: the map's legend, beside the dot of a place with no mark
        entries.append(Entry("point", w.gettext("Place")))
    entries += [Entry(f"symbol:{i}", k.label) for i, k in enumerate(kinds) if k.id in shown]
    if any(len({m.kind for m in p.marks}) > 1 for p in places if p.kind == "point"):
        entries.append(
            Entry("text", w.gettext("A place marked more than once shows its latest mark."))
        )
    if any(p.kind == "area" for p in places):
        entries.append(Entry("area", w.gettext("Area (name in italics)")))
    entries += [
        Entry(f"{'line' if layer.lines else 'tint'}:{i}", layer_text(layer, w))
        for i, layer in enumerate(layers)
    ]
    if any(len(p.names) > 1 for p in places):
        entries.append(
            Entry(
                "text",
                w.gettext(
                    "Labels give the briefing's name, then each party's name where it differs."
                ),
            )
        )
    if detail:
        entries.append(Entry("frame", w.gettext("Area of the larger-scale map")))
    if inset:
        # i18n: the map's legend: the small map in a corner, with the main map's area outlined
        entries.append(Entry("inset", w.gettext("Inset: the wider area, with the map's area")))
    entries += [Entry("key", f"{n}  {text}") for n, text in keyed]
    return entries


def draw_legend(layout: Layout, entries: Sequence[Entry]) -> Group:
    """The entries top-down from the layout's top edge, in columns of about equal height."""
    columns = max(1, min(layout.columns, len(entries)))
    column_width = (layout.width - GAP * (columns - 1)) / columns
    blocks = [_lines(entry, column_width) for entry in entries]
    heights = [len(lines) * SIZE * 1.25 + 2 for lines in blocks]
    group = Group()
    top = layout.y + layout.height if layout.height else layout.y
    for column, (first, last) in enumerate(_split(heights, columns)):
        x = layout.x + column * (column_width + GAP)
        y = top - SIZE
        for entry, lines in zip(entries[first:last], blocks[first:last], strict=True):
            _sample(group, entry.sample, x, y)
            indent = 0 if entry.sample in ("text", "key") else 12
            for line in lines:
                group.add(label(x + indent, y, line, size=SIZE, color=INK))
                y -= SIZE * 1.25
            y -= 2
    return group


def _lines(entry: Entry, width: float) -> list[str]:
    indent = 0 if entry.sample in ("text", "key") else 12
    return wrap(entry.text, SANS, SIZE, width - indent) or [""]


def _split(heights: Sequence[float], columns: int) -> list[tuple[int, int]]:
    """Consecutive runs of entries, one per column, with the tallest column as short as can be."""
    best: tuple[float, list[tuple[int, int]]] | None = None

    def runs(start: int, left: int) -> list[list[tuple[int, int]]]:
        if left == 1:
            return [[(start, len(heights))]]
        return [
            [(start, cut), *rest]
            for cut in range(start + 1, len(heights) - left + 2)
            for rest in runs(cut, left - 1)
        ]

    for option in runs(0, columns):
        tallest = max(sum(heights[a:b]) for a, b in option)
        if best is None or tallest < best[0] - 0.01:
            best = (tallest, option)
    assert best is not None
    return best[1]


def _sample(group: Group, sample: str, x: float, y: float) -> None:
    """The symbol, line or tint an entry explains, left of its text."""
    kind, _, index = sample.partition(":")
    if kind == "point":
        group.add(symbol(None, x + 4, y + 2.3))
    elif kind == "symbol":
        group.add(symbol(int(index), x + 4, y + 2.3))
    elif kind == "area":
        group.add(label(x, y, "Ab", size=SIZE, font=SANS_OBLIQUE, color=GREY))
    elif kind == "frame":
        group.add(Rect(x, y - 0.5, 8, 6, fillColor=None, strokeWidth=0.9))
    elif kind == "inset":
        group.add(Rect(x, y - 1, 9, 7.5, fillColor=WATER, strokeWidth=0.6))
        group.add(Rect(x + 3, y + 1.5, 3, 2.5, fillColor=None, strokeWidth=0.9))
    elif kind == "line":
        color, dashes = layer_style(int(index))
        group.add(Line(x, y + 2.3, x + 9, y + 2.3, strokeColor=white, strokeWidth=3.0))
        group.add(
            Line(
                x,
                y + 2.3,
                x + 9,
                y + 2.3,
                strokeColor=color,
                strokeWidth=1.5,
                strokeDashArray=dashes,
            )
        )
    elif kind == "tint":
        color, dashes = layer_style(int(index))
        tint = Color(color.red, color.green, color.blue, alpha=0.18)
        group.add(
            Rect(
                x,
                y - 0.5,
                9,
                6,
                fillColor=tint,
                strokeColor=color,
                strokeWidth=0.9,
                strokeDashArray=dashes,
            )
        )
