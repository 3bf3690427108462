"""render (figures): the data each chart plots, without the drawing library.

The Document carries these, so loading, checking and assembling content do
not import reportlab.graphics; only drawing a chart does (`draw.drawing`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class DateMarker:
    """A dated line across a chart with a short label, e.g. a ceasefire."""

    date: dt.date
    label: str


@dataclass(frozen=True)
class Claim:
    """One attributed number: who claims it, as of when, and how it is qualified."""

    claimant: str
    date: dt.date
    """The as-of date; for a month-precision date, the month's first day."""
    low: float
    """The value, or a range's lower end."""
    high: float | None = None
    """A range's upper end; None for a single value."""
    qualifier: str = "exactly"
    """exactly | at least | more than | about | up to | fewer than, as the claimant said."""
    precision: Literal["day", "month", "year"] = "day"
    """How precisely the date is known; coarser than a day is drawn hollow."""

    @property
    def middle(self) -> float:
        """Where the series line passes: the value, or the middle of the range."""
        return self.low if self.high is None else (self.low + self.high) / 2


@dataclass(frozen=True)
class TimelineEvent:
    """One dated event: only its day and category matter here."""

    date: dt.date
    category: str


@dataclass(frozen=True)
class MapPlace:
    """A place to plot. `names[0]` is the briefing's name; the rest, the other side's names."""

    id: str
    names: tuple[str, ...]
    lat: float
    lon: float
    changed_hands: bool = False
    """Drawn with its own symbol (and legend entry): the gazetteer may later carry this."""
    kind: Literal["point", "area"] = "point"
    """`area` (a region such as Nagorno-Karabakh): an italic name and no symbol."""

    @property
    def label(self) -> str:
        """One-line label: `Stepanakert / Khankendi`."""
        return " / ".join(self.names)
