"""assemble: what changed since a previous edition: events, figures, judgments and grades.

Analysts update a briefing as events move; a reader of the new edition needs to see what
is new, what was removed and what changed, each with its source, without comparing two
PDFs by hand. The previous edition's content is loaded like this one (see `--since`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from briefing.assemble.claims import claim_text
from briefing.assemble.document import Block, Inline, Paragraph, Row, Table, Text
from briefing.assemble.notes import NoteBook
from briefing.i18n import N_, Words
from briefing.load import Content
from briefing.load.model import Citation, Event, Figure

Item = TypeVar("Item", Event, Figure)
SAME_JUDGMENT = 0.6
"""How alike two judgments' words must be to count as one judgment reworded."""
KINDS = {"event": N_("Event"), "figure": N_("Figure"), "judgment": N_("Key judgment")}
WHAT = {"new": N_("new"), "removed": N_("removed"), "changed": N_("changed")}


@dataclass(frozen=True)
class Change:
    """One item that differs between the two editions."""

    kind: Literal["event", "figure", "judgment"]
    what: Literal["new", "removed", "changed"]
    ident: str
    """The item's id, or the judgment's number in the new edition (the old one if removed)."""
    before: str
    after: str
    citations: tuple[Citation, ...]


def changes(old: Content, new: Content, w: Words) -> list[Change]:
    """Every event, figure and key judgment that is new, removed or changed."""
    return [
        *_items("event", old.events, new.events, lambda e: _event_text(e, w)),
        *_items("figure", old.figures, new.figures, lambda f: _figure_text(f, new, w)),
        *_judgments(old, new),
    ]


def _items(
    kind: Literal["event", "figure"],
    old: Sequence[Item],
    new: Sequence[Item],
    said: Callable[[Item], str],
) -> list[Change]:
    """Items by id: `said(item)` is what a reader of the two editions would compare."""
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    out = []
    for ident, item in after.items():
        cited = tuple(item.citations)
        if ident not in before:
            out.append(Change(kind, "new", ident, "", said(item), cited))
        elif said(before[ident]) != said(item):
            out.append(Change(kind, "changed", ident, said(before[ident]), said(item), cited))
    for ident, item in before.items():
        if ident not in after:
            out.append(Change(kind, "removed", ident, said(item), "", tuple(item.citations)))
    return out


def _event_text(event: Event, w: Words) -> str:
    when = w.date_range(event.date, event.end, approximate=event.approximate)
    return f"{when}: {event.summary} [{event.credibility}]"


def _figure_text(figure: Figure, content: Content, w: Words) -> str:
    topic = next((t for t in content.topics if t.id == figure.topic), None)
    claim = claim_text(figure, topic.unit if topic else None, w)
    when = w.partial(figure.as_of) if figure.as_of else ""
    return f"{figure.claimant or ''}: {claim}, {when} [{figure.credibility}]"


def _judgments(old: Content, new: Content) -> list[Change]:
    before = [j.text for j in old.briefing.key_judgments]
    after = list(new.briefing.key_judgments)
    matched: set[int] = set()
    out = []
    for number, judgment in enumerate(after, start=1):
        scores = [
            (difflib.SequenceMatcher(None, text, judgment.text).ratio(), index)
            for index, text in enumerate(before)
            if index not in matched
        ]
        best, index = max(scores, default=(0.0, -1))
        citations = tuple(judgment.citations)
        if best < SAME_JUDGMENT:
            out.append(Change("judgment", "new", str(number), "", judgment.text, citations))
            continue
        matched.add(index)
        if before[index] != judgment.text:
            out.append(
                Change("judgment", "changed", str(number), before[index], judgment.text, citations)
            )
    for index, text in enumerate(before):
        if index not in matched:
            cited = tuple(old.briefing.key_judgments[index].citations)
            out.append(Change("judgment", "removed", str(index + 1), text, "", cited))
    return out


def changes_annex(found: list[Change], since: str, book: NoteBook, w: Words) -> list[Block]:
    """The annex: one row per change, with the item's sources as its note."""
    intro = w.gettext(
        "What differs from {since}: items added, removed or changed, with their grades in brackets."
    ).format(since=since)
    blocks: list[Block] = [Paragraph(style="small", inlines=[Text(text=intro)])]
    if not found:
        blocks.append(Paragraph(inlines=[Text(text=w.gettext("Nothing changed."))]))
        return blocks
    rows = []
    for change in found:
        detail: list[Inline] = []
        if change.before:
            detail.append(Text(text=w.gettext("Before: {text}").format(text=change.before)))
        if change.after:
            prefix = " " if detail else ""
            detail.append(Text(text=prefix + w.gettext("Now: {text}").format(text=change.after)))
        if change.citations:
            detail.append(book.cite(list(change.citations)))
        rows.append(
            Row(
                key=f"{change.kind}:{change.ident}",
                cells=[
                    [Text(text=f"{w.gettext(KINDS[change.kind])} {change.ident}")],
                    [Text(text=w.gettext(WHAT[change.what]))],
                    detail,
                ],
            )
        )
    blocks.append(
        Table(
            variant="table",
            number=None,
            anchor="changes",
            title="",
            columns=[w.gettext("Item"), w.gettext("Change"), w.gettext("Details")],
            widths=[0.22, 0.12, 0.66],
            rows=rows,
        )
    )
    return blocks


def marked_judgments(
    paragraphs: list[Paragraph], found: list[Change], since: str, w: Words
) -> list[Paragraph]:
    """The key judgments, each new or changed one marked as such for the reader."""
    marks = {c.ident: c.what for c in found if c.kind == "judgment" and c.what != "removed"}
    out = []
    for number, paragraph in enumerate(paragraphs, start=1):
        what = marks.get(str(number))
        if what is None:
            out.append(paragraph)
            continue
        label = (
            w.gettext("New since {since}.")
            if what == "new"
            else w.gettext("Changed since {since}.")
        ).format(since=since)
        inlines = [*paragraph.inlines, Text(text=f" [{label}]")]
        out.append(Paragraph(inlines=inlines, style=paragraph.style))
    return out
