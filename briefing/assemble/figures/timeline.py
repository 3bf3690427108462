"""render (figures): events at a glance, per day, week, month, year... by category, with key dates.

One row per category, so a category is read from its row label, never from a
colour; each bar carries its count, and the bottom row gives each bin's total. The
bins suit the span (`spans.bin_unit`); a week is labelled at its first day, any other bin
under its middle, as many as fit.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Line, Rect
from reportlab.lib.colors import HexColor

from briefing.assemble.figures.axes import DateScale
from briefing.assemble.figures.data import Category, DateMarker, Span, TimelineEvent
from briefing.assemble.figures.keydates import (
    draw_bands,
    draw_key_legend,
    draw_markers,
    shown_markers,
)
from briefing.assemble.figures.spans import Bin, Tally, events_span, tally
from briefing.assemble.figures.style import (
    GREY,
    INK,
    PAGE_WIDTH,
    RULE,
    SANS,
    SANS_BOLD,
    ensure_fonts,
    label,
    text_width,
)
from briefing.assemble.figures.words import bin_label, timeline_rows
from briefing.i18n import Words, words

BAR = HexColor("#3f6684")
SIZE = 6.8
ROW = 27.0
STRIDES = (1, 2, 3, 4, 6, 12, 24, 48)
"""Label every n-th bin, the smallest n whose labels fit; months in quarters, halves, years."""


def timeline_chart(
    events: Sequence[TimelineEvent],
    markers: Sequence[DateMarker] = (),
    *,
    span: Span | None = None,
    categories: Sequence[Category] = (),
    language: str = "en",
    width: float = PAGE_WIDTH,
) -> Drawing | None:
    """Bars of events per bin in one row per category; None when nothing is counted.

    The drawing's `chart.bars` group holds one rectangle per (category, bin) counted."""
    span = span or events_span(events)
    if span is None:
        return None
    counted = tally(events, span)
    if not counted.counts:
        return None
    ensure_fonts()
    w = words(language)
    rows = timeline_rows(categories, counted)
    names = [r.label for r in rows] + [w.gettext("All")]
    left = max(text_width(n, SANS_BOLD, SIZE) for n in names) + 10
    scale = DateScale(span.start, span.end, left, width - 4)
    shown = shown_markers(markers, scale)
    group = Group()
    probe = Group()  # measured first: the kinds of key date go under the axis
    key_height = draw_key_legend(probe, shown, left, 0, width - left)
    draw_key_legend(group, shown, left, key_height - SIZE * 1.4 + 2, width - left)
    axis_y = key_height + 2 * SIZE + 9  # bin labels (and a short bin's length) under the axis
    if key_height:
        axis_y += 4
    totals_y = axis_y + 6  # the "All" row sits just above the axis
    body_y = totals_y + SIZE + 8
    top = body_y + ROW * len(rows)
    bins = counted.bins
    for index, one in enumerate(bins):  # light stripes help the eye along a row
        if index % 2:
            x0, x1 = scale(one.first, fraction=0), scale(one.last, fraction=1)
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
    draw_bands(group, shown, scale, totals_y - 3, top)  # a month's or a year's key date
    bars = Group()
    most = max(counted.counts.values())
    for row_index, row in enumerate(rows):
        y = top - ROW * (row_index + 1)
        group.add(Line(scale.x0, y, scale.x1, y, strokeColor=RULE, strokeWidth=0.4))
        group.add(label(left - 6, y + 3, names[row_index], size=SIZE, anchor="end"))
        for index, one in enumerate(bins):
            n = counted.counts.get((row.id, index), 0)
            if not n:
                continue
            x0, x1 = _bar_edges(scale, one)
            height = (ROW - SIZE - 6) * n / most
            bars.add(Rect(x0, y, x1 - x0, height, fillColor=BAR, strokeColor=None))
            text = w.number(n)
            if text_width(text, SANS, SIZE - 0.4) <= x1 - x0 + 3:
                group.add(
                    label(
                        (x0 + x1) / 2,
                        y + height + 1.8,
                        text,
                        size=SIZE - 0.4,
                        anchor="middle",
                        halo=True,
                    )
                )
    group.add(bars, name="bars")
    group.add(label(left - 6, totals_y, names[-1], size=SIZE, font=SANS_BOLD, anchor="end"))
    for index, one in enumerate(bins):
        total = w.number(counted.bin_total(index))
        x0, x1 = _bar_edges(scale, one)
        if text_width(total, SANS_BOLD, SIZE) <= x1 - x0 + 3:
            group.add(
                label((x0 + x1) / 2, totals_y, total, size=SIZE, font=SANS_BOLD, anchor="middle")
            )
    _draw_bin_axis(group, scale, counted, axis_y, w)
    used = draw_markers(group, shown, scale, totals_y - 3, top)
    drawing = Drawing(width, top + used + 2)
    drawing.add(group, name="chart")
    return drawing


def _bar_edges(scale: DateScale, one: Bin) -> tuple[float, float]:
    """A bar's left and right, a little inside its bin (at least a point wide)."""
    x0, x1 = scale(one.first, fraction=0), scale(one.last, fraction=1)
    inset = min(1.5, (x1 - x0) / 6)
    return x0 + inset, x1 - inset


def _ordinal(one: Bin, unit: str, index: int) -> int:
    """A bin's place in the calendar, so labelled bins fall on quarters and years, not at random."""
    if unit in ("month", "quarter"):
        months = one.unit_first.year * 12 + one.unit_first.month - 1
        return months if unit == "month" else months // 3
    if unit in ("day", "week"):
        return index
    return one.unit_first.year


def _draw_bin_axis(group: Group, scale: DateScale, counted: Tally, y: float, w: Words) -> None:
    """Baseline, a tick at every bin's start and the span's end, and labels: a week's at its
    start (`week from`), any other bin's under its middle; every n-th bin where all do not
    fit, and always a bin the span shows only part of, with its length."""
    bins, unit = counted.bins, counted.unit
    group.add(Line(scale.x0, y, scale.x1, y, strokeColor=INK, strokeWidth=0.6))
    for one in bins:
        x = scale(one.first, fraction=0)
        group.add(Line(x, y, x, y - 3, strokeColor=INK, strokeWidth=0.5))
    group.add(Line(scale.x1, y, scale.x1, y - 3, strokeColor=INK, strokeWidth=0.5))
    step = (scale.x1 - scale.x0) / max(1, len(bins))
    widest = max(text_width(bin_label(one, unit, w, year=True), SANS, SIZE) for one in bins)
    stride = next((n for n in STRIDES if n * step >= widest + 4), STRIDES[-1])
    edges = [i for i in {0, len(bins) - 1} if bins[i].partial]
    aligned = [i for i, one in enumerate(bins) if _ordinal(one, unit, i) % stride == 0]
    taken: list[tuple[float, float]] = []
    chosen: list[int] = []
    for index in sorted(edges) + aligned:  # a part-bin's label first: its note needs it
        x0 = _text_x(scale, bins[index], unit, widest)
        if index not in chosen and all(x0 + widest + 4 <= a or b + 4 <= x0 for a, b in taken):
            taken.append((x0, x0 + widest))
            chosen.append(index)
    previous: Bin | None = None
    for index in sorted(chosen):
        one = bins[index]
        text = bin_label(
            one, unit, w, year=previous is None or one.first.year != previous.first.year
        )
        _bin_text(group, scale, one, unit, y - 3 - SIZE, text, SIZE)
        if one.partial:  # say so, or its bar reads as a quiet week
            _bin_text(group, scale, one, unit, y - 5 - 2 * SIZE, _part(one, unit, w), SIZE - 0.6)
        previous = one


def _part(one: Bin, unit: str, w: Words) -> str:
    """How much of a bin the span shows: `(3 days)` of a week, `(from 1 Jun 1970)` of years."""
    if unit in ("day", "week"):
        return w.counted((one.last - one.first).days + 1, "({n} day)", "({n} days)")
    if one.first > one.unit_first:
        return w.gettext("(from {date})").format(date=w.short_date(one.first, year=True))
    return w.gettext("(to {date})").format(date=w.short_date(one.last, year=True))


def _text_x(scale: DateScale, one: Bin, unit: str, width: float) -> float:
    """Where text under a bin starts: at a week's start, else centred on the bin; never past
    the drawing's edges."""
    if unit == "week":
        x = scale(one.first, fraction=0)
    else:
        x = (scale(one.first, fraction=0) + scale(one.last, fraction=1)) / 2 - width / 2
    return max(0.0, min(x, scale.x1 + 4 - width))


def _bin_text(
    group: Group, scale: DateScale, one: Bin, unit: str, y: float, text: str, size: float
) -> None:
    """Text under a bin (grey when it is a note)."""
    x = _text_x(scale, one, unit, text_width(text, SANS, size))
    group.add(label(x, y, text, size=size, color=INK if size >= SIZE else GREY))
