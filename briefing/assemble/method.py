"""assemble: the method note ("About this briefing"), computed from the content, never typed."""

from __future__ import annotations

from collections import Counter

from briefing.assemble.document import Block, ListBlock, Paragraph, Text
from briefing.check.editorial import apply_suppressions, editorial, figure_flags, is_uncorroborated
from briefing.diagnostics import Diagnostic
from briefing.load import Content


def _para(text: str) -> Paragraph:
    return Paragraph(inlines=[Text(text=text)])


def _counts(counter: Counter[str], keys: str) -> str:
    return ", ".join(f"{k}: {counter.get(k, 0)}" for k in keys)


def method_facts(content: Content) -> dict[str, int]:
    """The numbers the method note prints; tests change content and watch them move."""
    sources = {s.id: s for s in content.sources}
    items = [*content.events, *content.figures]
    return {
        "sources": len(content.sources),
        "events": len(content.events),
        "figures": len(content.figures),
        "single_source": sum(1 for i in items if len({c.source for c in i.citations}) == 1),
        "uncorroborated": sum(1 for i in items if is_uncorroborated(i.citations, sources)),
        "undated_sources": sum(1 for s in content.sources if s.latest_date() is None),
        "flagged_figures": len(figure_flags(content)),
        "quotes": sum(1 for i in items for c in i.citations if c.quote),
    }


def method_note(
    content: Content,
    build_id: str,
    verified_quotes: int | None,
    notes: int,
    editorial_warnings: list[Diagnostic] | None = None,
) -> list[Block]:
    """How many sources, events and figures; grades; corroboration; quote checks; build.

    `editorial_warnings` are the editorial rules' findings, when the caller has them."""
    facts = method_facts(content)
    reliability = Counter(s.reliability for s in content.sources)
    credibility = Counter(str(i.credibility) for i in [*content.events, *content.figures])
    blocks: list[Block] = [
        _para(
            f"This briefing speaks as of {content.briefing.as_of.display_long()}. It rests on "
            f"{facts['sources']} sources, with {facts['events']} chronology events, "
            f"{facts['figures']} attributed figures and {notes} notes."
        ),
        _para(
            f"Source reliability grades ({_counts(reliability, 'ABCDEF')}). Credibility of "
            f"events and figures ({_counts(credibility, '123456')})."
        ),
        _para(
            f"{facts['single_source']} events and figures rest on a single source; "
            f"{facts['uncorroborated']} rest on sources of one perspective only, or only on "
            "sources graded D to F, and are marked “uncorroborated”. "
            f"{facts['flagged_figures']} figures are flagged in their tables because a running "
            "total fell or claimants differ by more than ten times."
        ),
    ]
    if verified_quotes is None:
        blocks.append(
            _para(
                f"{facts['quotes']} citations carry a short verbatim quote. This build "
                "did not check them against saved copies of the sources."
            )
        )
    else:
        blocks.append(
            _para(
                f"Every one of the {verified_quotes} quotes behind the citations was "
                "checked against a saved copy of its source, allowing only for "
                "differences of spacing, quotation marks, dashes, case and damaged "
                "characters in the saved copy."
            )
        )
    blocks.append(
        _para(
            f"{facts['undated_sources']} sources give no publication date; events "
            "cited only to them are not checked against publication dates."
        )
    )
    if editorial_warnings is None:
        editorial_warnings = editorial(content)
    _, suppressed = apply_suppressions(content, editorial_warnings)
    if suppressed:
        blocks.append(_para("Editorial warnings accepted on purpose:"))
        blocks.append(
            ListBlock(
                ordered=False,
                items=[[_para(f"{d.code} {d.message}: {reason}")] for d, reason in suppressed],
            )
        )
    if build_id:
        blocks.append(
            _para(f"Build {build_id}: a fingerprint of the content this PDF was built from.")
        )
    return blocks
