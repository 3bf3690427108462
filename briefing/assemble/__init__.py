"""assemble: typed content -> one engine-neutral Document (numbering, notes, chronology, tables)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from briefing.assemble.annexes import annexes, legend, place_label
from briefing.assemble.document import (
    Block,
    Chart,
    Document,
    Emph,
    Heading,
    Inline,
    Meta,
    Paragraph,
    Part,
    Row,
    Table,
    Text,
    TocEntry,
)
from briefing.assemble.figures.blocks import claims_figure, map_figure, timeline_figure
from briefing.assemble.method import method_note
from briefing.assemble.notes import NoteBook, NotesMode
from briefing.assemble.prose import heading_levels, inline_markdown, markdown_blocks
from briefing.check.editorial import figure_flags, is_uncorroborated
from briefing.diagnostics import Diagnostic
from briefing.grading import grade
from briefing.load import Content
from briefing.load.cite import find_citations, find_directives
from briefing.load.model import Citation, Figure

__all__ = ["NoteBook", "NotesMode", "assemble", "claim_text", "claims_table", "place_label"]


def assemble(
    content: Content,
    *,
    build_id: str = "",
    notes: NotesMode = "short",
    verified_quotes: int | None = None,
    editorial_warnings: list[Diagnostic] | None = None,
    created: str = "",
) -> Document:
    """Build the Document in reading order, so notes number as a reader meets them.

    `verified_quotes` is how many quotes this build checked against archived
    sources (None when it did not), for the method note; `editorial_warnings` the
    editorial rules' findings, when check already has them (else they are found again).
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
    parts_after = annexes()
    parts_after.append(
        (
            "About this briefing",
            lambda c, b: method_note(
                c, build_id, verified_quotes, len(b.notes), editorial_warnings
            ),
        )
    )
    parts_after.append(("Grading scale", legend))
    for letter, (title, build) in zip("ABCDEFGH", parts_after, strict=False):
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
        meta=_meta(content, build_id, created),
        key_judgments=judgments,
        toc=_toc(parts),
        parts=parts,
        notes=book.notes,
    )


def _meta(content: Content, build_id: str, created: str) -> Meta:
    b = content.briefing
    return Meta(
        title=b.title,
        subtitle=b.subtitle or "",
        short_title=b.short_title or b.title,
        as_of=b.as_of.display_long(),
        as_of_iso=str(b.as_of),
        created=created or f"{b.as_of}T00:00:00Z",
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
    flags = figure_flags(content, topic_id)
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
