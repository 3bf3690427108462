"""render (figures): date and value axes, and dated markers (ceasefires), shared by the charts."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Group, Line

from briefing.assemble.figures.data import DateMarker
from briefing.assemble.figures.labels import Box
from briefing.assemble.figures.style import GREY, INK, RULE, SANS, label, text_width
from briefing.assemble.figures.words import MONTHS, format_number, short_date


@dataclass(frozen=True)
class DateScale:
    """Maps dates onto x: a day is the span [date, date + 1); a date's point is its middle."""

    start: dt.date
    end: dt.date  # inclusive
    x0: float
    x1: float

    def __call__(self, date: dt.date, *, fraction: float = 0.5) -> float:
        """x of a moment within the day (0 = its start, 0.5 = noon)."""
        days = (self.end - self.start).days + 1
        offset = (date - self.start).days + fraction
        return self.x0 + (self.x1 - self.x0) * offset / days


def date_ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, str]]:
    """Tick dates and labels that suit the span: days, half-months, months or years."""
    span = (end - start).days
    ticks: list[tuple[dt.date, str]] = []
    if span <= 21:
        step = 2 if span > 10 else 1
        day = start
        while day <= end:
            ticks.append((day, short_date(day)))
            day += dt.timedelta(days=step)
        return ticks
    if span <= 70:  # weekly, on Mondays
        day = start + dt.timedelta(days=(7 - start.weekday()) % 7)
        while day <= end:
            ticks.append((day, short_date(day)))
            day += dt.timedelta(days=7)
        return ticks
    if span <= 150:
        for year in range(start.year, end.year + 1):
            for month in range(1, 13):
                for day_of_month in (1, 15):
                    day = dt.date(year, month, day_of_month)
                    if start <= day <= end:
                        ticks.append((day, short_date(day)))
        return ticks
    if span <= 3 * 366:
        months = 1 if span <= 366 else 3
        for year in range(start.year, end.year + 1):
            for month in range(1, 13, months):
                day = dt.date(year, month, 1)
                if start <= day <= end:
                    ticks.append((day, f"{MONTHS[month - 1]} {year}"))
        return ticks
    every = max(1, math.ceil((end.year - start.year) / 8))
    return [
        (dt.date(y, 1, 1), str(y))
        for y in range(start.year, end.year + 1, every)
        if start <= dt.date(y, 1, 1) <= end
    ]


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """0 and round steps (1, 2, 2.5, 5 x 10^n) up to at least `top`."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / count
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(ticks[-1] + step)
    return ticks


def draw_date_axis(group: Group, scale: DateScale, y: float, *, size: float = 6.8) -> None:
    """Baseline, ticks and labels under the plot; labels that would touch are skipped."""
    group.add(Line(scale.x0, y, scale.x1, y, strokeColor=INK, strokeWidth=0.6))
    last_right = -math.inf
    for day, text in date_ticks(scale.start, scale.end):
        x = scale(day, fraction=0)
        group.add(Line(x, y, x, y - 3, strokeColor=INK, strokeWidth=0.5))
        width = text_width(text, SANS, size)
        if x - width / 2 > last_right + 4:
            group.add(label(x, y - 3 - size, text, size=size, anchor="middle"))
            last_right = x + width / 2


def draw_markers(
    group: Group,
    markers: Sequence[DateMarker],
    scale: DateScale,
    bottom: float,
    top: float,
    *,
    size: float = 6.5,
) -> float:
    """Dashed vertical lines with labels above `top`, stacked where they would overlap.

    Returns the height the labels take above `top`, so the caller can size the drawing.
    """
    rows: list[list[Box]] = []
    placed: list[tuple[float, str, int, str]] = []
    for marker in sorted(markers, key=lambda m: m.date):
        if not scale.start <= marker.date <= scale.end:
            continue
        x = scale(marker.date)
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
        placed.append((x, marker.label, row, anchor))
    line_height = size * 1.3
    for x, text, row, anchor in placed:
        label_y = top + 3 + row * line_height
        group.add(
            Line(
                x,
                bottom,
                x,
                label_y - 1,
                strokeColor=GREY,
                strokeWidth=0.6,
                strokeDashArray=[2, 1.5],
            )
        )
        shift = {"start": -2, "end": 2, "middle": 0}[anchor]
        group.add(label(x + shift, label_y, text, size=size, color=INK, anchor=anchor, halo=True))
    return 3 + len(rows) * line_height if rows else 0


def draw_value_grid(
    group: Group, ticks: Sequence[float], x0: float, x1: float, y_of: object, *, size: float = 6.8
) -> float:
    """Horizontal grid lines and value labels on the left; returns the widest label."""
    widest = 0.0
    for value in ticks:
        y = y_of(value)  # type: ignore[operator]
        group.add(Line(x0, y, x1, y, strokeColor=RULE, strokeWidth=0.4 if value else 0.6))
        text = format_number(value)
        widest = max(widest, text_width(text, SANS, size))
        group.add(label(x0 - 3, y - size * 0.35, text, size=size, anchor="end"))
    return widest
