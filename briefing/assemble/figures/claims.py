"""render (figures): contested numbers over time, one series per claimant.

Each claimant keeps one colour, one marker shape and one dash pattern, so the
series stay apart in greyscale. A range is a vertical bar; a qualifier is shown
as a sign beside the point (≥ at least, > more than, ≈ about, ≤ up to, < fewer than);
a date known only to the month is plotted on its first day with a hollow marker
and left out of the claimant's line, since its order against other dates is unknown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine

from briefing.assemble.figures.axes import (
    DateMarker,
    DateScale,
    draw_date_axis,
    draw_markers,
    draw_value_grid,
    format_number,
    nice_ticks,
)
from briefing.assemble.figures.data import Claim
from briefing.assemble.figures.style import (
    GREY,
    INK,
    PAGE_WIDTH,
    SANS,
    ensure_fonts,
    label,
    marker,
    series_style,
    text_width,
    wrap,
)
from briefing.assemble.figures.words import MIN_CLAIMS, claimant_order, claims_drawable

SIGNS = {"at least": "≥", "more than": ">", "about": "≈", "up to": "≤", "fewer than": "<"}
"""The sign drawn beside a point for each qualifier; `exactly` has none."""
SIZE = 6.8


def claims_chart(
    claims: Sequence[Claim],
    *,
    unit: str = "",
    markers: Sequence[DateMarker] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    width: float = PAGE_WIDTH,
    plot_height: float = 150.0,
    min_claims: int = MIN_CLAIMS,
) -> Drawing | None:
    """Value against as-of date per claimant; None with fewer than `min_claims` claims."""
    if not claims_drawable(claims, min_claims=min_claims):
        return None
    ensure_fonts()
    names = claimant_order(claims)
    first, last = min(c.date for c in claims), max(c.date for c in claims)
    pad = dt.timedelta(days=max(2, (last - first).days // 25))
    scale_start, scale_end = start or first - pad, end or last + pad
    legend, legend_height = _legend(claims, names, width)
    axis_y = legend_height + 10 + SIZE + 6
    # headroom over the highest claim, for its sign and the marker labels above the plot
    ticks = nice_ticks(1.06 * max(c.high if c.high is not None else c.low for c in claims))
    top = axis_y + plot_height

    def y_of(value: float) -> float:
        return axis_y + plot_height * value / ticks[-1]

    group = Group()
    left = 8 + max(text_width(format_number(t), SANS, SIZE) for t in ticks)
    scale = DateScale(scale_start, scale_end, left, width - 10)
    draw_value_grid(group, ticks, scale.x0, scale.x1, y_of, size=SIZE)
    draw_date_axis(group, scale, axis_y, size=SIZE)
    marker_height = draw_markers(group, markers, scale, axis_y, top)
    _plot(group, claims, names, scale, y_of)
    group.add(legend)
    heading_y = top + marker_height + 4
    if unit:
        group.add(label(0, heading_y, unit, size=SIZE, color=GREY))
    drawing = Drawing(width, heading_y + SIZE + 2)
    drawing.add(group)
    return drawing


def _plot(
    group: Group, claims: Sequence[Claim], names: list[str], scale: DateScale, y_of: object
) -> None:
    """Lines first, then range bars, markers and signs, so markers sit on top."""
    seen: list[tuple[float, float]] = []
    points: list[tuple[Claim, int, float]] = []
    for claim in sorted(claims, key=lambda c: (c.date, names.index(c.claimant), c.low)):
        x = scale(claim.date)
        y = y_of(claim.middle)  # type: ignore[operator]
        while any(abs(x - sx) < 4.5 and abs(y - sy) < 6 for sx, sy in seen):
            x += 4.5  # same day and value from two claimants: set side by side, not on top
        seen.append((x, y))
        points.append((claim, names.index(claim.claimant), x))
    for index in range(len(names)):
        color, _, dash = series_style(index)
        # only day-precise claims are joined: a month-only date has no place in the order
        own = [(x, y_of(c.middle)) for c, i, x in points if i == index and c.precision == "day"]  # type: ignore[operator]
        if len(own) > 1:
            flat = [v for point in own for v in point]
            group.add(PolyLine(flat, strokeColor=color, strokeWidth=1.1, strokeDashArray=dash))
    for claim, index, x in points:
        color, shape, _ = series_style(index)
        if claim.high is not None:
            y0, y1 = y_of(claim.low), y_of(claim.high)  # type: ignore[operator]
            group.add(Line(x, y0, x, y1, strokeColor=color, strokeWidth=1.4))
            for cap in (y0, y1):
                group.add(Line(x - 2.5, cap, x + 2.5, cap, strokeColor=color, strokeWidth=1.1))
        y = y_of(claim.middle)  # type: ignore[operator]
        group.add(marker(shape, x, y, 5.2, color, hollow=claim.precision != "day"))
        sign = SIGNS.get(claim.qualifier)
        if sign:
            group.add(label(x + 4, y + 1.5, sign, size=SIZE + 0.4, color=INK, halo=True))


def _legend(claims: Sequence[Claim], names: list[str], width: float) -> tuple[Group, float]:
    """Claimants in two columns (wrapped), then a line explaining signs, bars and hollow markers."""
    group = Group()
    columns = 2 if width > 300 else 1
    column_width = (width - 12 * (columns - 1)) / columns
    sample = 24
    entries = [wrap(name, SANS, SIZE, column_width - sample - 6) for name in names]
    notes = []
    used = {c.qualifier for c in claims}
    notes += [f"{sign} {q}" for q, sign in SIGNS.items() if q in used]
    if any(c.high is not None for c in claims):
        notes.append("bar: a range")
    if any(c.precision != "day" for c in claims):
        notes.append(
            "hollow symbol: date known only to the month or year, drawn on its first day, not joined"
        )
    note_lines = wrap(" · ".join(notes), SANS, SIZE - 0.4, width) if notes else []
    line = SIZE * 1.25
    rows = [entries[i : i + columns] for i in range(0, len(entries), columns)]
    height = sum(max(len(e) for e in row) * line + 3 for row in rows) + len(note_lines) * line
    y = height - SIZE
    for row_index, row in enumerate(rows):
        for column, lines in enumerate(row):
            index = row_index * columns + column
            color, shape, dash = series_style(index)
            x = column * (column_width + 12)
            group.add(
                Line(
                    x,
                    y + 2.4,
                    x + sample,
                    y + 2.4,
                    strokeColor=color,
                    strokeWidth=1.1,
                    strokeDashArray=dash,
                )
            )
            group.add(marker(shape, x + sample / 2, y + 2.4, 5.2, color))
            for offset, text in enumerate(lines):
                group.add(label(x + sample + 6, y - offset * line, text, size=SIZE))
        y -= max(len(e) for e in row) * line + 3
    for text in note_lines:
        group.add(label(0, y, text, size=SIZE - 0.4, color=GREY))
        y -= line
    return group, height
