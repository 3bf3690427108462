"""Delivery: diagnostics formats, manifest, no-op rebuilds, watch mode, the CI workflow."""

from __future__ import annotations

import gc
import json
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import watchfiles.main

import briefing
import briefing.write
from build_report import main

ROOT = Path(__file__).parent.parent
FULL = ROOT / "tests" / "fixtures" / "full"


class FakeRenderer:
    """Stands in for an engine: the tests here are about what surrounds rendering.

    Rendering runs in a child process, so calls are counted in a file.
    """

    name = "fake"
    extension = "pdf"
    pages = 1
    counter: Path

    def render(self, document: object) -> bytes:
        with FakeRenderer.counter.open("a") as handle:
            handle.write("x")
        return b"%PDF-1.7\n/Type /Page\n/Type /Pages\n" + document.meta.title.encode()  # type: ignore[attr-defined]


class Engine:
    """What the tests see of the fake engine."""

    @property
    def calls(self) -> int:
        path = FakeRenderer.counter
        return len(path.read_text()) if path.exists() else 0


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Engine:
    FakeRenderer.counter = tmp_path / "render-calls"
    monkeypatch.setattr(briefing.render, "get_renderer", lambda name, **_: FakeRenderer())
    monkeypatch.setattr(briefing.render, "pick_engine", lambda requested: (requested, ""))
    return Engine()


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    shutil.copytree(FULL, tmp_path / "content")
    return tmp_path / "content"


def _break(folder: Path) -> None:
    path = folder / "events.yaml"
    path.write_text(path.read_text().replace("source: wire-2020", "source: wire2020", 1))


def test_github_annotations(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break(content_dir)
    assert main(["--check", "--content", str(content_dir), "--diagnostics", "github"]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert out[0].startswith("::error file=")
    assert ",line=" in out[0] and ",col=" in out[0] and ",title=E102::" in out[0]
    assert out[0].endswith("unknown source 'wire2020' (did you mean 'wire-2020'?)")


def test_json_diagnostics(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _break(content_dir)
    assert main(["--check", "--content", str(content_dir), "--diagnostics", "json"]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.strip().splitlines()]
    assert [r["code"] for r in records] == ["E102"]
    record = records[0]
    assert record["file"].endswith("events.yaml") and record["severity"] == "error"
    lines = (content_dir / "events.yaml").read_text().splitlines()
    assert "wire2020" in lines[record["line"] - 1]
    assert record["hint"] == "did you mean 'wire-2020'?"


def test_colour_only_when_asked_or_on_a_terminal(
    content_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _break(content_dir)
    main(["--check", "--content", str(content_dir)])
    assert "\033[" not in capsys.readouterr().err
    main(["--check", "--content", str(content_dir), "--color", "always"])
    assert "\033[31merror\033[0m" in capsys.readouterr().err


def test_progress_lines_and_quiet(
    content_dir: Path,
    tmp_path: Path,
    fake_engine: Engine,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out" / "b.pdf"
    assert main(["--content", str(content_dir), "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    stages = [line.split("]")[0] for line in lines if line.startswith("[")]
    assert stages == ["[1/5", "[2/5", "[3/5", "[4/5", "[5/5"]
    assert any(line.startswith("[3/5] assemble:") and " notes" in line for line in lines)
    assert main(["--content", str(content_dir), "--out", str(out), "--quiet", "--force"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_manifest_describes_the_build(
    content_dir: Path, tmp_path: Path, fake_engine: Engine
) -> None:
    out = tmp_path / "out" / "b.pdf"
    assert main(["--content", str(content_dir), "--out", str(out), "--quiet"]) == 0
    manifest = json.loads((out.parent / "manifest.json").read_text())
    assert manifest["engine"] == "auto"
    assert manifest["as_of"] == "2020-11-30"
    assert set(manifest["content_files"]) >= {"events.yaml", "sections/01-summary.md"}
    assert manifest["outputs"]["b.pdf"]["pages"] == 1
    assert manifest["outputs"]["b.pdf"]["bytes"] == out.stat().st_size
    assert manifest["counts"]["events"] == 6 and manifest["counts"]["notes"] > 0
    assert manifest["versions"]["reportlab"] and manifest["diagnostics"] == []


class ThresholdRenderer(FakeRenderer):
    """Writes the garbage collector's thresholds that the render child ran with."""

    def render(self, document: object) -> bytes:
        return super().render(document) + f"\n% gc {gc.get_threshold()}".encode()


def test_the_render_collects_garbage_less_often_and_the_build_restores_the_thresholds(
    content_dir: Path, tmp_path: Path, fake_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(briefing.render, "get_renderer", lambda name, **_: ThresholdRenderer())
    before = gc.get_threshold()
    out = tmp_path / "out" / "b.pdf"
    assert main(["--content", str(content_dir), "--out", str(out), "--quiet"]) == 0
    assert out.read_bytes().endswith(f"% gc {briefing.GC_THRESHOLDS}".encode())
    assert before != briefing.GC_THRESHOLDS and gc.get_threshold() == before


class PacedRenderer(ThresholdRenderer):
    """An engine that asks its render child for young collections at its own pace."""

    young_collections = 10_000


def test_an_engine_can_set_how_often_its_render_child_collects(
    content_dir: Path, tmp_path: Path, fake_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(briefing.render, "get_renderer", lambda name, **_: PacedRenderer())
    out = tmp_path / "out" / "b.pdf"
    assert main(["--content", str(content_dir), "--out", str(out), "--quiet"]) == 0
    expected = (10_000, *briefing.GC_THRESHOLDS[1:])
    assert out.read_bytes().endswith(f"% gc {expected}".encode())


def test_second_build_with_nothing_changed_skips_rendering(
    content_dir: Path,
    tmp_path: Path,
    fake_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "out" / "b.pdf"
    argv = ["--content", str(content_dir), "--out", str(out)]
    assert main(argv) == 0 and fake_engine.calls == 1
    assert main(argv) == 0 and fake_engine.calls == 1
    assert "nothing changed since the last build; skipped" in capsys.readouterr().out

    (content_dir / "glossary.yaml").write_text(
        (content_dir / "glossary.yaml").read_text() + "  - {term: UAV, definition: drone}\n"
    )
    assert main(argv) == 0 and fake_engine.calls == 2, "a content change rebuilds"
    assert main([*argv, "--engine", "reportlab"]) == 0 and fake_engine.calls == 3, "engine"

    project = tmp_path / "project"
    for name in ("templates", "styles"):
        (project / name).mkdir(parents=True)
        (project / name / "x.css").write_text("a {}")
    monkeypatch.setattr(briefing.write, "TEMPLATES", project / "templates")
    monkeypatch.setattr(briefing.write, "STYLES", project / "styles")
    assert main(argv) == 0 and fake_engine.calls == 4, "first build with this project"
    assert main(argv) == 0 and fake_engine.calls == 4
    (project / "styles" / "x.css").write_text("a { color: red }")
    assert main(argv) == 0 and fake_engine.calls == 5, "a style change rebuilds"
    (project / "templates" / "x.css").write_text("b {}")
    assert main(argv) == 0 and fake_engine.calls == 6, "a template change rebuilds"
    out.write_bytes(b"tampered")
    assert main(argv) == 0 and fake_engine.calls == 7, "a changed output rebuilds"


def test_noop_rebuild_starts_no_build_process_and_renders_nothing(
    content_dir: Path,
    tmp_path: Path,
    fake_engine: Engine,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """What makes a no-op cheap: it forks no child, so it loads, renders and imports no
    engine (the build process never does: test_isolate.py). Its time is `make bench`'s
    (bench/results.md, "No-op rebuild")."""
    out = tmp_path / "out" / "b.pdf"
    assert main(["--content", str(content_dir), "--out", str(out), "--quiet"]) == 0

    def no_child(*args: object, **kwargs: object) -> object:
        raise AssertionError("a no-op rebuild started the build's child")

    monkeypatch.setattr(briefing, "isolated", no_child)
    capsys.readouterr()
    assert main(["--content", str(content_dir), "--out", str(out)]) == 0
    assert fake_engine.calls == 1
    assert "load: nothing changed since the last build; skipped" in capsys.readouterr().out


def test_an_html_only_build_picks_no_pdf_engine(
    content_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The HTML preview never needs WeasyPrint or ReportLab, so it never loads either."""

    def no_pick(requested: str) -> tuple[str, str]:
        raise AssertionError("an HTML-only build picked a PDF engine")

    monkeypatch.setattr(briefing.render, "pick_engine", no_pick)
    out = tmp_path / "out" / "b.pdf"
    assert main(["--content", str(content_dir), "--out", str(out), "--format", "html"]) == 0
    assert out.with_suffix(".html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert json.loads((out.parent / "manifest.json").read_text())["engine"] == "html"


def test_failed_build_keeps_the_previous_output(
    content_dir: Path, tmp_path: Path, fake_engine: Engine
) -> None:
    out = tmp_path / "out" / "b.pdf"
    assert main(["--content", str(content_dir), "--out", str(out), "--quiet"]) == 0
    before = out.read_bytes()
    _break(content_dir)
    assert main(["--content", str(content_dir), "--out", str(out), "--quiet"]) == 1
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir()) == [
        "b.pdf",
        "content.tar.gz",
        "manifest.json",
    ]


@pytest.mark.slow
def test_watch_rebuilds_on_save_and_keeps_the_last_good_pdf(
    content_dir: Path,
    tmp_path: Path,
    fake_engine: Engine,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    out = tmp_path / "out" / "b.pdf"
    stop = threading.Event()
    watching = threading.Event()
    """Set once the watcher watches: a save before that is not seen, however long one waits."""
    real_notify = watchfiles.main.RustNotify

    def notify(*args: object, **kwargs: object) -> object:
        watcher = real_notify(*args, **kwargs)  # the folders are watched once this returns
        watching.set()
        return watcher

    monkeypatch.setattr(watchfiles.main, "RustNotify", notify)
    codes: list[int] = []
    thread = threading.Thread(
        target=lambda: codes.append(
            main(["--watch", "--content", str(content_dir), "--out", str(out)], stop=stop)
        )
    )
    thread.start()
    try:
        _wait(lambda: (out.parent / "manifest.json").exists())
        _wait(watching.is_set)
        title = content_dir / "briefing.yaml"
        title.write_text(title.read_text().replace("every block kind", "edited title"))
        _wait(lambda: out.exists() and b"edited title" in out.read_bytes())
        assert fake_engine.calls == 2
        good = out.read_bytes()
        _break(content_dir)
        _wait(lambda: "E102" in capsys.readouterr().err)
        assert out.read_bytes() == good
    finally:
        stop.set()
        thread.join(timeout=120)
    assert codes == [0]


def _wait(condition: object, timeout: float = 120) -> None:
    """Until `condition()`; the timeout only keeps a hang from hanging the suite."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


@pytest.mark.slow
def test_ci_workflow_is_valid_and_uses_the_readme_commands() -> None:
    workflow = ROOT / ".github" / "workflows" / "briefing.yml"
    checker = Path(sys.executable).parent / "check-jsonschema"
    result = subprocess.run(
        [str(checker), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    text = workflow.read_text()
    assert "make test" in text and "--diagnostics github" in text
    assert "upload-artifact" in text and "github.sha" in text
