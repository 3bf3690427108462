"""assemble and check: the Admiralty grading scale, the rule behind each grade, and marks.

Each credibility grade and each confidence level carries, next to the words the grading
annex prints, the rule the checker enforces (`check/grades.py`), so the annex and the
checker cannot drift apart. A rule sees what the content declares: the independent sources
an item cites and the items it is in contradiction with. Whether an item is "logical" is
the analyst's call; the rules only refuse a grade the declared evidence cannot carry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from briefing.i18n import N_
from briefing.load.model import Citation, Source

RELIABILITY = {
    "A": N_("Completely reliable: no doubt of authenticity, trustworthiness or competency."),
    "B": N_("Usually reliable: minor doubts; a history of mostly valid information."),
    "C": N_("Fairly reliable: doubts; has provided valid information in the past."),
    "D": N_("Not usually reliable: significant doubts; has provided valid information at times."),
    "E": N_("Unreliable: lacking authenticity, trustworthiness or competency."),
    "F": N_("Reliability cannot be judged."),
}


@dataclass(frozen=True)
class Evidence:
    """What the checker can see behind one item."""

    independent: tuple[str, ...]
    """One cited source id per independent line of sources (see `independent`)."""
    contradicted_by: tuple[str, ...] = ()
    """Items in contradiction with this one (`contradicts`, either way)."""


@dataclass(frozen=True)
class Rule:
    """A grade's words, and what the evidence must show for an item to carry it."""

    meaning: str
    """The annex's words (a msgid)."""
    needs: str
    """The rule in the checker's words, for its diagnostics."""
    allows: Callable[[Evidence], bool]


CREDIBILITY_RULES: dict[int, Rule] = {
    1: Rule(
        N_("Confirmed by other independent sources."),
        "citations from at least two independent sources, and no item contradicting it",
        lambda e: len(e.independent) >= 2 and not e.contradicted_by,
    ),
    2: Rule(
        N_("Probably true: not confirmed, but logical and consistent with other information."),
        "no item contradicting it (it must be consistent with other information)",
        lambda e: not e.contradicted_by,
    ),
    3: Rule(
        N_("Possibly true: reasonably logical, agrees with some other information."),
        "nothing the checker can see; the best grade for an item another contradicts",
        lambda e: True,
    ),
    4: Rule(
        N_("Doubtful: possible but not logical, no other information on the subject."),
        "no other information: at most one independent source, and no item contradicting it",
        lambda e: len(e.independent) <= 1 and not e.contradicted_by,
    ),
    5: Rule(
        N_("Improbable: not logical, contradicted by other information."),
        "another item that contradicts it (`contradicts`)",
        lambda e: bool(e.contradicted_by),
    ),
    6: Rule(N_("Truth cannot be judged."), "nothing", lambda e: True),
}
CREDIBILITY = {str(grade): rule.meaning for grade, rule in CREDIBILITY_RULES.items()}
"""The credibility scale as the annex prints it."""


@dataclass(frozen=True)
class Support:
    """One item a key judgment rests on, as the confidence rules see it."""

    item: str
    letter: str
    """Reliability of its most reliable cited source (A-F)."""
    credibility: int
    lines: tuple[tuple[str, str], ...]
    """Its independent lines of sources: (the line's `lineage` id, best reliability in it)."""


def _high_quality_lines(support: Sequence[Support]) -> set[str]:
    """Independent sources graded A-C behind the items graded 1 or 2."""
    return {
        line
        for item in support
        if item.credibility <= 2
        for line, letter in item.lines
        if letter in "ABC"
    }


CONFIDENCE_RULES: dict[str, tuple[str, str, Callable[[Sequence[Support]], bool]]] = {
    "high": (
        N_(
            "The judgment rests on high-quality information from several independent "
            "sources. It is not a fact or a certainty, and may still be wrong."
        ),
        "supporting items graded 1-2 that rest on at least two independent sources graded A-C",
        lambda s: len(_high_quality_lines(s)) >= 2,
    ),
    "moderate": (
        N_(
            "The information is credibly sourced and plausible, but not of such quality or so "
            "corroborated as to warrant high confidence."
        ),
        "at least one supporting item graded A-C and 1-3",
        lambda s: any(i.letter in "ABC" and i.credibility <= 3 for i in s),
    ),
    "low": (
        N_(
            "The information's credibility or plausibility is uncertain, it is too fragmented "
            "or poorly corroborated for solid inferences, or its sources are questionable."
        ),
        "nothing",
        lambda s: True,
    ),
}
"""Confidence in a key judgment (ICD 203's three levels): the annex's words, the rule in
the checker's words, and the test of the judgment's supporting items."""
CONFIDENCE_ORDER = ("low", "moderate", "high")


def lineage(sources: Iterable[Source]) -> dict[str, str]:
    """Source id -> the id that stands for its line of sources: sources joined by
    `derived_from` (either way, through any chain) copy one another and count once."""
    parent: dict[str, str] = {}

    def root(ident: str) -> str:
        parent.setdefault(ident, ident)
        while parent[ident] != ident:
            parent[ident] = parent[parent[ident]]
            ident = parent[ident]
        return ident

    for source in sources:
        for origin in source.derived_from:
            a, b = sorted((root(source.id), root(origin)))
            parent[b] = a
    return {ident: root(ident) for ident in list(parent)}


def independent(
    citations: Sequence[Citation], sources: Mapping[str, Source], roots: Mapping[str, str]
) -> tuple[str, ...]:
    """The cited sources, one per independent line, in citation order (unknown ids left out)."""
    seen: dict[str, str] = {}
    for citation in citations:
        if citation.source in sources:
            seen.setdefault(roots.get(citation.source, citation.source), citation.source)
    return tuple(seen.values())


MARKS = ("", "●", "●●")
"""The corroboration mark: one dot for an item that cites one line of sources, two for one
that cites two or more independent sources (the grading annex's legend explains them)."""


def mark(independent_sources: int) -> str:
    """`●` or `●●`: how many independent lines of sources stand behind an item."""
    return MARKS[min(independent_sources, 2)]


def grade(citations: Sequence[Citation], sources: Mapping[str, Source], credibility: int) -> str:
    """`B2`: the most reliable cited source's letter and the item's credibility."""
    letters = sorted(sources[c.source].reliability for c in citations if c.source in sources)
    return f"{letters[0] if letters else 'F'}{credibility}"


def marked_grade(
    citations: Sequence[Citation],
    sources: Mapping[str, Source],
    credibility: int,
    roots: Mapping[str, str],
) -> str:
    """`B2 ●`: the grade and its corroboration mark, as every table prints them."""
    dots = mark(len(independent(citations, sources, roots)))
    return f"{grade(citations, sources, credibility)} {dots}".rstrip()
