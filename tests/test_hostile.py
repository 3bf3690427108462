"""Hostile content, end to end: each case in tests/hostile/ is a clear error or renders inert.

Each case runs as its own process (tests/hostile_runner.py) under an audit hook
that refuses and logs any file opened outside the project, any socket and any
subprocess; a canary file shows that no payload ran; the PDF is inspected for
embedded files, scripts, actions, forms and file links; time and peak memory
are bounded.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from pdf_inspect import pdf_problems, pdf_text

HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "hostile").glob("*.yaml"))
FULL = HERE / "fixtures" / "full"
SECONDS, MEGABYTES = 5.0, 500


def _engines_available() -> list[str]:
    try:
        import briefing.render.weasyprint  # noqa: F401
    except (ImportError, OSError):
        return ["reportlab"]
    return ["weasyprint", "reportlab"]


def _params() -> list[object]:
    available = _engines_available()
    params = []
    for path in CASES:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        for engine in case.get("engines", [available[0]]):
            marks = [] if engine in available else [pytest.mark.skip(reason=f"{engine} missing")]
            params.append(pytest.param(path, engine, id=f"{path.stem}-{engine}", marks=marks))
    return params


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


def _apply(case: dict, content: Path, canary: Path) -> None:
    target = content / case["file"]
    text = case.get("text", "").replace("{canary}", str(canary))
    if "repeat" in case:
        text += case["repeat"]["unit"] * case["repeat"]["times"]
    action = case["action"]
    if action == "write":
        target.write_bytes(text.encode(case.get("encoding", "utf-8")))
    elif action == "write_bytes":
        target.write_bytes(bytes.fromhex(case["hex"]))
    elif action == "append":
        target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")
    elif action == "replace":
        original = target.read_text(encoding="utf-8")
        assert case["find"] in original, case["find"]
        target.write_text(original.replace(case["find"], text, 1), encoding="utf-8")
    elif action == "symlink":
        os.symlink(case["target"], target)
    else:
        raise AssertionError(f"unknown action {action}")


@pytest.mark.parametrize(("path", "engine"), _params())
def test_hostile_case(path: Path, engine: str, tmp_path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    canary = tmp_path / "CANARY"
    _apply(case, content, canary)
    out = tmp_path / "out" / "briefing.pdf"
    log = tmp_path / "audit.log"
    started = time.monotonic()
    run = subprocess.run(
        [sys.executable, str(HERE / "hostile_runner.py"), str(content), str(out), engine, str(log)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
    )
    wall = time.monotonic() - started
    assert run.returncode == 0, run.stderr[-3000:]
    result = json.loads(run.stdout.strip().splitlines()[-1])
    printed = result["stdout"] + result["stderr"]

    assert "Traceback" not in printed and "Traceback" not in run.stderr, printed
    assert not canary.exists(), "a payload ran"
    assert not log.exists() or log.read_text() == "", f"refused: {log.read_text()}"
    # The build itself (load to write) is bounded; the process adds interpreter start-up
    # and the engine's imports, which no content can influence.
    assert result["seconds"] < SECONDS, f"build took {result['seconds']:.1f} s"
    assert wall < 6 * SECONDS, f"process took {wall:.1f} s"
    assert result["peak_mb"] < MEGABYTES, f"peak {result['peak_mb']:.0f} MB"

    expect = case["expect"]
    if expect == "error_or_inert" and result["code"] == 1:
        expect = "error"
    if expect == "error":
        assert result["code"] == 1, printed
        if "code" in case:
            lines = [line for line in printed.splitlines() if f" error {case['code']} " in line]
            assert lines, printed
            file, line, column = lines[0].split(": error")[0].rsplit(":", 2)
            assert int(line) >= 1 and int(column) >= 1
            assert Path(file).name == Path(case["file"]).name
        assert not out.exists()
        return
    assert result["code"] == 0, printed
    assert pdf_problems(out) == []
    text = " ".join(pdf_text(out).split())
    for literal in case.get("literal", []):
        assert " ".join(literal.split()) in text, literal
    for absent in case.get("absent", []):
        assert absent not in text, absent
