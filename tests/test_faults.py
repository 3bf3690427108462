"""Nothing lost: an interrupted, killed or concurrent build leaves a whole PDF behind."""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from build_report import main

pytestmark = pytest.mark.slow  # builds interrupted, killed or run at once, in subprocesses
HERE = Path(__file__).resolve().parent
FULL = HERE / "fixtures" / "full"


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, bytes]:
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    out = tmp_path / "out" / "briefing.pdf"
    assert (
        main(["--content", str(content), "--out", str(out), "--engine", "reportlab", "--quiet"])
        == 0
    )
    title = content / "briefing.yaml"
    title.write_text(title.read_text().replace("every block kind", "second edition"))
    return content, out, out.read_bytes()


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(stage: str, content: Path, out: Path, seconds: float = 30) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [
            sys.executable,
            str(HERE / "fault_runner.py"),
            stage,
            str(seconds),
            "--",
            "--content",
            str(content),
            "--out",
            str(out),
            "--engine",
            "reportlab",
            "--quiet",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # A suite started in the background (`cmd &`) inherits SIGINT ignored; the build
        # under test must get Ctrl-C as a terminal would send it.
        preexec_fn=_default_sigint,
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    assert line == {"render": "rendering", "write": "writing"}[stage], process.stderr.read()
    return process


@pytest.mark.parametrize("stage", ["render", "write"])
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGTERM, signal.SIGKILL])
def test_interrupted_build_keeps_the_previous_pdf(
    built: tuple[Path, Path, bytes], stage: str, how: signal.Signals
) -> None:
    content, out, before = built
    process = _start(stage, content, out)
    process.send_signal(how)
    _, err = process.communicate(timeout=30)
    assert process.returncode != 0
    assert "Traceback" not in err
    assert out.read_bytes() == before
    leftovers = sorted(p.name for p in out.parent.iterdir() if p.name.endswith(".tmp"))
    if how != signal.SIGKILL:
        assert leftovers == [], "a signal that can be handled leaves no temporary file"


def test_a_killed_builds_stale_temporary_file_is_cleared_by_the_next_build(
    built: tuple[Path, Path, bytes],
) -> None:
    content, out, _ = built
    process = _start("write", content, out)
    process.kill()
    process.communicate(timeout=30)
    stale = [p for p in out.parent.iterdir() if p.name.endswith(".tmp")]
    assert stale, "SIGKILL during the write leaves the temporary file"
    old = time.time() - 3600
    for path in stale:
        import os

        os.utime(path, (old, old))
    assert (
        main(["--content", str(content), "--out", str(out), "--engine", "reportlab", "--quiet"])
        == 0
    )
    assert [p for p in out.parent.iterdir() if p.name.endswith(".tmp")] == []
    assert b"second edition" in out.read_bytes() or out.read_bytes().startswith(b"%PDF")


def test_two_builds_at_once_into_one_folder_leave_one_whole_pdf(tmp_path: Path) -> None:
    outputs = []
    folders = []
    for name in ("one", "two"):
        content = tmp_path / name
        shutil.copytree(FULL, content)
        title = content / "briefing.yaml"
        title.write_text(title.read_text().replace("every block kind", f"edition {name}"))
        single = tmp_path / f"single-{name}" / "briefing.pdf"
        assert (
            main(
                [
                    "--content",
                    str(content),
                    "--out",
                    str(single),
                    "--engine",
                    "reportlab",
                    "--quiet",
                ]
            )
            == 0
        )
        outputs.append(single.read_bytes())
        folders.append(content)
    shared = tmp_path / "shared" / "briefing.pdf"
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                str(HERE.parent / "build_report.py"),
                "--content",
                str(folder),
                "--out",
                str(shared),
                "--engine",
                "reportlab",
                "--quiet",
                "--force",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for folder in folders
    ]
    for process in processes:
        process.communicate(timeout=120)
        assert process.returncode == 0
    assert shared.read_bytes() in outputs
    assert [p for p in shared.parent.iterdir() if p.name.endswith(".tmp")] == []
