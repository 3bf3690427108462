"""assemble: a key judgment with its confidence, and the graded items it rests on."""

from __future__ import annotations

from briefing.assemble.cited import cited_paragraph
from briefing.assemble.claims import claim_text
from briefing.assemble.document import Emph, Paragraph, Row, Text
from briefing.assemble.notes import NoteBook
from briefing.grading import lineage, marked_grade
from briefing.i18n import N_, Words
from briefing.load import Content
from briefing.load.model import KeyJudgment

CONFIDENCE_SENTENCE = {
    "high": N_("High confidence."),
    "moderate": N_("Moderate confidence."),
    "low": N_("Low confidence."),
}
"""How a judgment states its confidence (the grading annex says what each level means)."""
CONFIDENCE_LEVELS = {
    "high": N_("High"),
    "moderate": N_("Moderate"),
    "low": N_("Low"),
}
"""The confidence levels' names in the grading annex's tables."""


def judgment_paragraph(
    content: Content, judgment: KeyJudgment, book: NoteBook, w: Words
) -> Paragraph:
    """The judgment, its note, then its confidence. The items it rests on are listed with
    the grading scale (`support_rows`), beside what each level of confidence means: listed
    here they pushed the key judgments off their one page."""
    paragraph = cited_paragraph(judgment.text, judgment.citations, book, style="judgment")
    if not judgment.confidence:
        return paragraph
    said = Emph(children=[Text(text=w.gettext(CONFIDENCE_SENTENCE[judgment.confidence]))])
    return Paragraph(inlines=[*paragraph.inlines, Text(text=" "), said], style=paragraph.style)


def support_rows(content: Content, w: Words) -> list[Row]:
    """One row per key judgment: its number, its confidence, and the items it rests on."""
    rows = []
    for number, judgment in enumerate(content.briefing.key_judgments, start=1):
        if not judgment.confidence and not judgment.support:
            continue
        events, figures = supporting_items(content, judgment, w)
        said = []
        if events:
            said.append(w.gettext("Chronology: {items}.").format(items="; ".join(events)))
        if figures:
            said.append(w.gettext("Figures: {items}.").format(items="; ".join(figures)))
        level = w.gettext(CONFIDENCE_LEVELS[judgment.confidence]) if judgment.confidence else ""
        rows.append(
            Row(
                key=str(number),
                cells=[[Text(text=str(number))], [Text(text=level)], [Text(text=" ".join(said))]],
            )
        )
    return rows


def supporting_items(
    content: Content, judgment: KeyJudgment, w: Words
) -> tuple[list[str], list[str]]:
    """The supporting events (`c. 10 Oct 2020 (C2 ●)`) and figures (`Oryx (via SOFREP):
    173 tanks, Nov 2020 (C2 ●)`), each by date, as the reader finds them again in the
    chronology and the claims tables."""
    sources = {s.id: s for s in content.sources}
    roots = lineage(content.sources)
    wanted = set(judgment.support)  # an unknown id is check's to report (E119)
    events = sorted(
        (e for e in content.events if e.id in wanted), key=lambda e: (e.date.sort_key(), e.id)
    )
    figures = sorted(
        (f for f in content.figures if f.id in wanted),
        key=lambda f: (f.as_of.sort_key() if f.as_of else (9999, 0, 0), f.id),
    )
    shown_events = [
        f"{w.date_range(e.date, e.end, approximate=e.approximate)} "
        f"({marked_grade(e.citations, sources, e.credibility, roots)})"
        for e in events
    ]
    units = {topic.id: topic.unit for topic in content.topics}
    shown_figures = []
    for f in figures:
        claim = claim_text(f, units.get(f.topic), w)
        when = f", {w.partial(f.as_of)}" if f.as_of else ""
        graded = marked_grade(f.citations, sources, f.credibility, roots)
        shown_figures.append(f"{f.claimant or ''}: {claim}{when} ({graded})".lstrip(": "))
    return shown_events, shown_figures
