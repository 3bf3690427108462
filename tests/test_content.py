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
