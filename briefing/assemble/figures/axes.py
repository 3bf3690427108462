"""render (figures): date and value axes, shared by the time charts.

The date ticks suit any span from a day to centuries: the finest step (days, weeks,
months, years, decades...) whose labels fit side by side, with the year printed where
it starts or changes.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Group, Line

from briefing.assemble.figures.spans import add_months
from briefing.assemble.figures.style import INK, RULE, SANS, label, text_width
from briefing.assemble.figures.words import number_text
from briefing.i18n import Words, words

STEPS = (
    ("day", 1),
    ("day", 2),
    ("week", 1),
    ("week", 2),
    ("month", 1),
    ("month", 3),
    ("month", 6),
    *(("year", n) for n in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)),
)
"""Tick steps, finest first."""
MAX_TICKS = 13
"""More labels than this crowd an axis even where they fit (13: a year's months and the next)."""
GAP = 6.0
"""Space kept between two date labels, in points."""


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


@dataclass(frozen=True)
class Tick:
    """A labelled date on the axis."""

    date: dt.date
    label: str
    fraction: float
    """Where in its day the tick stands: noon for a day (where a claim of that day is
    drawn), the start of the day for the first of a month or a year."""


def step_dates(start: dt.date, end: dt.date, unit: str, every: int) -> list[dt.date]:
    """The dates of one step within [start, end]: every n days, Mondays, firsts of months,
    1 January of years divisible by n."""
    if unit == "day":
        count = (end - start).days // every + 1
        return [start + dt.timedelta(days=every * i) for i in range(count)]
    if unit == "week":
        monday = start + dt.timedelta(days=(7 - start.weekday()) % 7)
        count = max(0, (end - monday).days // (7 * every) + 1)
        return [monday + dt.timedelta(days=7 * every * i) for i in range(count)]
    if unit == "month":
        day = dt.date(start.year, start.month, 1)
        day = day if day >= start else add_months(day, 1)
        out = []
        while day <= end:
            if (day.month - 1) % every == 0:
                out.append(day)
            day = add_months(day, 1)
        return out
    year = start.year if (start.month, start.day) == (1, 1) else start.year + 1
    first = year + (-year) % every
    return [dt.date(y, 1, 1) for y in range(first, end.year + 1, every)]


def _labels(dates: list[dt.date], unit: str, w: Words) -> list[str]:
    """`28 Sep 2020`, `5 Oct`...; `Oct 2020`, `Nov`...; `2031`: the year where it starts or changes."""
    out = []
    for index, day in enumerate(dates):
        year = index == 0 or day.year != dates[index - 1].year
        if unit in ("day", "week"):
            out.append(w.short_date(day, year=year))
        elif unit == "month":
            out.append(w.month(day, year=year))
        else:
            out.append(str(day.year))
    return out


def date_ticks(
    start: dt.date,
    end: dt.date,
    *,
    language: str = "en",
    width: float = 400.0,
    size: float = 6.8,
) -> list[Tick]:
    """Ticks for an axis `width` points long: the finest step whose labels fit."""
    w = words(language)
    scale = DateScale(start, end, 0, width)
    tried: list[list[Tick]] = []
    for unit, every in STEPS:
        dates = step_dates(start, end, unit, every)
        if not dates or len(dates) > MAX_TICKS:
            continue
        fraction = 0.5 if unit in ("day", "week") else 0.0
        ticks = [Tick(d, t, fraction) for d, t in zip(dates, _labels(dates, unit, w), strict=True)]
        if _fit(ticks, scale, size):
            return ticks
        tried.append(ticks)
    # nothing fits (a very narrow axis): as few labels as there can be
    return min(tried, key=len, default=[Tick(start, w.short_date(start, year=True), 0.5)])


def _fit(ticks: list[Tick], scale: DateScale, size: float) -> bool:
    """No two centred labels closer than `GAP`."""
    for a, b in itertools.pairwise(ticks):
        room = scale(b.date, fraction=b.fraction) - scale(a.date, fraction=a.fraction)
        need = (text_width(a.label, SANS, size) + text_width(b.label, SANS, size)) / 2 + GAP
        if room < need:
            return False
    return True


def draw_date_axis(
    group: Group, scale: DateScale, y: float, *, language: str = "en", size: float = 6.8
) -> list[Tick]:
    """Baseline, ticks and labels under the plot; returns the ticks drawn."""
    group.add(Line(scale.x0, y, scale.x1, y, strokeColor=INK, strokeWidth=0.6))
    ticks = date_ticks(
        scale.start, scale.end, language=language, width=scale.x1 - scale.x0, size=size
    )
    last_right = -math.inf
    for tick in ticks:
        x = scale(tick.date, fraction=tick.fraction)
        group.add(Line(x, y, x, y - 3, strokeColor=INK, strokeWidth=0.5))
        half = text_width(tick.label, SANS, size) / 2
        centre = min(max(x, half), scale.x1 + 8 - half)  # never off the drawing's edges
        if centre - half > last_right + 2:  # only on an axis too narrow for any step
            group.add(label(centre, y - 3 - size, tick.label, size=size, anchor="middle"))
            last_right = centre + half
    return ticks


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


def draw_value_grid(
    group: Group,
    ticks: Sequence[float],
    x0: float,
    x1: float,
    y_of: Callable[[float], float],
    *,
    language: str = "en",
    size: float = 6.8,
) -> float:
    """Horizontal grid lines and value labels on the left; returns the widest label."""
    w = words(language)
    widest = 0.0
    for value in ticks:
        y = y_of(value)
        group.add(Line(x0, y, x1, y, strokeColor=RULE, strokeWidth=0.4 if value else 0.6))
        text = number_text(value, w)
        widest = max(widest, text_width(text, SANS, size))
        group.add(label(x0 - 3, y - size * 0.35, text, size=size, anchor="end"))
    return widest
