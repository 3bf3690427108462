"""assemble: the annexes (chronology, sources, place names, glossary); the grading scale is
in legend.py."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from briefing.assemble.document import Block, Emph, Inline, Paragraph, Row, Table, Text
from briefing.assemble.notes import NoteBook, full_reference
from briefing.check.editorial import party_names
from briefing.grading import lineage, marked_grade
from briefing.i18n import N_, Words
from briefing.load import Content
from briefing.load.dates import PartialDate
from briefing.load.model import Event

Annex = Callable[[Content, NoteBook, Words], list[Block]]
SOURCE_KINDS = {
    "news": N_("News"),
    "encyclopedia": N_("Encyclopedia"),
    "advocacy": N_("Advocacy"),
    "official": N_("Official"),
    "ngo": N_("NGO"),
    "aggregator": N_("Aggregator"),
    "analysis": N_("Analysis"),
}
"""Headings of the source list's groups, by source kind."""


def annexes() -> list[tuple[str, Annex]]:
    """The reference annexes in order, by their titles' msgids; one that has nothing to show
    is left out (and out of the contents)."""
    return [
        (N_("Chronology"), chronology),
        (N_("Sources"), source_list),
        (N_("Place names"), place_names),
        (N_("Glossary"), glossary),
    ]


def place_label(content: Content, place_id: str) -> str:
    """`Shusha / Shushi`: the name in the briefing's voice and each party's other name."""
    place = next((p for p in content.places if p.id == place_id), None)
    if place is None:
        return place_id
    return " / ".join(party_names(place))


def chronology(content: Content, book: NoteBook, w: Words) -> list[Block]:
    """Events sorted by date, one table per month (or year, for older events)."""
    if not content.events:
        return []
    sources = {s.id: s for s in content.sources}
    roots = lineage(content.sources)
    events = sorted(
        content.events,
        key=lambda e: (e.date.first(), e.end.last() if e.end else e.date.last(), e.id),
    )
    intro = w.gettext(
        "Entries are sorted by date; a date shown as a month or year is known only to that "
        "precision. Grades combine the cited source's reliability (A–F) and the entry's "
        "credibility (1–6); one dot (●) marks an entry that cites a single source, two (●●) "
        "one that cites independent sources. See the grading scale."
    )
    blocks: list[Block] = [Paragraph(style="small", inlines=[Text(text=intro)])]
    columns = [w.gettext("Date"), w.gettext("Place"), w.gettext("Event"), w.gettext("Grade")]
    for key, group in groupby(events, key=_month):
        rows = []
        for event in group:
            cell: list[Inline] = [Text(text=event.summary)]
            if event.claimed_by:
                claimed = w.gettext("Per {claimant}.").format(claimant=event.claimed_by)
                cell.append(Emph(children=[Text(text=" " + claimed)]))
            if event.note:
                cell.append(Text(text=f" {event.note}"))
            cell.append(book.cite(event.citations))
            places = ", ".join(place_label(content, p) for p in event.places)
            when = w.date_range(event.date, event.end, approximate=event.approximate)
            rows.append(
                Row(
                    key=event.id,
                    cells=[
                        [Text(text=when)],
                        [Text(text=places)],
                        cell,
                        [
                            Text(
                                text=marked_grade(
                                    event.citations, sources, event.credibility, roots
                                )
                            )
                        ],
                    ],
                )
            )
        year, month = key
        blocks.append(
            Table(
                variant="chronology",
                number=None,
                anchor=f"chron-{year}" if month is None else f"chron-{year}-{month:02d}",
                title=str(year) if month is None else w.partial(group_date(year, month), long=True),
                columns=columns,
                widths=[0.14, 0.18, 0.58, 0.1],
                key_column=3,
                rows=rows,
            )
        )
    return blocks


def _month(event: Event) -> tuple[int, int | None]:
    return event.date.year, event.date.month


def group_date(year: int, month: int) -> PartialDate:
    """A month as a PartialDate, for its heading."""
    return PartialDate(year, month, None)


def source_list(content: Content, book: NoteBook, w: Words) -> list[Block]:
    """Every source with its grade, kind and perspective, grouped by kind."""
    blocks: list[Block] = []
    columns = [w.gettext("Source"), w.gettext("Perspective"), w.gettext("Grade")]
    for kind, group in groupby(
        sorted(content.sources, key=lambda s: (s.kind, s.id)), key=lambda s: s.kind
    ):
        rows = []
        for source in group:
            perspective = source.perspective + (
                f": {source.perspective_note}" if source.perspective_note else ""
            )
            rows.append(
                Row(
                    key=source.id,
                    cells=[
                        full_reference(source, w),
                        [Text(text=perspective)],
                        [Text(text=f"{source.reliability}: {source.reliability_rationale}")],
                    ],
                )
            )
        blocks.append(
            Table(
                variant="sources",
                number=None,
                anchor=f"sources-{kind}",
                title=w.gettext(SOURCE_KINDS.get(kind, kind)),
                columns=columns,
                widths=[0.5, 0.22, 0.28],
                rows=rows,
            )
        )
    return blocks


def place_names(content: Content, book: NoteBook, w: Words) -> list[Block]:
    """The gazetteer: each place with its other names, sorted as the language sorts."""
    parties = {p.id: p.adjective or p.name for p in content.briefing.parties}
    rows = []
    for place in sorted(content.places, key=lambda p: w.sort_key(p.name)):
        aliases = "; ".join(
            f"{a.name} ({parties.get(a.party, a.party) if a.party else w.language_name(a.language)})"
            if a.party or a.language
            else a.name
            for a in place.aliases
        )
        where = w.coordinates(*place.coordinates) if place.coordinates else ""
        rows.append(
            Row(
                key=place.id,
                cells=[
                    [Text(text=place.name)],
                    [Text(text=aliases)],
                    [Text(text=place.admin or "")],
                    [Text(text=where)],
                ],
            )
        )
    if not rows:
        return []
    columns = [
        w.gettext("Name used here"),
        w.gettext("Other names"),
        w.gettext("Administration"),
        w.gettext("Coordinates"),
    ]
    return [
        Table(
            variant="places",
            number=None,
            anchor="places",
            title=w.gettext("Place names"),
            columns=columns,
            widths=[0.2, 0.32, 0.3, 0.18],
            rows=rows,
        )
    ]


def glossary(content: Content, book: NoteBook, w: Words) -> list[Block]:
    """Abbreviations and terms, sorted as the language sorts."""
    rows = [
        Row(key=t.term, cells=[[Text(text=t.term)], [Text(text=t.definition)]])
        for t in sorted(content.terms, key=lambda t: w.sort_key(t.term))
    ]
    if not rows:
        return []
    return [
        Table(
            variant="glossary",
            number=None,
            anchor="glossary",
            title=w.gettext("Glossary"),
            columns=[w.gettext("Term"), w.gettext("Meaning")],
            widths=[0.22, 0.78],
            rows=rows,
        )
    ]
