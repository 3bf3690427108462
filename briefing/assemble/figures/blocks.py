"""assemble: numbered figures (locator map, claims over time, war at a glance) from the content.

The Document carries each chart's data; `figures.draw` draws it once for
every engine. A chart with nothing to draw is left out, never drawn empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from briefing.assemble.document import Chart, Inline, NoteRef, Text
from briefing.assemble.figures.data import DateMarker
from briefing.assemble.figures.inputs import map_places, timeline_events, topic_claims
from briefing.assemble.figures.words import (
    WAR_END,
    WAR_START,
    claims_alt_text,
    drawable,
    map_alt_text,
    timeline_alt_text,
)
from briefing.load import Content
from briefing.load.model import Citation


def named_places(content: Content) -> set[str]:
    """Gazetteer ids that events cite or that prose names, by any of their names."""
    ids = {place for event in content.events for place in event.places}
    prose = "\n".join(s.body for s in content.sections)
    for place in content.places:
        names = [place.name, *(a.name for a in place.aliases)]
        if any(re.search(rf"\b{re.escape(n)}\b", prose) for n in names):
            ids.add(place.id)
    return ids


def map_figure(
    content: Content, number: int, cite: Callable[[list[Citation]], NoteRef]
) -> Chart | None:
    """Every named place with coordinates on the region's outlines."""
    places = map_places(
        content.places,
        ids=named_places(content),
        changed_hands={p.id for p in content.places if p.marks},
        areas={p.id for p in content.places if p.area},
    )
    caption: list[Inline] = [
        Text(
            text=(
                "Places named in this briefing, with both sides' names where they differ. "
                "Country outlines: Natural Earth (public domain); borders as internationally recognised, "
                "which does not settle any claim."
            )
        )
    ]
    figure = Chart(
        chart="map",
        language=content.briefing.language,
        number=number,
        anchor=f"fig-{number}",
        title="Locator map",
        caption=caption,
        alt=map_alt_text(places),
        places=places,
        outlines=content.outlines,
    )
    return figure if drawable(figure) else None


def claims_figure(
    content: Content, topic_id: str, number: int, cite: Callable[[list[Citation]], NoteRef]
) -> Chart | None:
    """One series per claimant for a topic with several dated claims."""
    topic = next(t for t in content.topics if t.id == topic_id)
    claims = topic_claims(content.figures, topic_id)
    figure = Chart(
        chart="claims",
        language=content.briefing.language,
        number=number,
        anchor=f"fig-{number}",
        title=f"Claims over time: {topic.title}",
        caption=[],
        alt="",
        claims=claims,
        unit=topic.unit or "",
        markers=ceasefire_markers(content),
    )
    if not drawable(figure):
        return None
    citations = [c for f in content.figures if f.topic == topic_id for c in f.citations]
    caption: list[Inline] = [
        Text(
            text="Each point is one claim, dated as of when it was made; bars are ranges; "
            "hollow points are dated only to the month. Claims are not endorsed."
        ),
        cite(_unique(citations)),
    ]
    return replace(figure, caption=caption, alt=claims_alt_text(claims, unit=topic.unit or ""))


def timeline_figure(
    content: Content, number: int, cite: Callable[[list[Citation]], NoteRef]
) -> Chart | None:
    """Events per week and category across the war, with the ceasefires marked."""
    events, skipped = timeline_events(content.events)
    markers = ceasefire_markers(content)
    caption: list[Inline] = [
        Text(
            text=(
                f"Chronology entries (Annex A) dated to the day, counted per week and category; "
                f"{_entries(skipped)} dated only to a month or year left out. Vertical lines mark "
                "ceasefires."
            )
        )
    ]
    figure = Chart(
        chart="timeline",
        language=content.briefing.language,
        number=number,
        anchor=f"fig-{number}",
        title="The war at a glance",
        caption=caption,
        alt=timeline_alt_text(events, markers),
        events=events,
        markers=markers,
    )
    return figure if drawable(figure) else None


def ceasefire_markers(content: Content) -> list[DateMarker]:
    """The briefing's key dates inside the charts' span, as labelled lines."""
    return [
        DateMarker(k.date.first(), k.label)
        for k in sorted(content.briefing.key_dates, key=lambda k: k.date.first())
        if WAR_START <= k.date.first() <= WAR_END
    ]


def _entries(count: int) -> str:
    return f"{count} {'entry' if count == 1 else 'entries'}"


def _unique(citations: list[Citation]) -> list[Citation]:
    """One citation per source and locator, in first-seen order."""
    seen: set[tuple[str, str | None]] = set()
    out = []
    for citation in citations:
        key = (citation.source, citation.locator)
        if key not in seen:
            seen.add(key)
            out.append(Citation(source=citation.source, locator=citation.locator))
    return out
