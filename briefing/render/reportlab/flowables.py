"""render (ReportLab): the engine's own flowables, and what a flowable calls.

Small subclasses of platypus flowables, each for one layout fact: paragraphs that
keep their line breaks, tables whose short rows move whole, a table start that is
never orphaned, headings with outline entries, a page total for "Page X of Y".
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, LongTable, Paragraph, Table
from reportlab.platypus.doctemplate import IndexingFlowable

from briefing.render.reportlab.markup import NOTE_CALLBACK


def calls_in(flowable: Any) -> list[int]:
    """Note numbers called inside a paragraph or a table (cells included), in order."""
    cached = getattr(flowable, "_note_calls", None)
    if cached is not None:
        return cached
    found: list[int] = []
    if isinstance(flowable, Paragraph):
        _labels(flowable.frags, found)
    elif isinstance(flowable, Table):
        for row in row_calls(flowable):
            found.extend(row)
    found = list(dict.fromkeys(found))
    if isinstance(flowable, Paragraph | Table):
        flowable._note_calls = found  # split parts are new objects, so this never goes stale
    return found


def row_calls(table: Table) -> list[list[int]]:
    """The notes each row of a table calls."""
    rows = []
    for row in getattr(table, "_cellvalues", []):
        found: list[int] = []
        for item in _row_flowables(row):
            found.extend(calls_in(item))
        rows.append(found)
    return rows


def _row_flowables(row: Any) -> Iterator[Any]:
    """The flowables in a table row: a cell holds one, or a list of them."""
    for cell in row:
        yield from cell if isinstance(cell, list | tuple) else [cell]


def segments(flowable: Any) -> list[tuple[float, list[int]]]:
    """A wrapped flowable as (height, notes called) per line or row; [] when unknown."""
    if isinstance(flowable, Table) and getattr(flowable, "_rowHeights", None):
        heights = list(flowable._rowHeights)
        calls = row_calls(flowable)
        header = int(getattr(flowable, "repeatRows", 0) or 0)
        out = [(sum(heights[:header]), [n for row in calls[:header] for n in row])]
        return out + list(zip(heights[header:], calls[header:], strict=False))
    if isinstance(flowable, Paragraph) and not getattr(flowable.style, "autoLeading", None):
        lines = getattr(getattr(flowable, "blPara", None), "lines", None) or []
        out = []
        for line in lines:
            found: list[int] = []
            _labels(getattr(line, "words", []), found)
            out.append((flowable.style.leading, found))
        return out
    return []


def let_go(flowable: Any) -> None:
    """Drop the line breaks a paragraph (or a table's cells) kept, as drawing does."""
    if isinstance(flowable, Para):
        flowable.__dict__.pop("blPara", None)
    elif isinstance(flowable, Table):
        for row in getattr(flowable, "_cellvalues", []):
            for item in _row_flowables(row):
                let_go(item)


def _labels(obj: Any, found: list[int]) -> None:
    """Split paragraphs keep their words as nested lists of fragments; walk them all."""
    callback = getattr(obj, "cbDefn", None)
    if callback is not None and getattr(callback, "name", None) == NOTE_CALLBACK:
        found.append(int(callback.label))
    if isinstance(obj, list | tuple):
        for item in obj:
            if not isinstance(item, str | int | float):
                _labels(item, found)


class Para(Paragraph):
    """A Paragraph that keeps its line breaks for a width until it is drawn.

    Tables re-measure every cell at each wrap and split, and line breaking is most of
    ReportLab's time, so wrapping again at the same width reuses the breaks. Once drawn,
    the breaks are let go (peak memory); a later multiBuild pass breaks the lines again.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Paragraph.wrap, once per width."""
        if getattr(self, "_wrapped_at", None) == availWidth and hasattr(self, "blPara"):
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_at = availWidth
        return size

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        """Draw, then let the line breaks go: kept for every paragraph of a 400-page
        build, they were most of its peak memory; a later pass breaks the lines again."""
        super().drawOn(canvas, x, y, _sW)
        let_go(self)

    def draw(self) -> None:
        """Draw, breaking the lines again at the last width if they were let go (a note
        carried to a later page, a table's repeated header row)."""
        if not hasattr(self, "blPara"):
            super().wrap(self.width, self.height)
        super().draw()


class BriefingTable(LongTable):
    """LongTable whose rows move whole to the next page unless a row is too tall to."""

    tall_row = 1e9

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split between rows; inside a row only when that row is taller than `tall_row`."""
        self._calc(availWidth, availHeight)
        header = int(self.repeatRows or 0)
        heights = self._rowHeights
        following = heights[header] if len(heights) > header else 0.0
        in_row = self.splitInRow
        if following <= self.tall_row:
            self.splitInRow = 0
        try:
            return super().split(availWidth, availHeight)
        finally:
            self.splitInRow = in_row

    def onSplit(self, T: Table, byRow: int = 1) -> None:
        """Both parts keep the threshold."""
        T.tall_row = self.tall_row


class KeepTableStart(CondPageBreak):
    """Break the page unless the table's title, header row and first row fit together."""

    def __init__(self, title: Flowable | None, table: Table, most: float) -> None:
        super().__init__(0)
        self.title = title
        self.table = table
        self.most = most

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Measure the table's start, then decide like CondPageBreak."""
        need = 0.0
        if self.title is not None:
            need += self.title.wrap(availWidth, availHeight)[1] + self.title.getSpaceBefore()
            need += self.title.getSpaceAfter()
        self.table.wrap(availWidth, availHeight)
        need += sum(self.table._rowHeights[:2])
        self.height = min(need, self.most)
        return super().wrap(availWidth, availHeight)


class Heading_(Para):
    """A heading paragraph that carries its outline and contents entry for afterFlowable."""

    outline: tuple[int, str, str, int | None]
    toc_text: str


class PageTotal(IndexingFlowable):
    """Zero-size flowable that makes multiBuild run again until "of Y" is the real total."""

    _ZEROSIZE = True

    def __init__(self) -> None:
        super().__init__()
        self.printed = 0
        self.actual = 0
        self.ok = False

    def isSatisfied(self) -> bool:
        """True once the total printed in the footers equals the page count."""
        return self.ok

    def afterBuild(self) -> None:
        """Remember this pass's page count for the next pass's footers."""
        self.ok = self.printed == self.actual
        self.printed = self.actual

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Takes no room."""
        return 0.0, 0.0

    def draw(self) -> None:
        """Draws nothing."""


class FlushNotes(Flowable):
    """Last flowable: the document may not end while a long note still continues."""

    _ZEROSIZE = True

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        """Takes no room."""
        return 0.0, 0.0

    def draw(self) -> None:
        """Draws nothing."""
