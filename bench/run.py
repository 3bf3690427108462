#!/usr/bin/env python3
"""bench: build synthetic briefings of several sizes with every engine and peer; write results.md.

Each build is a whole process (`build_report.py --force`): one warm-up (with
timers around our own steps inside the engine, see instrument.py), then timed
runs, interleaved across pipelines, and one build that samples the memory of all its
processes (the build and its one render child) and counts them. ReportLab is also built by
the code of an earlier commit (BASELINE) in the same run, on the same content written in
that commit's content model (baseline.py), so "unchanged or faster" is judged on one machine
and one document. Then the no-op rebuild
and the `--watch` HTML rebuild on the shipped briefing, and a cProfile of each engine.

    python bench/run.py [--sizes 40,400,2000] [--runs N] [--quick]
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import bounds  # noqa: E402
from baseline import convert  # noqa: E402
from generate import generate  # noqa: E402
from measure import Run, run  # noqa: E402
from peers import PEERS, available  # noqa: E402
from report import Cell, Shipped, write_results  # noqa: E402

ENGINES = ("weasyprint", "reportlab")
DEFAULT_RUNS = {40: 5, 400: 5, 2000: 2}
"""Timed runs by size; the pipelines a target compares get COMPARED_RUNS."""
NOOP_TARGET, WATCH_TARGET = 0.5, 1.0
SETTINGS = {"timeout": 900.0}
"""Seconds one build may take (build_report.py --timeout); run.py --timeout changes it."""
PY = sys.executable
BASELINE = "ecce6f2"
"""The commit whose results (results.md of 2026-12-02, before the split layout was retired)
issue 22 asks ReportLab to match: its code is built in the same run as ours (`baseline`)."""
BASELINE_PIPELINE = f"reportlab@{BASELINE}"
COMPARED_RUNS = 15
"""Timed runs of the pipelines a target compares (`_compared`): one 6 s build here took
anything from 4.7 to 7.5 s within a quarter of an hour, run after run, so five pairs
cannot tell a 5% difference; fifteen give a 95% interval of about ±5%. The runs past a
size's usual number are of those pipelines alone, still in alternating order."""
COMPARED_SIZE, COMPARED_BUDGET = 400, 400.0
"""Where WeasyPrint is judged against its peer, the compared cells may take this many
seconds of timed runs each (15 runs of about 20 s), instead of `--budget`."""


def _log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _build_cmd(content: Path, out: Path, engine: str, *, force: bool = True) -> list[str]:
    cmd = [PY, str(ROOT / "build_report.py"), "--content", str(content), "--out", str(out)]
    # A generous deadline: the benchmark measures slow builds instead of stopping them.
    cmd += ["--engine", engine, "--timeout", f"{SETTINGS['timeout']:g}"]
    return [*cmd, *(["--force"] if force else [])]


def baseline(work: Path) -> Path | None:
    """BASELINE's files, from this repository's history; None (and why, logged) where the
    history lacks it, as in a shallow clone."""
    tree = work / "baseline"
    tree.mkdir(exist_ok=True)
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", BASELINE], capture_output=True, check=False
    )
    if archive.returncode != 0:
        _log(f"baseline {BASELINE} not in this clone's history: {archive.stderr.decode()[:200]}")
        return None
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive.stdout, check=True)
    return tree


def _pipeline_cmd(cell: Cell, content: Path, out: Path, work: Path) -> list[str]:
    if cell.kind == "peer":
        return _peer_cmd(cell.pipeline, content, out)
    if cell.kind == "baseline":  # its own build_report.py imports its own package
        cmd = _build_cmd(content, out, "reportlab")
        cmd[1] = str(work / "baseline" / "build_report.py")
        return cmd
    return _build_cmd(content, out, cell.pipeline)


def _peer_cmd(peer: str, content: Path, out: Path) -> list[str]:
    return [PY, str(BENCH / "peers.py"), peer, str(content), str(out)]


def _inner_timings(path: Path) -> dict[str, float]:
    totals: dict[str, float] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            label, _, seconds = line.partition("\t")
            totals[label] = totals.get(label, 0.0) + float(seconds)
    return totals


def _out(work: Path, cell: Cell) -> Path:
    return work / f"out-{cell.pipeline}-{cell.size}" / "briefing.pdf"


def _warmup(cell: Cell, content: Path, work: Path) -> Run:
    out = _out(work, cell)
    if cell.kind != "engine":
        return run(_pipeline_cmd(cell, content, out, work), cwd=ROOT, sample=True)
    sink = work / f"timings-{cell.pipeline}-{cell.size}.tsv"
    sink.unlink(missing_ok=True)
    cmd = _build_cmd(content, out, cell.pipeline)
    cmd[1] = str(BENCH / "instrument.py")
    env = {**os.environ, "BENCH_TIMINGS": str(sink)}
    result = run(cmd, cwd=ROOT, env=env)
    cell.inner = _inner_timings(sink)
    return result


def _timed(cell: Cell, content: Path, work: Path) -> Run:
    out = _out(work, cell)
    result = run(_pipeline_cmd(cell, content, out, work), cwd=ROOT)
    if result.ok:
        cell.pages = pages(out)
    return result


def pages(out: Path) -> int | None:
    """Page count from the build's manifest.json, else read from the PDF with pypdf."""
    try:
        manifest = json.loads((out.parent / "manifest.json").read_text(encoding="utf-8"))
        found = manifest["outputs"][out.name]["pages"]
        if isinstance(found, int) and found > 0:
            return found
    except (OSError, ValueError, KeyError, TypeError):
        pass
    try:
        from pypdf import PdfReader

        return len(PdfReader(out).pages)
    except Exception:  # no pypdf, or an unreadable file: pages unknown
        return None


def _compared(cell: Cell, cells: list[Cell]) -> bool:
    """Whether a target compares `cell` with another of `cells`: ReportLab with the baseline
    commit's; at COMPARED_SIZE, WeasyPrint with the Python-Markdown peer."""

    def role(one: Cell) -> str:
        return "baseline" if one.kind == "baseline" else one.pipeline

    present = {role(one) for one in cells}
    pairs = [{"reportlab", "baseline"}]
    if cell.size == COMPARED_SIZE:
        pairs.append({"weasyprint", "markdown-weasyprint"})
    return any(role(cell) in pair and pair <= present for pair in pairs)


def run_order(cells: list[Cell], index: int) -> list[Cell]:
    """The pipelines in turn for timed run `index`: forwards, then backwards (A B, B A, ...),
    so that a machine speeding up or slowing down over the runs favours none of them. One
    N = 400 run in a fixed order, ours first in every pair on a machine that got faster
    run by run (7.2 s, 6.3, 5.8), judged ReportLab 1.08x its baseline with medians of 0.99x."""
    return cells if index % 2 == 0 else cells[::-1]


def bench_size(
    size: int,
    pipelines: list[tuple[str, str]],
    work: Path,
    *,
    runs: int,
    budget: float,
    seed: int,
    compared_runs: int = COMPARED_RUNS,
) -> list[Cell]:
    """Warm up each pipeline, then interleave the timed runs; a failing pipeline is reported."""
    ours = generate(size, seed, work / f"content-{size}")
    cells = [Cell(size=size, pipeline=name, kind=kind) for name, kind in pipelines]
    contents = {
        cell.pipeline: convert(ours, work / f"content-{size}-{BASELINE}")
        if cell.kind == "baseline"
        else ours
        for cell in cells
    }
    for cell in cells:
        _log(f"N={size} {cell.pipeline}: warm-up")
        content = contents[cell.pipeline]
        cell.warmup = _warmup(cell, content, work)
        if not cell.warmup.ok:
            w = cell.warmup
            cell.error = f"{w.error()} (after {w.wall:.0f} s, peak RSS {w.maxrss_mb:.0f} MiB)"
            _log(f"  failed: {cell.error}")
            continue
        # Keep the whole bench within its time: fewer runs for slow cells. A cell whose
        # warm-up alone passes the budget is not built again: the warm-up is its one run.
        if cell.warmup.wall > budget:
            cell.planned, cell.warmup_counted = 0, True
            cell.runs.append(cell.warmup)
            cell.pages = pages(_out(work, cell))
        else:
            wanted, seconds = runs, budget
            if _compared(cell, cells):
                wanted = max(runs, compared_runs)
                seconds = max(budget, COMPARED_BUDGET) if size == COMPARED_SIZE else budget
            cell.planned = max(1, min(wanted, int(seconds // max(cell.warmup.wall, 0.01))))
        _log(f"  {cell.warmup.wall:.1f} s; {cell.planned} timed runs")
    for index in range(max((cell.planned for cell in cells), default=0)):
        for cell in run_order(cells, index):
            if cell.error or index >= cell.planned:
                continue
            result = _timed(cell, contents[cell.pipeline], work)
            if not result.ok:
                cell.error = result.error()
                continue
            cell.runs.append(result)
            _log(f"N={size} {cell.pipeline} run {index + 1}: {result.wall:.2f} s")
    for cell in cells:
        if cell.kind == "engine" and cell.runs:
            _log(f"N={size} {cell.pipeline}: memory of a build as users run it")
            cmd = _build_cmd(ours, _out(work, cell), cell.pipeline)
            cell.sampled = run(cmd, cwd=ROOT, sample=True)
            cmd = _build_cmd(ours, _out(work, cell), cell.pipeline, force=False)
            cell.noop = run(cmd, cwd=ROOT)
    return cells


def noop_rebuilds(work: Path, engines: list[str], *, repeat: int = 3) -> dict[str, list[Run]]:
    """The shipped briefing built once, then rebuilt unchanged: all it does is notice that."""
    found: dict[str, list[Run]] = {}
    for engine in [*engines, "html"]:
        out = work / f"shipped-{engine}" / "briefing.pdf"
        cmd = _build_cmd(ROOT / "content", out, "auto" if engine == "html" else engine)
        if engine == "html":
            cmd += ["--format", "html"]
        first = run(cmd, cwd=ROOT)
        if not first.ok:
            _log(f"shipped {engine}: build failed: {first.error()}")
            found[engine] = [first]
            continue
        again = [c for c in cmd if c != "--force"]
        found[engine] = [run(again, cwd=ROOT) for _ in range(repeat)]
        _log(f"shipped {engine} no-op: {[round(r.wall, 2) for r in found[engine]]}")
    return found


def watch_rebuild(
    work: Path, *, edits: int = 3, timeout: float = 60.0, fmt: str = "html"
) -> tuple[list[float], str]:
    """Seconds from saving a section to a new out/briefing.html, under `--watch --format html`."""
    content = work / "watch-content"
    shutil.copytree(ROOT / "content", content)
    out = work / "watch-out" / "briefing.pdf"
    html = out.with_suffix(f".{fmt}")
    cmd = [PY, str(ROOT / "build_report.py"), "--watch", "--format", fmt]
    cmd += ["--content", str(content), "--out", str(out), "--quiet"]
    log = (work / "watch.log").open("wb")
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    times: list[float] = []
    problem = ""
    try:
        if (
            not _wait(lambda: html.exists() or proc.poll() is not None, timeout)
            or not html.exists()
        ):
            return [], "the first build under --watch wrote no briefing.html"
        time.sleep(1.0)  # the watcher starts watching after the first build
        section = sorted((content / "sections").glob("*.md"))[0]
        for index in range(edits):
            before = html.stat().st_mtime_ns
            started = time.perf_counter()
            with section.open("a", encoding="utf-8") as handle:
                handle.write(f"\nA sentence added by the benchmark, number {index + 1}.\n")
            if not _wait(lambda b=before: _mtime(html) != b, timeout):
                problem = f"no new briefing.html within {timeout:g} s of a save"
                break
            times.append(time.perf_counter() - started)
            time.sleep(0.5)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
    return times, problem


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def _wait(condition: object, timeout: float) -> bool:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.005)
    return False


IMPORT_STEPS = (
    ("PyYAML", "import yaml"),
    ("Python-Markdown", "import markdown"),
    (
        "pydantic",
        "import pydantic; from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, "
        "PlainSerializer, StringConstraints, ValidationError, WithJsonSchema",
    ),
    ("the content model (pydantic builds its classes)", "import briefing.load.model"),
    ("the rest of our stage modules", "import briefing.assemble, briefing.check, briefing.load"),
)
"""What importing the stage modules costs, step by step in one process (each step imports
only what the steps before it have not)."""


def stage_imports(repeat: int = 3) -> dict[str, float]:
    """Seconds to import the stage modules that build() imports late, inside its load stage
    (after the package and build_report.py, which the build process has imported before),
    by IMPORT_STEPS; the median of `repeat` fresh processes for each step."""
    timed = "".join(
        f"t = time.perf_counter(); {code}; print(time.perf_counter() - t); "
        for _, code in IMPORT_STEPS
    )
    code = "import build_report, briefing, time; " + timed
    runs = []
    for _ in range(repeat):
        result = run([PY, "-c", code], cwd=ROOT)
        seconds = result.stdout.split() if result.ok else []
        if len(seconds) == len(IMPORT_STEPS):
            runs.append([float(value) for value in seconds])
    if not runs:
        return {}
    return {
        name: statistics.median(run[index] for run in runs)
        for index, (name, _) in enumerate(IMPORT_STEPS)
    }


def _hotspots(*args: str) -> str:
    # Through the wrapper, so the profile's own RSS readings do not start at run.py's peak.
    result = run([PY, str(BENCH / "hotspots.py"), *args], cwd=ROOT)
    return result.stdout if result.ok else ""


def profiles(
    work: Path, engines: list[str], size: int, seed: int, shipped: Shipped
) -> dict[str, str]:
    """cProfile of one in-process build per engine that works, and of missed shipped targets."""
    found = {}
    if size:
        content = work / f"content-{size}"
        if not content.exists():
            generate(size, seed, content)
        for engine in engines:
            _log(f"profile {engine} at N={size}")
            found[f"{engine}, N={size}"] = _hotspots(str(content), engine)
    slow = [e for e in shipped.noop if (shipped.noop_time(e) or 0.0) >= NOOP_TARGET]
    if slow:
        engine = "auto" if slow[0] == "html" else slow[0]
        out = work / f"shipped-{slow[0]}" / "briefing.pdf"
        _log(f"profile the no-op rebuild ({slow[0]})")
        found[f"no-op rebuild, shipped briefing ({slow[0]})"] = _hotspots(
            str(ROOT / "content"), engine, "--noop", str(out)
        )
    if shipped.watch and statistics.median(shipped.watch) >= WATCH_TARGET:
        _log("profile the HTML build of the shipped briefing")
        found["HTML build of the shipped briefing (what --watch reruns)"] = _hotspots(
            str(ROOT / "content"), "html"
        )
    return found


def _ints(text: str) -> list[int]:
    return [int(x.replace("_", "")) for x in text.split(",") if x.strip()]


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and write bench/results.md."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=_ints, default=[40, 400, 2000], help="e.g. 40,400,2000")
    p.add_argument("--runs", type=int, help="timed runs per size (default 5, 5, 2 by size)")
    p.add_argument("--peer-sizes", type=_ints, default=[40, 400], help="sizes the peers run at")
    p.add_argument("--engines", default=",".join(ENGINES), help="engines to run")
    p.add_argument("--peers", default=",".join(PEERS), help="peers to run ('' for none)")
    p.add_argument(
        "--baseline-sizes",
        type=_ints,
        default=[400, 2000],
        help=f"sizes ReportLab is also built at by {BASELINE}'s code ('' for none)",
    )
    p.add_argument("--budget", type=float, default=150.0, help="seconds of timed runs per cell")
    p.add_argument("--profile-size", type=int, default=400, help="size to profile (0: none)")
    p.add_argument(
        "--timeout", type=float, default=SETTINGS["timeout"], help="seconds one build may take"
    )
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--output", type=Path, default=BENCH / "results.md")
    p.add_argument(
        "--compared-runs",
        type=int,
        default=COMPARED_RUNS,
        help=f"timed runs of the pipelines a target compares (default {COMPARED_RUNS})",
    )
    p.add_argument("--quick", action="store_true", help="sizes 40,400, 2 runs: a smoke test")
    args = p.parse_args(argv)
    if args.quick:
        args.sizes, args.runs, args.peer_sizes = [40, 400], args.runs or 2, [40, 400]
        args.compared_runs = min(args.compared_runs, 3)
    SETTINGS["timeout"] = args.timeout
    engines = [e for e in args.engines.split(",") if e]
    peers = [x for x in args.peers.split(",") if x]
    missing = {peer: reason for peer in peers if (reason := available(peer))}
    # Compiled once, as any installed package is: a run should not time recompiling our
    # modules where bytecode is not written (PYTHONDONTWRITEBYTECODE).
    compileall.compile_dir(ROOT / "briefing", quiet=1)
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    cells: list[Cell] = []
    with tempfile.TemporaryDirectory(prefix="briefing-bench-") as tmp:
        work = Path(tmp)
        compare = "reportlab" in engines and args.baseline_sizes and baseline(work) is not None
        for size in sorted(args.sizes):
            pipelines = [(e, "engine") for e in engines]
            if compare and size in args.baseline_sizes:
                pipelines.append((BASELINE_PIPELINE, "baseline"))
            if size in args.peer_sizes:
                pipelines += [(x, "peer") for x in peers if x not in missing]
            runs = args.runs or DEFAULT_RUNS.get(size, 2)
            cells += bench_size(
                size,
                pipelines,
                work,
                runs=runs,
                budget=args.budget,
                seed=args.seed,
                compared_runs=args.compared_runs,
            )
        shipped = Shipped(noop=noop_rebuilds(work, engines), import_steps=stage_imports())
        shipped.watch, shipped.watch_problem = watch_rebuild(work)
        _log(f"watch html rebuild: {[round(t, 2) for t in shipped.watch]} {shipped.watch_problem}")
        working = [e for e in engines if any(c.pipeline == e and c.runs for c in cells)]
        found = profiles(work, working, args.profile_size, args.seed, shipped)
    _log("bounds: the hostile tests, alone, and closest_passage (bench/bounds.py)")
    bounded = bounds.measure()
    elapsed = time.perf_counter() - started
    text = write_results(
        args.output,
        cells,
        shipped,
        profiles=found,
        missing_peers=missing,
        elapsed=elapsed,
        seed=args.seed,
        load=(load_before, os.getloadavg()[0]),
        bounds=bounded,
    )
    print(text)
    _log(f"wrote {args.output} in {elapsed / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
