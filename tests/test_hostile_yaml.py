"""load: hostile YAML ends in one clear diagnostic, in bounded memory, never a traceback.

Each attack in tests/fixtures/hostile/yaml/ replaces `events.yaml` in the tiny valid base and
runs in a forked child with its address space capped at 200 MB above what it already uses,
so a blow-up fails the test instead of the machine. The huge inputs are generated here.
What keeps them quick is what the loader enforces (the size cap, E011; the depth and value
limits, E016; numbers of at most 16 digits, E005), and each test asserts that diagnostic;
how long they take is measured by `make bench` (bench/bounds.py), not asserted here.
"""

from __future__ import annotations

import multiprocessing
import resource
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

import pytest
from helpers_content import FIXTURES, base_text, chdir, diagnose, make_content, run_cli

from briefing.load import load

pytestmark = pytest.mark.slow  # each attack runs in a forked child
HOSTILE = FIXTURES / "hostile" / "yaml"
MEMORY = 200 * 1024 * 1024
HANG = 300.0
"""Seconds to wait for the child's answer: only a loader that hangs takes this long."""


@dataclass(frozen=True)
class Outcome:
    """What the child saw: the diagnostics as printed, the exit code and stderr."""

    lines: list[str]
    codes: list[str]
    exit_code: int
    stderr: str
    crash: str = ""


def _vm_size() -> int:
    """Address space in use now: the cap is set relative to it, whatever pytest loaded."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _child(workdir: Path, pipe: Connection) -> None:
    """Runs in the fork: cap memory, check, and send back what happened (even a crash)."""
    try:
        limit = _vm_size() + MEMORY
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        with chdir(workdir):
            diagnostics = diagnose(Path("content"))
            code, _, err = run_cli(["--check", "--content", "content"])
        lines = [d.format() for d in diagnostics]
        pipe.send(Outcome(lines, [d.code for d in diagnostics], code, err))
    except BaseException:  # the child must report everything, even MemoryError
        pipe.send(Outcome([], [], -1, "", traceback.format_exc()))


def run_isolated(workdir: Path) -> Outcome:
    """`--check` on `workdir/content` in a forked child with capped memory; a child that
    hangs fails the test."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(workdir, send))
    process.start()
    try:
        if not receive.poll(HANG):
            pytest.fail(f"no answer in {HANG:g} s: the loader hangs")
        return receive.recv()
    finally:
        process.join(5)
        if process.is_alive():
            process.kill()


def attack(tmp_path: Path, data: str | bytes, *, target: str = "events.yaml") -> Outcome:
    """Put `data` in place of `target` in the base and check it in isolation."""
    make_content(tmp_path, {target: data})
    outcome = run_isolated(tmp_path)
    assert not outcome.crash, outcome.crash
    assert "Traceback" not in outcome.stderr
    return outcome


def fixture(name: str) -> bytes:
    """A committed attack, as bytes: some are deliberately not UTF-8."""
    return (HOSTILE / name).read_bytes()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "alias_bomb.yaml",
            "content/events.yaml:2:4: error E014 anchors and aliases are not allowed "
            "(80 more in this file) (write the value out in full)",
        ),
        (
            "python_tag.yaml",
            "content/events.yaml:3:5: error E013 YAML tag '!!python/object/apply:os.system' "
            "is not allowed (remove it)",
        ),
        (
            "duplicate_keys.yaml",
            "content/events.yaml:7:5: error E015 duplicate key 'summary' (first on line 5) "
            "(keep one of the two)",
        ),
        (
            "latin1.yaml",
            "content/events.yaml:3:30: error E010 file is not valid UTF-8 (save it as UTF-8)",
        ),
        (
            "utf16_bom.yaml",
            "content/events.yaml:1:1: error E010 file is UTF-16 (save it as UTF-8)",
        ),
        (
            "tabs.yaml",
            "content/events.yaml:3:1: error E012 YAML syntax error: found a tab character that "
            "violates indentation (indent with spaces, not tabs)",
        ),
        (
            "deep_flow.yaml",
            "content/events.yaml:1:48: error E016 nested deeper than 40 (flatten it)",
        ),
        (
            "deep_block.yaml",
            "content/events.yaml:2:81: error E016 nested deeper than 40 (flatten it)",
        ),
        (
            "bad_date.yaml",
            "content/events.yaml:3:11: error E004 '2020-13-45' has month 13; months run 01 "
            "to 12 (dates are YYYY[-MM[-DD]])",
        ),
        (
            "line_separator.yaml",
            "content/events.yaml:3:23: error E017 control or bidi-override character U+2028 "
            "(delete it; use a plain newline or space)",
        ),
    ],
)
def test_attack_ends_in_one_diagnostic(name: str, expected: str, tmp_path: Path) -> None:
    outcome = attack(tmp_path, fixture(name))
    assert outcome.lines == [expected]
    assert outcome.stderr.splitlines()[-1] == "1 error, 0 warnings: failed"
    assert outcome.exit_code == 1
    assert expected in outcome.stderr


def test_every_control_character_is_reported_not_only_the_first(tmp_path: Path) -> None:
    outcome = attack(tmp_path, fixture("control.yaml"))
    assert outcome.lines == [
        "content/events.yaml:3:23: error E017 control or bidi-override character U+001B "
        "(delete it; use a plain newline or space)",
        "content/events.yaml:3:32: error E017 control or bidi-override character U+0007 "
        "(delete it; use a plain newline or space)",
    ]
    assert outcome.exit_code == 1


def test_duplicate_key_message_names_both_lines(tmp_path: Path) -> None:
    outcome = attack(tmp_path, fixture("duplicate_keys.yaml"))
    (line,) = outcome.lines
    assert line.startswith("content/events.yaml:7:")
    assert "first on line 5" in line


def test_tab_before_a_dash_gets_the_tab_hint(tmp_path: Path) -> None:
    """YAML says "cannot start any token" here; the hint says what is wrong."""
    outcome = attack(tmp_path, "events:\n\t- id: offensive\n")
    assert outcome.codes == ["E012"]
    assert outcome.lines[0].endswith("(indent with spaces, not tabs)")


def test_fifty_megabyte_string(tmp_path: Path) -> None:
    huge = "events:\n  - summary: '" + "x" * 50_000_000 + "'\n"
    outcome = attack(tmp_path, huge)
    assert outcome.codes == ["E011"]
    assert outcome.lines[0].startswith("content/events.yaml:1:1: error E011 file is larger")


def test_fifty_megabyte_section(tmp_path: Path) -> None:
    huge = "---\nid: intro\ntitle: Intro\n---\n" + "word " * 10_000_000
    outcome = attack(tmp_path, huge, target="sections/01-intro.md")
    assert outcome.codes == ["E011"]


def test_too_many_values(tmp_path: Path) -> None:
    outcome = attack(tmp_path, "events: [" + "a, " * 250_000 + "a]\n")
    assert outcome.codes == ["E016"]
    assert "more than 200,000 values" in outcome.lines[0]


def test_large_file_under_the_limit_loads_clean(tmp_path: Path) -> None:
    """Just under 2 MB of real work is parsed and typed, not refused (its time: `make bench`)."""
    event = base_text("events.yaml").split("events:\n", 1)[1]
    many = "events:\n" + "".join(
        event.replace("id: offensive", f"id: event-{i}") for i in range(6_000)
    )
    assert len(many.encode()) < 2_000_000
    outcome = attack(tmp_path, many)
    assert outcome.codes == []
    assert outcome.exit_code == 0


def test_utf16_without_bom(tmp_path: Path) -> None:
    outcome = attack(tmp_path, base_text("events.yaml").encode("utf-16-le"))
    assert outcome.codes == ["E010"]
    assert "UTF-16" in outcome.lines[0]


def test_bom_prefixed_utf8_is_accepted(tmp_path: Path) -> None:
    outcome = attack(tmp_path, fixture("bom.yaml"))
    assert outcome.lines == []
    assert outcome.exit_code == 0


def test_values_yaml_would_retype_stay_text(tmp_path: Path) -> None:
    content = make_content(tmp_path, {"events.yaml": fixture("not_retyped.yaml")})
    with chdir(tmp_path):
        assert diagnose(Path("content")) == []
        (event,) = load(Path("content")).events
    assert event.summary == "NO"
    assert event.claimed_by == "1:30"
    assert event.note == "012"
    assert event.actors == ["NO", "yes", "off", "1:30", "0x1F", "1e3", "2020-10-09", ".inf"]
    assert event.citations[0].locator == "1:30"
    assert content.is_dir()


def test_title_no_stays_the_string_no(tmp_path: Path) -> None:
    briefing = base_text("briefing.yaml").replace('title: "Tiny valid base"', "title: NO")
    make_content(tmp_path, {"briefing.yaml": briefing})
    with chdir(tmp_path):
        assert load(Path("content")).briefing.title == "NO"


def test_symlinked_content_file_is_refused(tmp_path: Path) -> None:
    """A pull request can add a link to any file on the builder's machine."""
    secret = tmp_path / "secret.yaml"
    secret.write_text("events: []\n", encoding="utf-8")
    content = make_content(tmp_path, delete=("events.yaml",))
    (content / "events.yaml").symlink_to(secret)
    with chdir(tmp_path):
        diagnostics = diagnose(Path("content"))
    assert [d.format() for d in diagnostics] == [
        "content/events.yaml:1:1: error E020 file is a symbolic link (copy the file instead)"
    ]


def test_huge_exponent_is_refused_not_computed(tmp_path: Path) -> None:
    """Fixes a hang: `value: 1e999999` was turned into a million-digit integer."""
    figures = base_text("figures.yaml").replace('value: "1,166"', "value: 1e999999")
    outcome = attack(tmp_path, figures, target="figures.yaml")
    assert outcome.lines == [
        "content/figures.yaml:8:12: error E005 'value': '1e999999' is too large a number "
        "(10^16 or more) (write a plain number or true/false)"
    ]
