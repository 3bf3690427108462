"""check: one invalid fixture per diagnostic code, each giving exactly its one diagnostic.

A case is `tests/fixtures/invalid/<CODE>/`: the files that differ from the tiny valid
`base/` (each a copy of the base file with one defect, named in a comment), an optional
`DELETE` listing base files to remove, and `expected.txt`, the exact line the command prints.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers_content import BASE, INVALID, chdir, diagnose, make_content, problem_lines, run_cli

from briefing.check import CODES

TESTED_ELSEWHERE = {
    code: "tests/test_editorial.py"
    for code in ("E130", "W301", "W302", "W303", "W304", "W305", "W306")
}
"""Editorial rules need several items to disagree, so their tests build content themselves."""
GENERATED: dict[str, dict[str, str]] = {
    # Too big to commit: a 2,000,001-byte string, one byte over the limit.
    "E011": {"events.yaml": "events: '" + "x" * 1_999_990 + "'\n"},
}
CASES = sorted(p.name for p in INVALID.iterdir() if re.fullmatch(r"[EW]\d{3}", p.name))


def _overlay(case: Path) -> tuple[dict[str, str | bytes], tuple[str, ...]]:
    """The case's files (as bytes, so latin-1 stays latin-1) and the base files it deletes."""
    files: dict[str, str | bytes] = {
        str(p.relative_to(case)): p.read_bytes()
        for p in sorted(case.rglob("*"))
        if p.is_file() and p.name not in ("expected.txt", "DELETE")
    }
    files.update(GENERATED.get(case.name, {}))
    delete_list = case / "DELETE"
    delete = tuple(delete_list.read_text().split()) if delete_list.exists() else ()
    return files, delete


def test_every_code_has_a_case() -> None:
    missing = set(CODES) - set(CASES) - set(TESTED_ELSEWHERE)
    assert missing == set(), "add tests/fixtures/invalid/<CODE>/ for each new code"
    assert set(CASES) - set(CODES) == set(), "a case for a code check.CODES does not list"


@pytest.mark.parametrize(("code", "test_file"), sorted(TESTED_ELSEWHERE.items()))
def test_codes_tested_elsewhere_are(code: str, test_file: str) -> None:
    assert code in (INVALID.parent.parent.parent / test_file).read_text(encoding="utf-8")


def test_the_base_is_clean_even_when_strict(tmp_path: Path) -> None:
    make_content(tmp_path)
    with chdir(tmp_path):
        code, _, err = run_cli(
            ["--check", "--strict", "--content", "content", "--archive", "archive"]
        )
    assert problem_lines(err) == []
    assert code == 0


@pytest.mark.parametrize("code", CASES)
def test_case_gives_exactly_its_diagnostic(code: str, tmp_path: Path) -> None:
    case = INVALID / code
    expected = (case / "expected.txt").read_text(encoding="utf-8").splitlines()
    files, delete = _overlay(case)
    make_content(tmp_path, files, delete=delete)
    with chdir(tmp_path):
        diagnostics = diagnose(Path("content"), archive=Path("archive"))
        exit_code, _, err = run_cli(["--check", "--content", "content", "--archive", "archive"])
        strict_code, _, _ = run_cli(
            ["--check", "--strict", "--content", "content", "--archive", "archive"]
        )
    assert [d.code for d in diagnostics] == [code]
    (diagnostic,) = diagnostics
    # File, line, column, code, message and hint, all at once, as the command prints them.
    assert [diagnostic.format()] == expected
    assert diagnostic.file.startswith("content/")
    assert diagnostic.hint, "every diagnostic says how to fix it"
    assert problem_lines(err) == expected
    assert "Traceback" not in err
    is_error = code.startswith("E")
    assert exit_code == (1 if is_error else 0)
    assert strict_code == 1
    assert err.rstrip().endswith("failed" if is_error else "ok")


def test_cli_line_format_is_file_line_column_severity_code_message_hint(tmp_path: Path) -> None:
    files, _ = _overlay(INVALID / "E102")
    make_content(tmp_path, files)
    with chdir(tmp_path):
        _, _, err = run_cli(["--check", "--content", "content"])
    assert problem_lines(err) == [
        "content/events.yaml:11:18: error E102 unknown source 'wiki2020' "
        "(did you mean 'wiki-2020'?)"
    ]
    assert err.splitlines()[-1] == "1 error, 0 warnings: failed"


def test_base_fixture_is_small() -> None:
    """The base is copied for every case: keep it tiny, so each case reads at a glance."""
    total = sum(p.stat().st_size for p in BASE.rglob("*") if p.is_file())
    assert total < 4_000
