"""assemble (figures): the span a time chart shows, and the calendar bins the timeline counts in.

No drawing library here: assemble decides each chart's span and says in words what the
timeline counts, and the drawing counts with the same functions, so picture and words agree.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from briefing.assemble.figures.data import Claim, Span, TimelineEvent

UNITS = ("day", "week", "month", "quarter", "year", "5 years", "decade", "25 years", "century")
"""The timeline's bins, finest first; it counts in the finest that gives at most `MAX_BINS`."""
MAX_BINS = 36
"""More bins than this would leave a bar too narrow for its count."""
_MONTHS = {"month": 1, "quarter": 3}
_YEARS = {"year": 1, "5 years": 5, "decade": 10, "25 years": 25, "century": 100}


@dataclass(frozen=True)
class Bin:
    """One bar's stretch of time: the whole calendar unit, and the part the span shows."""

    unit_first: dt.date
    unit_last: dt.date
    first: dt.date
    """`unit_first` clipped to the span."""
    last: dt.date
    """`unit_last` clipped to the span."""

    @property
    def partial(self) -> bool:
        """True when the span shows only part of the unit (say so, or the bar reads as quiet)."""
        return (self.first, self.last) != (self.unit_first, self.unit_last)


@dataclass(frozen=True)
class Tally:
    """What the timeline counts: events per (category, bin), and what it leaves out."""

    unit: str
    bins: list[Bin]
    counts: dict[tuple[str, int], int]
    coarse: int
    """Events inside the span dated less precisely than a bin (a month, with weekly bins)."""
    outside: int
    """Events outside the span."""

    @property
    def total(self) -> int:
        """Events counted."""
        return sum(self.counts.values())

    def bin_total(self, index: int) -> int:
        """Events counted in one bin, all categories."""
        return sum(n for (_, i), n in self.counts.items() if i == index)


def add_months(day: dt.date, months: int) -> dt.date:
    """The first of the month `months` after `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def unit_start(day: dt.date, unit: str) -> dt.date:
    """The first day of the calendar unit (month, quarter, year, decade...) holding `day`."""
    if unit in _MONTHS:
        month = day.month - (day.month - 1) % _MONTHS[unit]
        return dt.date(day.year, month, 1)
    if unit in _YEARS:
        return dt.date(day.year - day.year % _YEARS[unit], 1, 1)
    return day


def unit_end(first: dt.date, unit: str) -> dt.date:
    """The last day of the unit starting on `first`."""
    try:
        if unit in ("day", "week"):
            following = first + dt.timedelta(days=1 if unit == "day" else 7)
        elif unit in _MONTHS:
            following = add_months(first, _MONTHS[unit])
        else:
            following = dt.date(first.year + _YEARS[unit], 1, 1)
    except (OverflowError, ValueError):  # past the year 9999
        return dt.date.max
    return following - dt.timedelta(days=1)


def bins(span: Span, unit: str) -> list[Bin]:
    """Consecutive bins over the span: weeks from its first day, other units by the calendar."""
    out: list[Bin] = []
    first = span.start if unit in ("day", "week") else unit_start(span.start, unit)
    while True:
        last = unit_end(first, unit)
        out.append(Bin(first, last, max(first, span.start), min(last, span.end)))
        if last >= span.end:
            return out
        first = last + dt.timedelta(days=1)


def bin_count(span: Span, unit: str) -> int:
    """How many bins of `unit` cover the span, without making them (a day's bins over
    centuries would be millions)."""
    if unit in ("day", "week"):
        days = (span.end - span.start).days + 1
        return -(-days // (1 if unit == "day" else 7))
    if unit in _MONTHS:
        first, last = unit_start(span.start, unit), unit_start(span.end, unit)
        months = (last.year - first.year) * 12 + last.month - first.month
        return months // _MONTHS[unit] + 1
    every = _YEARS[unit]
    return span.end.year // every - span.start.year // every + 1


def bin_unit(span: Span) -> str:
    """The finest unit that cuts the span into at most `MAX_BINS` bins."""
    return next((u for u in UNITS if bin_count(span, u) <= MAX_BINS), UNITS[-1])


def tally(events: Sequence[TimelineEvent], span: Span, unit: str | None = None) -> Tally:
    """Events per category and bin; an event counts where its whole date fits one bin
    (an event dated only to a month fits a month or a year, never a week)."""
    unit = unit or bin_unit(span)
    cut = bins(span, unit)
    starts = [b.unit_first for b in cut]
    counts: Counter[tuple[str, int]] = Counter()
    coarse = outside = 0
    for event in events:
        if event.last < span.start or event.date > span.end:
            outside += 1
            continue
        index = bisect.bisect_right(starts, event.date) - 1
        if index < 0 or event.last > cut[index].unit_last:
            coarse += 1
            continue
        counts[(event.category, index)] += 1
    return Tally(unit, cut, dict(counts), coarse, outside)


def claims_span(claims: Sequence[Claim], period: Span | None = None) -> Span:
    """The period, widened to every claim; without one, the claims with a margin each side.

    A claim dated to a month or a year takes its whole month or year."""
    first = min(c.date for c in claims)
    last = max(c.last for c in claims)
    if period is not None:
        return Span(min(period.start, first), max(period.end, last))
    pad = dt.timedelta(days=max(2, (last - first).days // 25))
    return Span(first - pad, last + pad)


def events_span(events: Sequence[TimelineEvent], period: Span | None = None) -> Span | None:
    """The period; without one, the events' own span in whole bins (no bar for part of a
    month or a year), from the first event's first day to the last one's last. None
    without events."""
    if period is not None:
        return period
    if not events:
        return None
    span = Span(min(e.date for e in events), max(e.last for e in events))
    for _ in range(3):  # widening to whole bins may call for coarser bins, once or twice
        unit = bin_unit(span)
        cut = bins(span, unit)
        whole = Span(cut[0].unit_first, cut[-1].unit_last)
        if whole == span:
            break
        span = whole
    return span
