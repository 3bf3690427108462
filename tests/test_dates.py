"""Dates at their precision: parsing, ordering and how the briefing prints them."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.load.dates import PartialDate, display_range


def d(text: str) -> PartialDate:
    """Short for the many dates below."""
    return PartialDate.parse(text)


@pytest.mark.parametrize(
    ("text", "precision", "first", "last"),
    [
        ("2020", "year", dt.date(2020, 1, 1), dt.date(2020, 12, 31)),
        ("2020-02", "month", dt.date(2020, 2, 1), dt.date(2020, 2, 29)),
        ("2021-02", "month", dt.date(2021, 2, 1), dt.date(2021, 2, 28)),
        ("2020-10-09", "day", dt.date(2020, 10, 9), dt.date(2020, 10, 9)),
        (" 1994 ", "year", dt.date(1994, 1, 1), dt.date(1994, 12, 31)),
    ],
)
def test_parse_keeps_the_precision(
    text: str, precision: str, first: dt.date, last: dt.date
) -> None:
    date = d(text)
    assert date.precision == precision
    assert (date.first(), date.last()) == (first, last)
    assert str(date) == text.strip()


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2020-13-45", "month 13"),
        ("2020-00", "month 0"),
        ("2021-02-29", "February 2021 has 28"),
        ("2020-10-32", "October 2020 has 31"),
        ("2020-10-00", "day 0"),
        ("20-10-09", "not a date"),
        ("2020/10/09", "not a date"),
        ("9 Oct 2020", "not a date"),
        ("2020-1-9", "not a date"),
        ("", "not a date"),
        ("２０２０", "not a date"),  # full-width digits match \d but are not a year
    ],
)
def test_bad_dates_say_what_is_wrong(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        d(text)


@pytest.mark.parametrize(
    ("start", "end", "approximate", "shown"),
    [
        ("2020-10-09", None, False, "9 Oct 2020"),
        ("2020-10", None, False, "Oct 2020"),
        ("2020", None, False, "2020"),
        ("2020-10-20", None, True, "c. 20 Oct 2020"),
        ("2020-10-09", "2020-10-10", False, "9–10 Oct 2020"),
        ("2020-10-09", "2020-10-09", False, "9 Oct 2020"),
        ("1991", "1994", False, "1991–1994"),
        ("2020-09", "2020-10", False, "Sep – Oct 2020"),
        ("2020-09-27", "2020-11-10", False, "27 Sep – 10 Nov 2020"),
        ("2020-12-30", "2021-01-02", False, "30 Dec 2020–2 Jan 2021"),
        ("1991", "1994", True, "c. 1991–1994"),
    ],
)
def test_display_range(start: str, end: str | None, approximate: bool, shown: str) -> None:
    assert display_range(d(start), d(end) if end else None, approximate=approximate) == shown


def test_display_long() -> None:
    assert d("2020-10-09").display_long() == "9 October 2020"
    assert d("2020-10").display_long() == "October 2020"
    assert d("2020").display_long() == "2020"


def test_dates_of_mixed_precision_compare_without_raising() -> None:
    """Fixes a TypeError: `2020-10 < 2020-10-05` compared None with an int."""
    assert d("2020-10") < d("2020-10-05") < d("2020-11")
    assert d("2020") < d("2020-01-01")
    assert sorted([d("2020-10-05"), d("2020"), d("2019-12-31"), d("2020-10")]) == [
        d("2019-12-31"),
        d("2020"),
        d("2020-10"),
        d("2020-10-05"),
    ]
    assert max(d("2020-10"), d("2020-10-05")) == d("2020-10-05")


def test_equal_dates_are_equal_and_hash_alike() -> None:
    assert d("2020-10") == PartialDate(2020, 10)
    assert len({d("2020-10"), PartialDate(2020, 10), d("2020-10-01")}) == 2


def test_a_range_of_mixed_precision_in_one_year_names_the_year_once() -> None:
    from briefing.load.dates import PartialDate, display_range

    start, end = PartialDate(2020, 11, 10), PartialDate(2020, 12)
    assert display_range(start, end, approximate=True) == "c. 10 Nov – Dec 2020"


def test_year_zero_is_a_date_error_not_a_crash() -> None:
    """Fixes a traceback: `0000-01-01` matched the pattern, then datetime refused year 0."""
    with pytest.raises(ValueError, match="years run 0001 to 9999"):
        PartialDate.parse("0000-01-01")
    assert PartialDate.parse("0001-01-01").first().year == 1
