"""Briefing builder: content/*.yaml -> load -> check -> assemble -> render -> write -> out/."""

from __future__ import annotations

import contextlib
import gc
import logging
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefing import render, stages
from briefing.diagnostics import Diagnostic, count
from briefing.errors import ContentError, RenderError
from briefing.isolate import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, Clock, Progress, isolated
from briefing.since import previous_edition
from briefing.snapshot import SNAPSHOT, pack
from briefing.stages import Edition, Job, NotesMode
from briefing.write import build_inputs, up_to_date, writable, write_outputs

__all__ = [
    "GC_THRESHOLDS",
    "STAGES",
    "BuildResult",
    "ContentError",
    "NotesMode",
    "RenderError",
    "build",
    "fewer_collections",
    "warm_up",
]

log = logging.getLogger(__name__)

STAGES = 5
GC_THRESHOLDS = (50_000, 20, 100)
"""Cyclic garbage collection during a build: a young collection every 50,000 allocations
(CPython's default is 700) and full ones rarely; see `fewer_collections`."""


@dataclass
class BuildResult:
    """What a build did: diagnostics, files written, the engine used."""

    diagnostics: list[Diagnostic]
    outputs: list[Path] = field(default_factory=list)
    engine: str = ""
    note: str = ""
    skipped: bool = False
    """Nothing changed since the last build: rendering was skipped."""


@contextlib.contextmanager
def fewer_collections() -> Iterator[None]:
    """Collect cyclic garbage less often while building, then restore the thresholds.

    Layout allocates millions of small objects into a heap that only grows, and at the
    default thresholds the collector spends 15-20% of a build scanning it again and
    again: WeasyPrint at N = 400, 14.6 -> 12.5 s; at N = 2,000, 76 -> 63 s, for 2%
    more peak memory; ReportLab at N = 400, 3.5 -> 3.1 s. The render child is forked
    inside the build and inherits the thresholds.
    """
    saved = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*saved)


@fewer_collections()
def build(
    content_dir: Path,
    out: Path,
    *,
    engine: str = "auto",
    formats: tuple[str, ...] = ("pdf",),
    check_only: bool = False,
    strict: bool = False,
    archive: Path | None = None,
    notes: NotesMode = "short",
    edition: Edition = "full",
    since: str | None = None,
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    progress: Progress | None = None,
    keep_figures: bool = False,
) -> BuildResult:
    """load -> check -> assemble -> render -> write. Raises ContentError when the content has
    errors (or warnings, with strict), OutputError when `out` cannot be written, RenderError
    when an engine fails; the previous output is then untouched.

    `since` names the previous edition (a content folder or a git revision) for the annex
    of what changed. `keep_figures` (for --watch) keeps the figures drawn in this process, so the next build
    draws only the figures whose data changed."""
    clock = Clock(progress)
    job = Job(
        content_dir,
        archive=archive,
        strict=strict,
        notes=notes,
        build_id="",
        targets=[(fmt, out if fmt == "pdf" else out.with_suffix(".html")) for fmt in formats],
        engine=engine,
        edition=edition,
        keep_figures=keep_figures,
    )
    if check_only:
        return BuildResult(
            diagnostics=stages.checked(stages.loaded(job, clock.done), job, clock.done)
        )
    writable(out.parent, [path for _, path in job.targets])
    inputs = build_inputs(
        content_dir,
        engine=engine,
        formats=formats,
        notes=notes,
        archive=archive,
        edition=edition,
        since=since or "",
    )
    if not force and (previous := _unchanged(job, inputs, clock)) is not None:
        return previous
    job.build_id = inputs["content_sha256"][:12]
    job.since, temporary = previous_edition(since, content_dir) if since else (None, None)
    try:
        staged = isolated(
            lambda report: stages.run_stages(job, report),
            clock,
            timeout=timeout,
            memory_mb=memory_mb,
        )
    finally:
        if temporary is not None:
            shutil.rmtree(temporary, ignore_errors=True)
    return _written(staged, job, inputs, clock)


def _unchanged(job: Job, inputs: dict[str, object], clock: Clock) -> BuildResult | None:
    """The last build's result when its inputs equal these and its outputs are intact."""
    paths = [path for _, path in job.targets]
    folder = paths[0].parent
    previous = up_to_date(folder / "manifest.json", inputs, [*paths, folder / SNAPSHOT])
    if previous is None:
        return None
    diagnostics = previous["diagnostics"]
    if job.strict and count(diagnostics, "warning"):
        raise ContentError(diagnostics)
    clock.done(1, "load", "nothing changed since the last build; skipped")
    return BuildResult(
        diagnostics=diagnostics, outputs=paths, engine=str(previous["engine"]), skipped=True
    )


def _written(
    staged: stages.Staged, job: Job, inputs: dict[str, object], clock: Clock
) -> BuildResult:
    """write: the outputs and the manifest, after the render's progress line."""
    if staged.figures is not None:  # --watch: the next build's child starts with them
        from briefing.assemble.figures.draw import keep

        keep(staged.figures)
    formats = ", ".join(fmt for fmt, _ in job.targets)
    clock.done(4, "render", formats if staged.engine == "html" else f"{staged.engine}: {formats}")
    folder = job.targets[0][1].parent
    snapshot = (folder / SNAPSHOT, pack(job.content_dir, inputs["content"]), None)  # type: ignore[arg-type]
    write_outputs(
        [*staged.rendered, snapshot],
        folder / "manifest.json",
        inputs=inputs,
        engine=staged.engine,
        facts=staged.facts,
        diagnostics=staged.diagnostics,
    )
    result = BuildResult(
        diagnostics=staged.diagnostics,
        outputs=[path for path, *_ in staged.rendered],
        engine=staged.engine,
        note=staged.note,
    )
    clock.done(5, "write", ", ".join(str(p) for p in result.outputs))
    return result


def warm_up(formats: tuple[str, ...] = ("pdf",)) -> None:
    """For --watch: import the stage modules, the figures' drawing and the HTML renderer,
    compile its templates, register the fonts the figures measure text with and read the
    collation table, all in this process and without the content, so that every rebuild's
    child starts with them instead of doing it again."""
    import briefing.assemble
    import briefing.assemble.figures.draw
    import briefing.check
    import briefing.load  # noqa: F401
    from briefing.i18n import collation_table
    from briefing.render.reportlab.fonts import register_fonts

    register_fonts()
    collation_table()  # indexed once here, not in each rebuild's child
    if "html" in formats:
        from briefing.render.html import environment

        render.get_renderer("html")
        env = environment()
        for name in env.list_templates():
            env.get_template(name)
