"""assemble: the Admiralty grading scale and how an item's grade is computed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from briefing.load.model import Citation, Source

RELIABILITY = {
    "A": "Completely reliable: no doubt of authenticity, trustworthiness or competency.",
    "B": "Usually reliable: minor doubts; a history of mostly valid information.",
    "C": "Fairly reliable: doubts; has provided valid information in the past.",
    "D": "Not usually reliable: significant doubts; has provided valid information at times.",
    "E": "Unreliable: lacking authenticity, trustworthiness or competency.",
    "F": "Reliability cannot be judged.",
}
CREDIBILITY = {
    "1": "Confirmed by other independent sources.",
    "2": "Probably true: not confirmed, but logical and consistent with other information.",
    "3": "Possibly true: reasonably logical, agrees with some other information.",
    "4": "Doubtful: possible but not logical, no other information on the subject.",
    "5": "Improbable: not logical, contradicted by other information.",
    "6": "Truth cannot be judged.",
}


def grade(citations: Sequence[Citation], sources: Mapping[str, Source], credibility: int) -> str:
    """`B2`: the most reliable cited source's letter and the item's credibility."""
    letters = sorted(sources[c.source].reliability for c in citations if c.source in sources)
    return f"{letters[0] if letters else 'F'}{credibility}"
