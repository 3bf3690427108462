"""render (figures): what each chart says in words, and whether it has anything to draw.

Nothing here imports the drawing library: assemble needs each figure's alt text and
whether to keep it, and importing reportlab.graphics (which imports all of platypus)
took about 0.12 s of it. The chart functions return None on the same tests.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefing.assemble.figures.data import Claim, DateMarker, MapPlace, TimelineEvent
from briefing.load.geo import Extent

if TYPE_CHECKING:
    from briefing.assemble.document import Chart

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

CATEGORIES = ("military", "ceasefire", "diplomatic", "humanitarian", "domestic", "information")
"""Row order: the categories of events.yaml, as the model lists them."""
WAR_START = dt.date(2020, 9, 27)
WAR_END = dt.date(2020, 11, 10)
REGION = Extent(38.0, 36.0, 50.5, 43.5)
"""What the overview may show: the data's clipping box, give or take."""
MIN_CLAIMS = 2
"""A claims chart needs at least this many claims."""


def drawable(figure: Chart) -> bool:
    """Whether the figure's chart has anything to draw (else it is left out, never empty)."""
    if figure.chart == "map":
        return map_drawable(figure.places)
    if figure.chart == "claims":
        return claims_drawable(figure.claims)
    return timeline_drawable(figure.events)


def map_drawable(places: Sequence[MapPlace], *, region: Extent = REGION) -> bool:
    """Some place has coordinates inside `region`."""
    return any(region.contains(p.lon, p.lat) for p in places)


def claims_drawable(claims: Sequence[Claim], *, min_claims: int = MIN_CLAIMS) -> bool:
    """At least `min_claims` claims (and at least one)."""
    return len(claims) >= max(min_claims, 1)


def timeline_drawable(
    events: Sequence[TimelineEvent], *, start: dt.date = WAR_START, end: dt.date = WAR_END
) -> bool:
    """Some event falls in [start, end]."""
    return any(start <= e.date <= end for e in events)


def short_date(date: dt.date, *, year: bool = False) -> str:
    """`27 Sep`, or `27 Sep 2020`."""
    text = f"{date.day} {MONTHS[date.month - 1]}"
    return f"{text} {date.year}" if year else text


def format_number(value: float) -> str:
    """`1,500`, `2.5`, `1.2 m`, `2 bn`: short enough for an axis."""
    if abs(value) >= 1e9:
        return f"{value / 1e9:,.3g} bn"
    if abs(value) >= 1e6:
        return f"{value / 1e6:,.3g} m"
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3g}"


def weeks(start: dt.date, end: dt.date, days: int = 7) -> list[tuple[dt.date, dt.date]]:
    """Consecutive bins of `days` from `start`; the last one ends at `end` and may be shorter."""
    bins = []
    first = start
    while first <= end:
        last = min(first + dt.timedelta(days=days - 1), end)
        bins.append((first, last))
        first = last + dt.timedelta(days=1)
    return bins


def counts(
    events: Sequence[TimelineEvent], start: dt.date, end: dt.date, days: int = 7
) -> dict[tuple[str, int], int]:
    """Events per (category, bin index) within [start, end]."""
    bins = weeks(start, end, days)
    tally: Counter[tuple[str, int]] = Counter()
    for event in events:
        for index, (first, last) in enumerate(bins):
            if first <= event.date <= last:
                tally[(event.category, index)] += 1
    return dict(tally)


def claimant_order(claims: Sequence[Claim]) -> list[str]:
    """Claimants in order of their first claim, so the legend reads like the story."""
    first: dict[str, tuple[dt.date, str]] = {}
    for claim in claims:
        key = (claim.date, claim.claimant)
        first[claim.claimant] = min(first.get(claim.claimant, key), key)
    return sorted(first, key=lambda c: first[c])


def month_text(claim: Claim) -> str:
    return str(claim.date.year) if claim.precision == "year" else claim.date.strftime("%B %Y")


def off_map(places: Sequence[MapPlace], *, region: Extent = REGION) -> list[MapPlace]:
    """Places the map cannot show (outside `region`), for the caption to name."""
    return [p for p in places if not region.contains(p.lon, p.lat)]


def map_alt_text(places: Sequence[MapPlace], *, region: Extent = REGION) -> str:
    """Alt text: what the map shows, in words, for screen readers."""
    shown = [p for p in places if region.contains(p.lon, p.lat)]
    names = ", ".join(p.label for p in sorted(shown, key=lambda p: (-p.lat, p.lon)))
    missing = off_map(places, region=region)
    text = f"Map of the South Caucasus locating {len(shown)} places named in the briefing, north to south: {names}."
    changed = [p.names[0] for p in shown if p.changed_hands]
    if changed:
        text += f" Marked as having changed hands: {', '.join(changed)}."
    if missing:
        text += f" Outside the map: {', '.join(p.names[0] for p in missing)}."
    return text


def claims_alt_text(claims: Sequence[Claim], *, unit: str = "") -> str:
    """Alt text: every claim in words, by claimant, for readers who cannot see the chart."""
    if not claims:
        return ""
    parts = []
    for name in claimant_order(claims):
        own = sorted((c for c in claims if c.claimant == name), key=lambda c: c.date)
        said = "; ".join(
            f"{c.qualifier + ' ' if c.qualifier != 'exactly' else ''}"
            f"{format_number(c.low)}{'–' + format_number(c.high) if c.high is not None else ''}"
            f" as of {short_date(c.date, year=True) if c.precision == 'day' else month_text(c)}"
            for c in own
        )
        parts.append(f"{name}: {said}")
    noun = f" of {unit}" if unit else ""
    return (
        f"Chart of {len(claims)} claims{noun} over time by {len(parts)} claimant{'s' if len(parts) != 1 else ''}. "
        + ". ".join(parts)
        + "."
    )


def timeline_alt_text(
    events: Sequence[TimelineEvent],
    markers: Sequence[DateMarker] = (),
    *,
    start: dt.date = WAR_START,
    end: dt.date = WAR_END,
    categories: Sequence[str] = CATEGORIES,
    bin_days: int = 7,
) -> str:
    """Alt text: the counts per week and category in words, and the marked dates."""
    inside = [e for e in events if start <= e.date <= end]
    if not inside:
        return ""
    rows = list(categories) + sorted({e.category for e in inside} - set(categories))
    tally = counts(inside, start, end, bin_days)
    weeks_text = []
    for index, (first, _) in enumerate(weeks(start, end, bin_days)):
        parts = [f"{c} {tally[(c, index)]}" for c in rows if tally.get((c, index))]
        weeks_text.append(f"week from {short_date(first)}: {', '.join(parts) or 'none'}")
    text = (
        f"Chart of {len(inside)} events per week by category from {short_date(start, year=True)}"
        f" to {short_date(end, year=True)}; " + "; ".join(weeks_text) + "."
    )
    if markers:
        text += " Marked: " + "; ".join(f"{m.label} ({short_date(m.date)})" for m in markers) + "."
    return text
