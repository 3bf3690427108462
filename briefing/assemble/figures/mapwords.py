"""assemble (figures): what the locator map says in words, in the briefing's language.

Its alt text (also the HTML figure's description), its caption's sentences and the names
of the world's countries come from the same data the drawing uses, so they say what is
drawn. Nothing here imports the drawing library.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel.core import get_global

from briefing.assemble.figures.data import MapPlace
from briefing.assemble.figures.geo import forward
from briefing.assemble.figures.mapdata import MapLayer, MapView, MarkKind
from briefing.i18n import Words, words
from briefing.load.geo import Outline

WORLD_SOURCE = "Natural Earth 5.1.1"
"""The package's world outlines (briefing/geodata/README.md), named in the caption."""


def map_drawable(places: Sequence[MapPlace]) -> bool:
    """Some place to draw: a map figure carries only the places its view shows."""
    return bool(places)


def off_map(places: Sequence[MapPlace], shown: Sequence[MapPlace]) -> list[MapPlace]:
    """The places the map leaves off (too far from the rest, or outside the content's region)."""
    drawn = {p.id for p in shown}
    return [p for p in places if p.id not in drawn]


def north_to_south(places: Sequence[MapPlace]) -> list[MapPlace]:
    """Reading order for a list of places: north first, then west first."""
    return sorted(places, key=lambda p: (-p.lat, p.lon, p.id))


def latest_kind(place: MapPlace) -> str | None:
    """The kind of the place's latest mark (its symbol on the map); None when unmarked."""
    if not place.marks:
        return None
    return max(enumerate(place.marks), key=lambda m: (m[1].date, m[0]))[1].kind


def map_alt_text(
    places: Sequence[MapPlace],
    *,
    view: MapView | None,
    kinds: Sequence[MarkKind] = (),
    layers: Sequence[MapLayer] = (),
    off: Sequence[MapPlace] = (),
    language: str = "en",
) -> str:
    """Alt text: which places (north to south, with their names), which marks, which layers."""
    w = words(language)
    ordered = north_to_south(places)
    names = ", ".join(p.label for p in ordered)
    head = w.counted(
        len(places),
        "Map of {n} place named in this briefing",
        "Map of {n} places named in this briefing",
    )
    if len(places) == 1:
        parts = [w.gettext("{places}: {names}.").format(places=head, names=names)]
    else:
        parts = [w.gettext("{places}, north to south: {names}.").format(places=head, names=names)]
    if view is not None and view.detail is not None:
        inside = [p for p in ordered if _in_detail(p, view)]
        parts.append(
            w.counted(
                len(inside),
                "{n} of them, where they crowd, appears in a panel at a larger scale.",
                "{n} of them, where they crowd, appear in a panel at a larger scale.",
            )
        )
    for kind in kinds:
        marked = [
            w.gettext("{place} ({dates})").format(
                place=p.names[0],
                dates=", ".join(w.date(m.date, m.precision) for m in p.marks if m.kind == kind.id),
            )
            for p in ordered
            if any(m.kind == kind.id for m in p.marks)
        ]
        if marked:
            # i18n: alt text: a kind of mark (the content's label), then the places with dates
            text = w.gettext("{mark}: {places}.")
            parts.append(text.format(mark=kind.label, places=", ".join(marked)))
    if layers:
        drawn = "; ".join(layer_text(layer, w).rstrip(".") for layer in layers)
        parts.append(w.gettext("Also drawn: {layers}.").format(layers=drawn))
    if off:
        parts.append(
            w.gettext("Outside the map: {places}.").format(
                places=", ".join(p.names[0] for p in north_to_south(off))
            )
        )
    if view is not None and view.inset is not None:
        parts.append(w.gettext("An inset shows where the map lies in the wider area."))
    if view is not None:
        across = max(view.overview.width, view.overview.height)
        step = 10 ** max(0, len(str(int(across))) - 2)
        parts.append(
            w.gettext("The map is centred on {centre} and about {distance} km across.").format(
                centre=coordinates((view.lon, view.lat), w),
                distance=w.number(round(across / step) * step),
            )
        )
    return " ".join(single_stop(part) for part in parts)


def _in_detail(place: MapPlace, view: MapView) -> bool:
    assert view.detail is not None
    return view.detail.contains(forward(view.lon, view.lat, place.lon, place.lat))


def coordinates(point: tuple[float, float], w: Words) -> str:
    """`21.14° S, 175.20° W` for a (lon, lat) point, longitude within ±180°."""
    lon, lat = point
    return w.coordinates(lat, (lon + 180.0) % 360.0 - 180.0)


def layer_text(layer: MapLayer, w: Words) -> str:
    """A layer's label with its date: the legend's line and the alt text's words."""
    if not layer.as_of:
        return layer.label
    return w.gettext("As of {date}: {label}").format(label=layer.label, date=layer.as_of)


def places_sentence(places: Sequence[MapPlace], w: Words) -> str:
    """The caption's first sentence: what the labels give."""
    if any(len(p.names) > 1 for p in places):
        return w.gettext("Places named in this briefing, with each party's name where it differs.")
    return w.gettext("Places named in this briefing.")


def off_map_sentence(off: Sequence[MapPlace], w: Words) -> str:
    """The caption's word on the places left off, or ''."""
    if not off:
        return ""
    return single_stop(
        w.gettext("Outside the map: {places}.").format(
            places=", ".join(p.names[0] for p in north_to_south(off))
        )
    )


def single_stop(sentence: str) -> str:
    """`Washington, D.C.` ends a sentence with its own full stop, not two."""
    return sentence[:-1] if sentence.endswith("..") else sentence


def outlines_sentence(own_file: str | None, w: Words) -> str:
    """Where the outlines come from: the content's own file, or the package's world."""
    if own_file:
        return w.gettext("Outlines: the briefing's own map data ({file}).").format(file=own_file)
    return w.gettext(
        "Country outlines: {source} (public domain), with borders as most states recognise "
        "them, which settles no claim."
    ).format(source=WORLD_SOURCE)


def country_names(outlines: Sequence[Outline], language: str) -> list[Outline]:
    """The world's outlines named in the briefing's language (their English names otherwise)."""
    w = words(language)
    if w.language == "en":
        return list(outlines)
    aliases = get_global("territory_aliases")
    named = []
    for outline in outlines:
        codes = aliases.get(outline.iso_a3) or [""]
        name = w.locale.territories.get(codes[0], outline.name)
        named.append(Outline(name, outline.iso_a3, outline.polygons))
    return named
