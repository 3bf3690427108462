"""assemble: the Admiralty grading scale and how an item's grade is computed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

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
CREDIBILITY = {
    "1": N_("Confirmed by other independent sources."),
    "2": N_("Probably true: not confirmed, but logical and consistent with other information."),
    "3": N_("Possibly true: reasonably logical, agrees with some other information."),
    "4": N_("Doubtful: possible but not logical, no other information on the subject."),
    "5": N_("Improbable: not logical, contradicted by other information."),
    "6": N_("Truth cannot be judged."),
}


def grade(citations: Sequence[Citation], sources: Mapping[str, Source], credibility: int) -> str:
    """`B2`: the most reliable cited source's letter and the item's credibility."""
    letters = sorted(sources[c.source].reliability for c in citations if c.source in sources)
    return f"{letters[0] if letters else 'F'}{credibility}"
