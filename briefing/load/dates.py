"""Dates at their precision (year, month or day), as briefings on real events need them."""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
_DATE_RE = re.compile(DATE_PATTERN, re.ASCII)  # as in JSON Schema: \d is 0-9 only
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


@functools.total_ordering
@dataclass(frozen=True)
class PartialDate:
    """A date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __lt__(self, other: object) -> bool:
        # dataclass ordering compared `None` with an int and raised for `2020-10` vs `2020-10-05`;
        # a coarser date sorts before the finer dates it contains.
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self.sort_key() < other.sort_key()

    def sort_key(self) -> tuple[int, int, int]:
        """`(year, month, day)` with unknown parts as 0, so any two dates compare."""
        return (self.year, self.month or 0, self.day or 0)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read `2020`, `2020-10` or `2020-10-09`; raise ValueError with a hint otherwise."""
        text = text.strip()
        if not _DATE_RE.match(text):
            raise ValueError(f"'{text}' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        parts = [int(p) for p in text.split("-")]
        year, month, day = [*parts, None, None][:3]
        if not dt.MINYEAR <= year <= dt.MAXYEAR:
            # Year 0 fits the pattern but not Python's calendar, which starts at year 1.
            raise ValueError(f"'{text}' has year {year}; years run 0001 to 9999")
        if month is not None and not 1 <= month <= 12:
            raise ValueError(f"'{text}' has month {month}; months run 01 to 12")
        if day is not None:
            assert month is not None
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"'{text}' has day {day}; {MONTHS[month - 1]} {year} has {last}")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        """`year`, `month` or `day`."""
        if self.day is not None:
            return "day"
        return "month" if self.month is not None else "year"

    def first(self) -> dt.date:
        """The first day the date can mean."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> dt.date:
        """The last day the date can mean."""
        month = self.month or 12
        return dt.date(self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """Human form at the date's precision: `9 Oct 2020`, `Oct 2020`, `2020`."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1][:3]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def display_long(self) -> str:
        """Long human form: `9 October 2020`, `October 2020`, `2020`."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        return f"{month} {self.year}" if self.day is None else f"{self.day} {month} {self.year}"


def display_range(start: PartialDate, end: PartialDate | None, *, approximate: bool) -> str:
    """`9–10 Oct 2020`, `c. 20 Oct 2020`, `Sep – Oct 2020`, `10 Nov – Dec 2020`, `1991–1994`."""
    prefix = "c. " if approximate else ""
    if end is None or end == start:
        return prefix + start.display()
    same_month = (start.year, start.month) == (end.year, end.month)
    if start.precision == end.precision == "day" and same_month:
        return f"{prefix}{start.day}–{end.display()}"
    if start.year == end.year and start.month is not None and end.month is not None:
        # `10 Nov – Dec 2020`, `Sep – Oct 2020`: the year once, at the end.
        head = start.display().rsplit(" ", 1)[0]
        return f"{prefix}{head} – {end.display()}"
    return f"{prefix}{start.display()}–{end.display()}"


def _parse(value: Any) -> Any:
    if isinstance(value, PartialDate):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected a date as text, got {type(value).__name__}")
    return PartialDate.parse(value)


Date = Annotated[
    PartialDate,
    BeforeValidator(_parse),
    PlainSerializer(str, return_type=str),
    # Editors read YAML 1.2, where a bare `1991` is a number: the schema must allow it too.
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ]
        }
    ),
]
