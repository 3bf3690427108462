"""assemble: the annexes (chronology, sources, place names, glossary, grading scale)."""

from __future__ import annotations

from collections.abc import Callable
from itertools import groupby

from briefing.assemble.document import (
    Block,
    Emph,
    Inline,
    Paragraph,
    Row,
    Table,
    Text,
)
from briefing.assemble.notes import NoteBook, full_reference
from briefing.check.editorial import is_uncorroborated, party_names
from briefing.grading import CREDIBILITY, RELIABILITY, grade
from briefing.load import Content
from briefing.load.dates import MONTHS, display_range
from briefing.load.model import Event


def annexes() -> list[tuple[str, Callable[[Content, NoteBook], list[Block]]]]:
    return [
        ("Chronology", chronology),
        ("Sources", source_list),
        ("Place names", place_names),
        ("Glossary", glossary),
    ]


def place_label(content: Content, place_id: str) -> str:
    """`Shusha / Shushi`: the name in the briefing's voice and each party's other name."""
    place = next((p for p in content.places if p.id == place_id), None)
    if place is None:
        return place_id
    return " / ".join(party_names(place))


def chronology(content: Content, book: NoteBook) -> list[Block]:
    """Events sorted by date, one table per month (or year, for older events)."""
    sources = {s.id: s for s in content.sources}
    events = sorted(
        content.events,
        key=lambda e: (e.date.first(), e.end.last() if e.end else e.date.last(), e.id),
    )
    blocks: list[Block] = [
        Paragraph(
            style="small",
            inlines=[
                Text(
                    text="Entries are sorted by date; a date shown as a month or year is known only to that "
                    "precision. Grades combine the cited source's reliability (A–F) and the entry's "
                    "credibility (1–6); see the grading scale."
                )
            ],
        )
    ]
    for label, group in groupby(events, key=_month_label):
        rows = []
        for event in group:
            cell: list[Inline] = [Text(text=event.summary)]
            if event.claimed_by:
                cell.append(Emph(children=[Text(text=f" Per {event.claimed_by}.")]))
            if event.note:
                cell.append(Text(text=f" {event.note}"))
            if is_uncorroborated(event.citations, sources):
                cell.append(Emph(children=[Text(text=" Uncorroborated.")]))
            cell.append(book.cite(event.citations))
            places = ", ".join(place_label(content, p) for p in event.places)
            rows.append(
                Row(
                    key=event.id,
                    cells=[
                        [
                            Text(
                                text=display_range(
                                    event.date, event.end, approximate=event.approximate
                                )
                            )
                        ],
                        [Text(text=places)],
                        cell,
                        [Text(text=grade(event.citations, sources, event.credibility))],
                    ],
                )
            )
        slug = label.lower().replace(" ", "-")
        blocks.append(
            Table(
                variant="chronology",
                number=None,
                anchor=f"chron-{slug}",
                title=label,
                columns=["Date", "Place", "Event", "Grade"],
                widths=[0.14, 0.18, 0.58, 0.1],
                rows=rows,
            )
        )
    return blocks


def _month_label(event: Event) -> str:
    date = event.date
    return str(date.year) if date.month is None else f"{MONTHS[date.month - 1]} {date.year}"


def source_list(content: Content, book: NoteBook) -> list[Block]:
    """Every source with its grade, kind and perspective, grouped by kind."""
    blocks: list[Block] = []
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
                        full_reference(source),
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
                title=kind.capitalize(),
                columns=["Source", "Perspective", "Grade"],
                widths=[0.5, 0.22, 0.28],
                rows=rows,
            )
        )
    return blocks


def place_names(content: Content, book: NoteBook) -> list[Block]:
    """The gazetteer: each place with its other names."""
    parties = {p.id: p.adjective or p.name for p in content.briefing.parties}
    rows = []
    for place in sorted(content.places, key=lambda p: p.name):
        aliases = "; ".join(
            a.name
            + (
                f" ({parties.get(a.party, a.party) if a.party else a.language})"
                if a.party or a.language
                else ""
            )
            for a in place.aliases
        )
        where = (
            f"{place.coordinates[0]:.3f}, {place.coordinates[1]:.3f}" if place.coordinates else ""
        )
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
    return [
        Table(
            variant="places",
            number=None,
            anchor="places",
            title="Place names",
            columns=["Name used here", "Other names", "Administration", "Lat, lon"],
            widths=[0.2, 0.32, 0.3, 0.18],
            rows=rows,
        )
    ]


def glossary(content: Content, book: NoteBook) -> list[Block]:
    """Abbreviations and terms, alphabetically."""
    rows = [
        Row(key=t.term, cells=[[Text(text=t.term)], [Text(text=t.definition)]])
        for t in sorted(content.terms, key=lambda t: t.term.casefold())
    ]
    if not rows:
        return []
    return [
        Table(
            variant="glossary",
            number=None,
            anchor="glossary",
            title="Glossary",
            columns=["Term", "Meaning"],
            widths=[0.22, 0.78],
            rows=rows,
        )
    ]


def legend(content: Content, book: NoteBook) -> list[Block]:
    """The Admiralty scale that the grades use."""
    intro = Paragraph(
        inlines=[
            Text(
                text=(
                    "Grades follow the Admiralty code: a letter for the reliability of the source and a "
                    "digit for the credibility of the item. “B2” means a usually reliable source reporting "
                    "something probably true."
                )
            )
        ]
    )
    return [intro] + [
        Table(
            variant="legend",
            number=None,
            anchor=f"legend-{name}",
            title=title,
            columns=["Grade", "Meaning"],
            widths=[0.15, 0.85],
            rows=[Row(key=k, cells=[[Text(text=k)], [Text(text=v)]]) for k, v in scale.items()],
        )
        for name, title, scale in (
            ("reliability", "Source reliability", RELIABILITY),
            ("credibility", "Information credibility", CREDIBILITY),
        )
    ]
