"""Editorial integrity: each rule on a small fixture, its diagnostic and its mark in the Document."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.assemble import assemble
from briefing.assemble.document import Document, Table
from briefing.assemble.method import method_facts
from briefing.check import check
from briefing.diagnostics import Diagnostic
from briefing.load import load

FULL = Path(__file__).parent / "fixtures" / "full"


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    target = tmp_path / "content"
    shutil.copytree(FULL, target)
    return target


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(folder: Path, name: str, needle: str) -> int:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, [d.format() for d in diagnostics]
    return found[0]


def text_of(node: object) -> str:
    if hasattr(node, "text") and isinstance(node.text, str):
        return node.text
    if isinstance(node, list):
        return "".join(text_of(n) for n in node)
    for name in ("children", "inlines", "cells"):
        if hasattr(node, name):
            return text_of(getattr(node, name))
    return ""


def test_side_term_in_own_voice_is_flagged_with_position(content_dir: Path) -> None:
    edit(
        content_dir,
        "sections/02-course.md",
        "Forces advanced in the south",
        "Forces liberated the south",
    )
    d = only(check(load(content_dir)), "W301")
    assert d.file.endswith("sections/02-course.md")
    assert (d.line, d.column) == (line_of(content_dir, "sections/02-course.md", "liberated"), 8)
    assert "'liberated'" in d.message and "took control of" in d.hint


@pytest.mark.parametrize(
    "sentence",
    [
        'Azerbaijan said its forces had "liberated" the south',
        "Azerbaijan said its forces liberated the south",
        "Officials called it “aggression” in the south",
    ],
)
def test_quoted_or_attributed_terms_pass(content_dir: Path, sentence: str) -> None:
    edit(content_dir, "sections/02-course.md", "Forces advanced in the south", sentence)
    assert not [d for d in check(load(content_dir)) if d.code == "W301"]


@pytest.mark.parametrize(
    ("language", "taking", "attributed", "hint"),
    [
        (
            "fr",
            "Les forces ont libéré le sud",
            "Selon Bakou, les forces ont libéré le sud",
            "repris",
        ),
        (
            "fr",
            "Le régime a fermé la route",
            "Le MAT dénonce « le régime » et la route",
            "autorités",
        ),
        ("ru", "Войска освободили юг", "По словам Баку, войска освободили юг", "под контроль"),
    ],
)
def test_side_terms_and_attribution_follow_the_briefings_language(
    content_dir: Path, language: str, taking: str, attributed: str, hint: str
) -> None:
    edit(content_dir, "briefing.yaml", "language: en", f"language: {language}")
    edit(content_dir, "sections/02-course.md", "Forces advanced in the south", taking)
    d = only(check(load(content_dir)), "W301")
    assert hint in d.hint
    edit(content_dir, "sections/02-course.md", taking, attributed)
    assert not [d for d in check(load(content_dir)) if d.code == "W301"]


def test_artsakh_as_the_regions_name_is_flagged_but_the_entity_is_not(content_dir: Path) -> None:
    edit(
        content_dir,
        "sections/02-course.md",
        "Forces advanced in the south",
        "Fighting in Artsakh grew",
    )
    assert only(check(load(content_dir)), "W301").message.startswith("'Artsakh'")
    edit(
        content_dir,
        "sections/02-course.md",
        "Fighting in Artsakh grew",
        "The self-declared Republic of Artsakh mobilised",
    )
    assert not [d for d in check(load(content_dir)) if d.code == "W301"]


def test_content_adds_its_own_terms(content_dir: Path) -> None:
    edit(
        content_dir,
        "briefing.yaml",
        "attribution_terms:",
        'attribution_terms:\n  "heroic": "a neutral adjective"',
    )
    edit(content_dir, "sections/02-course.md", "Forces advanced", "Heroic forces advanced")
    assert "neutral adjective" in only(check(load(content_dir)), "W301").hint


def test_first_mention_of_a_place_needs_both_names(content_dir: Path) -> None:
    edit(
        content_dir,
        "sections/01-summary.md",
        "- Stepanakert / Khankendi was shelled",
        "- Khankendi was shelled",
    )
    d = only(check(load(content_dir)), "W305")
    assert d.line == line_of(content_dir, "sections/01-summary.md", "Khankendi was shelled")
    assert d.column == 3 and "Stepanakert" in d.message


def test_falling_running_total_is_flagged_and_shown(content_dir: Path) -> None:
    edit(content_dir, "figures.yaml", 'value: "1,166"', 'value: "100"')
    d = only(check(load(content_dir)), "W302")
    assert d.line == line_of(content_dir, "figures.yaml", "id: mod-late")
    document = assemble(load(content_dir))
    row = next(r for t in _tables(document, "claims") for r in t.rows if r.key == "mod-late")
    assert "Flagged: lower than the same claimant's earlier figure (231 as of 5 Oct 2020)" in (
        text_of(row.cells[4])
    )
    # The reader's language words the flag, numbers and date included.
    edit(content_dir, "briefing.yaml", "language: en", "language: fr")
    document = assemble(load(content_dir))
    row = next(r for t in _tables(document, "claims") for r in t.rows if r.key == "mod-late")
    assert (
        "Signalé\u00a0: inférieur au chiffre antérieur de la même source (231 au 5 oct. 2020)"
        in (text_of(row.cells[4]))
    )


def test_claimants_ten_times_apart_are_flagged(content_dir: Path) -> None:
    edit(
        content_dir,
        "figures.yaml",
        "  - id: sohr-fighters",
        """  - id: other-deaths
    topic: military-deaths
    value: "20000"
    as_of: 2020-10-30
    claimant: "Azerbaijani Ministry of Defence"
    credibility: 5
    citations:
      - {source: wire-2020, quote: "Ganja was struck"}
  - id: sohr-fighters""",
    )
    assert "more than ten times" in only(check(load(content_dir)), "W303").message


def test_event_after_all_its_sources_is_an_error(content_dir: Path) -> None:
    edit(content_dir, "events.yaml", "date: 2020-11-10", "date: 2020-11-20")
    d = only(check(load(content_dir)), "E130")
    assert d.severity == "error"
    assert d.line == line_of(content_dir, "events.yaml", "date: 2020-11-20")


def test_event_citing_an_undated_source_is_exempt(content_dir: Path) -> None:
    edit(content_dir, "sources.yaml", "    published_between: [2020-10-29, 2020-10-31]\n", "")
    edit(content_dir, "events.yaml", "date: 2020-09-27", "date: 2020-11-29")
    diagnostics = check(load(content_dir))
    assert not [d for d in diagnostics if d.code == "E130"]
    assert method_facts(load(content_dir))["undated_sources"] == 1


def test_corroboration_is_one_mark_beside_the_grade_not_a_word_in_the_row() -> None:
    document = assemble(load(FULL))
    rows = {r.key: r for t in _tables(document, "chronology") for r in t.rows}
    assert text_of(rows["ganja"].cells[3]) == "B3 ●"
    assert "orroborated" not in text_of(rows["ganja"].cells[2])


def test_strict_can_require_corroborated_judgments(content_dir: Path) -> None:
    edit(
        content_dir,
        "briefing.yaml",
        "page_size: A4",
        "page_size: A4\nrequire_corroborated_judgments: true",
    )
    lines = [d.line for d in check(load(content_dir)) if d.code == "W304"]
    # Both fixture judgments rest on one perspective (neutral; pro-armenian D only).
    assert lines == [
        line_of(content_dir, "briefing.yaml", "Both sides claim"),
        line_of(content_dir, "briefing.yaml", "Figures differ"),
    ]


def test_suppression_hides_a_warning_and_the_method_note_prints_its_reason(
    content_dir: Path,
) -> None:
    edit(
        content_dir,
        "sections/02-course.md",
        "Forces advanced in the south",
        "Forces liberated the south",
    )
    edit(
        content_dir,
        "briefing.yaml",
        "page_size: A4",
        """page_size: A4
suppress:
  - code: W301
    file: sections/02-course.md
    reason: "The fixture tests suppression."
  - code: W305
    reason: "Matches nothing."
""",
    )
    diagnostics = check(load(content_dir))
    assert not [d for d in diagnostics if d.code == "W301"]
    assert only(diagnostics, "W306").line == line_of(content_dir, "briefing.yaml", "code: W305")
    document = assemble(load(content_dir))
    about = next(p for p in document.parts if p.title == "About this briefing")
    assert "The fixture tests suppression." in str(about)


def test_method_note_numbers_follow_the_content(content_dir: Path) -> None:
    before = method_facts(load(content_dir))
    edit(
        content_dir,
        "events.yaml",
        "  - id: agreement",
        """  - id: extra
    date: 2020-11-01
    category: military
    summary: "Another event."
    credibility: 2
    citations:
      - {source: wire-2020, quote: "Ganja was struck"}
      - {source: encyclo-2020, quote: "descended into a war"}
  - id: agreement""",
    )
    after = method_facts(load(content_dir))
    assert after["events"] == before["events"] + 1
    assert after["quotes"] == before["quotes"] + 2
    assert after["single_source"] == before["single_source"]
    document = assemble(load(content_dir), verified_quotes=after["quotes"])
    about = next(p for p in document.parts if p.title == "About this briefing")
    assert f"{after['events']} chronology events" in str(about)
    assert f"{after['quotes']} citations carry a short verbatim quote" in str(about)
    assert "This build checked every quote" in str(about)


def _tables(document: Document, variant: str) -> list[Table]:
    return [
        b for p in document.parts for b in p.blocks if isinstance(b, Table) and b.variant == variant
    ]


def test_notes_full_shows_the_verified_quote() -> None:
    short = assemble(load(FULL))
    full = assemble(load(FULL), notes="full")
    ganja = next(r for t in _tables(full, "chronology") for r in t.rows if r.key == "ganja")
    number = next(i.number for i in ganja.cells[2] if i.kind == "note")
    assert "“Ganja was struck”" in str(full.notes[number - 1])
    assert "Ganja was struck" not in str(short.notes[number - 1])
