"""bench: summarise the measurements, judge the targets and write bench/results.md."""

from __future__ import annotations

import datetime as dt
import math
import os
import platform
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from measure import SAMPLE_SECONDS, Run

OUR_STAGES = ("load", "check", "assemble")
NOISE = 1.05
"""How much slower still counts as "no slower" or "unchanged": the smallest difference the
bench resolves on a 2-core machine shared with other work (about 15 pairs of runs give a
95% interval of about ±5%)."""
MIB = 1.048576
"""MB (10^6 bytes, as the targets say) per MiB (what ru_maxrss gives)."""
PACKAGES = (
    "weasyprint",
    "reportlab",
    "markdown",
    "jinja2",
    "pydantic",
    "pyyaml",
    "typst",
    "pypandoc-binary",
)


@dataclass
class Cell:
    """One pipeline at one size: its warm-up, timed runs and what they measured."""

    size: int
    pipeline: str
    kind: str  # engine | peer | baseline (an earlier commit's engine, bench/run.py BASELINE)
    warmup: Run | None = None
    runs: list[Run] = field(default_factory=list)
    planned: int = 0
    warmup_counted: bool = False
    """The warm-up alone passed the time budget, so it is the cell's one run."""
    pages: int | None = None
    noop: Run | None = None
    sampled: Run | None = None
    """For our engines, one more build, not instrumented, that samples the memory of all
    its processes and counts them: the warm-up's timers add their own work."""
    inner: dict[str, float] = field(default_factory=dict)
    """Our steps inside the render (templates, engine_parse, footnote_check: seconds) and
    footnotes_misplaced (notes the WeasyPrint checks found off their call's page, summed
    over its layouts), from the warm-up."""
    error: str = ""

    @property
    def wall(self) -> float | None:
        """Median wall time of the timed runs."""
        return statistics.median(r.wall for r in self.runs) if self.runs else None

    @property
    def cpu(self) -> float | None:
        """Median CPU time (user + system, the process and its children)."""
        return statistics.median(r.cpu for r in self.runs) if self.runs else None

    @property
    def rss(self) -> float | None:
        """Peak RSS over the timed runs, MiB."""
        return max(r.maxrss_mb for r in self.runs) if self.runs else None

    @property
    def processes(self) -> int | None:
        """Most processes the build ran at once (sampled build): itself and its render child."""
        sample = self.sampled if self.kind == "engine" else self.warmup
        return sample.processes if sample and sample.ok else None

    @property
    def tree(self) -> float | None:
        """Peak memory of all the build's processes together (sampled PSS), MiB."""
        sample = self.sampled if self.kind == "engine" else self.warmup
        return sample.tree_mb if sample and sample.ok and sample.tree_mb else None

    def stage(self, name: str) -> float:
        """Median seconds of one progress-line stage (0 for peers)."""
        return statistics.median(r.stages.get(name, 0.0) for r in self.runs) if self.runs else 0.0

    @property
    def ours(self) -> float:
        """Our stages before the engine: load, check, assemble and templates."""
        return sum(self.stage(s) for s in OUR_STAGES) + self.templates

    @property
    def templates(self) -> float:
        """Our templates: for ReportLab, the story without ReportLab's own markup parsing
        (Paragraph), which is the engine's work as parsing the HTML is WeasyPrint's."""
        return self.inner.get("templates", 0.0) - self.inner.get("engine_parse", 0.0)

    @property
    def per_page(self) -> float | None:
        """Median wall seconds per page."""
        return self.wall / self.pages if self.wall and self.pages else None


@dataclass
class Shipped:
    """The shipped briefing: no-op rebuild per engine and the --watch HTML rebuild."""

    noop: dict[str, list[Run]] = field(default_factory=dict)
    watch: list[float] = field(default_factory=list)
    watch_problem: str = ""
    import_steps: dict[str, float] = field(default_factory=dict)
    """Seconds to import the stage modules, which build() counts in its load stage, by step."""

    @property
    def imports(self) -> float:
        """Seconds to import the stage modules, all steps."""
        return sum(self.import_steps.values())

    def noop_time(self, engine: str) -> float | None:
        """Median wall time of a rebuild with nothing changed, or None if it failed."""
        # A rebuild that rendered is not a no-op: code edited during the run changes the inputs.
        runs = [r for r in self.noop.get(engine, []) if r.ok and "skipped" in r.stages]
        return statistics.median(r.wall for r in runs) if runs else None

    def noop_problem(self, engine: str) -> str:
        """Why there is no no-op time for `engine`."""
        runs = self.noop.get(engine, [])
        if not runs:
            return "not measured"
        if not all(r.ok for r in runs):
            return f"build failed: {next(r for r in runs if not r.ok).error()}"
        return "every rebuild rendered again (inputs changed during the run)"


@dataclass
class Target:
    """One target of the issue, what was measured and whether it held."""

    name: str
    measured: str
    verdict: str  # held | missed | not settled | not measured


def _f(value: float | None, spec: str = ".2f") -> str:
    return "–" if value is None else format(value, spec)


T_975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
"""Student's t at 97.5% for 1 to 30 degrees of freedom (beyond: the last, a little wide)."""


@dataclass
class Paired:
    """How much slower one pipeline is than another: the geometric mean of their paired
    runs' ratios and its 95% confidence interval (None with fewer than three pairs, when
    `ratio` is the ratio of the medians), and how that was found."""

    ratio: float
    low: float | None
    high: float | None
    text: str

    def verdict(self, limit: float) -> str:
        """held when the whole interval is at or under `limit`, missed when it is all over
        it; an interval across the limit is not settled: more runs narrow it."""
        if self.low is None or self.high is None:
            return "held" if self.ratio <= limit else "missed"
        if self.high <= limit:
            return "held"
        return "missed" if self.low > limit else "not settled"


def paired_ratio(mine: Cell, theirs: Cell) -> Paired:
    """How much slower `mine` is than `theirs`, and how that was found.

    Runs of one size are interleaved, so run i of each cell was made minutes apart at
    most: a busy minute on a shared machine slows both runs of a pair, and moves their
    ratio less than it moves either median. One 6 s build here took 4.7 to 7.5 s within a
    quarter of an hour, so a single number cannot tell 5%: the judgment is the 95%
    interval of the mean log ratio (Student's t), its geometric mean shown as the ratio.
    The median of the pairs and the ratio of the medians are shown beside it."""
    assert mine.wall and theirs.wall
    medians = mine.wall / theirs.wall
    text = f"{mine.wall:.2f} s vs {theirs.wall:.2f} s"
    count = min(len(mine.runs), len(theirs.runs))  # a cell may have more runs than the other
    if count < 3 or mine.warmup_counted or theirs.warmup_counted:
        return Paired(medians, None, None, f"{text} ({medians:.2f}×; too few runs to pair)")
    pairs = [a.wall / b.wall for a, b in zip(mine.runs[:count], theirs.runs[:count], strict=True)]
    logs = [math.log(r) for r in pairs]
    mean, spread = statistics.mean(logs), statistics.stdev(logs) / math.sqrt(count)
    margin = T_975[min(count - 1, len(T_975)) - 1] * spread
    low, ratio, high = (math.exp(mean + k * margin) for k in (-1, 0, 1))
    return Paired(
        ratio,
        low,
        high,
        f"{ratio:.2f}× (95% interval {low:.2f}–{high:.2f}), the geometric mean of {count} "
        f"paired runs ({', '.join(f'{r:.2f}' for r in pairs)}); their median "
        f"{statistics.median(pairs):.2f}×; medians {text} ({medians:.2f}×)",
    )


def _find(cells: list[Cell], size: int, pipeline: str) -> Cell | None:
    return next((c for c in cells if c.size == size and c.pipeline == pipeline), None)


def targets(cells: list[Cell], shipped: Shipped) -> list[Target]:
    """Every target of the benchmark issue, judged on these measurements."""
    out: list[Target] = []
    sizes = sorted({c.size for c in cells})
    engines = sorted({c.pipeline for c in cells if c.kind == "engine"})
    for engine in engines:
        mine = [c for c in cells if c.pipeline == engine and c.wall]
        shares = [(c.size, c.ours / c.wall) for c in mine]
        held = bool(shares) and all(s < 0.10 for _, s in shares) and len(shares) == len(sizes)
        text = (
            "; ".join(
                f"N={c.size}: {c.ours / c.wall:.1%} (load+check+assemble "
                f"{(c.ours - c.templates) / c.wall:.1%}, of which importing "
                f"the stage modules {min(shipped.imports, c.stage('load')) / c.wall:.1%}; "
                f"templates {c.templates / c.wall:.1%})"
                for c in mine
                if c.wall
            )
            or "no build"
        )
        out.append(
            Target(
                f"{engine}: our stages < 10% of the total at every size",
                text,
                _verdict(shares, held),
            )
        )

    def compare(name: str, engine: str, peer: str, factor: float) -> None:
        mine, theirs = _find(cells, 400, engine), _find(cells, 400, peer)
        if not (mine and theirs and mine.wall and theirs.wall):
            out.append(Target(name, "not measured at N=400", "not measured"))
            return
        paired = paired_ratio(mine, theirs)
        out.append(Target(name, paired.text, paired.verdict(factor)))

    out.append(one_process(cells))
    compare("reportlab at N=400 within 1.5× of Typst", "reportlab", "typst", 1.5)
    out.append(reportlab_unchanged(cells))
    for engine, limit in (("weasyprint", 900), ("reportlab", 300)):
        cell = _find(cells, 2000, engine)
        if cell and cell.rss:
            # Judged on all the build's processes together where that was measured: what
            # the machine must hold. The largest single process is given beside it.
            peak = cell.tree or cell.rss
            mb = peak * MIB
            verdict = "held" if mb < limit else "missed"
            text = f"{mb:.0f} MB ({peak:.0f} MiB)"
            if cell.tree:
                text += f" for all processes; the largest alone {cell.rss:.0f} MiB"
            out.append(Target(f"{engine} at N=2000 under {limit} MB peak", text, verdict))
        elif cell and cell.warmup and cell.warmup.maxrss_mb * MIB > limit:
            # The build failed, but only after it had already used more than the limit.
            text = f"{cell.warmup.maxrss_mb * MIB:.0f} MB before the build failed"
            out.append(Target(f"{engine} at N=2000 under {limit} MB peak", text, "missed"))
        else:
            out.append(
                Target(f"{engine} at N=2000 under {limit} MB peak", "not measured", "not measured")
            )
    for engine in engines:
        small, large = _find(cells, 40, engine), _find(cells, 2000, engine)
        name = f"{engine}: time per page at N=2000 ≤ 1.3× N=40"
        if small and large and small.per_page and large.per_page:
            ratio = large.per_page / small.per_page
            out.append(
                Target(
                    name,
                    f"{large.per_page:.3f} vs {small.per_page:.3f} s/page ({ratio:.2f}×)",
                    "held" if ratio <= 1.3 else "missed",
                )
            )
        else:
            out.append(Target(name, "not measured", "not measured"))
    for engine in [*engines, "html"]:
        t = shipped.noop_time(engine)
        out.append(
            Target(
                f"no-op rebuild of the shipped briefing ({engine}) under 0.5 s",
                _f(t) + " s" if t is not None else shipped.noop_problem(engine),
                "not measured" if t is None else ("held" if t < 0.5 else "missed"),
            )
        )
    if shipped.watch:
        t = statistics.median(shipped.watch)
        out.append(
            Target(
                "--watch HTML rebuild of the shipped briefing under 1 s",
                f"{t:.2f} s (median of {len(shipped.watch)} saves)",
                "held" if t < 1.0 else "missed",
            )
        )
    else:
        out.append(
            Target(
                "--watch HTML rebuild of the shipped briefing under 1 s",
                shipped.watch_problem or "not measured",
                "not measured",
            )
        )
    return out


def one_process(cells: list[Cell]) -> Target:
    """Issue 22: WeasyPrint at N=400, laid out in one render process, no slower than the
    Python-Markdown → WeasyPrint peer, and no footnote off its call's page.

    A build that ships is a build whose notes all passed the engine's own check: WeasyPrint
    moves a misplaced note with a page break and lays out again, and fails the build when
    it cannot. The notes it had to move on the way are counted in the warm-up."""
    name = (
        "weasyprint at N=400, one render process, no slower than Python-Markdown → "
        f"WeasyPrint (within {NOISE - 1:.0%}), with zero misplaced footnotes"
    )
    mine, theirs = _find(cells, 400, "weasyprint"), _find(cells, 400, "markdown-weasyprint")
    if mine and mine.error and not mine.runs:
        return Target(name, f"the build failed: {mine.error}", "missed")
    if not (mine and theirs and mine.wall and theirs.wall):
        return Target(name, "not measured at N=400", "not measured")
    paired = paired_ratio(mine, theirs)
    parts = [paired.text]
    tagged = _find(cells, 400, "markdown-weasyprint-ua")
    if tagged and tagged.wall:
        # Not the target's terms, shown beside them: the peer writing a tagged PDF/UA-1 too.
        parts.append(f"vs the peer tagged as PDF/UA-1 like ours: {paired_ratio(mine, tagged).text}")
    processes = mine.processes
    if processes is None:
        parts.append("processes not counted")
    else:
        parts.append(
            {
                1: "1 process: no fork here, the stages ran in the build process",
                2: "2 processes at once: the build and its one render child",
            }.get(processes, f"{processes} processes of the build at once")
        )
    moved = int(mine.inner.get("footnotes_misplaced", 0))
    parts.append(
        "0 misplaced footnotes in the PDF (the engine's check passed"
        + (f"; it moved {moved} notes with page breaks first)" if moved else ")")
    )
    if processes is not None and processes > 2:
        verdict = "missed"
    else:
        verdict = "not measured" if processes is None else paired.verdict(NOISE)
    return Target(name, "; ".join(parts), verdict)


def reportlab_unchanged(cells: list[Cell]) -> Target:
    """Issue 22: ReportLab unchanged or faster than before the change, judged against the
    baseline commit's ReportLab built in the same run (bench/run.py BASELINE), on the same
    content in its content model (bench/baseline.py)."""
    baselines = sorted({c.pipeline for c in cells if c.kind == "baseline"})
    name = (
        f"reportlab unchanged or faster than {', '.join(baselines) or 'the baseline commit'} "
        f"built in the same run (within {NOISE - 1:.0%} for noise)"
    )
    parts, verdicts = [], []
    for size in sorted({c.size for c in cells if c.kind == "baseline"}):
        mine = _find(cells, size, "reportlab")
        before = next((c for c in cells if c.size == size and c.kind == "baseline"), None)
        if mine and mine.wall and before and before.wall:
            paired = paired_ratio(mine, before)
            verdicts.append(paired.verdict(NOISE))
            parts.append(f"N={size}: {paired.text}; {mine.pages} and {before.pages} pages")
        else:
            parts.append(f"N={size}: not measured")
    verdict = next((v for v in ("missed", "not settled") if v in verdicts), "held")
    return Target(name, "; ".join(parts) or "not measured", verdict if verdicts else "not measured")


def _verdict(values: Sequence[object], held: bool) -> str:
    """held or missed, or not measured when there was nothing to judge."""
    return "not measured" if not values else ("held" if held else "missed")


def machine(load: tuple[float, float] | None = None) -> list[str]:
    """nproc, memory, CPU model, OS, Python, and the load average around the run."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kb = next(
            int(line.split()[1])
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        )
        memory = f"{mem_kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown"
    return [
        f"- CPU: {cpu}, {len(os.sched_getaffinity(0))} cores available (nproc)",
        f"- Memory: {memory}",
        f"- OS: {platform.platform()}",
        f"- Python: {platform.python_version()} ({platform.python_implementation()})",
        *(
            [
                f"- Load average (1 min) before the run {load[0]:.2f}, after {load[1]:.2f}: "
                "other work on the machine makes wall times noisy; CPU times less so"
            ]
            if load
            else []
        ),
    ]


def versions() -> list[str]:
    """Library versions from package metadata, plus pandoc's and Pango's own."""
    found = []
    for name in PACKAGES:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name} (not installed)")
    try:
        import pypandoc

        found.append(f"pandoc {pypandoc.get_pandoc_version()}")
    except (ImportError, OSError):
        pass
    try:
        from weasyprint.text.ffi import ffi, pango

        found.append(f"Pango {ffi.string(pango.pango_version_string()).decode()}")
    except Exception:  # any failure just leaves Pango out
        pass
    return [", ".join(found)]


def results_table(cells: list[Cell]) -> list[str]:
    """The main table: one row per size and pipeline."""
    smallest = {c.pipeline: c for c in sorted(cells, key=lambda c: c.size, reverse=True)}
    rows = [
        "| N | pipeline | runs | pages | wall s (median) | CPU s | peak RSS MiB, largest process "
        "| peak MiB, all processes | s/page | s/page ÷ smallest N | our stages | no-op s |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for c in sorted(cells, key=lambda c: (c.size, c.kind, c.pipeline)):
        name = c.pipeline if c.kind == "engine" else f"{c.kind}: {c.pipeline}"
        if not c.runs:
            rows.append(f"| {c.size} | {name} | 0 | failed: {c.error} ||||||||")
            continue
        base = smallest[c.pipeline].per_page
        ratio = c.per_page / base if c.per_page and base else None
        share = f"{c.ours / c.wall:.1%}" if c.kind == "engine" and c.wall else "–"
        noop = "–"
        if c.noop and c.noop.ok:
            # Only a real no-op counts: code edited during the run makes it render again.
            noop = _f(c.noop.wall) if "skipped" in c.noop.stages else "rebuilt"
        runs = f"{len(c.runs)}{'*' if c.warmup_counted else ''}"
        rows.append(
            f"| {c.size} | {name} | {runs} | {c.pages or '–'} | {_f(c.wall)} "
            f"| {_f(c.cpu)} | {_f(c.rss, '.0f')} | {_f(c.tree, '.0f')} | {_f(c.per_page, '.3f')} "
            f"| {_f(ratio)} | {share} | {noop} |"
        )
    return rows


def stage_table(cells: list[Cell]) -> list[str]:
    """Where each engine build's wall time goes, by stage (medians)."""
    rows = [
        "| N | engine | load | check | assemble | templates† | ReportLab's markup parse† "
        "| footnote check† | render‡ | write | start-up, imports, exit |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for c in sorted(cells, key=lambda c: (c.size, c.pipeline)):
        if c.kind != "engine" or not c.runs or c.wall is None:
            continue
        staged = sum(c.stage(s) for s in (*OUR_STAGES, "render", "write"))
        rows.append(
            f"| {c.size} | {c.pipeline} | {c.stage('load'):.2f} | {c.stage('check'):.2f} "
            f"| {c.stage('assemble'):.2f} | {c.templates:.2f} "
            f"| {c.inner.get('engine_parse', 0):.2f} "
            f"| {c.inner.get('footnote_check', 0):.3f} | {c.stage('render'):.2f} "
            f"| {c.stage('write'):.2f} | {c.wall - staged:.2f} |"
        )
    return rows


def write_results(
    path: Path,
    cells: list[Cell],
    shipped: Shipped,
    *,
    profiles: dict[str, str],
    missing_peers: dict[str, str],
    elapsed: float,
    seed: int,
    load: tuple[float, float] | None = None,
    bounds: tuple[list[str], list[tuple[str, str, str]]] | None = None,
) -> str:
    """Write results.md and return its text; the test-suite times bench/suite.py wrote there
    are kept."""
    judged = targets(cells, shipped)
    bound_lines, bound_targets = bounds or ([], [])
    judged += [Target(name, measured, verdict) for name, measured, verdict in bound_targets]
    kept = suite_section(path)
    lines = [
        "# Benchmark results",
        "",
        f"Written by `make bench` (`bench/run.py`) on {dt.date.today().isoformat()}, "
        f"in {elapsed / 60:.1f} minutes. Synthetic content from `bench/generate.py` "
        f"(seed {seed}): N events, N/4 sources, N/10 sections, N/40 tables and topics.",
        "",
        "## Machine",
        "",
        *machine(load),
        "",
        "## Versions",
        "",
        *versions(),
        "",
        "## Method",
        "",
        "Our modules are compiled to bytecode first. Every build is a whole process: "
        "`build_report.py --content X --out Y --engine E --force`, after one warm-up build of "
        "the same cell; runs of the pipelines of a size are interleaved, in alternating "
        "order. Where two pipelines are compared, run i of each makes a pair; the ratio given "
        "is the geometric mean of the pairs' ratios with its 95% interval (Student's t on "
        "their logarithms), and a target holds when the whole interval is at or under its "
        f'limit ("no slower" and "unchanged": {NOISE:.2f}), is missed when it is all '
        "over it, and is not settled when it straddles the limit. A build is two "
        "processes: the build process forks one render child, which loads, checks, assembles "
        "and renders (WeasyPrint lays the whole briefing out once in it, and once more for "
        "each footnote repair), and then writes the outputs itself. Wall time is measured "
        "around the build process; CPU time (user + system) and peak RSS come from `wait4` "
        "on it, so they include the render child; peak RSS is the larger of the two "
        "processes. One more build of each cell, as users run it, samples the memory of all "
        f"the build's processes together every {SAMPLE_SECONDS:g} s, more often in its first "
        "0.3 s (the sum of their PSS, which counts pages shared after the fork once), and "
        "counts them; for peers, the warm-up does. The memory targets are judged on that sum. "
        "Pages come from `manifest.json`, where the build records the engine's own count "
        "(peers: the PDF read with pypdf). Stage times are the build's own progress lines; "
        "† templates (Jinja2 for WeasyPrint; for ReportLab the story, without the time "
        "ReportLab's Paragraph spends parsing its markup inside it, which is the engine's "
        "work as parsing the HTML is WeasyPrint's and is shown apart) and the footnote "
        "placement check (after each WeasyPrint layout; once after ReportLab's build) run "
        "inside the render, in the render child, and are timed in the warm-up build "
        '(`bench/instrument.py`); ‡ render includes them. "Our stages" is load + check + '
        "assemble + templates over the wall time; build() imports the stage modules inside "
        "its load stage, so load includes that import (measured alone below). The no-op "
        "rebuild is the same build again without `--force`. Peers render the same content "
        "(`bench/peers.py`). Runs marked * are the warm-up alone: it took longer than the "
        "time budget (`--budget`), so the cell was not built again.",
        "",
        "## Results",
        "",
        *results_table(cells),
        "",
        *(
            [
                f"Peers not available: {', '.join(f'{k} ({v})' for k, v in missing_peers.items())}.",
                "",
            ]
            if missing_peers
            else []
        ),
        "### Stage breakdown (seconds)",
        "",
        *stage_table(cells),
        "",
        "### Shipped briefing",
        "",
    ]
    steps = "; ".join(
        f"{name} {seconds * 1000:.0f} ms" for name, seconds in shipped.import_steps.items()
    )
    lines.append(
        f"- Importing the stage modules (`briefing.load`, `.check`, `.assemble`), which the "
        f"load stage includes: {shipped.imports:.2f} s ({steps or 'not measured'})"
    )
    for engine, runs in shipped.noop.items():
        t = shipped.noop_time(engine)
        skipped = sum(1 for r in runs if "skipped" in r.stages)
        detail = (
            f"{t:.2f} s (median of {skipped})" if t is not None else shipped.noop_problem(engine)
        )
        lines.append(f"- No-op rebuild, {engine}: {detail}")
    if shipped.watch:
        lines.append(
            "- `--watch --format html`, save to HTML written: "
            + ", ".join(f"{t:.2f} s" for t in shipped.watch)
            + " (includes the watcher's 150 ms debounce)"
        )
    else:
        lines.append(f"- `--watch --format html`: not measured ({shipped.watch_problem})")
    if bound_lines:
        lines += ["", "### Bounds the tests enforce without a clock (bench/bounds.py)", ""]
        lines += bound_lines
    lines += ["", "## Targets", "", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {t.name} | {t.measured} | **{t.verdict}** |" for t in judged]
    missed = [t for t in judged if t.verdict == "missed"]
    lines += ["", *kept, "## Profiles", ""]
    if missed:
        lines.append(
            "Missed: " + "; ".join(t.name for t in missed) + ". The profiles below "
            "show where the time goes."
        )
        lines.append("")
    for engine, text in profiles.items():
        lines += [f"### {engine}", "", text or "(the profile run failed)", ""]
    text = "\n".join(lines).rstrip() + "\n"
    path.write_text(text, encoding="utf-8")
    return text


SUITE = "## Test suite"
"""The section of results.md that bench/suite.py writes."""


def suite_section(path: Path) -> list[str]:
    """The lines of results.md's test-suite section (with a blank line after), or none."""
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start = text.find(f"\n{SUITE}\n")
    if start < 0:
        return []
    end = text.find("\n## ", start + 1)
    return [*text[start + 1 : end if end >= 0 else None].rstrip().splitlines(), ""]
