"""load, check and the citation parser under generated input (hypothesis).

Generated content is valid by construction, so it must load and check clean; breaking one
reference must give exactly that reference's code, and nothing may ever raise.
"""

from __future__ import annotations

import datetime
import functools
import tempfile
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from pyuca import Collator

from briefing.check import check
from briefing.diagnostics import Diagnostic
from briefing.errors import ContentError
from briefing.i18n import collation_table
from briefing.load import load
from briefing.load.cite import find_citations
from briefing.load.model import DEFAULT_CATEGORIES

SETTINGS = settings(max_examples=50, deadline=None)

ids = st.from_regex(r"[a-z][a-z0-9]{0,6}(-[a-z0-9]{1,5}){0,2}", fullmatch=True)
# Words without vowels never spell a term the editorial rules flag ("regime", "occupy", ...).
_LETTERS = "bcdfghjklmnpqrstvwxyzBCDFGHJKLMNPQRSTVWXYZ0123456789 .,:'-"
_SCRIPTS = "Ղարաբաղ Qrbğ Կарабах قره‌باغ Şşə ü ó É ñ"  # scripts the fonts cover (E024)
text = st.text(alphabet=_LETTERS + _SCRIPTS, min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
dates = st.dates(min_value=datetime.date(1988, 1, 1), max_value=datetime.date(2020, 12, 31))
CATEGORIES = list(DEFAULT_CATEGORIES)
GRADES = st.sampled_from([2, 3, 6])
"""Credibility grades that any citations allow when no item contradicts another (E131)."""


@st.composite
def contents(draw: st.DrawFn) -> dict[str, Any]:
    """A small briefing with valid cross-references: files as plain dicts."""
    pool = draw(st.lists(ids, min_size=4, max_size=14, unique=True))
    n_sources = draw(st.integers(1, 3))
    n_places = draw(st.integers(0, 3))
    source_ids = pool[:n_sources]
    place_ids = pool[n_sources : n_sources + n_places]
    topic_ids = pool[n_sources + n_places :][:2]
    rest = pool[n_sources + n_places + len(topic_ids) :]

    def citations() -> list[dict[str, str]]:
        """One or two citations of known sources, each with a generated locator."""
        chosen = draw(st.lists(st.sampled_from(source_ids), min_size=1, max_size=2))
        return [{"source": s, "locator": draw(text)} for s in chosen]

    sources = [
        {
            "id": s,
            "title": draw(text),
            "published": "2020-12-31",
            "kind": draw(st.sampled_from(["news", "encyclopedia", "ngo"])),
            "perspective": "neutral",
            "reliability": draw(st.sampled_from("ABCDEF")),
            "reliability_rationale": draw(text),
        }
        for s in source_ids
    ]
    places = [{"id": p, "name": draw(text)} for p in place_ids]
    events = [
        {
            "id": f"event-{i}",
            "date": draw(dates).isoformat()[: draw(st.sampled_from([4, 7, 10]))],
            "places": draw(st.lists(st.sampled_from(place_ids), max_size=2)) if place_ids else [],
            "category": draw(st.sampled_from(CATEGORIES)),
            "summary": draw(text),
            "credibility": str(draw(GRADES)),
            "citations": citations(),
        }
        for i in range(draw(st.integers(0, 3)))
    ]
    topics = [{"id": t, "title": draw(text)} for t in topic_ids]
    figures = [
        {
            "id": f"figure-{i}",
            "topic": draw(st.sampled_from(topic_ids)),
            "value": f"{draw(st.integers(100, 999)):,}",
            "as_of": draw(dates).isoformat(),
            "claimant": draw(text),
            "credibility": draw(GRADES),
            "citations": citations(),
        }
        for i in range(draw(st.integers(0, 3)) if topic_ids else 0)
    ]
    body = "Opening [@" + "; @".join(source_ids) + "].\n\n"
    body += "".join(f"[[claims: {t}]]\n\n" for t in topic_ids)
    return {
        "briefing.yaml": {
            "title": draw(text),
            "as_of": "2020-12-31",
            "sections": ["intro"],
            "key_judgments": [
                {"text": draw(text), "citations": [{"source": s} for s in source_ids]}
            ],
        },
        "sources.yaml": {"sources": sources},
        "places.yaml": {"places": places},
        "events.yaml": {"events": events},
        "figures.yaml": {"topics": topics, "figures": figures},
        "sections/01-intro.md": "---\nid: intro\ntitle: Intro\n---\n" + body,
        "unused-id": draw(st.sampled_from(rest)) if rest else "zz-unused",
    }


def write(files: dict[str, Any], root: Path) -> Path:
    """Write generated files as an author would: YAML with unicode kept as it is."""
    for name, data in files.items():
        if name == "unused-id":
            continue
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        text = data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True)
        path.write_text(text, encoding="utf-8")
    return root


def diagnose(files: dict[str, Any]) -> list[Diagnostic]:
    """Write, load and check; a content error is an answer, any other exception a failure."""
    with tempfile.TemporaryDirectory() as folder:
        root = write(files, Path(folder))
        try:
            return check(load(root))
        except ContentError as exc:
            return exc.diagnostics


@SETTINGS
@given(contents())
def test_generated_content_loads_and_checks_clean(files: dict[str, Any]) -> None:
    assert [d.format() for d in diagnose(files)] == []


@SETTINGS
@given(contents(), st.data())
def test_one_broken_reference_gives_exactly_its_code(
    files: dict[str, Any], data: st.DataObject
) -> None:
    unknown = files["unused-id"]
    breakable = ["E104", "E110"]
    if files["events.yaml"]["events"] or files["figures.yaml"]["figures"]:
        breakable.append("E102")
    if any(e["places"] for e in files["events.yaml"]["events"]):
        breakable.append("E103")
    if files["figures.yaml"]["figures"]:
        breakable.append("E105")
    code = data.draw(st.sampled_from(breakable))
    if code == "E102":
        items = files["events.yaml"]["events"] or files["figures.yaml"]["figures"]
        items[0]["citations"][0]["source"] = unknown  # the key judgment still cites every source
    elif code == "E103":
        event = next(e for e in files["events.yaml"]["events"] if e["places"])
        event["places"][0] = unknown
    elif code == "E104":
        files["briefing.yaml"]["sections"].append(unknown)
    elif code == "E105":
        files["figures.yaml"]["figures"][0]["topic"] = unknown
    else:
        files["sections/01-intro.md"] += f"\nSee [@{unknown}, p. 3].\n"
    assert [d.code for d in diagnose(files)] == [code]


# --- the citation parser --------------------------------------------------------------

locators = (
    st.text(alphabet=st.characters(exclude_characters="[];\n\r\"'“”"), max_size=20)
    .map(str.strip)
    .filter(lambda s: s == "" or not s[0].isspace())
)
prose = st.text(alphabet=st.characters(exclude_characters="[]"), max_size=30)


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_parses_without_raising(text_: str) -> None:
    for group in find_citations(text_):
        assert text_[group.start] == "[" and text_[group.end - 1] == "]"
        for item in group.items:
            assert group.start < item.offset < group.end


@SETTINGS
@given(
    st.lists(
        st.tuples(prose, st.lists(st.tuples(ids, locators), min_size=1, max_size=3)),
        max_size=4,
    ),
    prose,
)
def test_citation_groups_round_trip(
    parts: list[tuple[str, list[tuple[str, str]]]], tail: str
) -> None:
    text_ = ""
    for before, items in parts:
        group = "; ".join(f"@{i}, {loc}" if loc else f"@{i}" for i, loc in items)
        text_ += f"{before}[{group}]"
    text_ += tail
    found = list(find_citations(text_))
    assert [[(i.source, i.locator or "") for i in g.items] for g in found] == [
        items for _, items in parts
    ]
    for group in found:
        for item in group.items:
            assert text_[item.offset] == "@"


@pytest.mark.parametrize(
    ("text_", "items"),
    [
        ('[@a, "Casualties; Armenia"]', [("a", "Casualties; Armenia")]),
        ("[@a, “x; y”; @b]", [("a", "x; y"), ("b", None)]),
        ('[@a, "open; @b]', [("a", "open"), ("b", None)]),
        ("[@a;@b]", [("a", None), ("b", None)]),
        ("[ @a ]", [("a", None)]),
        ("[@a, p. 3; @b, ch. 2]", [("a", "p. 3"), ("b", "ch. 2")]),
    ],
)
def test_semicolon_inside_a_quoted_locator_does_not_split(
    text_: str, items: list[tuple[str, str | None]]
) -> None:
    """Fixes: `[@a, "Casualties; Armenia"]` read `Armenia"` as a second source."""
    (group,) = find_citations(text_)
    assert [(i.source, i.locator) for i in group.items] == items
    assert all(text_[i.offset] == "@" for i in group.items)


@functools.cache
def _whole_table() -> Collator:
    return Collator()


@SETTINGS
@given(st.text(max_size=12))
def test_the_lazily_parsed_collation_table_keys_as_the_whole_one(name: str) -> None:
    """Any text, in one table that grows as names come: the same key as pyuca's whole table."""
    assert collation_table().sort_key(name) == _whole_table().sort_key(name)
