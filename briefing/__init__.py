"""Briefing builder: content/*.yaml -> load -> check -> assemble -> render -> write -> out/."""

from __future__ import annotations

import calendar
import contextlib
import functools
import gc
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefing import render
from briefing.diagnostics import ContentError, Diagnostic, count
from briefing.render.isolate import (
    DEFAULT_MEMORY_MB,
    DEFAULT_TIMEOUT,
    EngineChild,
    RenderChildError,
    RenderLimitError,
    can_fork,
    render_isolated,
)
from briefing.write import build_inputs, content_facts, up_to_date, write_outputs

if TYPE_CHECKING:
    from briefing.document import Document
    from briefing.load import Content

NotesMode = Literal["short", "full"]

Progress = Callable[[int, str, str, float], None]
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


class RenderError(Exception):
    """An engine failed; the previous output is untouched."""


class _Clock:
    """Stage timings for the progress lines."""

    def __init__(self, report: Progress) -> None:
        self.report = report
        self.started = time.perf_counter()

    def done(self, stage: int, name: str, detail: str) -> None:
        now = time.perf_counter()
        self.report(stage, name, detail, now - self.started)
        self.started = now


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
) -> BuildResult:
    """The five stages. Raises ContentError when content has errors (or warnings with strict)."""
    clock = _Clock(progress or (lambda *_: None))
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

    # Started now, so that importing the engine overlaps load, check and assemble.
    engine_child = None if check_only or "pdf" not in formats else _early_engine(engine, memory_mb)
    try:
        # Imported here, after the no-op check: models, Markdown and the chart libraries
        # cost more than a whole up-to-date build (and a --check needs no Markdown or charts).
        from briefing.check import check, citations_of
        from briefing.load import load

        content = load(content_dir)
        clock.done(1, "load", _load_summary(content))

        diagnostics = check(content, archive=archive)
        errors, warnings = count(diagnostics, "error"), count(diagnostics, "warning")
        clock.done(2, "check", f"{errors} errors, {warnings} warnings")
        if errors or (strict and warnings):
            raise ContentError(diagnostics)
        result = BuildResult(diagnostics=diagnostics)
        if check_only:
            return result

        from briefing.assemble import assemble

        verified = None
        if archive is not None:
            verified = sum(1 for _, _, c in citations_of(content) if c.quote)
        document = assemble(
            content, build_id=inputs["content_sha256"][:12], notes=notes, verified_quotes=verified
        )
        clock.done(
            3,
            "assemble",
            f"{len(document.parts)} parts, {len(document.notes)} notes, "
            f"{len(content.events)} events",
        )

        epoch = os.environ.get("SOURCE_DATE_EPOCH") or str(_epoch(content))
        facts = content_facts(content, notes=len(document.notes))
        # The Document holds all the engine needs. Freeing the loaded content first lets the
        # render child reuse that memory: 12% less peak memory for ReportLab at N = 2,000.
        del content
        picked = engine_child.ready(timeout) if engine_child is not None else None
        if "pdf" not in formats:
            name = "html"  # no PDF engine to pick: WeasyPrint (0.4 s to import) is not loaded
        else:
            name, result.note = picked or render.pick_engine(engine)
        result.engine = name
        rendered = _render_formats(
            document,
            zip(formats, targets, strict=True),
            name=name,
            engine_child=engine_child if picked else None,
            epoch=epoch,
            timeout=timeout,
            memory_mb=memory_mb,
        )
        clock.done(
            4, "render", ", ".join(formats) if name == "html" else f"{name}: {', '.join(formats)}"
        )
    finally:
        if engine_child is not None:
            engine_child.close()

    write_outputs(
        rendered,
        out.parent / "manifest.json",
        inputs=inputs,
        engine=name,
        facts=facts,
        diagnostics=diagnostics,
    )
    result.outputs = [target for target, _ in rendered]
    clock.done(5, "write", ", ".join(str(p) for p in result.outputs))
    return result


def _render_formats(
    document: Document,
    jobs: Iterable[tuple[str, Path]],
    *,
    name: str,
    engine_child: EngineChild | None,
    epoch: str,
    timeout: float,
    memory_mb: int,
) -> list[tuple[Path, bytes]]:
    """Each (format, target)'s bytes: WeasyPrint in the child started early when there is
    one (sent the print HTML and its pieces), every other engine in a child forked with the
    Document."""
    rendered = []
    for fmt, target in jobs:
        engine_name = "html" if fmt == "html" else name
        try:
            if engine_child is not None and engine_name == "weasyprint":
                from briefing.render.pieces import print_pieces

                data = engine_child.render(
                    engine_name,
                    "render_pieces",
                    print_pieces(document),
                    timeout=timeout,
                    env={"SOURCE_DATE_EPOCH": epoch},
                )
            else:
                renderer = render.get_renderer(engine_name)
                engine_name = renderer.name
                with _environment(SOURCE_DATE_EPOCH=epoch):
                    data = render_isolated(renderer, document, timeout=timeout, memory_mb=memory_mb)
        except (RenderLimitError, RenderChildError) as exc:
            raise RenderError(f"{engine_name} failed: {exc}") from exc
        rendered.append((target, data))
    return rendered


def _early_engine(engine: str, memory_mb: int) -> EngineChild | None:
    """A render child that picks and imports WeasyPrint while the content loads; None for
    ReportLab (its input is the whole Document, cheaper to fork with than to send) or where
    there is no fork."""
    if engine not in ("auto", "weasyprint") or not can_fork():
        return None
    return EngineChild(functools.partial(_start_weasyprint, engine), memory_mb=memory_mb)


def _start_weasyprint(engine: str) -> tuple[render.Renderer | None, tuple[str, str]]:
    """In the early child: the picked engine's name and note, and WeasyPrint if picked."""
    name, note = render.pick_engine(engine)
    return (render.get_renderer(name) if name == "weasyprint" else None), (name, note)


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables for the render (fontTools reads SOURCE_DATE_EPOCH), then restore."""
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _load_summary(content: Content) -> str:
    return (
        f"{len(content.sources)} sources, {len(content.events)} events, "
        f"{len(content.figures)} figures, {len(content.sections)} sections"
    )


def _epoch(content: Content) -> int:
    """The as-of date as seconds: the PDF's dates then depend on content, not the clock."""
    return calendar.timegm(content.briefing.as_of.first().timetuple())
