"""Figures a reader should look at twice: a running total that falls, claims ten times apart.

The claims table shows the reason beside the figure (in the briefing's language) and the
checker warns (W302, W303), so both say the same thing from one test.
"""

from __future__ import annotations

from dataclasses import dataclass

from briefing.diagnostics import Diagnostic
from briefing.i18n import Words, words
from briefing.load import Content
from briefing.load.model import Figure


@dataclass(frozen=True)
class Flag:
    """Why a figure is flagged, worded by `flag_reason` in the reader's language."""

    falling: bool
    """True: lower than `other`, the same claimant's earlier running total; False: more
    than ten times `other`, another claimant's figure of the same month."""
    other: Figure


def figure_flags(content: Content, topic: str | None = None) -> dict[str, Flag]:
    """Figure id -> why it is flagged: a falling running total, or claims 10x apart; of one
    topic's figures, or of all."""
    flags: dict[str, Flag] = {}
    topics = {t.id: t for t in content.topics if topic is None or t.id == topic}
    # Group once: filtering every figure for every topic grew with topics x figures.
    dated: dict[str, list[Figure]] = {}
    for f in content.figures:
        if f.as_of is not None:
            dated.setdefault(f.topic, []).append(f)
    for topic_id, topic in topics.items():
        figures = sorted(dated.get(topic_id, []), key=lambda f: (f.as_of.first(), f.id))  # type: ignore[union-attr]
        if topic.cumulative:
            last: dict[str, Figure] = {}
            for figure in figures:
                before = last.get(figure.claimant or "")
                later = before is not None and figure.as_of.first() > before.as_of.last()  # type: ignore[union-attr]
                if before is not None and later and _high(figure) < _low(before):
                    flags[figure.id] = Flag(falling=True, other=before)
                last[figure.claimant or ""] = figure
        for a in figures:
            for b in figures:
                same_month = (a.as_of.year, a.as_of.month) == (b.as_of.year, b.as_of.month)  # type: ignore[union-attr]
                if (
                    a.claimant != b.claimant
                    and same_month
                    and _low(b) > 0
                    and _high(a) > 10 * _high(b)
                    and a.id not in flags
                ):
                    flags[a.id] = Flag(falling=False, other=b)
    return flags


def flag_reason(flag: Flag, w: Words) -> str:
    """The flag in words, for the claims table (the reader's language) or a diagnostic."""
    other = flag.other
    if flag.falling:
        return w.gettext(
            "lower than the same claimant's earlier figure ({value} as of {date})"
        ).format(value=w.number(_low(other)), date=w.partial(other.as_of))  # type: ignore[arg-type]
    return w.gettext(
        "more than ten times the figure of {claimant} ({value}) in the same month"
    ).format(claimant=other.claimant or "", value=w.number(_high(other)))


def _low(figure: Figure) -> float:
    return figure.range[0] if figure.range else figure.value or 0


def _high(figure: Figure) -> float:
    return figure.range[1] if figure.range else figure.value or 0


def drift(content: Content) -> list[Diagnostic]:
    """W302/W303 for the flagged figures."""
    flags = figure_flags(content)
    english = words("en")  # diagnostics are in English, as the codes' hints are
    out = []
    for i, figure in enumerate(content.figures):
        if figure.id in flags:
            code = "W302" if flags[figure.id].falling else "W303"
            out.append(
                content.diagnostic(
                    "figures",
                    "figures",
                    i,
                    "id",
                    severity="warning",
                    code=code,
                    message=f"figure '{figure.id}' is {flag_reason(flags[figure.id], english)}",
                    hint="check the figure; the table shows this note to readers",
                )
            )
    return out
