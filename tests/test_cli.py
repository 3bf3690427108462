"""build_report.main in-process: exit codes, options and the diagnostic line format."""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from helpers_content import (
    FIXTURES,
    INVALID,
    base_text,
    chdir,
    make_content,
    problem_lines,
    run_cli,
)
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.diagnostics import Diagnostic
from briefing.load.model import FILE_MODELS

FULL = FIXTURES / "full"
ARCHIVE = FIXTURES / "archive"
LINE = re.compile(r"^(?P<file>[^:]+):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning) ")
LINE_FULL = re.compile(
    LINE.pattern + r"(?P<code>[EW]\d{3}) (?P<message>.+?)(?: \((?P<hint>.+)\))?$"
)


def test_check_of_the_full_fixture_passes() -> None:
    code, out, err = run_cli(["--check", "--content", str(FULL), "--archive", str(ARCHIVE)])
    assert code == 0, err
    assert "[1/5] load:" in out and "[2/5] check: 0 errors" in out
    assert err.splitlines()[-1] == "0 errors, 0 warnings: ok"


def test_check_with_errors_exits_1_and_lists_them(tmp_path: Path) -> None:
    events = base_text("events.yaml").replace("[stepanakert]", "[stepanakrt, nowhere]")
    make_content(tmp_path, {"events.yaml": events})
    with chdir(tmp_path):
        code, _, err = run_cli(["--check", "--content", "content"])
    assert code == 1
    assert problem_lines(err) == [
        "content/events.yaml:5:14: error E103 unknown place 'stepanakrt' "
        "(did you mean 'stepanakert'?)",
        "content/events.yaml:5:26: error E103 unknown place 'nowhere' "
        "(known: 'stepanakert'; or add it to places.yaml)",
    ]
    assert err.splitlines()[-1] == "2 errors, 0 warnings: failed"


def test_all_problems_are_reported_at_once(tmp_path: Path) -> None:
    """Errors in several files come back together, sorted by file and position."""
    events = base_text("events.yaml").replace("date: 2020-09-27", "date: 2020-13-45")
    places = base_text("places.yaml").replace("name: Stepanakert", "nam: Stepanakert")
    make_content(tmp_path, {"events.yaml": events, "places.yaml": places, "extra.yml": "a: 1\n"})
    with chdir(tmp_path):
        code, _, err = run_cli(["--check", "--content", "content"])
    assert code == 1
    assert [line.split(" ")[2] for line in problem_lines(err)] == ["E004", "E022", "E002"]


def test_strict_turns_warnings_into_failure(tmp_path: Path) -> None:
    section = "---\nid: extra\ntitle: Extra\n---\nText [@wiki-2020].\n"
    make_content(tmp_path, {"sections/02-extra.md": section})
    with chdir(tmp_path):
        relaxed, _, err = run_cli(["--check", "--content", "content"])
        strict, _, strict_err = run_cli(["--check", "--strict", "--content", "content"])
    assert relaxed == 0
    assert err.splitlines()[-1] == "0 errors, 1 warning: ok"
    assert strict == 1
    assert strict_err.splitlines()[-1] == "0 errors, 1 warning: failed"
    assert problem_lines(err) == problem_lines(strict_err)


def test_content_folder_that_does_not_exist(tmp_path: Path) -> None:
    code, _, err = run_cli(["--check", "--content", str(tmp_path / "nope")])
    assert code == 1
    assert problem_lines(err) == [f"{tmp_path / 'nope'}:1:1: error E020 content folder not found"]


def test_archive_enables_quote_checks(tmp_path: Path) -> None:
    events = base_text("events.yaml").replace('"fighting began"', '"fighting stopped"')
    make_content(tmp_path, {"events.yaml": events})
    with chdir(tmp_path):
        without, _, _ = run_cli(["--check", "--content", "content"])
        code, _, err = run_cli(["--check", "--content", "content", "--archive", "archive"])
    assert without == 0
    assert code == 1
    assert [line.split(" ")[2] for line in problem_lines(err)] == ["E120"]


@pytest.mark.parametrize(
    "argv",
    [
        ["--no-such-option"],
        ["--engine", "crayon"],
        ["--format", "docx"],
        ["--check", "--archive", "/no/such/folder"],
        ["--content"],
    ],
)
def test_usage_errors_exit_2(argv: list[str]) -> None:
    code, _, err = run_cli(argv)
    assert code == 2
    assert "Traceback" not in err


def test_help_exits_0() -> None:
    code, out, _ = run_cli(["--help"])
    assert code == 0
    assert "--content" in out and "--check" in out


def test_schema_writes_one_file_per_content_file(tmp_path: Path) -> None:
    code, out, _ = run_cli(["--schema", str(tmp_path / "schema")])
    assert code == 0
    written = sorted(p.name for p in (tmp_path / "schema").iterdir())
    assert written == sorted(f"{stem}.schema.json" for stem in [*FILE_MODELS, "section"])
    for path in (tmp_path / "schema").iterdir():
        schema = json.loads(path.read_text(encoding="utf-8"))
        assert schema["$schema"].startswith("https://json-schema.org/")
        assert schema["type"] == "object"
    assert out.count("wrote ") == len(written)


def test_every_case_line_has_the_documented_shape() -> None:
    """`file:line:column: severity CODE message (hint)` for every expected line we keep."""
    for expected in sorted(INVALID.glob("*/expected.txt")):
        for line in expected.read_text(encoding="utf-8").splitlines():
            match = LINE_FULL.match(line)
            assert match, line
            assert match["code"] == expected.parent.name
            assert match["hint"], line


def test_quiet_prints_only_problems(tmp_path: Path) -> None:
    make_content(tmp_path)
    with chdir(tmp_path):
        code, out, err = run_cli(["--check", "--quiet", "--content", "content"])
    assert (code, out, err) == (0, "", "")


def test_escaped_control_characters_in_quoted_text_are_refused(tmp_path: Path) -> None:
    """Fixes: `"\\e[2J"` or `"\\u202E"` in a quoted scalar slipped past the E017 byte check."""
    events = base_text("events.yaml").replace("category: military", 'category: "\\e[2J"')
    make_content(tmp_path, {"events.yaml": events})
    with chdir(tmp_path):
        code, _, err = run_cli(["--check", "--content", "content"])
    assert code == 1
    assert problem_lines(err) == [
        "content/events.yaml:6:15: error E017 control or bidi-override character U+001B "
        "(delete it; use a plain newline or space)"
    ]
    assert "\x1b" not in err


def test_diagnostics_never_print_raw_control_characters() -> None:
    line = Diagnostic("f.yaml", 1, 1, "error", "E003", "'\x1b[2J\u202e' is not allowed").format()
    assert line == "f.yaml:1:1: error E003 '\\u001b[2J\\u202e' is not allowed"


YAML_BITS = ["- ", "a: ", "[", "{", "&x ", "*x", "!!t ", "\t", "\n", "'", '"', "---\n", "? ", "#"]


@settings(max_examples=50, deadline=None)
@given(
    name=st.sampled_from(["events.yaml", "briefing.yaml", "sources.yaml", "sections/01-intro.md"]),
    data=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=300),
        st.lists(st.sampled_from([*YAML_BITS, "1:30", "NO", "id", "x"]), max_size=40).map("".join),
    ),
)
def test_no_traceback_for_anything_content_can_contain(name: str, data: str | bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        make_content(Path(folder), {name: data})
        with chdir(Path(folder)):
            code, _, err = run_cli(["--check", "--content", "content"])
    assert code in (0, 1)
    assert "Traceback" not in err
    for line in problem_lines(err):
        assert LINE.match(line), line
