"""The build's stages in the process that runs them: the build's child where there is fork.

Load, check, assemble and render run together in one child under the memory cap, so the
build process only waits, then writes: it never holds the content or the Document (at
N = 2,000 that was about 80 MiB beside the render's own memory). `Link` is how the stages
report progress, over the child's pipe or in this process.
"""

from __future__ import annotations

import calendar
import contextlib
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

from briefing import render
from briefing.diagnostics import ContentError, Diagnostic, count, tally
from briefing.isolate import Forked, RenderChildError, RenderLimitError, collect_for
from briefing.write import content_facts

if TYPE_CHECKING:
    from briefing.assemble.document import Document
    from briefing.assemble.figures.draw import Kept
    from briefing.load import Content

NotesMode = Literal["short", "full"]
Progress = Callable[[int, str, str, float], None]


class RenderError(Exception):
    """An engine failed; the previous output is untouched."""


class Clock:
    """Stage timings for the progress lines."""

    def __init__(self, report: Progress) -> None:
        self.report = report
        self.started = time.perf_counter()

    def done(self, stage: int, name: str, detail: str, *, seconds: float | None = None) -> None:
        """Report a stage; `seconds` when it was timed elsewhere (the build's child)."""
        now = time.perf_counter()
        self.report(stage, name, detail, now - self.started if seconds is None else seconds)
        self.started = now


@dataclass
class Job:
    """What the stages are to do, as build() was asked."""

    content_dir: Path
    archive: Path | None
    strict: bool
    notes: NotesMode
    build_id: str
    jobs: list[tuple[str, Path]]
    """(format, target) pairs."""
    engine: str = "auto"
    """The engine asked for: auto, weasyprint or reportlab."""
    keep_figures: bool = False
    """--watch: send back the figures drawn, for the next build's child to start with."""


@dataclass
class Staged:
    """What the stages leave the build process: all it writes, and nothing of the content."""

    diagnostics: list[Diagnostic]
    facts: dict[str, object]
    epoch: str
    engine: str = ""
    note: str = ""
    rendered: list[tuple[Path, bytes]] = field(default_factory=list)
    """Each target's bytes."""
    figures: Kept | None = None
    """The figures drawn, when the job keeps them (see `briefing.assemble.figures.draw.kept`)."""


class Link(Protocol):
    """How the stages tell the build process how far they are, wherever they run."""

    def passed(self, stage: int, name: str, detail: str) -> None:
        """A stage is done: its progress line."""


def loaded(job: Job, link: Link) -> Content:
    from briefing.load import load

    content = load(job.content_dir)
    link.passed(1, "load", _load_summary(content))
    return content


def checked(
    content: Content, job: Job, link: Link, editorial_warnings: list[Diagnostic] | None = None
) -> list[Diagnostic]:
    """The diagnostics, or ContentError when the build must stop."""
    from briefing.check import check

    diagnostics = check(content, archive=job.archive, editorial_warnings=editorial_warnings)
    errors, warnings = count(diagnostics, "error"), count(diagnostics, "warning")
    link.passed(2, "check", tally(diagnostics))
    if errors or (job.strict and warnings):
        raise ContentError(diagnostics)
    return diagnostics


def run_stages(job: Job, link: Link) -> Staged:
    """Load, check, assemble and render: in the build's child where there is fork."""
    from briefing.assemble import assemble
    from briefing.check import citations_of
    from briefing.check.editorial import editorial

    content = loaded(job, link)
    warnings = editorial(content)  # once, for check and for the method note
    diagnostics = checked(content, job, link, warnings)
    verified = None
    if job.archive is not None:
        verified = sum(1 for _, _, c in citations_of(content) if c.quote)
    document = assemble(
        content,
        build_id=job.build_id,
        notes=job.notes,
        verified_quotes=verified,
        editorial_warnings=warnings,
    )
    link.passed(
        3,
        "assemble",
        f"{len(document.parts)} parts, {len(document.notes)} notes, {len(content.events)} events",
    )
    staged = Staged(
        diagnostics=diagnostics,
        facts=content_facts(content, notes=len(document.notes)),
        epoch=os.environ.get("SOURCE_DATE_EPOCH") or str(_epoch(content)),
    )
    # The Document holds all the engine needs. Freeing the loaded content first lets the
    # render reuse that memory: 12% less peak memory for ReportLab at N = 2,000.
    del content
    if any(fmt == "pdf" for fmt, _ in job.jobs):
        staged.engine, staged.note = render.pick_engine(job.engine)
    else:
        staged.engine = "html"
    staged.rendered = [
        (target, _render_one(document, "html" if fmt == "html" else staged.engine, staged.epoch))
        for fmt, target in job.jobs
    ]
    if job.keep_figures:
        from briefing.assemble.figures.draw import kept

        staged.figures = kept()
    return staged


def _render_one(document: Document, name: str, epoch: str) -> bytes:
    renderer = render.get_renderer(name)
    collect_for(renderer)
    try:
        with _environment(SOURCE_DATE_EPOCH=epoch):
            return renderer.render(document)
    except (MemoryError, RenderError):
        raise
    except Exception as exc:  # the engine broke on this content: the build says so, briefly
        raise RenderError(f"{renderer.name} failed: {type(exc).__name__}: {exc}") from exc


class InProcess:
    """The stages' link where they run in the build process (no fork, or --check)."""

    def __init__(self, clock: Clock) -> None:
        self.clock = clock

    def passed(self, stage: int, name: str, detail: str) -> None:
        self.clock.done(stage, name, detail)


class _ToParent:
    """The stages' link in the build's child: progress and questions go over the pipe."""

    def __init__(self, pipe: Connection, clock: Clock) -> None:
        self.pipe, self.clock = pipe, clock

    def passed(self, stage: int, name: str, detail: str) -> None:
        now = time.perf_counter()
        self.pipe.send(("passed", (stage, name, detail, now - self.clock.started)))
        self.clock.started = now


_NEXT = {1: "the check", 2: "assembling", 3: "rendering"}
"""What runs after each stage, to name it when it fails or runs past a limit."""


def in_child(job: Job, clock: Clock, *, timeout: float, memory_mb: int) -> Staged:
    """The stages in a child under the memory cap, rendering under the deadline.

    The build process then never holds the content or the Document: at N = 2,000 it
    would keep about 80 MiB of them beside the render's memory."""
    child = Forked(lambda pipe: run_stages(job, _ToParent(pipe, clock)), memory_mb=memory_mb)
    name = "loading the content"
    try:
        while True:
            kind, payload = child.receive(name, timeout=timeout)
            if kind != "passed":
                return payload
            clock.done(*payload[:3], seconds=payload[3])
            name = _NEXT.get(payload[0], name)
    except RenderLimitError as exc:
        raise RenderError(str(exc)) from exc  # it names what ran past the limit
    except RenderChildError as exc:
        raise RenderError(f"{name} failed: {exc}") from exc
    finally:
        child.close()


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
