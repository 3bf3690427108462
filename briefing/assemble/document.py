"""The engine-neutral Document that assemble builds and every renderer only reads.

Like pandoc's AST: a few block and inline kinds. Numbering, ordering, notes and
grades are computed once in assemble; renderers never re-derive them. The nodes are
frozen, keyword-only dataclasses, not validated models: assemble builds them from content
that load already validated, and validating each of some 80,000 nodes at N = 2,000 events
took a third of assemble's time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from briefing.assemble.figures.data import (
    Category,
    Claim,
    DateMarker,
    MapPlace,
    Span,
    TimelineEvent,
)
from briefing.assemble.figures.mapdata import MapLayer, MapView, MarkKind
from briefing.load.geo import Outline

node = dataclass(frozen=True, kw_only=True, slots=True)
"""Every Document node: immutable, built by keyword, no unknown fields."""


@node
class Node:
    """Base of every Document node."""


@node
class Text(Node):
    """Plain text; renderers escape it."""

    kind: Literal["text"] = "text"
    text: str


@node
class Emph(Node):
    """Emphasis (italic)."""

    kind: Literal["emph"] = "emph"
    children: list[Inline]


@node
class Strong(Node):
    """Strong emphasis (bold)."""

    kind: Literal["strong"] = "strong"
    children: list[Inline]


@node
class Code(Node):
    """Inline code."""

    kind: Literal["code"] = "code"
    text: str


@node
class Link(Node):
    """A link; `href` is http(s), mailto or `#anchor` (assemble drops anything else)."""

    kind: Literal["link"] = "link"
    href: str
    children: list[Inline]


@node
class NoteRef(Node):
    """A footnote call; the note's text is `Document.notes[number - 1]`."""

    kind: Literal["note"] = "note"
    number: int


Inline = Text | Emph | Strong | Code | Link | NoteRef


@node
class Paragraph(Node):
    """A paragraph of inlines."""

    kind: Literal["paragraph"] = "paragraph"
    inlines: list[Inline]
    style: Literal["body", "judgment", "caption", "small"] = "body"


@node
class Heading(Node):
    """A subsection heading inside a part; `number` like `3.1`, empty when unnumbered."""

    kind: Literal["heading"] = "heading"
    level: int
    number: str
    title: str
    anchor: str


@node
class ListBlock(Node):
    """A bulleted or numbered list; each item is a list of blocks."""

    kind: Literal["list"] = "list"
    ordered: bool
    items: list[list[Block]]


@node
class Quote(Node):
    """A block quotation."""

    kind: Literal["quote"] = "quote"
    blocks: list[Block]


@node
class Row(Node):
    """A table row: one list of inlines per cell; `key` identifies it for tests."""

    cells: list[list[Inline]]
    key: str = ""


@node
class Table(Node):
    """A table; `variant` picks its style, `widths` are column fractions summing to 1."""

    kind: Literal["table"] = "table"
    variant: Literal["table", "claims", "chronology", "sources", "places", "glossary", "legend"]
    number: int | None
    label: str = ""
    """Printed before the title: `Table 3` (empty for an unnumbered table)."""
    key_column: int | None = None
    """A column of short codes (a grade) that both engines print bold and centred."""
    anchor: str
    title: str
    caption: list[Inline] = field(default_factory=list)
    columns: list[str]
    widths: list[float]
    rows: list[Row]


@node
class Chart(Node):
    """A numbered figure: the chart's own data, drawn once by briefing.assemble.figures for every engine."""

    kind: Literal["figure"] = "figure"
    chart: Literal["map", "claims", "timeline"]
    number: int
    label: str = ""
    """Printed before the title: `Figure 2`."""
    anchor: str
    title: str
    caption: list[Inline]
    alt: str
    """Text alternative for screen readers and the tagged PDF."""
    language: str = "en"
    """The briefing's language, for the words the drawing prints (ticks, legends)."""
    places: list[MapPlace] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    view: MapView | None = None
    """Where the map looks (its centre, overview and detail), decided once in assemble."""
    layers: list[MapLayer] = field(default_factory=list)
    """The content's own map layers, drawn over the outlines."""
    kinds: list[MarkKind] = field(default_factory=list)
    """The kinds of mark the map's places carry, in legend order."""
    inset_outlines: list[Outline] = field(default_factory=list)
    """The outlines of the map's locator inset, thinned to its small scale."""
    claims: list[Claim] = field(default_factory=list)
    unit: str = ""
    events: list[TimelineEvent] = field(default_factory=list)
    markers: list[DateMarker] = field(default_factory=list)
    span: Span | None = None
    """The days a time chart shows (claims, timeline), decided once in assemble."""
    categories: list[Category] = field(default_factory=list)
    """The timeline's rows, in order, with their labels."""


@node
class Image(Node):
    """A picture from the content folder, checked by load: its bytes, kind, size in pixels
    and alt text. Engines draw it as a figure, scaled to fit; they never read a file."""

    kind: Literal["image"] = "image"
    path: str
    """Its path inside the content folder (for messages)."""
    media_type: Literal["image/png", "image/jpeg", "image/svg+xml"]
    data: bytes
    width: float
    height: float
    alt: str


Block = Paragraph | Heading | ListBlock | Quote | Table | Chart | Image


@node
class Part(Node):
    """A numbered section (`3`) or a lettered annex (`Annex B`)."""

    kind: Literal["section", "annex"]
    number: str
    label: str
    """Printed label: `3` or `Annex B`."""
    title: str
    anchor: str
    blocks: list[Block]
    new_page: bool = False
    """Starts on a new page (the first section and every annex), in both engines."""


@node
class TocEntry(Node):
    """One line of the table of contents."""

    level: int
    label: str
    title: str
    anchor: str


@node
class Note(Node):
    """A footnote: its number, its text and the sources it cites."""

    number: int
    inlines: list[Inline]
    sources: list[str]


@node
class CoverRow(Node):
    """One line of the cover's table: a label and its value."""

    label: str
    value: str


@node
class Labels(Node):
    """The fixed words both engines and the HTML print, in the briefing's language.

    Decided here once, from the message catalogue, so the engines only draw them."""

    kicker: str
    """Above the title on the cover: `Briefing`."""
    cover: str
    """The cover's name for screen readers."""
    key_judgments: str
    contents: str
    notes: str
    """The heading of the HTML's endnotes."""
    back_to_text: str
    """The endnotes' link back to the call."""
    running_date: str
    """The running footer's date: `As of 31 December 2020`."""
    summary: str = "Summary"
    """The heading of the full briefing's one-page summary."""
    page_of: str
    """The page footer, with `{page}` and `{pages}`: `Page {page} of {pages}`."""
    label_end: str = ":"
    """After a table's or figure's number, before its title: `:`, in French ` :`."""


@node
class Meta(Node):
    """What the cover, the running header and the PDF metadata show."""

    title: str
    subtitle: str
    short_title: str
    as_of: str
    as_of_iso: str
    created: str = ""
    """The PDF's creation and modification date (W3C), from SOURCE_DATE_EPOCH or the as-of date."""
    edition: str
    prepared_by: str
    marking: str
    language: str
    keywords: list[str]
    page_size: Literal["A4", "Letter"]
    build_id: str
    organisation: str = ""
    cover: list[CoverRow] = field(default_factory=list)
    logo: Image | None = None
    """The organisation's logo on the cover (briefing.yaml `logo`)."""
    """The cover's rows, in order, only those with a value."""


@node
class Document(Node):
    """The whole briefing, ready to render."""

    meta: Meta
    labels: Labels
    edition: Literal["full", "brief"] = "full"
    """`brief`: a short product: a title block instead of a cover page, no contents, and
    parts that follow each other without page breaks."""
    summary: list[Block] = field(default_factory=list)
    """The full briefing's one-page summary, printed after the cover."""
    key_judgments: list[Paragraph]
    toc: list[TocEntry]
    parts: list[Part]
    notes: list[Note]
