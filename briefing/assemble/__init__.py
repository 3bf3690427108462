"""assemble: typed content -> one engine-neutral Document (numbering, notes, chronology, tables)."""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from briefing.assemble import front
from briefing.assemble.annexes import annexes, place_label
from briefing.assemble.changes import changes, changes_annex, marked_judgments
from briefing.assemble.cited import marked
from briefing.assemble.claims import claim_text, claims_table
from briefing.assemble.document import (
    Block,
    Chart,
    Document,
    Heading,
    Inline,
    Meta,
    Part,
    Row,
    Table,
    Text,
)
from briefing.assemble.editions import bottom_line, brief_blocks, key_figures_table
from briefing.assemble.figures.blocks import claims_figure, map_figure, timeline_figure
from briefing.assemble.judgments import judgment_paragraph
from briefing.assemble.legend import legend
from briefing.assemble.method import method_note
from briefing.assemble.notes import NoteBook, NotesMode
from briefing.assemble.prose import heading_levels, markdown_blocks, use_pictures
from briefing.diagnostics import Diagnostic
from briefing.i18n import N_, Words, words
from briefing.load import Content
from briefing.load.cite import find_directives

__all__ = ["NoteBook", "NotesMode", "assemble", "claim_text", "claims_table", "place_label"]


def assemble(
    content: Content,
    *,
    build_id: str = "",
    notes: NotesMode = "short",
    verified_quotes: int | None = None,
    editorial_warnings: list[Diagnostic] | None = None,
    created: str = "",
    edition: Literal["full", "brief"] = "full",
    previous: Content | None = None,
) -> Document:
    """Build the Document in reading order, so notes number as a reader meets them.

    `edition` is `full` (the briefing, with a one-page summary after the cover) or `brief`
    (a decision-maker's brief of a few pages, from the same content); `previous` is the
    previous edition's content, for an annex of what changed since it.

    `verified_quotes` is how many quotes this build checked against archived
    sources (None when it did not), for the method note; `editorial_warnings` the
    editorial rules' findings, when check already has them (else they are found again).
    """
    w = words(content.briefing.language)
    use_pictures(content.pictures)  # the images Markdown names, read and checked by load
    book = NoteBook(content.sources, mode=notes, language=content.briefing.language)
    meta = front.meta(content, w, build_id=build_id, created=created)
    if edition == "brief":
        book.brief = True
        return _brief(content, book, w, meta)
    # One page: the bottom line and the two latest claims of each contested figure.
    summary = [*bottom_line(content, book), *key_figures_table(content, book, w, claimants=2)]
    judgments = [judgment_paragraph(content, j, book, w) for j in content.briefing.key_judgments]
    found, since = [], ""
    if previous is not None:
        found = changes(previous, content, w)
        since = w.gettext("edition {edition}, as of {date}").format(
            edition=previous.briefing.edition, date=w.partial(previous.briefing.as_of, long=True)
        )
        judgments = marked_judgments(judgments, found, since, w)
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
                new_page=number == 1,
            )
        )

    def about(c: Content, b: NoteBook, w: Words) -> list[Block]:
        return method_note(
            c,
            w,
            build_id=build_id,
            verified=verified_quotes is not None,
            notes=len(b.notes),
            editorial_warnings=editorial_warnings,
        )

    after = [*annexes(), (N_("About this briefing"), about), (N_("Grading scale"), legend)]
    if previous is not None:
        after.insert(
            len(after) - 2,
            (
                N_("Changes since the last edition"),
                lambda c, b, w: changes_annex(found, since, b, w),
            ),
        )
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    for title, build in after:
        blocks = build(content, book, w)
        if not blocks:  # a small briefing's empty annex is left out, and out of the contents
            continue
        letter = next(letters)
        parts.append(
            Part(
                kind="annex",
                number=letter,
                label=w.gettext("Annex {letter}").format(letter=letter),
                title=w.gettext(title),
                anchor=f"annex-{letter.lower()}",
                blocks=blocks,
                new_page=True,
            )
        )
    return Document(
        meta=meta,
        labels=front.labels(w, meta.as_of),
        summary=summary,
        key_judgments=judgments,
        toc=front.toc(parts),
        parts=parts,
        notes=book.notes,
    )


def _brief(content: Content, book: NoteBook, w: Words, meta: Meta) -> Document:
    """The decision-maker's brief: a title block, then its parts without page breaks."""
    parts = [
        Part(
            kind="section",
            number="",
            label="",
            title=title,
            anchor=f"brief-{index}",
            blocks=blocks,
        )
        for index, (title, blocks) in enumerate(
            brief_blocks(content, book, w, lambda n, cite: map_figure(content, n, cite)), start=1
        )
    ]
    return Document(
        meta=meta,
        labels=front.labels(w, meta.as_of),
        edition="brief",
        key_judgments=[],
        toc=[],
        parts=parts,
        notes=book.notes,
    )


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
            figure = _directive_figure(content, kind, ident or "", book, (tables, figures))
            if isinstance(figure, Chart) and not figure.label:
                label = words(content.briefing.language).gettext("Figure {number}")
                figure = replace(figure, label=label.format(number=figure.number))
            blocks.extend([figure] if figure is not None else [])
        else:
            blocks.append(_directive_table(content, kind, ident or "", book, tables))
    blocks.extend(_prose("".join(prose), book, levels))
    return _renumber_headings(blocks, number, anchor)


def _prose(text: str, book: NoteBook, levels: list[int]) -> list[Block]:
    if not text.strip():
        return []
    marked_text, note_for = marked(text, book)
    return markdown_blocks(marked_text, note_for, levels=levels)


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
    content: Content,
    kind: str,
    ident: str,
    book: NoteBook,
    counters: tuple[_TableNumbers, _TableNumbers],
) -> Chart | Table | None:
    """A figure numbered only when there is something to draw. A claims chart with too few
    dated claims is its topic's table instead (check warns W307 at the line), unless a
    `[[claims: ...]]` of the same topic shows that table already."""
    tables, figures = counters
    number = figures.count + 1
    if kind == "map":
        figure = map_figure(content, number, book.cite)
    elif kind == "timeline":
        figure = timeline_figure(content, number, book.cite)
    else:
        figure = claims_figure(content, ident, number, book.cite)
        if (
            figure is None
            and any(t.id == ident for t in content.topics)
            and ("claims", ident)
            not in {d[:2] for s in content.sections for d in find_directives(s.body)}
        ):
            return _directive_table(content, "claims", ident, book, tables)
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
            label=words(content.briefing.language).gettext("Table {number}").format(number=number),
            anchor=f"tbl-{number}",
            title=table.title,
            caption=caption,
            columns=list(table.columns),
            widths=[width] * len(table.columns),
            rows=[Row(cells=[[Text(text=c)] for c in row]) for row in table.rows],
        )
    return claims_table(content, ident, book, tables.next(), words(content.briefing.language))
