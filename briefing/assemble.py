"""assemble: typed content -> one engine-neutral Document (numbering, notes, chronology, tables)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import groupby
from typing import Literal

from briefing.assemble_figures import claims_figure, map_figure, timeline_figure
from briefing.cite import find_citations, find_directives
from briefing.dates import MONTHS, display_range
from briefing.document import (
    Block,
    Chart,
    Document,
    Emph,
    Heading,
    Inline,
    Link,
    Meta,
    Note,
    NoteRef,
    Paragraph,
    Part,
    Row,
    Table,
    Text,
    TocEntry,
)
from briefing.editorial import figure_flags, is_uncorroborated
from briefing.grading import CREDIBILITY, RELIABILITY, grade
from briefing.load import Content
from briefing.method import method_note
from briefing.model import Citation, Event, Figure, Source
from briefing.prose import SAFE_LINK, heading_levels, inline_markdown, markdown_blocks

NotesMode = Literal["short", "full"]
Cited = tuple[str, str | None, str | None]  # source id, locator, quote


class NoteBook:
    """Numbers notes in reading order; a source's first note gives the full reference."""

    def __init__(self, sources: Sequence[Source], *, mode: NotesMode = "short") -> None:
        self.sources = {s.id: s for s in sources}
        self.mode = mode
        self.notes: list[Note] = []
        self.seen: set[str] = set()

    def add(self, items: Sequence[Cited]) -> NoteRef:
        """One note for the citations at one point."""
        inlines: list[Inline] = []
        for index, (source_id, locator, quote) in enumerate(items):
            if index:
                inlines.append(Text(text="; "))
            inlines.extend(self._reference(source_id, locator, quote))
        inlines.append(Text(text="."))
        number = len(self.notes) + 1
        self.notes.append(
            Note(number=number, inlines=_join(inlines), sources=[i[0] for i in items])
        )
        return NoteRef(number=number)

    def cite(self, citations: Sequence[Citation]) -> NoteRef:
        """One note for structured YAML citations."""
        return self.add([(c.source, c.locator, c.quote) for c in citations])

    def _reference(self, source_id: str, locator: str | None, quote: str | None) -> list[Inline]:
        source = self.sources.get(source_id)
        if source is None:
            return [Text(text=f"unknown source {source_id}")]
        out: list[Inline]
        if source_id not in self.seen:
            self.seen.add(source_id)
            out = full_reference(source)
        else:
            name = short_name(source)
            out = [Text(text=f"{name}, ")] if name else []
            out.append(Emph(children=[Text(text=source.title)]))
        if locator:
            out.append(Text(text=f", {_locator(locator)}"))
        if quote and self.mode == "full":
            out.append(Text(text=f": “{quote}”"))
        return out


def full_reference(source: Source) -> list[Inline]:
    """Author, *Title*, publisher, date, URL, grade."""
    out: list[Inline] = []
    if source.author:
        out.append(Text(text=f"{source.author}, "))
    out.append(Emph(children=[Text(text=source.title)]))
    if source.publisher:
        out.append(Text(text=f", {source.publisher}"))
    out.append(Text(text=f", {published_text(source)}"))
    if source.url and SAFE_LINK.match(source.url):
        out.extend([Text(text=", "), Link(href=source.url, children=[Text(text=source.url)])])
    out.append(Text(text=f" [reliability {source.reliability}]"))
    return out


def published_text(source: Source) -> str:
    """`27 October 2020`, or `undated (between 1 Dec 2020 and 31 Dec 2021)`."""
    if source.published != "unknown":
        return source.published.display_long()  # type: ignore[union-attr]
    if source.published_between:
        first, last = source.published_between
        return f"undated (between {first.display()} and {last.display()})"
    return "undated"


def short_name(source: Source) -> str:
    """The publisher, else the author, for the short form of later notes."""
    return source.publisher or source.author or ""


def _locator(locator: str) -> str:
    return (
        f"“{locator}”" if not locator[:1].isdigit() and not locator.startswith("para") else locator
    )


def _join(inlines: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for item in inlines:
        if isinstance(item, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(text=merged[-1].text + item.text)
        else:
            merged.append(item)
    return merged


def assemble(
    content: Content,
    *,
    build_id: str = "",
    notes: NotesMode = "short",
    verified_quotes: int | None = None,
) -> Document:
    """Build the Document in reading order, so notes number as a reader meets them.

    `verified_quotes` is how many quotes this build checked against archived
    sources (None when it did not), for the method note.
    """
    book = NoteBook(content.sources, mode=notes)
    judgments = [_judgment(j.text, j.citations, book) for j in content.briefing.key_judgments]
    tables, figures = _TableNumbers(), _TableNumbers()
    parts: list[Part] = []
    by_id = {s.header.id: s for s in content.sections}
    for number, section_id in enumerate(content.briefing.sections, start=1):
        section = by_id[section_id]
        anchor = f"sec-{section_id}"
        blocks = _section_blocks(
            content, section.body, book, (tables, figures), str(number), anchor
        )
        parts.append(
            Part(
                kind="section",
                number=str(number),
                label=str(number),
                title=section.header.title,
                anchor=anchor,
                blocks=blocks,
            )
        )
    annexes = _annexes()
    annexes.append(
        (
            "About this briefing",
            lambda c, b: method_note(c, build_id, verified_quotes, len(b.notes)),
        )
    )
    annexes.append(("Grading scale", legend))
    for letter, (title, build) in zip("ABCDEFGH", annexes, strict=False):
        parts.append(
            Part(
                kind="annex",
                number=letter,
                label=f"Annex {letter}",
                title=title,
                anchor=f"annex-{letter.lower()}",
                blocks=build(content, book),
            )
        )
    return Document(
        meta=_meta(content, build_id),
        key_judgments=judgments,
        toc=_toc(parts),
        parts=parts,
        notes=book.notes,
    )


def _meta(content: Content, build_id: str) -> Meta:
    b = content.briefing
    return Meta(
        title=b.title,
        subtitle=b.subtitle or "",
        short_title=b.short_title or b.title,
        as_of=b.as_of.display_long(),
        as_of_iso=str(b.as_of),
        edition=b.edition,
        prepared_by=b.prepared_by or "",
        marking=b.marking,
        language=b.language,
        keywords=b.keywords,
        page_size=b.page_size,
        build_id=build_id,
    )


def _toc(parts: list[Part]) -> list[TocEntry]:
    toc = []
    for part in parts:
        toc.append(TocEntry(level=1, label=part.label, title=part.title, anchor=part.anchor))
        for block in part.blocks:
            if isinstance(block, Heading) and block.level == 2 and part.kind == "section":
                toc.append(
                    TocEntry(level=2, label=block.number, title=block.title, anchor=block.anchor)
                )
    return toc


def _marked(text: str, book: NoteBook) -> tuple[str, Callable[[int], int]]:
    """Replace citation groups with marks; notes are made when prose meets them."""
    groups = list(find_citations(text.replace("\ue000", "").replace("\ue001", "")))
    clean = text.replace("\ue000", "").replace("\ue001", "")
    pieces, position = [], 0
    for index, group in enumerate(groups):
        pieces.append(clean[position : group.start] + f"\ue000{index}\ue001")
        position = group.end
    pieces.append(clean[position:])
    made: dict[int, int] = {}

    def note_for(index: int) -> int:
        if index not in made:
            items = [(i.source, i.locator, None) for i in groups[index].items]
            made[index] = book.add(items).number
        return made[index]

    return "".join(pieces), note_for


def _judgment(text: str, citations: Sequence[Citation], book: NoteBook) -> Paragraph:
    marked, note_for = _marked(text, book)
    inlines = inline_markdown(marked, note_for)
    if citations:
        inlines.append(book.cite(citations))
    return Paragraph(inlines=inlines, style="judgment")


class _TableNumbers:
    def __init__(self) -> None:
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count


def _section_blocks(
    content: Content,
    body: str,
    book: NoteBook,
    counters: tuple[_TableNumbers, _TableNumbers],
    number: str,
    anchor: str,
) -> list[Block]:
    """Prose between directives becomes blocks; each directive becomes its table or figure."""
    tables, figures = counters
    blocks: list[Block] = []
    levels = heading_levels(body)
    position = 0
    chunks: list[tuple[str, str | None, str | None]] = []
    for kind, ident, offset in find_directives(body):
        end = body.find("\n", offset)
        chunks.append((body[position:offset], kind, ident))
        position = len(body) if end < 0 else end + 1
    chunks.append((body[position:], None, None))
    prose = []
    for text, kind, ident in chunks:
        prose.append(text)
        if kind is None:
            continue
        blocks.extend(_prose("".join(prose), book, levels))
        prose = []
        if kind in ("map", "timeline", "chart"):
            figure = _directive_figure(content, kind, ident or "", book, figures)
            blocks.extend([figure] if figure is not None else [])
        else:
            blocks.append(_directive_table(content, kind, ident or "", book, tables))
    blocks.extend(_prose("".join(prose), book, levels))
    return _renumber_headings(blocks, number, anchor)


def _prose(text: str, book: NoteBook, levels: list[int]) -> list[Block]:
    if not text.strip():
        return []
    marked, note_for = _marked(text, book)
    return markdown_blocks(marked, note_for, levels=levels)


def _renumber_headings(blocks: list[Block], number: str, anchor: str) -> list[Block]:
    """Headings numbered across the whole section, whatever chunk they came from."""
    out: list[Block] = []
    counters = [0, 0]
    for block in blocks:
        if isinstance(block, Heading) and block.level in (2, 3):
            depth = block.level - 2
            counters[depth] += 1
            if depth == 0:
                counters[1] = 0
            label = ".".join([number, *map(str, counters[: depth + 1])])
            block = Heading(
                level=block.level,
                number=label,
                title=block.title,
                anchor=f"{anchor}-{label.replace('.', '-')}",
            )
        out.append(block)
    return out


def _directive_figure(
    content: Content, kind: str, ident: str, book: NoteBook, figures: _TableNumbers
) -> Chart | None:
    """A figure numbered only when there is something to draw."""
    number = figures.count + 1
    if kind == "map":
        figure = map_figure(content, number, book.cite)
    elif kind == "timeline":
        figure = timeline_figure(content, number, book.cite)
    else:
        figure = claims_figure(content, ident, number, book.cite)
    if figure is not None:
        figures.next()
    return figure


def _directive_table(
    content: Content, kind: str, ident: str, book: NoteBook, tables: _TableNumbers
) -> Table:
    if kind == "table":
        table = next(t for t in content.tables if t.id == ident)
        caption: list[Inline] = [Text(text=table.caption)] if table.caption else []
        if table.citations:
            caption.append(book.cite(table.citations))
        number = tables.next()
        width = 1 / len(table.columns)
        return Table(
            variant="table",
            number=number,
            anchor=f"tbl-{number}",
            title=table.title,
            caption=caption,
            columns=list(table.columns),
            widths=[width] * len(table.columns),
            rows=[Row(cells=[[Text(text=c)] for c in row]) for row in table.rows],
        )
    return claims_table(content, ident, book, tables.next())


def claims_table(content: Content, topic_id: str, book: NoteBook, number: int) -> Table:
    """Who claims what, as of when: one row per figure of the topic, oldest first."""
    topic = next(t for t in content.topics if t.id == topic_id)
    figures = sorted(
        (f for f in content.figures if f.topic == topic_id),
        key=lambda f: (f.as_of.last() if f.as_of else None, f.claimant or "", f.id),
    )
    sources = {s.id: s for s in content.sources}
    rows = []
    flags = figure_flags(content)
    for figure in figures:
        remarks = [figure.note or ""]
        if figure.id in flags:
            remarks.append(f"Flagged: {flags[figure.id]}.")
        note: list[Inline] = [Text(text=" ".join(r for r in remarks if r))] if any(remarks) else []
        if is_uncorroborated(figure.citations, sources):
            note.append(Emph(children=[Text(text=" Uncorroborated.")]))
        note.append(book.cite(figure.citations))
        rows.append(
            Row(
                key=figure.id,
                cells=[
                    [Text(text=figure.claimant or "")],
                    [Text(text=claim_text(figure, topic.unit))],
                    [Text(text=figure.as_of.display() if figure.as_of else "")],
                    [Text(text=grade(figure.citations, sources, figure.credibility))],
                    note,
                ],
            )
        )
    caption = [
        Text(
            text="Each row is one party's claim as reported in the cited source; "
            "figures are not endorsed."
        )
    ]
    return Table(
        variant="claims",
        number=number,
        anchor=f"tbl-{number}",
        title=f"Who claims what: {topic.title}",
        caption=caption,
        columns=["Claimant", "Claim", "As of", "Grade", "Note"],
        widths=[0.26, 0.2, 0.12, 0.08, 0.34],
        rows=rows,
    )


def claim_text(figure: Figure, unit: str | None) -> str:
    """`at least 1,166 deaths`, `2,300–2,600 fighters`."""
    if figure.range is not None:
        value = f"{figure.range[0]:,}–{figure.range[1]:,}"
    else:
        value = f"{figure.value:,}"
    qualifier = "" if figure.qualifier == "exactly" else figure.qualifier + " "
    unit = figure.unit or unit
    return f"{qualifier}{value}{' ' + unit if unit else ''}"


def _annexes() -> list[tuple[str, Callable[[Content, NoteBook], list[Block]]]]:
    return [
        ("Chronology", chronology),
        ("Sources", source_list),
        ("Place names", place_names),
        ("Glossary", glossary),
    ]


def place_label(content: Content, place_id: str) -> str:
    """`Shusha / Shushi`: the name in the briefing's voice and the other side's name."""
    place = next((p for p in content.places if p.id == place_id), None)
    if place is None:
        return place_id
    others = [a.name for a in place.aliases if a.side and a.name != place.name]
    return " / ".join([place.name, *others[:1]])


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
    rows = []
    for place in sorted(content.places, key=lambda p: p.name):
        aliases = "; ".join(
            a.name + (f" ({a.side or a.language})" if a.side or a.language else "")
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
