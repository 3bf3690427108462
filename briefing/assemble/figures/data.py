"""render (figures): the data each chart plots, without the drawing library.

The Document carries these, so loading, checking and assembling content do
not import reportlab.graphics; only drawing a chart does (`draw.drawing`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

Precision = Literal["day", "month", "year"]


def last_day(first: dt.date, precision: str) -> dt.date:
    """The last day a date known to `precision` can mean, from its first day."""
    if precision == "year":
        return dt.date(first.year, 12, 31)
    if precision == "month":
        return dt.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])
    return first


@dataclass(frozen=True)
class Span:
    """The days a time chart shows, both ends included."""

    start: dt.date
    end: dt.date


@dataclass(frozen=True)
class Category:
    """A timeline row: an event category's id and its label in the briefing's language."""

    id: str
    label: str


@dataclass(frozen=True)
class DateMarker:
    """A key date across the time charts: a line (or, for a month or a year, a band) and a label."""

    date: dt.date
    """Its first day."""
    label: str
    kind: str = ""
    """The id of its kind (briefing.yaml's `marks`); each kind has its own line."""
    kind_label: str = ""
    """The kind's label, for the legend and the alt text."""
    precision: Precision = "day"

    @property
    def last(self) -> dt.date:
        """Its last day."""
        return last_day(self.date, self.precision)


@dataclass(frozen=True)
class Claim:
    """One attributed number: who claims it, as of when, and how it is qualified."""

    claimant: str
    date: dt.date
    """The as-of date; for a month or a year, its first day."""
    low: float
    """The value, or a range's lower end."""
    high: float | None = None
    """A range's upper end; None for a single value."""
    qualifier: str = "exactly"
    """exactly | at least | more than | about | up to | fewer than, as the claimant said."""
    precision: Precision = "day"
    """How precisely the date is known; a month or a year is drawn across its span."""

    @property
    def last(self) -> dt.date:
        """The last day the as-of date can mean."""
        return last_day(self.date, self.precision)

    @property
    def middle(self) -> float:
        """Where the series line passes: the value, or the middle of the range."""
        return self.low if self.high is None else (self.low + self.high) / 2


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event: only its date and category matter here."""

    date: dt.date
    """Its first day."""
    category: str
    precision: Precision = "day"

    @property
    def last(self) -> dt.date:
        """The last day its date can mean."""
        return last_day(self.date, self.precision)


@dataclass(frozen=True)
class MapMark:
    """A dated mark of a place (taken in fighting, handed over...), as the gazetteer records it."""

    kind: str
    """An id from briefing.yaml's `marks`."""
    date: dt.date
    """Its first day."""
    precision: str = "day"


@dataclass(frozen=True)
class MapPlace:
    """A place to plot. `names[0]` is the briefing's name; the rest, each party's names."""

    id: str
    names: tuple[str, ...]
    lat: float
    lon: float
    marks: tuple[MapMark, ...] = ()
    """Its marks by date; the latest one's kind gives its symbol."""
    kind: Literal["point", "area"] = "point"
    """`area` (a region, a province): an italic name and no symbol."""

    @property
    def label(self) -> str:
        """One-line label: `Saint-Aubin / Korrabane`."""
        return " / ".join(self.names)
