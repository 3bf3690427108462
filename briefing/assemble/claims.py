"""assemble: "who claims what, as of when" tables from the attributed figures."""

from __future__ import annotations

from briefing.assemble.document import Inline, Row, Table, Text
from briefing.assemble.notes import NoteBook
from briefing.check.flags import figure_flags, flag_reason
from briefing.grading import lineage, marked_grade
from briefing.i18n import N_, Words
from briefing.load import Content
from briefing.load.model import Figure

QUALIFIED = {
    "exactly": N_("{value}"),
    "at least": N_("at least {value}"),
    "more than": N_("more than {value}"),
    "about": N_("about {value}"),
    "up to": N_("up to {value}"),
    "fewer than": N_("fewer than {value}"),
}
"""A claim's own qualifier around its number, kept as the claimant said it."""


def claims_table(content: Content, topic_id: str, book: NoteBook, number: int, w: Words) -> Table:
    """Who claims what, as of when: one row per figure of the topic, oldest first."""
    topic = next(t for t in content.topics if t.id == topic_id)
    figures = sorted(
        (f for f in content.figures if f.topic == topic_id),
        key=lambda f: (f.as_of.last() if f.as_of else None, f.claimant or "", f.id),
    )
    sources = {s.id: s for s in content.sources}
    roots = lineage(content.sources)
    rows = []
    flags = figure_flags(content, topic_id)
    for figure in figures:
        remarks = [figure.note or ""]
        if figure.id in flags:
            remarks.append(
                w.gettext("Flagged: {reason}.").format(reason=flag_reason(flags[figure.id], w))
            )
        note: list[Inline] = [Text(text=" ".join(r for r in remarks if r))] if any(remarks) else []
        note.append(book.cite(figure.citations))
        rows.append(
            Row(
                key=figure.id,
                cells=[
                    [Text(text=figure.claimant or "")],
                    [Text(text=claim_text(figure, topic.unit, w))],
                    [Text(text=w.partial(figure.as_of) if figure.as_of else "")],
                    [Text(text=marked_grade(figure.citations, sources, figure.credibility, roots))],
                    note,
                ],
            )
        )
    caption = w.gettext(
        "Each row is one party's claim as reported in the cited source; figures are not endorsed."
    )
    return Table(
        variant="claims",
        number=number,
        label=w.gettext("Table {number}").format(number=number),
        anchor=f"tbl-{number}",
        title=w.gettext("Who claims what: {topic}").format(topic=topic.title),
        caption=[Text(text=caption)],
        columns=[
            w.gettext("Claimant"),
            w.gettext("Claim"),
            w.gettext("As of"),
            w.gettext("Grade"),
            w.gettext("Note"),
        ],
        widths=[0.26, 0.2, 0.12, 0.08, 0.34],
        key_column=3,
        rows=rows,
    )


def claim_text(figure: Figure, unit: str | None, w: Words) -> str:
    """`at least 1,166 deaths`, `2,300–2,600 fighters`, in the briefing's language."""
    if figure.range is not None:
        value = f"{w.number(figure.range[0])}–{w.number(figure.range[1])}"
    else:
        value = w.number(figure.value)  # type: ignore[arg-type]
    shown = w.gettext(QUALIFIED[figure.qualifier]).format(value=value)
    unit = figure.unit or unit
    return f"{shown} {unit}" if unit else shown
