"""load and check: positions of nested errors, and the fixes of the Foundation issue.

Each bug-fix test is named after what it fixes.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from helpers_content import base_text, chdir, diagnose, make_content

from briefing.diagnostics import did_you_mean
from briefing.errors import ContentError
from briefing.load import load
from briefing.load.yamlsafe import parse_yaml


def lines_for(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    """The formatted diagnostics for the base patched with `files`."""
    make_content(tmp_path, files)
    with chdir(tmp_path):
        return [d.format() for d in diagnose(Path("content"))]


def test_nested_unknown_field_in_a_flow_mapping_points_at_the_key(tmp_path: Path) -> None:
    events = base_text("events.yaml").replace(
        'quote: "fighting began"}', 'quote: "fighting began", page: 3}'
    )
    assert lines_for(tmp_path, {"events.yaml": events}) == [
        "content/events.yaml:10:54: error E002 unknown field 'page' "
        "(known: 'locator', 'quote', 'source')"
    ]


def test_nested_missing_field_points_at_its_list_item(tmp_path: Path) -> None:
    events = base_text("events.yaml").replace("{source: wiki-2020, ", "{")
    assert lines_for(tmp_path, {"events.yaml": events}) == [
        "content/events.yaml:10:9: error E001 missing field 'source' (add 'source:' here)"
    ]


def test_error_in_a_list_item_names_the_field_not_the_index(tmp_path: Path) -> None:
    places = base_text("places.yaml") + "    coordinates: [39.8, east]\n"
    assert lines_for(tmp_path, {"places.yaml": places}) == [
        "content/places.yaml:5:25: error E005 'coordinates': Input should be a valid number, "
        "unable to parse string as a number (write a plain number or true/false)"
    ]


def test_value_that_fits_no_union_member_is_reported_once(tmp_path: Path) -> None:
    sources = base_text("sources.yaml").replace("published: 2020-10", "published: 2020-13")
    assert lines_for(tmp_path, {"sources.yaml": sources}) == [
        "content/sources.yaml:5:16: error E004 '2020-13' has month 13; months run 01 to 12 "
        "(dates are YYYY[-MM[-DD]])"
    ]


def test_misspelt_field_is_one_diagnostic_not_also_missing(tmp_path: Path) -> None:
    events = base_text("events.yaml").replace("category:", "categry:")
    assert lines_for(tmp_path, {"events.yaml": events}) == [
        "content/events.yaml:6:5: error E002 unknown field 'categry' (did you mean 'category'?)"
    ]


def test_pair_with_one_item_is_too_few_items_not_missing_field_1(tmp_path: Path) -> None:
    sources = base_text("sources.yaml").replace(
        "published: 2020-10", "published: unknown\n    published_between: [2020-10-01]"
    )
    assert lines_for(tmp_path, {"sources.yaml": sources}) == [
        "content/sources.yaml:6:5: error E009 'published_between' has too few items "
        "(write both ends: [first, last])"
    ]


def test_published_between_of_mixed_precision_does_not_raise(tmp_path: Path) -> None:
    """Fixes a TypeError in check: `[2020-10, 2020-10-05]` compared None with an int."""
    sources = base_text("sources.yaml").replace(
        "published: 2020-10", "published: unknown\n    published_between: [2020-10, 2020-10-05]"
    )
    assert lines_for(tmp_path, {"sources.yaml": sources}) == []
    backwards = sources.replace("[2020-10, 2020-10-05]", "[2020-11, 2020-10-05]")
    assert lines_for(tmp_path / "b", {"sources.yaml": backwards}) == [
        "content/sources.yaml:6:24: error E109 range ends before it starts (swap the two ends)"
    ]


@pytest.mark.parametrize("written", ["", "~", "null", "Null", "NULL"])
def test_plain_nulls_are_none_with_the_libyaml_parser(written: str) -> None:
    """Fixes: libyaml reports a plain scalar's style as '', so `~` and empty were text."""
    located = parse_yaml(f"subtitle: {written}\nquoted: '{written}'\n", "f.yaml")
    assert located.data == {"subtitle": None, "quoted": written}


def test_empty_optional_field_is_absent_not_empty_text(tmp_path: Path) -> None:
    briefing = base_text("briefing.yaml").replace("as_of:", "subtitle:\nas_of:")
    make_content(tmp_path, {"briefing.yaml": briefing})
    assert load(tmp_path / "content").briefing.subtitle is None


def test_markdown_citation_in_a_quoted_judgment_points_at_the_at_sign(tmp_path: Path) -> None:
    """Fixes an off-by-one: the text of a quoted scalar starts after the quote."""
    briefing = base_text("briefing.yaml").replace("[@wiki-2020]", "[@wiki2020]")
    result = lines_for(tmp_path, {"briefing.yaml": briefing})
    assert result == [
        "content/briefing.yaml:6:41: error E110 unknown source 'wiki2020' in citation "
        "(did you mean 'wiki-2020'?)"
    ]
    line = briefing.splitlines()[5]
    assert line[40] == "@"


def test_long_word_is_reported_at_its_column_in_the_file(tmp_path: Path) -> None:
    """Fixes: E023 counted columns from the start of the value, not of the line."""
    long = "x" * 401
    events = base_text("events.yaml").replace('"Fighting began."', f'"Fighting {long}."')
    result = lines_for(tmp_path, {"events.yaml": events})
    assert [r.split(": error")[0] for r in result] == ["content/events.yaml:7:24"]
    assert events.splitlines()[6][23] == "x"


def test_load_errors_come_sorted_by_file_and_position(tmp_path: Path) -> None:
    events = base_text("events.yaml").replace("credibility: 2", "credibility: high")
    briefing = base_text("briefing.yaml").replace("title:", "titel:")
    result = lines_for(tmp_path, {"events.yaml": events, "briefing.yaml": briefing})
    assert [r.split(":")[0:2] for r in result] == [
        ["content/briefing.yaml", "2"],
        ["content/events.yaml", "8"],
    ]


def test_section_that_is_only_a_header_loads(tmp_path: Path) -> None:
    """Fixes: a header closed by `---` at the very end of the file was 'no YAML header'."""
    extra = "---\nid: intro\ntitle: Introduction\n---"
    make_content(tmp_path, {"sections/01-intro.md": extra})
    (section,) = load(tmp_path / "content").sections
    assert section.header.title == "Introduction"
    assert section.body == ""


def test_section_header_errors_are_at_their_file_line(tmp_path: Path) -> None:
    section = base_text("sections/01-intro.md").replace("id: intro", "id: Intro!")
    result = lines_for(tmp_path, {"sections/01-intro.md": section})
    assert [r.split(": error ")[0] for r in result] == ["content/sections/01-intro.md:2:5"]


def test_yaml_tag_is_shown_as_written() -> None:
    with pytest.raises(Exception, match=r"YAML tag '!!python/name:os.system'"):
        parse_yaml("a: !!python/name:os.system ''\n", "f.yaml")


def test_parse_yaml_records_every_value_key_and_quote() -> None:
    """Pins the position tables check relies on, including a quoted key's '<key>' path."""
    text = 'title: "Cafe\u0301"\nitems:\n  - a\n  - {k: ~, "q": [x]}\n'
    located = parse_yaml(text, "f.yaml", line_offset=1)
    assert located.data == {"title": "Caf\u00e9", "items": ["a", {"k": None, "q": ["x"]}]}
    assert list(located.values.items()) == [
        (("title",), (2, 8)),
        (("items", 0), (4, 5)),
        (("items", 1, "k"), (5, 9)),
        (("items", 1, "q", 0), (5, 18)),
        (("items", 1, "q"), (5, 17)),
        (("items", 1), (5, 5)),
        (("items",), (4, 3)),
        ((), (2, 1)),
    ]
    assert located.keys == {
        ("title",): (2, 1),
        ("items",): (3, 1),
        ("items", 1, "k"): (5, 6),
        ("items", 1, "q"): (5, 12),
    }
    assert located.quoted == {("title",), ("items", 1, "<key>")}
    assert located.texts == ["Caf\u00e9", "a", "x"]  # the values, not the keys nor nulls


@pytest.mark.parametrize(
    "scalar", ['"\\e[2J"', '"x\\u202Ey"', '"\\x07"', "'\u202e'", "plain \u2066 text"]
)
def test_a_control_or_bidi_character_is_refused_however_written(scalar: str) -> None:
    """Only a double-quoted escape makes a character the text does not hold: the scan of
    each scalar is skipped for text without a backslash, and must still catch these."""
    with pytest.raises(ContentError) as raised:
        parse_yaml(f"a: ok\nb: {scalar}\n", "f.yaml")
    assert [d.code for d in raised.value.diagnostics] == ["E017"]


@pytest.mark.parametrize(
    ("name", "known", "hint"),
    [
        ("wiki2020", ["wiki-2020", "bbc-2020"], "did you mean 'wiki-2020'?"),
        ("zzz", ["a", "b"], "known: 'a', 'b'"),
        ("zzz", list("abcdefg"), "known: 'a', 'b', 'c', 'd', 'e', ..."),
        ("zzz", [], "none is defined yet"),
    ],
)
def test_did_you_mean(name: str, known: list[str], hint: str) -> None:
    assert did_you_mean(name, known) == hint


def test_markdown_brackets_nested_too_deep_are_refused_where_the_limit_is_passed() -> None:
    """Twelve open brackets pass; the thirteenth is reported at its line and column. Closing
    brackets, and a blank line (which ends the paragraph), let the depth down again; a
    stray closing bracket does not make room for more."""
    from briefing.load.limits import MAX_BRACKET_DEPTH, text_limits

    deep = "[(" * (MAX_BRACKET_DEPTH // 2)
    text_limits(deep, "s.md", markdown=True)
    text_limits(f"{deep}x)]([", "s.md", markdown=True)  # two closed, two opened
    text_limits(f"{deep}\n\n{deep}", "s.md", markdown=True)  # a new paragraph
    text_limits(f"{deep}x\n{deep}", "s.md", markdown=False)  # not Markdown: no limit
    for text, where in [
        (f"intro\nab{deep}(", (11, 15)),
        (f"]]]{deep}[", (10, 16)),
        (f"{deep}x\n[", (11, 1)),  # one line break does not end the paragraph
    ]:
        with pytest.raises(ContentError) as raised:
            text_limits(text, "s.md", first_line=10, markdown=True)
        (diagnostic,) = raised.value.diagnostics
        assert (diagnostic.code, diagnostic.line, diagnostic.column) == ("E023", *where), text


def test_diagnostics_show_invisible_characters_as_escapes() -> None:
    """Fixes `unknown field 'ti\\u200btle'` reading as 'title' on a terminal."""
    from briefing.diagnostics import Diagnostic, safe_text

    assert safe_text("ti\u200btle \u00ad\u2060\ufeff\U000e0041 Карабах") == (
        "ti\\u200btle \\u00ad\\u2060\\ufeff\\U000e0041 Карабах"
    )
    shown = Diagnostic("f.yaml", 1, 1, "error", "E002", "unknown field 'ti\u200btle'")
    assert "\\u200b" in shown.format() and "\\u200b" in str(shown.as_dict()["message"])


def test_urls_with_invisible_or_look_alike_characters_are_refused() -> None:
    from briefing.load.urls import url_problem

    assert url_problem("https://ru.wikipedia.org/wiki/Карабах") is None
    assert url_problem("https://xn--80ak6aa92e.com/") is None
    assert "U+200B" in (url_problem("https://exam\u200bple.org") or "")
    assert "non-ASCII" in (url_problem("https://ex\u0430mple.org") or "")
    assert "user name" in (url_problem("https://bank.example@evil.example/") or "")
