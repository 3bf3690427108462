"""render (figures): the war at a glance, events per week by category, with the ceasefires marked.

One row per category, so a category is read from its row label, never from a
colour; each bar carries its count, and the bottom row gives each week's total.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, Rect
from reportlab.lib.colors import HexColor

from briefing.assemble.figures.axes import DateMarker, DateScale, draw_markers, short_date
from briefing.assemble.figures.data import TimelineEvent
from briefing.assemble.figures.style import (
    GREY,
    INK,
    PAGE_WIDTH,
    RULE,
    SANS_BOLD,
    ensure_fonts,
    label,
    text_width,
)
from briefing.assemble.figures.words import (
    CATEGORIES,
    WAR_END,
    WAR_START,
    counts,
    timeline_drawable,
    weeks,
)

BAR = HexColor("#3f6684")
SIZE = 6.8
ROW = 27.0


def timeline_chart(
    events: Sequence[TimelineEvent],
    markers: Sequence[DateMarker] = (),
    *,
    start: dt.date = WAR_START,
    end: dt.date = WAR_END,
    categories: Sequence[str] = CATEGORIES,
    width: float = PAGE_WIDTH,
    bin_days: int = 7,
) -> Drawing | None:
    """Bars of events per week in one row per category; None when no event falls in the span."""
    if not timeline_drawable(events, start=start, end=end):
        return None
    ensure_fonts()
    inside = [e for e in events if start <= e.date <= end]
    rows = list(categories) + sorted({e.category for e in inside} - set(categories))
    bins = weeks(start, end, bin_days)
    tally = counts(inside, start, end, bin_days)
    most = max(tally.values())
    names = [r.capitalize() for r in rows] + ["All"]
    left = max(text_width(n, SANS_BOLD, SIZE) for n in names) + 10
    scale = DateScale(start, end, left, width - 4)
    group = Group()
    axis_y = 2 * SIZE + 9  # week labels (and the short last week's length) under the axis
    totals_y = axis_y + 6  # the "All" row sits just above the axis
    body_y = totals_y + SIZE + 8
    top = body_y + ROW * len(rows)
    for index, (first, last) in enumerate(bins):  # light week bands help the eye along a row
        if index % 2:
            x0, x1 = scale(first, fraction=0), scale(last, fraction=1)
            group.add(
                Rect(
                    x0,
                    totals_y - 3,
                    x1 - x0,
                    top - totals_y + 3,
                    fillColor=HexColor("#f3f3f3"),
                    strokeColor=None,
                )
            )
    for row_index, category in enumerate(rows):
        y = top - ROW * (row_index + 1)
        group.add(Line(scale.x0, y, scale.x1, y, strokeColor=RULE, strokeWidth=0.4))
        group.add(label(left - 6, y + 3, names[row_index], size=SIZE, anchor="end"))
        for index, (first, last) in enumerate(bins):
            n = tally.get((category, index), 0)
            if not n:
                continue
            x0, x1 = scale(first, fraction=0) + 1.5, scale(last, fraction=1) - 1.5
            height = (ROW - SIZE - 6) * n / most
            group.add(Rect(x0, y, x1 - x0, height, fillColor=BAR, strokeColor=None))
            group.add(
                label((x0 + x1) / 2, y + height + 1.8, str(n), size=SIZE - 0.4, anchor="middle")
            )
    group.add(label(left - 6, totals_y, "All", size=SIZE, font=SANS_BOLD, anchor="end"))
    for index, (first, last) in enumerate(bins):
        total = sum(tally.get((c, index), 0) for c in rows)
        centre = (scale(first, fraction=0) + scale(last, fraction=1)) / 2
        group.add(label(centre, totals_y, str(total), size=SIZE, font=SANS_BOLD, anchor="middle"))
    group.add(Line(scale.x0, axis_y, scale.x1, axis_y, strokeColor=INK, strokeWidth=0.6))
    for first, _ in bins:
        x = scale(first, fraction=0)
        group.add(Line(x, axis_y, x, axis_y - 3, strokeColor=INK, strokeWidth=0.5))
        group.add(label(x, axis_y - 3 - SIZE, short_date(first), size=SIZE, anchor="start"))
    end_x = scale(bins[-1][1], fraction=1)
    group.add(Line(end_x, axis_y, end_x, axis_y - 3, strokeColor=INK, strokeWidth=0.5))
    short = (bins[-1][1] - bins[-1][0]).days + 1
    if short < bin_days:  # say so, or the last bar reads as a quiet week
        note = f"({short} day{'s' if short > 1 else ''})"
        x = scale(bins[-1][0], fraction=0)
        group.add(
            label(x, axis_y - 5 - 2 * SIZE, note, size=SIZE - 0.6, color=GREY, anchor="start")
        )
    used = draw_markers(group, markers, scale, totals_y - 3, top)
    drawing = Drawing(width, top + used + 2)
    drawing.add(group)
    return drawing
