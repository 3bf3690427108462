"""The content model: one pydantic class per content file, a docstring per field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)

from briefing.load.dates import Date, PartialDate
from briefing.load.urls import url_problem

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Reliability = Literal["A", "B", "C", "D", "E", "F"]
SourceKind = Literal[
    "news", "encyclopedia", "advocacy", "official", "ngo", "aggregator", "analysis"
]
Qualifier = Literal["exactly", "at least", "more than", "about", "up to", "fewer than"]
Confidence = Literal["high", "moderate", "low"]
GeoPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\.geojson$")]
DEFAULT_CATEGORIES = (
    "political",
    "diplomatic",
    "military",
    "security",
    "humanitarian",
    "economic",
    "legal",
    "health",
    "environment",
    "information",
    "other",
)
"""Event categories of a briefing that declares none; their labels are in the catalogue."""


def _number(value: Any) -> Any:
    """Read `1,166` or `2300` as a number; content is text, so the model does the typing."""
    if isinstance(value, str):
        try:
            number = Decimal(value.replace(",", "").strip())
        except InvalidOperation:
            raise ValueError(f"'{value}' is not a number") from None
        if not number.is_finite():
            raise ValueError(f"'{value}' is not a finite number")
        if number.adjusted() > 15:
            # `1e999999` would become a million-digit int: minutes of CPU for one value.
            raise ValueError(f"'{value}' is too large a number (10^16 or more)")
        return int(number) if number == number.to_integral_value() else float(number)
    return value


Number = Annotated[
    int | float,
    BeforeValidator(_number),
    PlainSerializer(lambda v: v),
    WithJsonSchema({"type": ["number", "string"]}),
]


def _url(value: str) -> str:
    """A source's URL must take the reader where it says (see briefing/load/urls.py)."""
    problem = url_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Url = Annotated[str, AfterValidator(_url)]


class Strict(BaseModel):
    """Base: unknown fields are errors, values never change after loading."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        arbitrary_types_allowed=True,
    )


class Citation(Strict):
    """One source backing one statement."""

    source: Id
    """Id of a source in sources.yaml."""
    locator: str | None = None
    """Where in the source: a section heading, paragraph or page."""
    quote: str | None = Field(default=None, max_length=400)
    """A short verbatim excerpt (at most about 25 words) that supports the statement."""


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


class Source(Strict):
    """One source the briefing rests on."""

    id: Id
    """Id used in citations."""
    title: Text
    """Title as the source gives it."""
    author: str | None = None
    """Author as the text shows it; leave out when the text names none."""
    publisher: str | None = None
    """Publisher or outlet as the text shows it."""
    published: Date | Literal["unknown"]
    """Publication date at its precision, or `unknown`."""
    published_between: tuple[Date, Date] | None = None
    """Earliest and latest possible publication dates, from the evidence."""
    date_evidence: str | None = None
    """Why the date or the range is what it is."""
    url: Url | None = None
    """Where the source was published: http(s) or mailto, with no invisible characters and
    an ASCII host (`xn--` for an internationalised one)."""
    kind: SourceKind
    """What sort of source it is."""
    language: str = "en"
    """Language of the source (BCP 47)."""
    perspective: Id
    """Short label of its stance (neutral, pro-government, ...); compared for corroboration."""
    perspective_note: str | None = None
    """One line on the stance or affiliation."""
    reliability: Reliability
    """Admiralty source reliability: A completely reliable ... F cannot be judged."""
    reliability_rationale: Text
    """One line: why this grade."""
    archive: str | None = Field(default=None, pattern=r"^[A-Za-z0-9._-]+$")
    """File name of a saved text copy, for quote checks with --archive."""
    derived_from: list[Id] = []
    """Sources this one copies or relies on: they do not corroborate each other."""

    def latest_date(self) -> PartialDate | None:
        """The latest day the source can have been published, if anything is known."""
        if isinstance(self.published, PartialDate):
            return self.published
        return self.published_between[1] if self.published_between else None


class Sources(Strict):
    """sources.yaml."""

    sources: list[Source]
    """Every source the briefing cites."""


class Event(Strict):
    """One entry of the chronology."""

    id: Id
    """Unique id."""
    date: Date
    """When: YYYY, YYYY-MM or YYYY-MM-DD."""
    end: Date | None = None
    """End of a range, same format."""
    approximate: bool = False
    """The date is approximate ("c.")."""
    time: str | None = Field(default=None, pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    """Local time HH:MM, where known."""
    places: list[Id] = []
    """Ids from places.yaml."""
    actors: list[str] = []
    """Who acted."""
    category: Id
    """Kind of event: an id from briefing.yaml's `categories` (or the general list)."""
    summary: Text
    """One or two neutral sentences; inline Markdown."""
    claimed_by: str | None = None
    """The party whose claim this is, when it is one party's claim."""
    credibility: int = Field(ge=1, le=6)
    """Admiralty credibility: 1 confirmed ... 6 cannot be judged."""
    note: str | None = None
    """A remark printed with the entry."""
    key: bool = False
    """One of the events the brief's short chronology shows."""
    contradicts: list[Id] = []
    """Events or figures whose account this one contradicts (either way: both are then
    contradicted, so neither can be graded 1, 2 or 4)."""
    citations: list[Citation] = []
    """Sources; at least one."""


class Events(Strict):
    """events.yaml."""

    events: list[Event]
    """The chronology, in any order; the briefing sorts it."""


class Topic(Strict):
    """What a group of figures counts."""

    id: Id
    """Id used by figures and by `[[claims: id]]`."""
    title: Text
    """Heading of its "who claims what" table."""
    unit: str | None = None
    """Unit of the figures (deaths, people, tanks)."""
    cumulative: bool = False
    """A running total: a later, lower figure by the same claimant is flagged."""
    key: bool = False
    """One of the contested figures the brief shows."""


class Figure(Strict):
    """One attributed number: who claims what, as of when."""

    id: Id
    """Unique id."""
    topic: Id
    """Id of a topic."""
    value: Number | None = None
    """The number, when it is one number."""
    range: tuple[Number, Number] | None = None
    """Low and high, when the claim is a range."""
    qualifier: Qualifier = "exactly"
    """The claim's own qualifier, kept as said."""
    unit: str | None = None
    """Unit, when it differs from the topic's."""
    as_of: Date | None = None
    """When the claim was made or what date it counts to."""
    claimant: str | None = None
    """Who says so."""
    party: Id | None = None
    """The party the claimant speaks for: an id from briefing.yaml's `parties`."""
    credibility: int = Field(ge=1, le=6)
    """Admiralty credibility 1-6."""
    note: str | None = None
    """A remark printed in the table."""
    contradicts: list[Id] = []
    """Events or figures whose account this one contradicts (either way: both are then
    contradicted, so neither can be graded 1, 2 or 4)."""
    citations: list[Citation] = []
    """Sources; at least one."""


class Figures(Strict):
    """figures.yaml."""

    topics: list[Topic] = []
    """What the figures count."""
    figures: list[Figure] = []
    """The attributed numbers."""


class Table(Strict):
    """A hand-made table."""

    id: Id
    """Id used by `[[table: id]]`."""
    title: Text
    """Title, numbered in the briefing."""
    caption: str | None = None
    """Text under the title."""
    columns: list[Text] = Field(min_length=1)
    """Column headings."""
    rows: list[list[str]]
    """Rows of cells, as many as columns."""
    citations: list[Citation] = []
    """Sources of the table."""


class Tables(Strict):
    """tables.yaml."""

    tables: list[Table] = []
    """The tables."""


class Alias(Strict):
    """Another name of a place."""

    name: Text
    """The name."""
    party: Id | None = None
    """The party that uses it: an id from briefing.yaml's `parties`."""
    language: str | None = None
    """Its language (BCP 47)."""


class PlaceMark(Strict):
    """A key date of one place."""

    mark: Id
    """Its kind: an id from briefing.yaml's `marks`."""
    date: Date
    """When."""


class Place(Strict):
    """A place in the gazetteer."""

    id: Id
    """Id used by events."""
    name: Text
    """Name used in the briefing's own voice."""
    aliases: list[Alias] = []
    """Other names, by side or language."""
    admin: str | None = None
    """Administration or district."""
    coordinates: tuple[float, float] | None = None
    """Latitude, longitude."""
    area: bool = False
    """A region or corridor rather than a settlement: labelled, not dotted, on the map."""
    marks: list[PlaceMark] = []
    """Key dates of the place (e.g. taken in fighting, handed over), drawn as symbols on the map."""


class Places(Strict):
    """places.yaml."""

    places: list[Place] = []
    """The gazetteer."""


class Term(Strict):
    """An abbreviation or term."""

    term: Text
    """The abbreviation or term."""
    definition: Text
    """What it stands for or means."""


class Glossary(Strict):
    """glossary.yaml."""

    terms: list[Term] = []
    """The glossary."""


class SectionHeader(Strict):
    """The YAML header of a Markdown section."""

    id: Id
    """Id used in briefing.yaml's `sections`."""
    title: Text
    """Section title, numbered in the briefing."""


FILE_MODELS: dict[str, type[Strict]] = {
    "briefing": Briefing,
    "sources": Sources,
    "events": Events,
    "figures": Figures,
    "tables": Tables,
    "places": Places,
    "glossary": Glossary,
}
"""Content file stem -> its model. `briefing` and `sources` are required."""
