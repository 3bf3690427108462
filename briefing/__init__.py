"""Briefing builder: content/*.yaml -> load -> check -> assemble -> render -> write -> out/."""

from __future__ import annotations

import contextlib
import gc
import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from briefing import render, stages
from briefing.diagnostics import ContentError, Diagnostic, count
from briefing.isolate import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT, can_fork
from briefing.stages import NotesMode, Progress, RenderError
from briefing.write import build_inputs, up_to_date, write_outputs

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
    force: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
    progress: Progress | None = None,
    keep_figures: bool = False,
) -> BuildResult:
    """The five stages. Raises ContentError when content has errors (or warnings with strict).

    `keep_figures` (for --watch) keeps the figures drawn in this process, so the next build
    draws only the figures whose data changed."""
    clock = stages.Clock(progress or (lambda *_: None))
    targets = [out if fmt == "pdf" else out.with_suffix(".html") for fmt in formats]
    inputs = build_inputs(content_dir, engine=engine, formats=formats, notes=notes, archive=archive)
    previous = (
        None if force or check_only else up_to_date(out.parent / "manifest.json", inputs, targets)
    )
    if previous is not None:
        # Same inputs, same code, same versions, outputs intact: nothing to do.
        diagnostics = previous["diagnostics"]
        if strict and count(diagnostics, "warning"):
            raise ContentError(diagnostics)
        clock.done(1, "load", "nothing changed since the last build; skipped")
        return BuildResult(
            diagnostics=diagnostics, outputs=targets, engine=str(previous["engine"]), skipped=True
        )

    job = stages.Job(
        content_dir,
        archive=archive,
        strict=strict,
        notes=notes,
        build_id=inputs["content_sha256"][:12],
        jobs=list(zip(formats, targets, strict=True)),
        engine=engine,
        keep_figures=keep_figures,
    )
    if True:
        # The stage modules are imported where the stages run, after the no-op check:
        # models, Markdown and the chart libraries cost more than a whole up-to-date build
        # (and a --check needs no Markdown or charts). In the build's child, their memory
        # is not the build process's; `warm_up` imports them here for --watch.
        if check_only:
            here = stages.InProcess(clock)
            return BuildResult(diagnostics=stages.checked(stages.loaded(job, here), job, here))
        if can_fork():
            staged = stages.in_child(job, clock, timeout=timeout, memory_mb=memory_mb)
        else:
            log.warning("no fork on this system: rendering without memory and time limits")
            staged = stages.run_stages(job, stages.InProcess(clock))
        if staged.figures is not None:  # --watch: the next build's child starts with them
            from briefing.assemble.figures.draw import keep

            keep(staged.figures)
        rendered = staged.rendered
        name = staged.engine
        clock.done(
            4, "render", ", ".join(formats) if name == "html" else f"{name}: {', '.join(formats)}"
        )

    write_outputs(
        rendered,
        out.parent / "manifest.json",
        inputs=inputs,
        engine=name,
        facts=staged.facts,
        diagnostics=staged.diagnostics,
    )
    result = BuildResult(
        diagnostics=staged.diagnostics,
        outputs=[target for target, _ in rendered],
        engine=name,
        note=staged.note,
    )
    clock.done(5, "write", ", ".join(str(p) for p in result.outputs))
    return result


def warm_up(formats: tuple[str, ...] = ("pdf",)) -> None:
    """For --watch: import the stage modules, the figures' drawing and the HTML renderer,
    compile its templates and register the fonts the figures measure text with, all in this
    process and without the content, so that every rebuild's child starts with them instead
    of doing it again."""
    import briefing.assemble
    import briefing.assemble.figures.draw
    import briefing.check
    import briefing.load  # noqa: F401
    from briefing.render.reportlab.fonts import register_fonts

    register_fonts()
    if "html" in formats:
        from briefing.render.html import environment

        render.get_renderer("html")
        env = environment()
        for name in env.list_templates():
            env.get_template(name)
