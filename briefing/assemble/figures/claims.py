"""render (figures): contested numbers over time, one series per claimant.

Each claimant keeps one colour, one marker shape and one dash pattern, so the
series stay apart in greyscale. A range is a vertical bar; a qualifier is shown
as a sign beside the point (≥ at least, > more than, ≈ about, ≤ up to, < fewer than);
a date known only to the month or the year is drawn as a bracket across that month
or year, its symbol hollow in the middle, and left out of the claimant's line, since
its order against other dates is unknown.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, PolyLine

from briefing.assemble.figures.axes import DateScale, draw_date_axis, draw_value_grid, nice_ticks
from briefing.assemble.figures.data import Claim, DateMarker, Span
from briefing.assemble.figures.keydates import (
    draw_bands,
    draw_key_legend,
    draw_markers,
    shown_markers,
)
from briefing.assemble.figures.spans import claims_span
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
from briefing.assemble.figures.words import (
    MIN_CLAIMS,
    claimant_order,
    claims_drawable,
    number_text,
    qualifier_words,
)
from briefing.i18n import Words, words

SIGNS = {"at least": "≥", "more than": ">", "about": "≈", "up to": "≤", "fewer than": "<"}
"""The sign drawn beside a point for each qualifier; `exactly` has none."""
SIZE = 6.8
SYMBOL = 5.2


def claims_chart(
    claims: Sequence[Claim],
    *,
    unit: str = "",
    markers: Sequence[DateMarker] = (),
    span: Span | None = None,
    language: str = "en",
    width: float = PAGE_WIDTH,
    plot_height: float = 150.0,
    min_claims: int = MIN_CLAIMS,
) -> Drawing | None:
    """Value against as-of date per claimant over `span` (from the claims when None);
    None with fewer than `min_claims` claims.

    The drawing's `chart.claims` group holds one group per claim, in date order."""
    if not claims_drawable(claims, min_claims=min_claims):
        return None
    ensure_fonts()
    w = words(language)
    span = span or claims_span(claims)
    names = claimant_order(claims)
    ticks = nice_ticks(1.06 * max(c.high if c.high is not None else c.low for c in claims))
    left = 8 + max(text_width(number_text(t, w), SANS, SIZE) for t in ticks)
    scale = DateScale(span.start, span.end, left, width - 10)
    shown = shown_markers(markers, scale)
    legend, legend_height = _legend(claims, names, shown, width, w)
    axis_y = legend_height + 10 + SIZE + 6
    top = axis_y + plot_height

    def y_of(value: float) -> float:
        return axis_y + plot_height * value / ticks[-1]

    group = Group()
    draw_bands(group, shown, scale, axis_y, top)
    draw_value_grid(group, ticks, scale.x0, scale.x1, y_of, language=language, size=SIZE)
    draw_date_axis(group, scale, axis_y, language=language, size=SIZE)
    marker_height = draw_markers(group, shown, scale, axis_y, top)
    _plot(group, claims, names, scale, y_of)
    group.add(legend)
    heading_y = top + marker_height + 4
    if unit:
        group.add(label(0, heading_y, unit, size=SIZE, color=GREY))
    drawing = Drawing(width, heading_y + SIZE + 2)
    drawing.add(group, name="chart")
    return drawing


def _x(claim: Claim, scale: DateScale) -> float:
    """A day's noon; the middle of a month or a year."""
    if claim.precision == "day":
        return scale(claim.date)
    return (scale(claim.date, fraction=0) + scale(claim.last, fraction=1)) / 2


def _plot(
    group: Group,
    claims: Sequence[Claim],
    names: list[str],
    scale: DateScale,
    y_of: Callable[[float], float],
) -> None:
    """Lines first, then one group per claim (range bar, date bracket, symbol, sign), so
    symbols sit on top."""
    seen: list[tuple[float, float]] = []
    points: list[tuple[Claim, int, float]] = []
    for claim in sorted(claims, key=lambda c: (c.date, c.last, names.index(c.claimant), c.low)):
        x = _x(claim, scale)
        y = y_of(claim.middle)
        while any(abs(x - sx) < 4.5 and abs(y - sy) < 6 for sx, sy in seen):
            x += 4.5  # same date and value from two claimants: set side by side, not on top
        seen.append((x, y))
        points.append((claim, names.index(claim.claimant), x))
    for index in range(len(names)):
        color, _, dash = series_style(index)
        # only day-precise claims are joined: a month or a year has no place in the order
        own = [(x, y_of(c.middle)) for c, i, x in points if i == index and c.precision == "day"]
        if len(own) > 1:
            flat = [v for point in own for v in point]
            group.add(PolyLine(flat, strokeColor=color, strokeWidth=1.1, strokeDashArray=dash))
    marks = Group()
    for claim, index, x in points:
        marks.add(_claim_mark(claim, index, x, scale, y_of))
    group.add(marks, name="claims")


def _claim_mark(
    claim: Claim, index: int, x: float, scale: DateScale, y_of: Callable[[float], float]
) -> Group:
    """One claim: its symbol, with a bar for a range and a bracket for a month or a year."""
    color, shape, _ = series_style(index)
    mark = Group()
    y = y_of(claim.middle)
    if claim.precision != "day":
        x0, x1 = scale(claim.date, fraction=0), scale(claim.last, fraction=1)
        mark.add(Line(x0, y, x1, y, strokeColor=color, strokeWidth=1.1), name="bracket")
        for end in (x0, x1):
            mark.add(Line(end, y - 3, end, y + 3, strokeColor=color, strokeWidth=1.1))
    if claim.high is not None:
        y0, y1 = y_of(claim.low), y_of(claim.high)
        mark.add(Line(x, y0, x, y1, strokeColor=color, strokeWidth=1.4), name="range")
        for cap in (y0, y1):
            mark.add(Line(x - 2.5, cap, x + 2.5, cap, strokeColor=color, strokeWidth=1.1))
    mark.add(marker(shape, x, y, SYMBOL, color, hollow=claim.precision != "day"), name="symbol")
    sign = SIGNS.get(claim.qualifier)
    if sign:
        mark.add(label(x + 4, y + 1.5, sign, size=SIZE + 0.4, color=INK, halo=True))
    return mark


def _notes(claims: Sequence[Claim], w: Words) -> list[str]:
    """What the signs, bars and brackets mean, only those the chart uses."""
    used = {c.qualifier for c in claims}
    notes = [f"{sign} {qualifier_words(q, w)}" for q, sign in SIGNS.items() if q in used]
    if any(c.high is not None for c in claims):
        notes.append(w.gettext("vertical bar: a range"))
    if any(c.precision != "day" for c in claims):
        notes.append(
            w.gettext(
                "bracket and hollow symbol: a date known only to the month or year, "
                "drawn across it and not joined"
            )
        )
    return notes


def _legend(
    claims: Sequence[Claim],
    names: list[str],
    shown: Sequence[DateMarker],
    width: float,
    w: Words,
) -> tuple[Group, float]:
    """Claimants in two columns (wrapped), then a line explaining signs, bars and brackets,
    then the kinds of key date when there are several."""
    group = Group()
    columns = 2 if width > 300 else 1
    column_width = (width - 12 * (columns - 1)) / columns
    sample = 24
    entries = [wrap(name, SANS, SIZE, column_width - sample - 6) for name in names]
    notes = _notes(claims, w)
    note_lines = wrap(" · ".join(notes), SANS, SIZE - 0.4, width) if notes else []
    line = SIZE * 1.25
    rows = [entries[i : i + columns] for i in range(0, len(entries), columns)]
    kinds = draw_key_legend(Group(), shown, 0, 0, width)  # measured here, drawn below
    height = (
        sum(max(len(e) for e in row) * line + 3 for row in rows) + len(note_lines) * line + kinds
    )
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
            group.add(marker(shape, x + sample / 2, y + 2.4, SYMBOL, color))
            for offset, text in enumerate(lines):
                group.add(label(x + sample + 6, y - offset * line, text, size=SIZE))
        y -= max(len(e) for e in row) * line + 3
    for text in note_lines:
        group.add(label(0, y, text, size=SIZE - 0.4, color=GREY))
        y -= line
    draw_key_legend(group, shown, 0, y, width)
    return group, height
