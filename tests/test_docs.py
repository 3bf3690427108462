"""The README documents every command-line option and every diagnostic code."""

from __future__ import annotations

import re
from pathlib import Path

from briefing.check import CODES
from briefing.cli import parser

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_option_is_documented() -> None:
    options = {
        flag
        for action in parser()._actions
        for flag in action.option_strings
        if flag.startswith("--") and flag != "--help"
    }
    missing = sorted(o for o in options if f"`{o}" not in README)
    assert not missing, f"options missing from README: {missing}"


def test_every_diagnostic_code_is_documented() -> None:
    documented = set(re.findall(r"^\| ([EW]\d{3}) \|", README, re.M))
    assert documented == set(CODES)


def test_readme_gives_the_two_setup_commands() -> None:
    assert "make briefing" in README and "make test" in README


def test_make_help_is_the_default_and_lists_every_target() -> None:
    """`make` alone lists the targets with their `##` comments; CI calls venv and test."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^\.DEFAULT_GOAL := help$", makefile, re.M)
    listed = set(re.findall(r"^([a-z][a-z-]*):.*## ", makefile, re.M))
    wanted = {"help", "venv", "briefing", "html", "check", "lint", "quick", "test", "bench"}
    assert wanted | {"clean"} <= listed
    run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake test\n" in run
