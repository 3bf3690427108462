"""render (figures): the charts' plain inputs made from the content model.

The charts take plain dataclasses so they can be tested without content; these
helpers are the one place that knows how gazetteer entries, figures and events
map onto them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from briefing.assemble.figures.data import (
    Category,
    Claim,
    DateMarker,
    MapMark,
    MapPlace,
    Span,
    TimelineEvent,
)
from briefing.check.editorial import party_names
from briefing.i18n import Words
from briefing.load.model import DEFAULT_CATEGORIES, Briefing, Event, Figure, Place


def map_places(places: Iterable[Place], *, ids: Collection[str] | None = None) -> list[MapPlace]:
    """Gazetteer entries with coordinates (only `ids`, when given) as map places, with their
    marks by date."""
    out = []
    for place in places:
        if place.coordinates is None or (ids is not None and place.id not in ids):
            continue
        lat, lon = place.coordinates
        marks = sorted(
            (MapMark(m.mark, m.date.first(), m.date.precision) for m in place.marks),
            key=lambda m: m.date,
        )
        out.append(
            MapPlace(
                id=place.id,
                names=party_names(place),
                lat=lat,
                lon=lon,
                marks=tuple(marks),
                kind="area" if place.area else "point",
            )
        )
    return out


def topic_claims(figures: Iterable[Figure], topic: str) -> list[Claim]:
    """A topic's figures that have a claimant, a date and a number, as claims."""
    claims = []
    for figure in figures:
        if figure.topic != topic or figure.as_of is None or not figure.claimant:
            continue
        if figure.range is not None:
            low, high = float(figure.range[0]), float(figure.range[1])
        elif figure.value is not None:
            low, high = float(figure.value), None
        else:
            continue
        claims.append(
            Claim(
                claimant=figure.claimant,
                date=figure.as_of.first(),
                low=low,
                high=high,
                qualifier=figure.qualifier,
                precision=figure.as_of.precision,  # type: ignore[arg-type]
            )
        )
    return claims


def timeline_events(events: Iterable[Event]) -> list[TimelineEvent]:
    """Every event by its (first) date at its precision; the timeline decides what it can count."""
    return [
        TimelineEvent(e.date.first(), e.category, e.date.precision)  # type: ignore[arg-type]
        for e in events
    ]


def timeline_categories(briefing: Briefing, w: Words) -> list[Category]:
    """The briefing's categories in its order, or the general list in the briefing's language."""
    if briefing.categories:
        return [Category(c.id, c.label) for c in briefing.categories]
    labels = {
        "political": w.gettext("Political"),
        "diplomatic": w.gettext("Diplomatic"),
        "military": w.gettext("Military"),
        "security": w.gettext("Security"),
        "humanitarian": w.gettext("Humanitarian"),
        "economic": w.gettext("Economic"),
        "legal": w.gettext("Legal"),
        "health": w.gettext("Health"),
        "environment": w.gettext("Environment"),
        "information": w.gettext("Information"),
        "other": w.gettext("Other"),
    }
    return [Category(c, labels.get(c, c)) for c in DEFAULT_CATEGORIES]


def period(briefing: Briefing) -> Span | None:
    """The span the time charts show, when the briefing declares one."""
    if briefing.period is None:
        return None
    return Span(briefing.period.start.first(), briefing.period.end.last())


def key_date_markers(briefing: Briefing, span: Span) -> list[DateMarker]:
    """The briefing's key dates that touch the span, by date, each with its kind's label."""
    kinds = {m.id: m.label for m in briefing.marks}
    return [
        DateMarker(
            k.date.first(),
            k.label,
            kind=k.mark,
            kind_label=kinds.get(k.mark, k.mark),
            precision=k.date.precision,  # type: ignore[arg-type]
        )
        for k in sorted(briefing.key_dates, key=lambda k: (k.date.first(), k.date.last()))
        if k.date.last() >= span.start and k.date.first() <= span.end
    ]
