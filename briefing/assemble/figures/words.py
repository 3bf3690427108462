"""render (figures): what each chart says in words, and whether it has anything to draw.

Nothing here imports the drawing library: assemble needs each figure's alt text and
whether to keep it, and importing reportlab.graphics (which imports all of platypus)
took about 0.12 s of it. The chart functions return None on the same tests, and the
alt text is made from the same data and counts as the drawing, so the two agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING

from babel.numbers import format_compact_decimal

from briefing.assemble.figures.data import (
    Category,
    Claim,
    DateMarker,
    Span,
    TimelineEvent,
)
from briefing.assemble.figures.mapwords import map_drawable
from briefing.assemble.figures.spans import Bin, Tally, events_span, tally
from briefing.check.directives import MIN_CLAIMS
from briefing.i18n import Words, words

if TYPE_CHECKING:
    from briefing.assemble.document import Chart


def qualifier_words(qualifier: str, w: Words) -> str:
    """A claim's qualifier in the briefing's language; "" for `exactly`."""
    return {
        "at least": w.gettext("at least"),
        "more than": w.gettext("more than"),
        "about": w.gettext("about"),
        "up to": w.gettext("up to"),
        "fewer than": w.gettext("fewer than"),
    }.get(qualifier, "")


def drawable(figure: Chart) -> bool:
    """Whether the figure's chart has anything to draw (else it is left out, never empty)."""
    if figure.chart == "map":
        return map_drawable(figure.places)
    if figure.chart == "claims":
        return claims_drawable(figure.claims)
    return timeline_drawable(figure.events, figure.span)


def claims_drawable(claims: Sequence[Claim], *, min_claims: int = MIN_CLAIMS) -> bool:
    """At least `min_claims` claims (and at least one): check's W307 uses the same number."""
    return len(claims) >= max(min_claims, 1)


def timeline_drawable(events: Sequence[TimelineEvent], span: Span | None = None) -> bool:
    """Some event is counted in the span (the data's own span when None)."""
    span = span or events_span(events)
    return span is not None and bool(tally(events, span).counts)


def number_text(value: float, w: Words) -> str:
    """`1,166`, `2.5`, `1.2M`: short enough for an axis, in the briefing's language."""
    if abs(value) >= 1e6:
        return format_compact_decimal(value, locale=w.locale, fraction_digits=1)
    return w.number(int(value) if value == int(value) else round(value, 3))


def claim_value(claim: Claim, w: Words) -> str:
    """`231` or `700–1,000`."""
    text = number_text(claim.low, w)
    return text if claim.high is None else f"{text}–{number_text(claim.high, w)}"


def claimant_order(claims: Sequence[Claim]) -> list[str]:
    """Claimants in order of their first claim, so the legend reads like the story."""
    first: dict[str, tuple[dt.date, str]] = {}
    for claim in claims:
        key = (claim.date, claim.claimant)
        first[claim.claimant] = min(first.get(claim.claimant, key), key)
    return sorted(first, key=lambda c: first[c])


def timeline_rows(categories: Sequence[Category], tallied: Tally) -> list[Category]:
    """The categories with something counted, in the briefing's order; unknown ones after."""
    used = {category for category, _ in tallied.counts}
    known = [c for c in categories if c.id in used]
    extra = sorted(used - {c.id for c in categories})
    return known + [Category(c, c) for c in extra]


def bin_label(span: Bin, unit: str, w: Words, *, year: bool) -> str:
    """What the axis prints under a bin: `27 Sep` (a week's first day), `Oct 2020`, `2031`."""
    if unit in ("day", "week"):
        return w.short_date(span.first, year=year)
    if unit in ("month", "quarter"):
        return w.month(span.first, year=year)
    return str(span.unit_first.year)


def _when(first: dt.date, precision: str, w: Words, *, year: bool) -> str:
    """`on 5 Oct 2020`, `in October 2020`, `in 2031`."""
    if precision == "day":
        return w.gettext("on {date}").format(date=w.short_date(first, year=year))
    return w.gettext("in {period}").format(period=w.date(first, precision))


def _claim_words(claim: Claim, w: Words, *, year: bool) -> str:
    """`231 on 5 Oct 2020 (Ministry of Health, at least)`."""
    who = claim.claimant
    qualifier = qualifier_words(claim.qualifier, w)
    if qualifier:
        who = w.gettext("{claimant}, {qualifier}").format(claimant=who, qualifier=qualifier)
    return w.gettext("{value} {when} ({who})").format(
        value=claim_value(claim, w), when=_when(claim.date, claim.precision, w, year=year), who=who
    )


def claims_alt_text(claims: Sequence[Claim], *, topic: str, language: str = "en") -> str:
    """Alt text: the lowest and the highest claim in one sentence, then every claim by date.

    `Claims of flood deaths: 231 on 5 Oct 2020 (Ministry of Health, at least) to 1,166 on
    28 Oct (Red Cross).`"""
    if not claims:
        return ""
    w = words(language)
    ordered = sorted(claims, key=lambda c: (c.date, c.last, c.claimant, c.low))
    low = min(ordered, key=lambda c: c.middle)
    high = max(reversed(ordered), key=lambda c: c.middle)
    text = w.gettext("Claims of {topic}: {low} to {high}.").format(
        topic=topic,
        low=_claim_words(low, w, year=True),
        high=_claim_words(high, w, year=high.date.year != low.date.year),
    )
    if low is high or len(claims) > 2:  # two claims: the first sentence said it all
        years = [c.date.year for c in ordered]
        said = "; ".join(
            _claim_words(c, w, year=i == 0 or years[i] != years[i - 1])
            for i, c in enumerate(ordered)
        )
        text += " " + w.gettext("All {claims} by {claimants}, by date: {said}.").format(
            claims=w.counted(len(claims), "{n} claim", "{n} claims"),
            claimants=w.counted(len(claimant_order(claims)), "{n} claimant", "{n} claimants"),
            said=said,
        )
    return text


def unit_words(unit: str, w: Words) -> str:
    """How the timeline counts (`per week`), for the caption and the alt text."""
    return {
        "day": w.gettext("per day"),
        "week": w.gettext("per week"),
        "month": w.gettext("per month"),
        "quarter": w.gettext("per quarter"),
        "year": w.gettext("per year"),
        "5 years": w.gettext("per five years"),
        "decade": w.gettext("per decade"),
        "25 years": w.gettext("per 25 years"),
        "century": w.gettext("per century"),
    }[unit]


def bin_words(span: Bin, unit: str, w: Words) -> str:
    """A bin in a sentence: `week from 27 Sep 2020`, `October 2020`, `1990–1994`."""
    if unit == "day":
        return w.short_date(span.first, year=True)
    if unit == "week":
        return w.gettext("week from {date}").format(date=w.short_date(span.first, year=True))
    if unit == "month":
        return w.date(span.first, "month")
    if unit == "year":
        return str(span.first.year)
    first, last = span.first, span.last
    if unit == "quarter":
        return f"{w.month(first, year=first.year != last.year)} – {w.month(last, year=True)}"
    return f"{first.year}–{last.year}"


def timeline_alt_text(
    events: Sequence[TimelineEvent],
    markers: Sequence[DateMarker],
    *,
    title: str,
    span: Span,
    categories: Sequence[Category],
    language: str = "en",
) -> str:
    """Alt text: the counts per bin and category in words (empty bins left out), and the key
    dates, from the same tally the drawing draws."""
    w = words(language)
    tallied = tally(events, span)
    if not tallied.counts:
        return ""
    rows = timeline_rows(categories, tallied)
    text = w.gettext(
        "{title}: {events} from {start} to {end}, counted {unit} and category."
    ).format(
        title=title,
        events=w.counted(tallied.total, "{n} event", "{n} events"),
        start=w.date(span.start),
        end=w.date(span.end),
        unit=unit_words(tallied.unit, w),
    )
    parts = []
    for index, one in enumerate(tallied.bins):
        if tallied.bin_total(index):
            each = ", ".join(
                w.gettext("{category} {count}").format(
                    category=row.label, count=w.number(tallied.counts[(row.id, index)])
                )
                for row in rows
                if tallied.counts.get((row.id, index))
            )
            parts.append(
                w.gettext("{bin}: {total} ({counts})").format(
                    bin=bin_words(one, tallied.unit, w),
                    total=w.number(tallied.bin_total(index)),
                    counts=each,
                )
            )
    listed = "; ".join(parts)
    text += f" {listed[:1].upper()}{listed[1:]}."
    shown = [m for m in markers if m.last >= span.start and m.date <= span.end]
    if shown:
        dates = "; ".join(
            w.gettext("{label} ({date}, {kind})").format(
                label=m.label, date=w.date(m.date, m.precision), kind=m.kind_label
            )
            if m.kind_label
            else w.gettext("{label} ({date})").format(
                label=m.label, date=w.date(m.date, m.precision)
            )
            for m in shown
        )
        text += " " + w.gettext("Key dates: {dates}.").format(dates=dates)
    return text
