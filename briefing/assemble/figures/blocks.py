"""assemble: numbered figures (locator map, claims over time, events at a glance) from the content.

The Document carries each chart's data, its span and its words; `figures.draw` draws it
once for every engine. A chart with nothing to draw is left out, never drawn empty.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from briefing.assemble.document import Chart, Inline, NoteRef, Text
from briefing.assemble.figures.clip import clip_outlines
from briefing.assemble.figures.inputs import (
    key_date_markers,
    map_places,
    period,
    timeline_categories,
    timeline_events,
    topic_claims,
)
from briefing.assemble.figures.mapdata import MapLayer, MarkKind
from briefing.assemble.figures.mapinset import locator_inset
from briefing.assemble.figures.mapplan import plan_view, view_bounds, world_outlines
from briefing.assemble.figures.mapwords import (
    country_names,
    layer_text,
    map_alt_text,
    off_map,
    off_map_sentence,
    outlines_sentence,
    places_sentence,
)
from briefing.assemble.figures.spans import claims_span, events_span, tally
from briefing.assemble.figures.words import (
    claims_alt_text,
    drawable,
    timeline_alt_text,
    unit_words,
)
from briefing.check.directives import nothing_to_draw, plotted_figures
from briefing.i18n import Words, words
from briefing.load import Content
from briefing.load.geo import Extent
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
    """Every named place with coordinates, on the content's outlines or the world's, with
    the content's layers; a place far from the rest is named in the caption instead."""
    language = content.briefing.language
    w = words(language)
    settings = content.briefing.map
    places = map_places(content.places, ids=named_places(content))
    sources = [layer for layer in settings.layers if layer.id in content.layers]
    layers = [
        MapLayer(
            layer.id,
            layer.label,
            w.date(layer.as_of.first(), layer.as_of.precision) if layer.as_of else "",
            content.layers[layer.id].polygons,
            content.layers[layer.id].lines,
        )
        for layer in sources
    ]
    outlines = content.outlines or world_outlines()
    region = content.briefing.region
    view, shown = plan_view(
        places,
        extras=[p for layer in layers for line in layer.lines for p in line]
        + [p for layer in layers for polygon in layer.polygons for p in polygon[0]],
        region=Extent(region.west, region.south, region.east, region.north) if region else None,
        outlines=outlines,
    )
    if view is None:
        return None
    drawn = clip_outlines(outlines, view_bounds(view))
    if not content.outlines:
        drawn = country_names(drawn, language)
    view, inset = locator_inset(outlines, view, shown, world=not content.outlines)
    used = {m.kind for p in shown for m in p.marks}
    kinds = [MarkKind(k.id, k.label) for k in content.briefing.marks if k.id in used]
    off = off_map(places, shown)
    caption: list[Inline] = [
        Text(text=" ".join(t for t in (places_sentence(shown, w), off_map_sentence(off, w)) if t))
    ]
    for layer, source in zip(layers, sources, strict=True):
        caption.append(Text(text=" " + layer_text(layer, w).rstrip(".")))
        if source.citations:
            caption.append(cite(source.citations))
        caption.append(Text(text="."))
    caption.append(Text(text=" " + outlines_sentence(settings.outlines, w)))
    figure = Chart(
        chart="map",
        language=language,
        number=number,
        anchor=f"fig-{number}",
        title=w.gettext("Locator map"),
        caption=caption,
        alt=map_alt_text(shown, view=view, kinds=kinds, layers=layers, off=off, language=language),
        places=shown,
        outlines=drawn,
        view=view,
        layers=layers,
        kinds=kinds,
        inset_outlines=inset,
    )
    return figure if drawable(figure) else None


def claims_figure(
    content: Content, topic_id: str, number: int, cite: Callable[[list[Citation]], NoteRef]
) -> Chart | None:
    """One series per claimant for a topic with enough dated claims (as check counts them:
    with fewer, check warns W307 and the topic's table stands in)."""
    if nothing_to_draw(content, "chart", topic_id) is not None:
        return None
    topic = next(t for t in content.topics if t.id == topic_id)
    claims = topic_claims(plotted_figures(content, topic_id), topic_id)
    language = content.briefing.language
    w = words(language)
    span = claims_span(claims, period(content.briefing))
    figure = Chart(
        chart="claims",
        language=language,
        number=number,
        anchor=f"fig-{number}",
        title=w.gettext("Claims over time: {topic}").format(topic=topic.title),
        caption=[],
        alt=claims_alt_text(claims, topic=topic.title, language=language),
        claims=claims,
        unit=topic.unit or "",
        markers=key_date_markers(content.briefing, span),
        span=span,
    )
    if not drawable(figure):
        return None
    citations = [c for f in content.figures if f.topic == topic_id for c in f.citations]
    caption: list[Inline] = [Text(text=_claims_caption(figure, w)), cite(_unique(citations))]
    return replace(figure, caption=caption)


def _claims_caption(figure: Chart, w: Words) -> str:
    """What a symbol, a bar and a bracket stand for, only those the chart draws."""
    parts = [w.gettext("Each symbol is one claim, placed at the date it counts to.")]
    if any(c.high is not None for c in figure.claims):
        parts.append(w.gettext("Vertical bars are ranges."))
    if any(c.precision != "day" for c in figure.claims):
        parts.append(
            w.gettext("A claim dated only to a month or a year is drawn across that month or year.")
        )
    parts.append(w.gettext("Claims are not endorsed."))
    return " ".join(parts)


def timeline_figure(
    content: Content, number: int, cite: Callable[[list[Citation]], NoteRef]
) -> Chart | None:
    """Events per bin and category over the briefing's period (or the events' own span),
    with its key dates; its title and caption from the content when it gives them."""
    language = content.briefing.language
    w = words(language)
    events = timeline_events(content.events)
    span = events_span(events, period(content.briefing))
    if span is None:
        return None
    markers = key_date_markers(content.briefing, span)
    categories = timeline_categories(content.briefing, w)
    settings = content.briefing.timeline
    title = settings.title or w.gettext("Events at a glance")
    figure = Chart(
        chart="timeline",
        language=language,
        number=number,
        anchor=f"fig-{number}",
        title=title,
        caption=[],
        alt=timeline_alt_text(
            events, markers, title=title, span=span, categories=categories, language=language
        ),
        events=events,
        markers=markers,
        span=span,
        categories=categories,
    )
    if not drawable(figure):
        return None
    tallied = tally(events, span)
    left_out = []
    if tallied.coarse:
        coarse = (
            w.counted(
                tallied.coarse,
                "{n} entry dated only to a month or a year is left out.",
                "{n} entries dated only to a month or a year are left out.",
            )
            if tallied.unit in ("day", "week")
            else w.counted(
                tallied.coarse,
                "{n} entry dated only to a year is left out.",
                "{n} entries dated only to a year are left out.",
            )
        )
        left_out.append(coarse)
    if tallied.outside:
        left_out.append(
            w.counted(
                tallied.outside,
                "{n} entry outside the period shown is left out.",
                "{n} entries outside the period shown are left out.",
            )
        )
    if settings.caption:
        text = " ".join([settings.caption, *left_out])
    else:
        counting = w.gettext("Chronology entries counted {unit} and category.").format(
            unit=unit_words(tallied.unit, w)
        )
        kinds = list(dict.fromkeys(m.kind_label for m in markers if m.kind_label))
        lines = (
            [w.gettext("Vertical lines: {kinds}.").format(kinds=", ".join(kinds))] if kinds else []
        )
        text = " ".join([counting, *left_out, *lines])
    return replace(figure, caption=[Text(text=text)])


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
