"""load (model): the files of items: sources, events, figures, tables, places, glossary."""

from __future__ import annotations

from typing import Literal

from pydantic import (
    Field,
)

from briefing.load.dates import Date, PartialDate
from briefing.load.model.base import (
    Citation,
    Id,
    Number,
    Qualifier,
    Reliability,
    SourceKind,
    Strict,
    Text,
    Url,
)
from briefing.load.model.briefing import Briefing


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
