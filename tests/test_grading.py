"""Grades the checker enforces: each rule of the grading annex with a passing and a failing
case (E131), contradictions (E119), key judgments' confidence (W308), and what readers see."""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_content import base_text, chdir, diagnose, make_content

from briefing.assemble import assemble
from briefing.assemble.document import Table
from briefing.assemble.legend import legend
from briefing.assemble.notes import NoteBook
from briefing.grading import CREDIBILITY, CREDIBILITY_RULES, independent, lineage, mark
from briefing.i18n import words
from briefing.load import load
from briefing.load.model import Citation, Source

SOURCES = """
  - id: wire-2020
    title: "Wire report"
    published: 2020-10
    kind: news
    perspective: neutral
    reliability: B
    reliability_rationale: "Names its sources."
  - id: wire-copy
    title: "The wire report, republished"
    published: 2020-10
    kind: aggregator
    perspective: neutral
    reliability: C
    reliability_rationale: "Republishes the wire."
    derived_from: [wire-2020]
  - id: party-2020
    title: "A party's statement"
    published: 2020-10
    kind: official
    perspective: pro-government
    reliability: D
    reliability_rationale: "One side's claims."
"""


def event(ident: str, credibility: int, sources: list[str], contradicts: str = "") -> str:
    """One event of the base's kind, cited to `sources`, optionally contradicting another."""
    cites = "".join(f"\n      - {{source: {s}}}" for s in sources)
    link = f"\n    contradicts: [{contradicts}]" if contradicts else ""
    return f"""
  - id: {ident}
    date: 2020-09-27
    category: military
    summary: "Something happened."
    credibility: {credibility}{link}
    citations:{cites}"""


def graded(tmp_path: Path, events: str, briefing: str | None = None) -> list[str]:
    """E131 and W308 lines of a base content holding these events and the extra sources."""
    files = {
        "sources.yaml": base_text("sources.yaml") + SOURCES,
        "events.yaml": base_text("events.yaml") + events,
    }
    if briefing is not None:
        files["briefing.yaml"] = briefing
    make_content(tmp_path, files)
    with chdir(tmp_path):  # messages name `content/...`, as a user sees them
        found = diagnose(Path("content"))
    return [d.format() for d in found if d.code in ("E119", "E131", "W308")]


# Each rule of the annex: (credibility, sources, contradicted, allowed).
CASES = [
    # 1 "Confirmed by other independent sources."
    (1, ["wiki-2020", "wire-2020"], False, True),
    (1, ["wiki-2020"], False, False),
    (1, ["wire-2020", "wire-copy"], False, False),  # a copy is not an independent source
    (1, ["wiki-2020", "wire-2020"], True, False),
    # 2 "Probably true: not confirmed, but ... consistent with other information."
    (2, ["wiki-2020"], False, True),
    (2, ["wiki-2020"], True, False),
    # 3 "Possibly true: ... agrees with some other information." The best of a contradicted item.
    (3, ["wiki-2020"], True, True),
    (3, ["wiki-2020", "wire-2020"], False, True),
    # 4 "Doubtful: ... no other information on the subject."
    (4, ["party-2020"], False, True),
    (4, ["wire-2020", "wire-copy"], False, True),
    (4, ["party-2020", "wire-2020"], False, False),
    (4, ["party-2020"], True, False),
    # 5 "Improbable: not logical, contradicted by other information."
    (5, ["party-2020"], True, True),
    (5, ["party-2020"], False, False),
    # 6 "Truth cannot be judged."
    (6, ["party-2020", "wire-2020"], True, True),
    (6, ["party-2020"], False, True),
]


@pytest.mark.parametrize(("credibility", "sources", "contradicted", "allowed"), CASES)
def test_each_grade_rule_passes_and_fails(
    tmp_path: Path, credibility: int, sources: list[str], contradicted: bool, allowed: bool
) -> None:
    # The other side of a contradiction is graded 6, which any evidence allows.
    other = event("other-account", 6, ["party-2020"]) if contradicted else ""
    found = graded(
        tmp_path,
        event("graded", credibility, sources, "other-account" if contradicted else "") + other,
    )
    assert found == [] if allowed else len(found) == 1, found
    if not allowed:
        assert "E131" in found[0] and f"credibility {credibility} " in found[0]


def test_every_grade_has_a_passing_and_a_failing_case() -> None:
    for grade in CREDIBILITY_RULES:
        outcomes = {allowed for g, _, _, allowed in CASES if g == grade}
        assert True in outcomes, f"no passing case for {grade}"
        assert False in outcomes or grade in (3, 6), f"no failing case for {grade}"


def test_the_error_sits_on_the_grade_and_names_the_rule_and_the_sources(tmp_path: Path) -> None:
    (line,) = graded(tmp_path, event("lonely", 1, ["wire-2020", "wire-copy"]))
    events = (tmp_path / "content" / "events.yaml").read_text(encoding="utf-8").splitlines()
    number = next(i for i, text in enumerate(events, 1) if "credibility: 1" in text)
    assert line.startswith(f"content/events.yaml:{number}:18: error E131 ")
    assert "'Confirmed by other independent sources.'" in line
    assert "at least two independent sources" in line
    assert "found 1 independent source (wire-2020)" in line
    assert "grade it 2, 3, 4 or 6" in line


def test_a_contradiction_works_both_ways(tmp_path: Path) -> None:
    # Written on the 3, it still holds the 2 that it names.
    found = graded(
        tmp_path,
        event("claim", 2, ["wiki-2020"]) + event("counter", 3, ["wire-2020"], contradicts="claim"),
    )
    assert len(found) == 1 and "contradicted by counter" in found[0]


def test_contradicts_must_name_another_item(tmp_path: Path) -> None:
    found = graded(
        tmp_path,
        event("a", 3, ["wiki-2020"], contradicts="nothing-here")
        + event("b", 3, ["wiki-2020"], "b"),
    )
    assert [line.split(" error ")[1].split(" (")[0] for line in found] == [
        "E119 'nothing-here' is not the id of an event or figure",
        "E119 'b' is the item itself",
    ]


def test_figures_are_graded_by_the_same_rules(tmp_path: Path) -> None:
    figures = base_text("figures.yaml").replace("credibility: 3", "credibility: 1")
    content = make_content(tmp_path, {"figures.yaml": figures})
    (found,) = [d for d in diagnose(content) if d.code == "E131"]
    assert found.file.endswith("figures.yaml")


def test_copies_count_once_through_any_chain() -> None:
    def source(ident: str, *origins: str) -> Source:
        return Source(
            id=ident,
            title=ident,
            published="unknown",
            kind="news",
            perspective="neutral",
            reliability="C",
            reliability_rationale="Test.",
            derived_from=list(origins),
        )

    # b copies a, c copies b, e copies both d and c: a to e are one line; f stands alone.
    sources = [source("a"), source("b", "a"), source("c", "b"), source("d"), source("e", "d", "c")]
    sources.append(source("f"))
    roots = lineage(sources)
    by_id = {s.id: s for s in sources}
    cited = [Citation(source=s) for s in ("c", "a", "e", "f", "unknown")]
    assert independent(cited, by_id, roots) == ("c", "f")
    assert mark(0) == "" and mark(1) == "●" and mark(2) == mark(5) == "●●"


JUDGMENT = """# yaml-language-server: $schema=../../../../schema/briefing.schema.json
title: "Tiny valid base"
as_of: 2020-11-30
sections: [intro]
key_judgments:
  - text: "Fighting began in September [@wiki-2020]."
    confidence: {confidence}
    support: [{support}]
"""
ITEMS = (
    event("wiki-c2", 2, ["wiki-2020"])
    + event("wire-b2", 2, ["wire-2020"])
    + event("copy-c2", 2, ["wire-copy"])
    + event("wiki-c3", 3, ["wiki-2020"])
    + event("wiki-c4", 4, ["wiki-2020"])
    + event("party-d2", 2, ["party-2020"])
)


@pytest.mark.parametrize(
    ("confidence", "support", "allowed"),
    [
        # high: items graded 1-2 resting on two independent sources graded A-C
        ("high", "wiki-c2, wire-b2", True),
        ("high", "wiki-c2, wiki-c3", False),
        ("high", "wire-b2, copy-c2", False),  # the copy is the wire again
        ("high", "wiki-c2, party-d2", False),  # the second source is graded D
        # moderate: one item graded 1-3 from a source graded A-C
        ("moderate", "wiki-c3", True),
        ("moderate", "wiki-c4, party-d2", False),
        ("moderate", "", False),
        # low: anything
        ("low", "", True),
    ],
)
def test_confidence_is_no_higher_than_the_support_allows(
    tmp_path: Path, confidence: str, support: str, allowed: bool
) -> None:
    briefing = JUDGMENT.format(confidence=confidence, support=support)
    found = graded(tmp_path, ITEMS, briefing)
    assert found == [] if allowed else len(found) == 1, found
    if not allowed:
        assert " warning W308 " in found[0] and f"{confidence} confidence needs" in found[0]
        assert found[0].startswith("content/briefing.yaml:7:17:")


def test_support_must_name_an_item(tmp_path: Path) -> None:
    found = graded(tmp_path, ITEMS, JUDGMENT.format(confidence="low", support="wiki-c5"))
    assert len(found) == 1 and "E119 'wiki-c5'" in found[0] and "did you mean" in found[0]


def test_the_annex_prints_the_words_the_rules_sit_beside() -> None:
    content = load(Path(__file__).parent.parent / "content")
    w = words("en")
    blocks = legend(content, NoteBook(content.sources), w)
    tables = {b.anchor: b for b in blocks if isinstance(b, Table)}
    printed = [row.cells[1][0].text for row in tables["legend-credibility"].rows]  # type: ignore[union-attr]
    assert printed == [rule.meaning for rule in CREDIBILITY_RULES.values()]
    assert list(CREDIBILITY.values()) == printed
    assert [row.key for row in tables["legend-corroboration"].rows] == ["●", "●●"]
    assert [row.key for row in tables["legend-confidence"].rows] == ["High", "Moderate", "Low"]
    judgments = tables["legend-judgments"].rows
    assert len(judgments) == len(content.briefing.key_judgments)
    assert "C2 ●" in judgments[0].cells[2][0].text  # type: ignore[union-attr]


def test_grades_carry_their_mark_and_judgments_their_confidence() -> None:
    content = load(Path(__file__).parent.parent / "content")
    document = assemble(content)
    cells = {
        row.key: row.cells[3][0].text  # type: ignore[union-attr]
        for part in document.parts
        for block in part.blocks
        if isinstance(block, Table) and block.variant == "chronology"
        for row in block.rows
    }
    assert cells["war-begins-2020-09-27"] == "C2 ●"
    assert cells["us-ceasefire-collapses-2020-10-26"] == "C1 ●●"
    assert str(document).count("Uncorroborated") == 1  # one note of the content, not every row
    first = document.key_judgments[0]
    assert first.inlines[-1].children[0].text == "Moderate confidence."  # type: ignore[union-attr]
