"""assemble: the decision-maker's brief and the full briefing's one-page summary.

Both come from the same content as the full briefing: the bottom line, the judgments, the
topics and events the content marks as key, and the locator map.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from briefing.assemble.cited import cited_paragraph
from briefing.assemble.claims import claim_text
from briefing.assemble.document import (
    Block,
    Chart,
    Inline,
    ListBlock,
    NoteRef,
    Paragraph,
    Row,
    Table,
    Text,
)
from briefing.assemble.notes import NoteBook
from briefing.grading import lineage, marked_grade
from briefing.i18n import N_, Words
from briefing.load import Content
from briefing.load.model import Citation, Figure

MAX_TOPICS = 5
"""Contested figures the brief shows at most (the content marks them `key`)."""
MAX_CLAIMANTS = 3
"""Claimants per contested figure: the latest claims, the rest in the full briefing."""
MAX_EVENTS = 10
"""Lines of the brief's chronology."""


def bottom_line(content: Content, book: NoteBook) -> list[Block]:
    """The bottom line up front, with its notes; nothing when the content gives none."""
    given = content.briefing.bottom_line
    if given is None:
        return []
    return [cited_paragraph(given.text, given.citations, book, style="judgment")]


def judgments_list(content: Content, book: NoteBook, w: Words) -> list[Block]:
    """The key judgments as a numbered list, each with its confidence."""
    items = []
    for judgment in content.briefing.key_judgments:
        paragraph = cited_paragraph(judgment.text, judgment.citations, book)
        if judgment.confidence:
            level = w.gettext(CONFIDENCE[judgment.confidence])
            paragraph = Paragraph(inlines=[*paragraph.inlines, Text(text=f" ({level})")])
        items.append([paragraph])
    return [ListBlock(ordered=True, items=items)] if items else []


CONFIDENCE = {
    "high": N_("high confidence"),
    "moderate": N_("moderate confidence"),
    "low": N_("low confidence"),
}
"""How a judgment's confidence reads in the brief (msgids of the catalogue)."""


def key_topics(content: Content) -> list[str]:
    """The topics the content marks key; else the most contested (most claimants), at most
    `MAX_TOPICS`."""
    marked = [t.id for t in content.topics if t.key]
    if marked:
        return marked[:MAX_TOPICS]

    def claimants(topic: str) -> int:
        return len({f.claimant for f in content.figures if f.topic == topic and f.claimant})

    ranked = sorted(content.topics, key=lambda t: -claimants(t.id))
    return [t.id for t in ranked if claimants(t.id) > 1][:3]


def key_figures_table(
    content: Content, book: NoteBook, w: Words, *, claimants: int = MAX_CLAIMANTS
) -> list[Block]:
    """One "who claims what" table over the key topics: each claimant's latest claim."""
    sources = {s.id: s for s in content.sources}
    roots = lineage(content.sources)
    rows = []
    for topic_id in key_topics(content):
        topic = next(t for t in content.topics if t.id == topic_id)
        latest: dict[str, Figure] = {}
        for figure in content.figures:
            if figure.topic != topic_id or not figure.claimant:
                continue
            known = latest.get(figure.claimant)
            if known is None or _as_of(figure) >= _as_of(known):
                latest[figure.claimant] = figure
        shown = sorted(latest.values(), key=_as_of)[-claimants:]
        for index, figure in enumerate(shown):
            claim: list[Inline] = [Text(text=claim_text(figure, topic.unit, w))]
            claim.append(book.cite(figure.citations))
            graded = marked_grade(figure.citations, sources, figure.credibility, roots)
            rows.append(
                Row(
                    key=figure.id,
                    cells=[
                        [Text(text=topic.title if index == 0 else "")],
                        [Text(text=figure.claimant or "")],
                        claim,
                        [Text(text=w.partial(figure.as_of) if figure.as_of else "")],
                        [Text(text=graded)],
                    ],
                )
            )
    if not rows:
        return []
    return [
        Table(
            variant="claims",
            number=None,
            anchor="key-figures",
            title="",  # the part's heading says it
            caption=[
                Text(text=w.gettext("Each claimant's latest claim; claims are not endorsed."))
            ],
            columns=[
                w.gettext("Topic"),
                w.gettext("Claimant"),
                w.gettext("Claim"),
                w.gettext("As of"),
                w.gettext("Grade"),
            ],
            widths=[0.24, 0.24, 0.26, 0.16, 0.1],
            key_column=4,
            rows=rows,
        )
    ]


def _as_of(figure: Figure) -> tuple[int, ...]:
    return figure.as_of.sort_key() if figure.as_of else (0, 0, 0)


def key_events_table(content: Content, book: NoteBook, w: Words) -> list[Block]:
    """The events the content marks key, by date, at most `MAX_EVENTS` lines."""
    events = sorted((e for e in content.events if e.key), key=lambda e: e.date.sort_key())
    rows = [
        Row(
            key=event.id,
            cells=[
                [Text(text=w.date_range(event.date, event.end, approximate=event.approximate))],
                [Text(text=event.summary), book.cite(event.citations)],
            ],
        )
        for event in events[-MAX_EVENTS:]
    ]
    if not rows:
        return []
    return [
        Table(
            variant="chronology",
            number=None,
            anchor="key-events",
            title="",  # the part's heading says it
            columns=[w.gettext("Date"), w.gettext("Event")],
            widths=[0.2, 0.8],
            rows=rows,
        )
    ]


def pointer(content: Content, w: Words) -> list[Block]:
    """Where the reader finds the rest: the full briefing of the same content."""
    b = content.briefing
    text = w.gettext(
        "This brief summarises the full briefing “{title}” (edition {edition}, as of {date}), "
        "which gives every source with its grade, the full chronology, each contested figure "
        "and the place names."
    ).format(title=b.title, edition=b.edition, date=w.partial(b.as_of, long=True))
    return [Paragraph(style="small", inlines=[Text(text=text)])]


def brief_blocks(
    content: Content,
    book: NoteBook,
    w: Words,
    locator_map: Callable[[int, Callable[[list[Citation]], NoteRef]], Chart | None],
) -> list[tuple[str, list[Block]]]:
    """The brief's parts in reading order, as (title, blocks); empty ones left out."""
    parts = [
        (w.gettext("Bottom line"), bottom_line(content, book)),
        (w.gettext("Key judgments"), judgments_list(content, book, w)),
        (w.gettext("Contested figures"), key_figures_table(content, book, w)),
    ]
    figure = locator_map(1, book.cite)
    if figure is not None:
        label = w.gettext("Figure {number}").format(number=1)
        parts.append((figure.title, [_labelled(figure, label)]))
    parts.append((w.gettext("Key events"), key_events_table(content, book, w)))
    parts.append((w.gettext("The full briefing"), pointer(content, w)))
    return [(title, blocks) for title, blocks in parts if blocks]


def _labelled(figure: Chart, label: str) -> Chart:
    return replace(figure, label=label)
