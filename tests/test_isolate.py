"""Rendering runs in a child with a deadline and a memory cap; failures keep the old output."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

import briefing
from build_report import main

FULL = Path(__file__).parent / "fixtures" / "full"


class Sleeper:
    name = "sleeper"
    extension = "pdf"

    def render(self, document: object) -> bytes:
        time.sleep(60)
        return b""


class Glutton:
    name = "glutton"
    extension = "pdf"

    def render(self, document: object) -> bytes:
        hoard = []
        while True:
            hoard.append(bytearray(50 * 1024 * 1024))


class Raiser:
    name = "raiser"
    extension = "pdf"

    def render(self, document: object) -> bytes:
        raise ValueError("engine broke on \x1b[31m purpose")


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    shutil.copytree(FULL, tmp_path / "content")
    out = tmp_path / "out" / "b.pdf"
    out.parent.mkdir()
    out.write_bytes(b"%PDF previous build")
    return tmp_path / "content", out


@pytest.mark.parametrize(
    ("engine", "options", "message"),
    [
        (Sleeper, ["--timeout", "1"], "took longer than 1 s"),
        (Glutton, ["--memory-limit", "600"], "600 MB memory limit"),
        (Raiser, [], "ValueError: engine broke on \\u001b[31m purpose"),
    ],
)
def test_engine_failures_end_cleanly_and_keep_the_previous_pdf(
    setup: tuple[Path, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    engine: type,
    options: list[str],
    message: str,
) -> None:
    content, out = setup
    monkeypatch.setattr(briefing.render, "get_renderer", lambda name: engine())
    monkeypatch.setattr(briefing.render, "pick_engine", lambda requested: (requested, ""))
    started = time.monotonic()
    code = main(["--content", str(content), "--out", str(out), "--quiet", *options])
    assert code == 3
    assert time.monotonic() - started < 30
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and "\x1b" not in err
    assert out.read_bytes() == b"%PDF previous build"
    assert sorted(p.name for p in out.parent.iterdir()) == ["b.pdf"]
