"""render (ReportLab): footnotes at the foot of the page of their call.

Platypus has no footnotes. The design (measured in ENGINE-NOTES): the frame knows
which notes a flowable calls (from the `<onDraw>` tags the markup puts at each call).
A flowable fits only together with its unplaced notes; when it does not, the frame
splits it, shrinking the first part until the part and its own notes fit. Placing it
raises the frame's bottom limit by the notes' height; at page end the notes are drawn
at the foot. A note too long for the space left continues on the next pages. Each
call's page is recorded when it is really drawn, so `verify` can prove the layout.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, Paragraph

from briefing.errors import FootnotePlacementError
from briefing.render.reportlab.flowables import calls_in, let_go, segments

log = logging.getLogger(__name__)

SEPARATOR = 9.0  # space above the first note of a page; the rule sits inside it
GAP = 1.5  # between notes
MIN_SPLIT = 24.0  # a note is split only if at least this much of it fits (about 2 lines)
MIN_BODY = 36.0  # leave room for some body text below a continued note


@dataclass
class Plan:
    """The notes a flowable brings to the page: whole parts, and what continues later."""

    parts: list[tuple[int, Flowable, float]]
    carry: list[tuple[int, Flowable]]
    height: float


@dataclass
class Footnotes:
    """Per-build footnote state: placed notes, this page's notes, continuations, records."""

    make_note: Callable[[int], Paragraph]
    width: float
    rule_colour: Color
    placed: set[int] = field(default_factory=set)
    page_parts: list[tuple[int, Flowable, float]] = field(default_factory=list)
    carry: list[tuple[int, Flowable]] = field(default_factory=list)
    closed: bool = False  # a note on this page continues: no later note may start here
    full: bool = False  # continued notes fill this page: no body text
    note_pages: dict[int, int] = field(default_factory=dict)
    call_pages: dict[int, set[int]] = field(default_factory=dict)
    continued: dict[int, list[int]] = field(default_factory=dict)
    _notes: dict[int, tuple[Paragraph, float]] = field(default_factory=dict)

    def reset(self) -> None:
        """Forget the previous pass (multiBuild lays the document out several times)."""
        self.placed.clear()
        self.page_parts.clear()
        self.carry.clear()
        self.closed = self.full = False
        self.note_pages.clear()
        self.call_pages.clear()
        self.continued.clear()

    def note(self, number: int) -> tuple[Paragraph, float]:
        """The note's paragraph and its height at the frame width (cached)."""
        if number not in self._notes:
            paragraph = self.make_note(number)
            self._notes[number] = (paragraph, paragraph.wrap(self.width, 1e6)[1])
        return self._notes[number]

    def unplaced(self, flowable: Any) -> list[int]:
        """The notes this flowable calls that no earlier flowable has placed."""
        return [n for n in calls_in(flowable) if n not in self.placed]

    def plan(self, numbers: list[int], space: float) -> Plan | None:
        """Fit the notes in `space` points; only the last may split. None when they do not fit."""
        if not numbers:
            return Plan([], [], 0.0)
        if self.closed:
            return None
        total = 0.0 if self.page_parts else SEPARATOR
        parts: list[tuple[int, Flowable, float]] = []
        for index, number in enumerate(numbers):
            paragraph, height = self.note(number)
            gap = GAP if parts or self.page_parts else 0.0
            if total + gap + height <= space:
                parts.append((number, paragraph, height))
                total += gap + height
                continue
            room = space - total - gap
            if index < len(numbers) - 1 or room < MIN_SPLIT:
                return None
            pieces = paragraph.split(self.width, room)
            if len(pieces) < 2:
                return None
            first_height = pieces[0].wrap(self.width, room)[1]
            if first_height > room:
                return None
            parts.append((number, pieces[0], first_height))
            carry = [(number, piece) for piece in pieces[1:]]
            return Plan(parts, carry, total + gap + first_height)
        return Plan(parts, [], total)

    def commit(self, plan: Plan, page: int) -> None:
        """The flowable was drawn: its notes belong to this page."""
        for number, flowable, height in plan.parts:
            self.placed.add(number)
            self.note_pages[number] = page
            self.page_parts.append((number, flowable, height))
        if plan.carry:
            self.carry = plan.carry
            self.closed = True

    def start_page(self, frame: Frame, page: int) -> None:
        """A new page: continued notes go first at its foot, above the body's bottom limit."""
        self.page_parts.clear()
        self.closed = self.full = False
        frame._y1p = frame._y1 + frame._bottomPadding
        if not self.carry:
            return
        limit = frame._aH - MIN_BODY
        total, waiting = SEPARATOR, list(self.carry)
        self.carry = []
        while waiting:
            number, flowable = waiting.pop(0)
            height = flowable.wrap(self.width, 1e6)[1]
            gap = GAP if self.page_parts else 0.0
            if total + gap + height <= limit:
                self.page_parts.append((number, flowable, height))
                self.continued.setdefault(number, []).append(page)
                total += gap + height
                continue
            pieces = flowable.split(self.width, frame._aH - total - gap)
            if len(pieces) >= 2:
                height = pieces[0].wrap(self.width, 1e6)[1]
                self.page_parts.append((number, pieces[0], height))
                self.continued.setdefault(number, []).append(page)
                total += gap + height
                waiting.insert(0, (number, pieces[1]))
            else:
                waiting.insert(0, (number, flowable))
            self.carry = waiting
            self.closed = self.full = True
            break
        frame._y1p += total
        if self.full:
            frame._y1p = frame._y  # nothing else fits on a page of continued notes

    def draw(self, canvas: Canvas, frame: Frame) -> None:
        """Draw this page's notes at the foot of the frame, under a short rule."""
        if not self.page_parts:
            return
        x = frame._x1 + frame._leftPadding
        bottom = frame._y1 + frame._bottomPadding
        heights = [h for _, _, h in self.page_parts]
        y = bottom + SEPARATOR + sum(heights) + GAP * (len(heights) - 1)
        canvas.saveState()
        canvas.setStrokeColor(self.rule_colour)
        canvas.setLineWidth(0.5)
        canvas.line(x, y - SEPARATOR / 2, x + self.width / 3, y - SEPARATOR / 2)
        canvas.restoreState()
        y -= SEPARATOR
        for _, flowable, height in self.page_parts:
            y -= height
            flowable.drawOn(canvas, x, y)
            y -= GAP

    def let_go(self) -> None:
        """A draft page's notes are not drawn: let their line breaks go as drawing would."""
        for _, flowable, _ in self.page_parts:
            let_go(flowable)

    def on_call(self, canvas: Canvas, kind: str, label: str | None) -> None:
        """`<onDraw>` callback: the page where a call was really drawn."""
        if label is not None:
            self.call_pages.setdefault(int(label), set()).add(canvas.getPageNumber())

    def verify(self, numbers: Iterator[int]) -> None:
        """Every note placed once, on the one page where its call was drawn; else raise."""
        problems = []
        for number in numbers:
            calls = self.call_pages.get(number, set())
            page = self.note_pages.get(number)
            if page is None or calls != {page}:
                problems.append(f"note {number}: call on {sorted(calls)}, note on {page}")
        if self.carry:
            problems.append(f"notes {[n for n, _ in self.carry]} never finished")
        if problems:
            raise FootnotePlacementError("; ".join(problems[:10]))


def _not_drawn(*args: Any, **kwargs: Any) -> None:
    """drawOn in a draft pass."""


class DraftFrame(Frame):
    """A frame that, in a draft pass (the document's `draft`), places without drawing."""

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        """Frame.add; in a draft pass the flowable takes its place but is not drawn, and
        lets its line breaks go as drawing would (peak memory)."""
        if not getattr(getattr(canv, "_doctemplate", None), "draft", False):
            return Frame._add(self, flowable, canv, trySplit)
        # object's own setattr: some flowables (Drawing) refuse attributes they do not know
        object.__setattr__(flowable, "drawOn", _not_drawn)
        try:
            placed = Frame._add(self, flowable, canv, trySplit)
        finally:
            object.__delattr__(flowable, "drawOn")
        if placed:
            let_go(flowable)
        return placed


class NoteFrame(DraftFrame):
    """A frame that places a flowable only together with the notes it calls."""

    notes: Footnotes
    page: Callable[[], int]

    def _space_before(self, flowable: Flowable) -> float:
        if self._atTop:
            return 0.0
        space = flowable.getSpaceBefore()
        if self._oASpace:
            space = max(space - self._prevASpace, 0)
        return space

    def add(self, flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        """Frame.add, with the bottom limit raised by the notes the flowable brings."""
        numbers = self.notes.unplaced(flowable)
        if not numbers:
            return DraftFrame.add(self, flowable, canv, trySplit)
        avail = self._y - self._y1p - self._space_before(flowable)
        flowable.canv = canv
        try:
            height = flowable.wrap(self._getAvailableWidth(), avail)[1]
        finally:
            del flowable.canv
        plan = self.notes.plan(numbers, avail - height)
        if plan is None:
            return 0
        bottom = self._y1p
        self._y1p += plan.height
        if not DraftFrame.add(self, flowable, canv, trySplit):
            self._y1p = bottom
            return 0
        self.notes.commit(plan, self.page())
        return 1

    def split(self, flowable: Flowable, canv: Canvas) -> list[Flowable]:
        """Split so that the first part and its own notes fit; [] when no part does.

        Fewer lines or rows call fewer notes, so the largest height that works is
        found by bisection over the height offered to the flowable's own split.
        """
        if not self.notes.unplaced(flowable):
            return Frame.split(self, flowable, canv)
        avail = self._y - self._y1p - self._space_before(flowable)
        parts = self._try(flowable, canv, avail, avail)
        if parts is not None:
            return parts
        guess = self._guess(flowable, avail)
        parts = None if guess is None else self._try(flowable, canv, guess, avail)
        if parts is not None:
            return parts
        best: list[Flowable] = []
        low, high = 0.0, avail
        while high - low > 1.0:
            middle = (low + high) / 2
            parts = self._try(flowable, canv, middle, avail)
            if parts is None:
                high = middle
            else:
                best, low = parts, middle
        return best

    def _guess(self, flowable: Flowable, avail: float) -> float | None:
        """The height of the most lines or rows that fit with their notes (saves splits)."""
        used, numbers, best = 0.0, [], None
        for height, calls in segments(flowable):
            used += height
            numbers += [n for n in calls if n not in self.notes.placed and n not in numbers]
            if used > avail or self.notes.plan(numbers, avail - used) is None:
                break
            best = used
        return None if not best else best + 0.01

    def _try(
        self, flowable: Flowable, canv: Canvas, trial: float, avail: float
    ) -> list[Flowable] | None:
        """The flowable's split at `trial` points, if its first part fits with its notes."""
        width = self._getAvailableWidth()
        flowable.canv = canv
        try:
            parts = flowable.split(width, trial)
        finally:
            if hasattr(flowable, "canv"):
                del flowable.canv
        if not parts:
            return None
        first = parts[0]
        first.canv = canv
        try:
            height = first.wrap(width, trial)[1]
        finally:
            if hasattr(first, "canv"):
                del first.canv
        if height > trial + 1e-6:
            return None
        return parts if self.notes.plan(self.notes.unplaced(first), avail - height) else None
