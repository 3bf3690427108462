"""assemble: prose with citations: notes are made, and numbered, as the reader meets them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from briefing.assemble.document import Paragraph
from briefing.assemble.notes import NoteBook
from briefing.assemble.prose import inline_markdown
from briefing.load.cite import find_citations
from briefing.load.model import Citation


def marked(text: str, book: NoteBook) -> tuple[str, Callable[[int], int]]:
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


def cited_paragraph(
    text: str,
    citations: Sequence[Citation],
    book: NoteBook,
    *,
    style: Literal["body", "judgment", "caption", "small"] = "body",
) -> Paragraph:
    """A paragraph of inline Markdown with `[@id]` citations, and the YAML citations as
    one note at its end (key judgments, the bottom line)."""
    marked_text, note_for = marked(text, book)
    inlines = inline_markdown(marked_text, note_for)
    if citations:
        inlines.append(book.cite(citations))
    return Paragraph(inlines=inlines, style=style)
