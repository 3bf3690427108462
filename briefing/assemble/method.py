"""assemble: the method note ("About this briefing"), computed from the content, never typed."""

from __future__ import annotations

from collections import Counter

from briefing.assemble.document import Block, ListBlock, Paragraph, Text
from briefing.check import citations_of
from briefing.check.editorial import apply_suppressions, editorial
from briefing.check.flags import figure_flags
from briefing.check.grades import evidence_of
from briefing.diagnostics import Diagnostic
from briefing.i18n import Words
from briefing.load import Content


def _para(text: str) -> Paragraph:
    return Paragraph(inlines=[Text(text=text)])


def _counts(counter: Counter[str], keys: str) -> str:
    return ", ".join(f"{k}: {counter.get(k, 0)}" for k in keys)


def method_facts(content: Content) -> dict[str, int]:
    """The numbers the method note prints, from the same data the other annexes print;
    tests change content and watch them move."""
    evidence = evidence_of(content).values()
    return {
        "sources": len(content.sources),
        "events": len(content.events),
        "figures": len(content.figures),
        # The two corroboration marks: one line of sources, or independent sources.
        "single_source": sum(1 for e in evidence if len(e.independent) == 1),
        "corroborated": sum(1 for e in evidence if len(e.independent) >= 2),
        "contradicted": sum(1 for e in evidence if e.contradicted_by),
        # The source list prints "undated" for exactly these.
        "undated_sources": sum(1 for s in content.sources if s.published == "unknown"),
        "flagged_figures": len(figure_flags(content)),
        # Every citation that carries a quote, as --archive checks them.
        "quotes": sum(1 for _, _, c in citations_of(content) if c.quote),
    }


def method_note(
    content: Content,
    w: Words,
    *,
    build_id: str,
    verified: bool,
    notes: int,
    editorial_warnings: list[Diagnostic] | None = None,
) -> list[Block]:
    """How many sources, events and figures; grades; corroboration; quote checks; build.

    `verified` says whether this build checked every quote against the archive;
    `editorial_warnings` are the editorial rules' findings, when the caller has them."""
    facts = method_facts(content)
    reliability = Counter(s.reliability for s in content.sources)
    credibility = Counter(str(i.credibility) for i in [*content.events, *content.figures])
    as_of = w.partial(content.briefing.as_of, long=True)
    blocks: list[Block] = [
        _para(
            w.gettext(
                "This briefing speaks as of {date}. It rests on {sources}, with {events}, "
                "{figures} and {notes}."
            ).format(
                date=as_of,
                sources=w.counted(facts["sources"], "{n} source", "{n} sources"),
                events=w.counted(facts["events"], "{n} chronology event", "{n} chronology events"),
                figures=w.counted(
                    facts["figures"], "{n} attributed figure", "{n} attributed figures"
                ),
                notes=w.counted(notes, "{n} note", "{n} notes"),
            )
        ),
        _para(
            w.gettext(
                "Source reliability grades ({reliability}). Credibility of events and figures "
                "({credibility})."
            ).format(
                reliability=_counts(reliability, "ABCDEF"),
                credibility=_counts(credibility, "123456"),
            )
        ),
        _para(
            " ".join(
                sentence
                for sentence in [
                    w.counted(
                        facts["single_source"],
                        "{n} event or figure rests on a single source, or on sources that copy "
                        "one another (marked ●);",
                        "{n} events and figures rest on a single source, or on sources that "
                        "copy one another (marked ●);",
                    ),
                    w.counted(
                        facts["corroborated"],
                        "{n} rests on two or more independent sources (marked ●●).",
                        "{n} rest on two or more independent sources (marked ●●).",
                    ),
                    ""
                    if not facts["contradicted"]
                    else w.counted(
                        facts["contradicted"],
                        "{n} event or figure is contradicted by another item, so it is graded 3, "
                        "5 or 6.",
                        "{n} events and figures are contradicted by other items, so each is "
                        "graded 3, 5 or 6.",
                    ),
                    w.counted(
                        facts["flagged_figures"],
                        "{n} figure is flagged in its table because a running total fell or "
                        "claimants differ by more than ten times.",
                        "{n} figures are flagged in their tables because a running total fell "
                        "or claimants differ by more than ten times.",
                    ),
                ]
                if sentence
            )
        ),
    ]
    quotes = w.counted(
        facts["quotes"],
        "{n} citation carries a short verbatim quote.",
        "{n} citations carry a short verbatim quote.",
    )
    if verified:
        checked = w.gettext(
            "This build checked every quote against a saved copy of its source, allowing "
            "only for differences of spacing, quotation marks, dashes, case and damaged "
            "characters in the saved copy."
        )
    else:
        checked = w.gettext("This build did not check them against saved copies of the sources.")
    blocks.append(_para(f"{quotes} {checked}"))
    blocks.append(
        _para(
            w.counted(
                facts["undated_sources"],
                "{n} source gives no publication date; events cited only to it are not checked "
                "against publication dates.",
                "{n} sources give no publication date; events cited only to them are not "
                "checked against publication dates.",
            )
        )
    )
    if editorial_warnings is None:
        editorial_warnings = editorial(content)
    _, suppressed = apply_suppressions(content, editorial_warnings)
    if suppressed:
        blocks.append(_para(w.gettext("Editorial warnings accepted on purpose:")))
        blocks.append(
            ListBlock(
                ordered=False,
                items=[[_para(f"{d.code} {d.message}: {reason}")] for d, reason in suppressed],
            )
        )
    if build_id:
        blocks.append(
            _para(
                w.gettext(
                    "Build {build}: a fingerprint of the content this PDF was built from."
                ).format(build=build_id)
            )
        )
    return blocks
