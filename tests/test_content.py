"""The shipped briefing (content/): the editorial rules of the content issue, as tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.check import check, citations_of
from briefing.load import Content, load

ROOT = Path(__file__).parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="module")
def content() -> Content:
    return load(ROOT / "content")


def test_content_checks_clean_and_strict(content: Content) -> None:
    archive = SEEDS if SEEDS.is_dir() else None
    diagnostics = check(content, archive=archive)
    assert [d.format() for d in diagnostics] == []


def test_sizes_the_issue_asks_for(content: Content) -> None:
    assert len(content.sources) == 5
    assert len(content.events) >= 70
    assert len(content.figures) >= 40
    assert len(content.briefing.sections) >= 8
    assert len(content.briefing.key_judgments) >= 3


def test_every_source_is_cited_and_archived(content: Content) -> None:
    cited = {c.source for _, _, c in citations_of(content)}
    assert cited == {s.id for s in content.sources}
    assert all(s.archive for s in content.sources)


def test_every_event_and_figure_has_a_quote(content: Content) -> None:
    for item in [*content.events, *content.figures]:
        assert item.citations, item.id
        assert all(c.quote and len(c.quote.split()) <= 30 for c in item.citations), item.id


def test_every_figure_has_claimant_and_as_of(content: Content) -> None:
    for figure in content.figures:
        assert figure.claimant and figure.as_of, figure.id


def test_every_place_in_events_is_in_the_gazetteer(content: Content) -> None:
    places = {p.id for p in content.places}
    for event in content.events:
        assert set(event.places) <= places, event.id
    assert all(p.coordinates for p in content.places)


def test_nothing_is_later_than_the_as_of_date(content: Content) -> None:
    as_of = content.briefing.as_of.last()
    assert all(e.date.first() <= as_of for e in content.events)
    assert all(f.as_of.first() <= as_of for f in content.figures if f.as_of)


def test_no_event_predates_its_report(content: Content) -> None:
    """A source cannot report what had not happened when it was published."""
    sources = {s.id: s for s in content.sources}
    for item in [*content.events]:
        latest = [sources[c.source].latest_date() for c in item.citations]
        known = [d.last() for d in latest if d is not None]
        if known and len(known) == len(latest):
            assert item.date.first() <= max(known), item.id


def test_every_key_judgment_states_its_confidence_and_support(content: Content) -> None:
    for judgment in content.briefing.key_judgments:
        assert judgment.confidence and judgment.support, judgment.text[:60]


# The four overreaches an outside fact-check found (issue 25), each said as the seed says it.


def test_the_barda_region_claim_is_dated_only_as_its_source_dates_it(content: Content) -> None:
    figure = next(f for f in content.figures if f.id == "az-barda-region-deaths-sofrep")
    assert figure.as_of is not None and figure.as_of.precision == "year"  # SOFREP gives no date
    assert "separate" not in (figure.note or "")  # the seeds do not say it was another attack


def test_the_prisoner_exchange_was_halted_not_never_held() -> None:
    sections = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "content").rglob("*.md"))
    assert "never took place" not in sections and "did not take place" not in sections
    assert "halted" in (ROOT / "content" / "sections" / "10-outlook.md").read_text(encoding="utf-8")


def test_the_territorial_share_is_dated_as_the_advocacy_text_dates_it(content: Content) -> None:
    first = content.briefing.key_judgments[0].text
    assert "By the 10 November agreement" not in first and "is now under" in first


def test_the_syrian_fighters_judgment_claims_what_its_sources_show(content: Content) -> None:
    judgment = content.briefing.key_judgments[3]
    assert "independent reports" not in judgment.text
    assert judgment.text.startswith("All five sources report")
    assert {c.source for c in judgment.citations} == {s.id for s in content.sources}
