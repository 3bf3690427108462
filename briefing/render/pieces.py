"""render: the print HTML in pieces that WeasyPrint lays out on their own, side by side.

The briefing starts a new page after its contents and before every annex, so the front
matter (cover, key judgments, contents), the run of numbered sections and each annex lay
out alone exactly as they do in the whole briefing. A piece is the whole page with only
some of those units printed and the others left as empty hidden stand-ins with the same
tags and classes, so every selector of the stylesheet matches as it did. The units after
the front matter go, in order, into two groups of about the same size, one for each core;
the front matter is a piece of its own, laid out once the contents' page numbers are
known (see `weasysplit`).

The pieces depend only on the Document, never on the machine, so a build gives the same
bytes wherever it runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.document import Document, Part
from briefing.render.html import print_html, render_parts

FRONT = "front"
"""The unit name of the cover, key judgments and contents."""
SPLIT_CHARS = 150_000
"""Characters of part HTML from which a briefing is laid out in pieces. Below it the
pieces' fixed costs (a process and a style sheet each, the front matter laid out twice)
outweigh laying out on two cores."""


@dataclass(frozen=True)
class PrintHtml:
    """What WeasyPrint lays out: the whole page and, for a long briefing, its pieces."""

    whole: str
    pieces: tuple[str, ...] = ()
    """The front matter, then each group; empty when the briefing is laid out whole."""


def print_pieces(document: Document, *, split_chars: int | None = None) -> PrintHtml:
    """The print HTML, and its pieces when the parts hold at least `split_chars` of HTML
    (by default `SPLIT_CHARS`)."""
    parts_html = render_parts(document, notes_as="footnotes")
    whole = print_html(document, parts_html=parts_html)
    least = SPLIT_CHARS if split_chars is None else split_chars
    found = groups(document.parts, [len(html) for html in parts_html], min_chars=least)
    if found is None:
        return PrintHtml(whole)
    pages = [frozenset({FRONT}), *(frozenset(group) for group in found)]
    return PrintHtml(
        whole, tuple(print_html(document, shown=shown, parts_html=parts_html) for shown in pages)
    )


def groups(parts: list[Part], sizes: list[int], *, min_chars: int) -> list[list[str]] | None:
    """The part anchors of the two groups, or None when the briefing is too short or is a
    single unit. A unit is a part that starts a page (the first, and every annex) with the
    sections that follow it on the same pages; the cut between the groups is the one that
    leaves the larger group smallest."""
    if sum(sizes) < min_chars:
        return None
    units: list[list[str]] = []
    weights: list[int] = []
    for index, (part, size) in enumerate(zip(parts, sizes, strict=True)):
        if index == 0 or part.kind == "annex":
            units.append([])
            weights.append(0)
        units[-1].append(part.anchor)
        weights[-1] += size
    if len(units) < 2:
        return None
    cut = min(range(1, len(units)), key=lambda k: max(sum(weights[:k]), sum(weights[k:])))
    return [[a for unit in units[:cut] for a in unit], [a for unit in units[cut:] for a in unit]]
