"""Hostile content, end to end: each case in tests/hostile/ is a clear error or renders inert.

Each case is built by the command line's own code in a runner process
(tests/hostile_runner.py), a few cases to a runner (`units.BATCHES`), under an audit
hook that refuses and logs any file opened outside the case's folders, any socket and
any subprocess; a canary file shows that no payload ran; the PDF is inspected for
embedded files, scripts, actions, forms and file links; time and memory are bounded by
the build's own limits.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hostile_files import make_file
from pdf_inspect import pdf_problems, pdf_text
from units import hostile_batch

pytestmark = pytest.mark.slow  # each case is a whole build, in a runner process
HERE = Path(__file__).resolve().parent
CASES = sorted((HERE / "hostile").glob("*.yaml"))
FULL = HERE / "fixtures" / "full"
ARCHIVE = HERE / "fixtures" / "archive"
LEFT_OUT = ("02-course.md", "figures.yaml", "tables.yaml")
"""Files of the full fixture no case edits or needs: see `_copy_base`."""
MEGABYTES = 500
PREVIOUS = b"%PDF-1.7 the previous edition\n"
"""Stands at the output path before each build: a failed build must leave it as it was."""


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
            # `check` is `--check`, which needs no engine.
            ready = engine in available or engine == "check"
            marks = [] if ready else [pytest.mark.skip(reason=f"{engine} missing")]
            params.append(pytest.param(path, engine, id=f"{path.stem}-{engine}", marks=marks))
    return params


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40


def test_no_case_edits_what_the_base_leaves_out() -> None:
    for path in CASES:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        for edit in [case, *case.get("also", [])]:
            assert Path(edit["file"]).name not in LEFT_OUT, path.name


def _apply(case: dict, content: Path, canary: Path) -> None:
    target = content.parent / case.get("folder", "content") / case["file"]
    target.parent.mkdir(parents=True, exist_ok=True)
    for name, made in case.get("files", {}).items():
        path = content.parent / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make_file(made))
    text = case.get("text", "").replace("{canary}", str(canary))
    if "repeat" in case:
        text += case["repeat"]["unit"] * case["repeat"]["times"]
    # A list nested N deep, four more spaces a level: 80 kB for 200, under the section cap.
    text += "".join("    " * level + "- level\n" for level in range(case.get("nested_list", 0)))
    action = case["action"]
    if action == "write":
        target.write_bytes(text.encode(case.get("encoding", "utf-8")))
    elif action == "write_bytes":
        target.write_bytes(bytes.fromhex(case["hex"]))
    elif action == "append":
        target.write_text(target.read_text(encoding="utf-8") + text, encoding="utf-8")
    elif action == "replace":
        _replace(target, case["find"], text)
    elif action == "symlink":
        os.symlink(case["target"], target)
    elif action == "symlink_over":  # a link in place of a file that was there
        target.unlink()
        os.symlink(case["target"], target)
    else:
        raise AssertionError(f"unknown action {action}")
    for more in case.get("also", []):  # further edits, in other files too
        _apply(more, content, canary)


def _replace(path: Path, find: str, text: str) -> None:
    original = path.read_text(encoding="utf-8")
    assert find in original, find
    path.write_text(original.replace(find, text, 1), encoding="utf-8")


def _copy_base(content: Path) -> None:
    """The full fixture less what no case edits or reads: its second section (a table, a
    chart, claims) and the map, which make each case's build a third slower."""
    shutil.copytree(FULL, content, ignore=shutil.ignore_patterns(*LEFT_OUT))
    _replace(content / "briefing.yaml", "sections: [summary, course]", "sections: [summary]")
    _replace(content / "sections" / "01-summary.md", "\n[[map]]\n", "\n")


@dataclass
class Job:
    """One case made ready to build in its own folder."""

    folder: Path
    content: Path
    out: Path
    canary: Path
    log: Path
    engine: str
    options: list[str]

    def as_json(self) -> dict[str, object]:
        at = self.options.index("--archive") + 1 if "--archive" in self.options else None
        archive = [self.options[at]] if at else []
        return {
            "content": str(self.content),
            "out": str(self.out),
            "engine": "reportlab" if self.engine == "check" else self.engine,
            "log": str(self.log),
            "options": self.options,
            "archive": archive,
            "cwd": str(self.folder),
        }


def _prepare(path: Path, engine: str, folder: Path) -> Job:
    """The case's content (the base with the case's edits) and output folder."""
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    content = folder / "content"
    _copy_base(content)
    shutil.copytree(ARCHIVE, folder / "archive")
    canary = folder / "CANARY"
    _apply(case, content, canary)
    out = folder / "out" / "briefing.pdf"
    if case.get("output") == "blocked":
        (folder / "out").write_text("a file where the output folder should be")
    elif case.get("output") == "folder":
        out.mkdir(parents=True)
    else:
        out.parent.mkdir()
        out.write_bytes(PREVIOUS)
    options = ["--check"] if engine == "check" else []
    if case.get("archive"):
        options += ["--archive", str(folder / "archive")]
    return Job(folder, content, out, canary, folder / "audit.log", engine, options)


class Batches:
    """Runs each batch of cases (`units.hostile_batch`) in one runner process, the first
    time one of its tests asks, and keeps every case's result."""

    def __init__(self, session: pytest.Session, folders: pytest.TempPathFactory) -> None:
        self.session, self.folders = session, folders
        self.done: dict[str, tuple[Job, dict]] = {}

    def result(self, item: pytest.Item) -> tuple[Job, dict]:
        if item.nodeid not in self.done:
            batch = hostile_batch(item.nodeid)
            members = [
                other
                for other in self.session.items
                if other.nodeid.startswith(item.nodeid.split("[", 1)[0] + "[")
                and hostile_batch(other.nodeid) == batch
                and other.nodeid not in self.done
                and not other.get_closest_marker("skip")
            ]
            if item not in members:
                members.append(item)
            self._run(members)
        return self.done[item.nodeid]

    def _run(self, items: list[pytest.Item]) -> None:
        jobs = {}
        for item in items:
            params = item.callspec.params  # type: ignore[attr-defined]
            folder = self.folders.mktemp(params["path"].stem)
            jobs[item.nodeid] = _prepare(params["path"], params["engine"], folder)
        waiting = list(jobs)
        while waiting:  # again from the case after one that brought the runner down
            run = subprocess.run(
                [sys.executable, str(HERE / "hostile_runner.py")],
                input=json.dumps([jobs[n].as_json() for n in waiting]),
                capture_output=True,
                text=True,
                timeout=60 * len(waiting),
            )
            lines = [json.loads(line) for line in run.stdout.splitlines() if line.startswith("{")]
            for line in lines:
                nodeid = waiting[line["index"]]
                self.done[nodeid] = (jobs[nodeid], line)
            if len(lines) < len(waiting):
                crashed = waiting[len(lines)]
                self.done[crashed] = (jobs[crashed], {"crashed": run.stderr[-3000:]})
                waiting = waiting[len(lines) + 1 :]
            else:
                waiting = []


@pytest.fixture(scope="module")
def batches(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Batches:
    return Batches(request.session, tmp_path_factory)


@pytest.mark.parametrize(("path", "engine"), _params())
def test_hostile_case(
    path: Path,
    engine: str,
    request: pytest.FixtureRequest,
    batches: Batches,
    record_property: Callable[[str, object], None],
) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    job, result = batches.result(request.node)
    assert "crashed" not in result, f"the runner stopped in this case: {result['crashed']}"
    record_property("build_seconds", result["seconds"])  # for bench/bounds.py, not asserted
    canary, log, out = job.canary, job.log, job.out
    printed = result["stdout"] + result["stderr"]

    assert "Traceback" not in printed, printed
    assert not canary.exists(), "a payload ran"
    assert not log.exists() or log.read_text() == "", f"refused: {log.read_text()}"
    # No wall-clock assertion: time is bounded by the build's own --timeout (exit 3 here),
    # which a loaded machine cannot make flaky; memory by the peak below.
    assert result["peak_mb"] < MEGABYTES, f"peak {result['peak_mb']:.0f} MB"

    expect = case["expect"]
    for shown in case.get("printed", []):
        assert shown in printed, printed
    for hidden in case.get("not_printed", []):
        assert hidden not in printed, printed
    if expect == "output_error":
        assert result["code"] == 4, printed
        assert "Traceback" not in printed and printed.count("\n") <= 3, printed
        return
    if expect == "error_or_inert" and result["code"] == 1:
        expect = "error"
    if expect == "error":
        assert result["code"] == 1, printed
        for code in [case["code"]] if isinstance(case.get("code"), str) else case.get("code", []):
            lines = [line for line in printed.splitlines() if f" error {code} " in line]
            assert lines, printed
            file, line, column = lines[0].split(": error")[0].rsplit(":", 2)
            assert int(line) >= 1 and int(column) >= 1
            at = case.get("at", case["file"])
            expected = at.get(code, case["file"]) if isinstance(at, dict) else at
            assert Path(file).name == Path(expected).name, (code, file)
        assert out.read_bytes() == PREVIOUS, "a failed build changed the previous PDF"
        return
    if engine == "check":
        assert result["code"] == 0, printed
        assert out.read_bytes() == PREVIOUS, "--check wrote the PDF"
        return
    assert result["code"] == 0, printed
    assert pdf_problems(out) == []
    text = " ".join(pdf_text(out).split())
    for literal in case.get("literal", []):
        assert " ".join(literal.split()) in text, literal
    for absent in case.get("absent", []):
        assert absent not in text, absent
