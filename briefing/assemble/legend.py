"""assemble: the grading annex: the Admiralty scale, the corroboration mark and confidence.

Its words come from `briefing/grading.py`, where each sits beside the rule the checker
holds grades and confidence to, so what the annex promises is what the checker enforces.
"""

from __future__ import annotations

from briefing.assemble.document import Block, Paragraph, Row, Table, Text
from briefing.assemble.judgments import CONFIDENCE_LEVELS, support_rows
from briefing.assemble.notes import NoteBook
from briefing.grading import CONFIDENCE_ORDER, CONFIDENCE_RULES, CREDIBILITY, MARKS, RELIABILITY
from briefing.i18n import N_, Words
from briefing.load import Content

MARK_MEANINGS = {
    MARKS[1]: N_(
        "The item cites one source, or sources that copy one another: no independent source "
        "confirms it."
    ),
    MARKS[2]: N_(
        "The item cites two or more independent sources (whether they confirm it is what its "
        "credibility says)."
    ),
}
"""What each corroboration mark says, as the legend prints it."""


def _paragraph(text: str) -> Paragraph:
    return Paragraph(inlines=[Text(text=text)])


def _scale(anchor: str, title: str, head: str, rows: list[tuple[str, str]], w: Words) -> Table:
    return Table(
        variant="legend",
        number=None,
        anchor=f"legend-{anchor}",
        title=title,
        columns=[head, w.gettext("Meaning")],
        widths=[0.15, 0.85],
        key_column=0,
        rows=[Row(key=k, cells=[[Text(text=k)], [Text(text=v)]]) for k, v in rows],
    )


def legend(content: Content, book: NoteBook, w: Words) -> list[Block]:
    """The Admiralty scale, the corroboration mark beside every grade, and the confidence
    levels of the key judgments, each with the rule the checker holds it to."""
    grade = w.gettext("Grade")
    return [
        _paragraph(
            w.gettext(
                "Grades follow the Admiralty code: a letter for the reliability of the "
                "source and a digit for the credibility of the item. “B2” means a usually "
                "reliable source reporting something probably true."
            )
        ),
        _scale(
            "reliability",
            w.gettext("Source reliability"),
            grade,
            [(k, w.gettext(v)) for k, v in RELIABILITY.items()],
            w,
        ),
        _scale(
            "credibility",
            w.gettext("Information credibility"),
            grade,
            [(k, w.gettext(v)) for k, v in CREDIBILITY.items()],
            w,
        ),
        _paragraph(
            w.gettext(
                "The checker holds every credibility grade to these words, as far as the "
                "citations and the contradictions between items show them: an item graded 1 "
                "cites at least two independent sources (sources that copy one another count "
                "once); an item that another item contradicts is graded 3, 5 or 6, never 1, 2 "
                "or 4; an item graded 4 cites one source only; an item graded 5 is "
                "contradicted by another item."
            )
        ),
        _scale(
            "corroboration",
            w.gettext("Corroboration mark, beside each grade"),
            w.gettext("Mark"),
            [(k, w.gettext(v)) for k, v in MARK_MEANINGS.items()],
            w,
        ),
        *_confidence(content, w),
    ]


def _confidence(content: Content, w: Words) -> list[Block]:
    """What the key judgments' confidence means and the items each rests on; nothing for a
    briefing whose judgments state neither."""
    if not any(j.confidence or j.support for j in content.briefing.key_judgments):
        return []
    return [
        _scale(
            "confidence",
            w.gettext("Confidence in the key judgments"),
            w.gettext("Confidence"),
            [
                (w.gettext(CONFIDENCE_LEVELS[level]), w.gettext(CONFIDENCE_RULES[level][0]))
                for level in reversed(CONFIDENCE_ORDER)
            ],
            w,
        ),
        _paragraph(
            w.gettext(
                "The table below lists the items each key judgment rests on. The checker warns "
                "when a judgment's confidence is higher than they allow: high confidence needs "
                "items graded 1 or 2 that rest on at least two independent sources graded A to "
                "C; moderate confidence needs at least one item graded 1 to 3 from a source "
                "graded A to C."
            )
        ),
        *_support_table(content, w),
    ]


def _support_table(content: Content, w: Words) -> list[Block]:
    """The key judgments' confidence and the items each rests on, with their grades."""
    rows = support_rows(content, w)
    if not rows:
        return []
    return [
        Table(
            variant="legend",
            number=None,
            anchor="legend-judgments",
            title=w.gettext("The key judgments: confidence and supporting items"),
            columns=[w.gettext("No."), w.gettext("Confidence"), w.gettext("Rests on")],
            widths=[0.08, 0.17, 0.75],
            key_column=0,
            rows=rows,
        )
    ]
