"""check: grades the evidence can carry, and key judgments no surer than their support
(W308) nor resting on one perspective when the briefing asks for more (W304).

The rules are the grading annex's own words, kept beside them in `briefing/grading.py`;
this module gathers each item's evidence (independent sources, contradictions) and reports
a grade or a confidence the evidence does not allow.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from briefing.diagnostics import Diagnostic, did_you_mean
from briefing.grading import (
    CONFIDENCE_ORDER,
    CONFIDENCE_RULES,
    CREDIBILITY_RULES,
    Evidence,
    Support,
    grade,
    independent,
    lineage,
)
from briefing.load import Content
from briefing.load.model import Citation, Event, Figure, Source

Item = Event | Figure


def items_by_id(content: Content) -> dict[str, list[tuple[str, int, Item]]]:
    """Event and figure ids -> where each item with that id is (file stem, index, item)."""
    out: dict[str, list[tuple[str, int, Item]]] = {}
    for stem, items in (("events", content.events), ("figures", content.figures)):
        for index, item in enumerate(items):
            out.setdefault(item.id, []).append((stem, index, item))
    return out


def contradictions(content: Content) -> dict[str, set[str]]:
    """Item id -> the items in contradiction with it: `contradicts` works both ways, since
    two accounts that cannot both be true undermine each other."""
    known = items_by_id(content)
    out: dict[str, set[str]] = {}
    for item in [*content.events, *content.figures]:
        for other in item.contradicts:
            if other in known and other != item.id:
                out.setdefault(item.id, set()).add(other)
                out.setdefault(other, set()).add(item.id)
    return out


def evidence_of(content: Content) -> dict[str, Evidence]:
    """Each event's and figure's evidence, as the credibility rules see it."""
    sources = {s.id: s for s in content.sources}
    roots = lineage(content.sources)
    against = contradictions(content)
    return {
        item.id: Evidence(
            independent(item.citations, sources, roots),
            tuple(sorted(against.get(item.id, ()))),
        )
        for item in [*content.events, *content.figures]
    }


def check_grades(content: Content) -> list[Diagnostic]:
    """E119 for a link to no item, E131 for a grade its evidence does not allow, W308 for a
    key judgment surer than its supporting items, W304 for one on a single perspective."""
    out = [*_links(content), *judgments_corroborated(content)]
    evidence = evidence_of(content)
    for stem, items in (("events", content.events), ("figures", content.figures)):
        for index, item in enumerate(items):
            problem = _grade_problem(item, evidence[item.id])
            if problem:
                message, hint = problem
                out.append(
                    content.diagnostic(
                        stem,
                        stem,
                        index,
                        "credibility",
                        severity="error",
                        code="E131",
                        message=message,
                        hint=hint,
                    )
                )
    out.extend(_confidence(content))
    return out


def _grade_problem(item: Item, evidence: Evidence) -> tuple[str, str] | None:
    """The message and hint when the item's credibility breaks its rule."""
    rule = CREDIBILITY_RULES[item.credibility]
    if rule.allows(evidence):
        return None
    count = len(evidence.independent)
    found = f"{count} independent source{'' if count == 1 else 's'}"
    if evidence.independent:
        found += f" ({', '.join(evidence.independent)})"
    if evidence.contradicted_by:
        found += f", contradicted by {', '.join(evidence.contradicted_by)}"
    allowed = [str(g) for g, r in CREDIBILITY_RULES.items() if r.allows(evidence)]
    return (
        f"credibility {item.credibility} ('{rule.meaning}') needs {rule.needs}; found {found}",
        f"grade it {', '.join(allowed[:-1])} or {allowed[-1]}, or add the evidence the grade "
        "needs (a citation, 'contradicts')",
    )


def _links(content: Content) -> list[Diagnostic]:
    """E119: `contradicts` or `support` naming no event or figure, or the item itself."""
    known = items_by_id(content)
    out = []

    def report(stem: str, path: tuple[str | int, ...], ident: str, itself: bool) -> None:
        what = "the item itself" if itself else "not the id of an event or figure"
        hint = "an item cannot contradict itself" if itself else did_you_mean(ident, set(known))
        out.append(
            content.diagnostic(
                stem,
                *path,
                severity="error",
                code="E119",
                message=f"'{ident}' is {what}",
                hint=hint,
            )
        )

    for stem, items in (("events", content.events), ("figures", content.figures)):
        for i, item in enumerate(items):
            for j, other in enumerate(item.contradicts):
                if other == item.id or other not in known:
                    report(stem, (stem, i, "contradicts", j), other, other == item.id)
    for i, judgment in enumerate(content.briefing.key_judgments):
        for j, ident in enumerate(judgment.support):
            if ident not in known:
                report("briefing", ("key_judgments", i, "support", j), ident, False)
    return out


def support_of(content: Content, ids: Sequence[str]) -> list[Support]:
    """The supporting items of a key judgment, graded (unknown ids left to E119)."""
    sources = {s.id: s for s in content.sources}
    roots = lineage(content.sources)
    known = items_by_id(content)
    out = []
    for ident in ids:
        for _, _, item in known.get(ident, []):
            best: dict[str, str] = {}
            for citation in item.citations:
                if citation.source in sources:
                    line = roots.get(citation.source, citation.source)
                    letter = sources[citation.source].reliability
                    best[line] = min(letter, best.get(line, letter))
            letter = grade(item.citations, sources, item.credibility)[0]
            out.append(Support(ident, letter, item.credibility, tuple(sorted(best.items()))))
    return out


def allowed_confidence(support: Sequence[Support]) -> str:
    """The highest confidence these supporting items allow."""
    return next(
        level for level in reversed(CONFIDENCE_ORDER) if CONFIDENCE_RULES[level][2](support)
    )


def _confidence(content: Content) -> list[Diagnostic]:
    """W308: a key judgment's confidence above what its supporting items allow."""
    out = []
    for i, judgment in enumerate(content.briefing.key_judgments):
        if judgment.confidence is None:
            continue
        support = support_of(content, judgment.support)
        best = allowed_confidence(support)
        if CONFIDENCE_ORDER.index(judgment.confidence) <= CONFIDENCE_ORDER.index(best):
            continue
        shown = ", ".join(f"{s.item} ({s.letter}{s.credibility})" for s in support) or "none"
        out.append(
            content.diagnostic(
                "briefing",
                "key_judgments",
                i,
                "confidence",
                severity="warning",
                code="W308",
                message=f"{judgment.confidence} confidence needs "
                f"{CONFIDENCE_RULES[judgment.confidence][1]}; its support allows {best} "
                f"(support: {shown})",
                hint=f"write 'confidence: {best}', or list stronger items under 'support'",
            )
        )
    return out


def is_uncorroborated(citations: Sequence[Citation], sources: dict[str, Source]) -> bool:
    """Only one perspective behind it, or only sources graded D to F."""
    cited = [sources[c.source] for c in citations if c.source in sources]
    if not cited:
        return True
    one_view = len({s.perspective for s in cited}) < 2
    weak = all(s.reliability in "DEF" for s in cited)
    return one_view or weak


def judgments_corroborated(content: Content) -> list[Diagnostic]:
    """W304 (only when briefing.yaml asks for it): an uncorroborated key judgment."""
    if not content.briefing.require_corroborated_judgments:
        return []
    sources = {s.id: s for s in content.sources}
    out = []
    for i, judgment in enumerate(content.briefing.key_judgments):
        inline = [Citation(source=m.group(1)) for m in re.finditer(r"@([a-z0-9-]+)", judgment.text)]
        if is_uncorroborated([*judgment.citations, *inline], sources):
            out.append(
                content.diagnostic(
                    "briefing",
                    "key_judgments",
                    i,
                    "text",
                    severity="warning",
                    code="W304",
                    message="key judgment rests on one perspective or on D-F sources",
                    hint="cite a source of another perspective graded A-C",
                )
            )
    return out
