"""What goes where: stdout carries only our output (progress, JSON lines or annotations),
everything else goes to stderr, even when WeasyPrint cannot load its system libraries."""

from __future__ import annotations

import importlib
import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers_render import weasyprint_build

import briefing.render
import build_report

ROOT = Path(__file__).resolve().parent.parent
FULL = ROOT / "tests" / "fixtures" / "full"
FALLBACK = "WeasyPrint unavailable"
BANNER = "WeasyPrint could not import some external libraries"
"""The first words WeasyPrint 70 prints to stdout when a library will not load."""

UNUSED_SOURCE = """\
  - id: unused-2020
    title: "A source nobody cites"
    publisher: "Nobody"
    published: 2020-11-01
    kind: news
    language: en
    perspective: neutral
    reliability: C
    reliability_rationale: "Here to be warned about."
"""

WITHOUT_PANGO = """\
import sys

import cffi

real = cffi.FFI.dlopen


def dlopen(self, name, flags=0):
    # What the dynamic loader does on a machine without Pango: every name WeasyPrint tries fails.
    if name and "pango" in str(name):
        raise OSError(f"cannot load library '{name}': {name}: cannot open shared object file")
    return real(self, name, flags)


cffi.FFI.dlopen = dlopen
from build_report import main

sys.exit(main(sys.argv[1:]))
"""
"""The CLI in a process where Pango cannot be loaded. Pointing LD_LIBRARY_PATH elsewhere is
not enough (the loader still finds Pango through its cache), and making `import weasyprint`
fail would skip what a missing library does: WeasyPrint's own loader tries each name of the
library, prints its banner to stdout, then raises OSError."""


@pytest.fixture
def warned_content(tmp_path: Path) -> Path:
    """The fixture with one warning (W201), so JSON lines and annotations are printed."""
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    sources = content / "sources.yaml"
    sources.write_text(sources.read_text(encoding="utf-8") + UNUSED_SOURCE, encoding="utf-8")
    return content


def _without_pango(*options: str, content: Path, out: Path) -> subprocess.CompletedProcess[str]:
    argv = ["--content", str(content), "--out", str(out), "--engine", "auto", *options]
    return subprocess.run(
        [sys.executable, "-c", WITHOUT_PANGO, *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


@pytest.mark.slow
def test_json_stdout_parses_line_by_line_with_pango_missing(
    warned_content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "briefing.pdf"
    done = _without_pango("--diagnostics", "json", content=warned_content, out=out)
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["code"] for r in records] == ["W201"]
    notes = [line for line in done.stderr.splitlines() if FALLBACK in line]
    assert len(notes) == 1 and "using ReportLab" in notes[0], done.stderr
    assert BANNER not in done.stdout + done.stderr
    manifest = json.loads((out.parent / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == "reportlab"


@pytest.mark.slow
def test_the_banner_weasyprint_prints_without_pango_goes_to_the_log(
    tmp_path: Path,
) -> None:
    """The test above hides Pango the way a machine without it does: WeasyPrint's banner
    is printed, and caught; --verbose shows it in the log, on stderr."""
    out = tmp_path / "out" / "briefing.pdf"
    done = _without_pango("--verbose", "--diagnostics", "json", content=FULL, out=out)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    logged = [line for line in done.stderr.splitlines() if BANNER in line]
    assert len(logged) == 1 and logged[0].startswith("INFO briefing.render:"), done.stderr


def _weasyprint_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.import_module

    def without_weasyprint(name: str, package: str | None = None) -> object:
        if name.startswith(("weasyprint", "briefing.render.weasyprint")):
            print(f"\n-----\n\n{BANNER}. Please ...\n\n-----\n")  # as WeasyPrint does
            raise OSError("cannot load library 'libpango-1.0-0': no such file")
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", without_weasyprint)


@pytest.mark.slow
@pytest.mark.parametrize("quiet", [[], ["--quiet"]])
def test_the_engine_fallback_is_one_line_on_stderr_even_when_quiet(
    quiet: list[str],
    warned_content: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    """capfd: what the build's child writes to the file descriptors counts too."""
    _weasyprint_missing(monkeypatch)
    out = tmp_path / "out" / "briefing.pdf"
    argv = ["--content", str(warned_content), "--out", str(out), *quiet]
    assert build_report.main(argv) == 0
    printed = capfd.readouterr()
    assert [line for line in printed.err.splitlines() if FALLBACK in line] == [
        "note: WeasyPrint unavailable (cannot load library 'libpango-1.0-0': no such file); "
        "using ReportLab"
    ]
    assert FALLBACK not in printed.out and BANNER not in printed.out + printed.err
    if quiet:
        assert printed.out == ""


@pytest.mark.slow
def test_the_engine_fallback_is_a_warning_annotation_under_github(
    warned_content: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capfd: pytest.CaptureFixture[str],
) -> None:
    _weasyprint_missing(monkeypatch)
    out = tmp_path / "out" / "briefing.pdf"
    argv = ["--content", str(warned_content), "--out", str(out), "--diagnostics", "github"]
    assert build_report.main([*argv, "--quiet"]) == 0
    printed = capfd.readouterr()
    lines = printed.out.splitlines()
    assert all(line.startswith("::") for line in lines), printed.out
    assert lines[0] == (
        "::warning title=engine::WeasyPrint unavailable (cannot load library "
        "'libpango-1.0-0': no such file); using ReportLab"
    )
    assert [line.split("title=")[1][:4] for line in lines[1:]] == ["W201"]
    assert FALLBACK not in printed.err and BANNER not in printed.out + printed.err


def test_a_weasyprint_warning_in_a_build_child_fails_the_shared_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The session's shared builds (tests/conftest.py) render in build()'s children; what
    WeasyPrint logs there still fails the tests that read them."""

    class Warner:
        name, extension, pages = "weasyprint", "pdf", 1

        def render(self, document: object) -> bytes:
            logging.getLogger("weasyprint").warning("Ignored `color: ` at 1:1, no value.")
            return b"%PDF-1.7\n"

    monkeypatch.setattr(briefing.render, "get_renderer", lambda name, **_: Warner())
    with pytest.raises(AssertionError, match=r"WeasyPrint warned: .*Ignored `color: `"):
        weasyprint_build(FULL, tmp_path)
