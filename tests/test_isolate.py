"""Rendering runs in a child with a deadline and a memory cap; failures keep the old output."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import briefing
from briefing.errors import EngineUnavailable
from build_report import main

pytestmark = pytest.mark.slow  # builds stopped by their limits, and builds in subprocesses
ROOT = Path(__file__).parent.parent
FULL = ROOT / "tests" / "fixtures" / "full"


class Sleeper:
    name = "sleeper"
    extension = "pdf"
    pages = 1

    def render(self, document: object) -> bytes:
        time.sleep(60)
        return b""


class Glutton:
    name = "glutton"
    extension = "pdf"
    pages = 1

    def render(self, document: object) -> bytes:
        hoard = []
        while True:
            hoard.append(bytearray(50 * 1024 * 1024))


class Crammer:
    """Fills the memory cap down to its last small block and holds it, as an engine that runs
    out of memory does: the child must let it go before it can say so."""

    name = "crammer"
    extension = "pdf"
    pages = 1

    def render(self, document: object) -> bytes:
        hoard = []
        size = 50 * 1024 * 1024
        while size >= 16:
            try:
                while True:
                    hoard.append(bytearray(size))
            except MemoryError:
                size //= 4
        raise MemoryError(f"{len(hoard)} blocks")


class Hefty:
    """Renders a PDF that fits under the cap but not twice: sending it needs a second copy."""

    name = "hefty"
    extension = "pdf"
    pages = 1

    def render(self, document: object) -> bytes:
        return bytes(380 * 1024 * 1024)


class Raiser:
    name = "raiser"
    extension = "pdf"
    pages = 1

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
        (Sleeper, ["--timeout", "1"], "took longer than 1 s; the content is too large"),
        (Glutton, ["--memory-limit", "600"], "passed the 600 MB memory limit"),
        (Crammer, ["--memory-limit", "600"], "passed the 600 MB memory limit"),
        (Hefty, ["--memory-limit", "600"], "passed the 600 MB memory limit"),
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
    """The build's child renders under the deadline and the memory cap; whatever stops it,
    the build says why in one line and the previous PDF stays."""
    content, out = setup
    monkeypatch.setattr(briefing.render, "get_renderer", lambda name, **_: engine())
    monkeypatch.setattr(briefing.render, "pick_engine", lambda requested: ("weasyprint", ""))
    code = main(["--content", str(content), "--out", str(out), "--quiet", *options])
    assert code == 3
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and "\x1b" not in err
    assert "died" not in err
    if options:  # a limit stopped it: the hint names the option that sets the limit
        assert f"raise {options[0]}: {options[1]} " in err
    assert out.read_bytes() == b"%PDF previous build"
    assert sorted(p.name for p in out.parent.iterdir()) == ["b.pdf"]


def test_an_engine_that_cannot_load_is_a_rendering_failure(
    setup: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content, out = setup

    def unavailable(name: str, **_: object) -> object:
        raise EngineUnavailable(f"{name}: no Pango here")

    monkeypatch.setattr(briefing.render, "get_renderer", unavailable)
    code = main(["--engine", "weasyprint", "--content", str(content), "--out", str(out)])
    assert code == 3
    assert "rendering failed: weasyprint: no Pango here" in capsys.readouterr().err
    assert out.read_bytes() == b"%PDF previous build"


@pytest.mark.parametrize("engine", ["reportlab", "weasyprint"])
def test_the_build_process_holds_no_content(tmp_path: Path, engine: str) -> None:
    """Load, check, assemble and render run in the build's child: the build process never
    imports the content model or an engine, so none of their memory is ever its own."""
    out = tmp_path / "b.pdf"
    script = (
        "import sys\n"
        "from build_report import main\n"
        "code = main(['--engine', sys.argv[3], '--content', sys.argv[1], '--out', sys.argv[2],"
        " '--quiet'])\n"
        "print(code, *(name in sys.modules for name in ('briefing.load.model', sys.argv[3])))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(FULL), str(out), engine],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.stdout.split() == ["0", "False", "False"], done.stderr
    assert out.read_bytes().startswith(b"%PDF-")


def test_loading_is_under_the_memory_cap_too(
    setup: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import briefing.load

    def hoarding_load(folder: Path) -> object:
        hoard = [bytearray(50 * 1024 * 1024) for _ in range(40)]  # 2 GB: past the cap
        raise RuntimeError(f"no memory cap: {len(hoard)} blocks held")

    monkeypatch.setattr(briefing.load, "load", hoarding_load)
    content, out = setup
    code = main(["--content", str(content), "--out", str(out), "--memory-limit", "600"])
    assert code == 3
    assert "loading the content passed the 600 MB memory limit" in capsys.readouterr().err
    assert out.read_bytes() == b"%PDF previous build"


def test_a_stage_that_breaks_raises_its_own_error_with_the_childs_traceback(
    setup: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    import briefing.assemble

    def broken_assemble(*args: object, **kwargs: object) -> object:
        raise KeyError("no such part")

    monkeypatch.setattr(briefing.assemble, "assemble", broken_assemble)
    content, out = setup
    with pytest.raises(KeyError, match="no such part") as raised:
        briefing.build(content, out, engine="reportlab")
    notes = "".join(getattr(raised.value, "__notes__", []))
    assert "Traceback" in notes and "broken_assemble" in notes
    assert out.read_bytes() == b"%PDF previous build"
