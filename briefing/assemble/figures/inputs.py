"""render (figures): the charts' plain inputs made from the content model.

The charts take plain dataclasses so they can be tested without content; these
helpers are the one place that knows how gazetteer entries, figures and events
map onto them.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from briefing.assemble.figures.data import Claim, MapPlace, TimelineEvent
from briefing.check.editorial import party_names
from briefing.load.model import Event, Figure, Place


def map_places(
    places: Iterable[Place],
    *,
    ids: Collection[str] | None = None,
    changed_hands: Collection[str] = (),
    areas: Collection[str] = (),
) -> list[MapPlace]:
    """Gazetteer entries with coordinates (only `ids`, when given) as map places."""
    out = []
    for place in places:
        if place.coordinates is None or (ids is not None and place.id not in ids):
            continue
        lat, lon = place.coordinates
        out.append(
            MapPlace(
                id=place.id,
                names=party_names(place),
                lat=lat,
                lon=lon,
                changed_hands=place.id in changed_hands,
                kind="area" if place.id in areas else "point",
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


def timeline_events(events: Iterable[Event]) -> tuple[list[TimelineEvent], int]:
    """Day-dated events (by their first day), and how many were left out for a coarser date."""
    out: list[TimelineEvent] = []
    skipped = 0
    for event in events:
        if event.date.precision != "day":
            skipped += 1
            continue
        out.append(TimelineEvent(event.date.first(), event.category))
    return out, skipped
