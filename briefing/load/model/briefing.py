"""load (model): briefing.yaml, what the briefing is and how it is put together."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
)

from briefing.load.dates import Date
from briefing.load.model.base import Citation, Confidence, GeoPath, Id, Strict, Text


class KeyJudgment(Strict):
    """One judgment on the briefing's first page."""

    text: Text
    """One or two sentences of inline Markdown; may hold `[@id]` citations."""
    confidence: Confidence | None = None
    """How confident the analysts are: high, moderate or low (meanings in the grading annex);
    the checker warns when it is higher than the supporting items allow."""
    support: list[Id] = []
    """Ids of the events and figures the judgment rests on; printed with it and graded."""
    citations: list[Citation] = []
    """Sources for the judgment, shown as one footnote at its end."""


class BottomLine(Strict):
    """The brief's one-paragraph bottom line up front."""

    text: Text
    """Two to four sentences of inline Markdown; may hold `[@id]` citations."""
    citations: list[Citation] = []
    """Sources for it, shown as one footnote at its end."""


class Party(Strict):
    """A party to the events: claimants and the names of places refer to it by id."""

    id: Id
    """Id used by figures (`party`) and place aliases (`party`)."""
    name: Text
    """Display name, e.g. `Republic of Estrane`."""
    adjective: str | None = None
    """Adjective for its names of places, e.g. `Estranian` (the gazetteer says `Kasamba (Estranian)`)."""


class Period(Strict):
    """The span the time charts show; from the data when absent."""

    start: Date
    """First day shown."""
    end: Date
    """Last day shown."""


class Region(Strict):
    """The locator map's box; from the places' coordinates when absent."""

    west: float = Field(ge=-180, le=180)
    """Western edge, degrees of longitude (may be greater than `east` across the antimeridian)."""
    south: float = Field(ge=-90, le=90)
    """Southern edge, degrees of latitude."""
    east: float = Field(ge=-180, le=180)
    """Eastern edge, degrees of longitude."""
    north: float = Field(ge=-90, le=90)
    """Northern edge, degrees of latitude."""


class Category(Strict):
    """An event category the briefing uses."""

    id: Id
    """Id used by events' `category`."""
    label: Text
    """Label in the briefing's language (the timeline's legend)."""


class MarkKind(Strict):
    """A kind of key date: a line on the time charts, a symbol on the map."""

    id: Id
    """Id used by `key_dates` and places' `marks`."""
    label: Text
    """Label in the briefing's language (legends)."""


class KeyDate(Strict):
    """A dated line across the time charts, e.g. a ceasefire."""

    date: Date
    """When."""
    mark: Id
    """Its kind: an id from `marks`."""
    label: Text
    """A short label printed by the line."""


class Timeline(Strict):
    """What the `[[timeline]]` figure says about itself."""

    title: str | None = None
    """Its title; a general one in the briefing's language when absent."""
    caption: str | None = None
    """Its caption; made from the key dates' kinds when absent."""


class MapLayer(Strict):
    """An extra GeoJSON layer on the locator map: an area or a line, with its source."""

    id: Id
    """Unique id."""
    file: GeoPath
    """GeoJSON file of (Multi)LineStrings or (Multi)Polygons, relative to the content folder."""
    label: Text
    """What it shows, for the legend."""
    as_of: Date | None = None
    """The date it shows the situation at."""
    citations: list[Citation] = []
    """Sources of the layer."""


class MapSettings(Strict):
    """The locator map."""

    outlines: GeoPath | None = None
    """The content's own country outlines, relative to the content folder; the package's
    world outlines when absent."""
    layers: list[MapLayer] = []
    """Extra layers, drawn over the outlines in this order."""


class AttributionTerm(Strict):
    """A word that takes a side, except inside some phrases."""

    hint: Text
    """The neutral wording to suggest."""
    unless: list[str] = []
    """Phrases containing the word where it does not take a side (e.g. an entity's name)."""


class Suppression(Strict):
    """A warning the authors accept, with the reason the method note prints."""

    code: str = Field(pattern=r"^W\d{3}$")
    """The warning's code (only warnings can be suppressed)."""
    file: str | None = None
    """Only in this file (a path ending, e.g. `sections/03-course.md`)."""
    contains: str | None = None
    """Only warnings whose message contains this text."""
    reason: Text
    """Why the warning is accepted; printed in the briefing's method note."""


class Briefing(Strict):
    """briefing.yaml: what the briefing is and how it is put together."""

    title: Text
    """Title on the cover and in the PDF metadata."""
    subtitle: str | None = None
    """Line under the title on the cover."""
    short_title: str | None = None
    """Title in the running header; the title when absent."""
    as_of: Date
    """The date the briefing speaks for (day precision). Nothing in it may be later."""
    edition: str = "1"
    """Edition or version label printed on the cover."""
    organisation: str | None = None
    """The organisation issuing the briefing, on the cover."""
    logo: str | None = None
    """Its logo on the cover: a PNG, JPEG or SVG file inside the content folder
    (e.g. `images/logo.svg`)."""
    prepared_by: str | None = None
    """Who prepared the briefing (author or team), on the cover."""
    marking: str = "PUBLIC"
    """Distribution marking, printed on the cover and every page header."""
    language: str = "en"
    """Language of the briefing's own text and fixed labels (en, fr or ru)."""
    keywords: list[str] = []
    """PDF keywords."""
    page_size: Literal["A4", "Letter"] = "A4"
    """Paper size."""
    sections: list[Id]
    """Order of the sections, by the ids in their files' headers."""
    key_judgments: list[KeyJudgment] = []
    """The key judgments, in order."""
    attribution_terms: dict[str, str | AttributionTerm] = {}
    """Extra words or phrases that take a side, each mapped to a suggested neutral wording
    (or to `{hint, unless}`, with phrases in which it is not taking a side)."""
    require_corroborated_judgments: bool = False
    """Warn (an error with --strict) when a key judgment rests on one perspective."""
    parties: list[Party] = []
    """The parties; claimants and place names refer to them."""
    period: Period | None = None
    """The span the time charts show; from the data when absent."""
    region: Region | None = None
    """The locator map's box; from the places' coordinates when absent."""
    categories: list[Category] = []
    """The event categories this briefing uses; a general list when empty."""
    marks: list[MarkKind] = []
    """Kinds of key date (lines on the time charts, symbols on the map)."""
    key_dates: list[KeyDate] = []
    """Dated lines on the time charts."""
    timeline: Timeline = Timeline()
    """The timeline figure's title and caption."""
    map: MapSettings = MapSettings()
    """The locator map's outlines and extra layers."""
    bottom_line: BottomLine | None = None
    """The brief's bottom line up front."""
    suppress: list[Suppression] = []
    """Warnings accepted on purpose, each with its reason."""
