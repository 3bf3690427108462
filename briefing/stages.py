"""The four stages that run in the build's child: load, check, assemble, render.

They run together under the memory cap (see `briefing.isolate`), and leave the build
process only what it writes: the outputs' bytes, the diagnostics and a few counts.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from briefing import render
from briefing.diagnostics import Diagnostic, count, tally
from briefing.errors import ContentError, RenderError
from briefing.isolate import Report, collect_for
from briefing.write import content_facts

if TYPE_CHECKING:
    from briefing.assemble.document import Document
    from briefing.assemble.figures.draw import Kept
    from briefing.load import Content

NotesMode = Literal["short", "full"]
Edition = Literal["full", "brief"]
BRIEF_PAGES = 4
"""The decision-maker's brief should not run longer."""


@dataclass
class Job:
    """What the stages are to do, as build() was asked."""

    content_dir: Path
    archive: Path | None
    strict: bool
    notes: NotesMode
    build_id: str
    targets: list[tuple[str, Path]]
    """(format, path) pairs."""
    engine: str = "auto"
    """The engine asked for: auto, weasyprint or reportlab."""
    edition: Edition = "full"
    """The full briefing or the decision-maker's brief."""
    since: Path | None = None
    """The previous edition's content folder, for the annex of what changed."""
    keep_figures: bool = False
    """--watch: send back the figures drawn, for the next build's child to start with."""


@dataclass
class Staged:
    """What the stages leave the build process: all it writes, and nothing of the content."""

    diagnostics: list[Diagnostic]
    facts: dict[str, object]
    engine: str = ""
    note: str = ""
    """One line about the engine, e.g. that WeasyPrint was unavailable."""
    rendered: list[tuple[Path, bytes, int | None]] = field(default_factory=list)
    """Each target's path, bytes and page count (None for HTML)."""
    figures: Kept | None = None
    """The figures drawn, when the job keeps them (see `briefing.assemble.figures.draw.kept`)."""


def loaded(job: Job, report: Report) -> Content:
    """load: the typed content, or ContentError with every problem: when some files failed to
    load, the others are checked too, so that one bad date does not hide the rest."""
    from briefing.load import load

    try:
        content = load(job.content_dir)
    except ContentError as exc:
        if exc.partial is None:
            raise
        from briefing.check import check, still_reliable

        more = still_reliable(check(exc.partial, archive=job.archive), exc.failed)
        raise ContentError(sorted({*exc.diagnostics, *more})) from None
    report(1, "load", _load_summary(content))
    return content


def checked(
    content: Content,
    job: Job,
    report: Report,
    editorial_warnings: list[Diagnostic] | None = None,
) -> list[Diagnostic]:
    """check: the diagnostics, or ContentError when the build must stop."""
    from briefing.check import check

    diagnostics = check(content, archive=job.archive, editorial_warnings=editorial_warnings)
    report(2, "check", tally(diagnostics))
    if count(diagnostics, "error") or (job.strict and count(diagnostics, "warning")):
        raise ContentError(diagnostics)
    return diagnostics


def assembled(
    content: Content,
    job: Job,
    report: Report,
    editorial_warnings: list[Diagnostic],
    epoch: int,
) -> Document:
    """assemble: the engine-neutral Document (compared with the previous edition, if any)."""
    from briefing.assemble import assemble
    from briefing.check import citations_of

    verified = None
    if job.archive is not None:
        verified = sum(1 for _, _, c in citations_of(content) if c.quote)
    document = assemble(
        content,
        build_id=job.build_id,
        notes=job.notes,
        verified_quotes=verified,
        editorial_warnings=editorial_warnings,
        edition=job.edition,
        previous=_previous(job.since),
        created=dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
    )
    report(
        3,
        "assemble",
        f"{len(document.parts)} parts, {len(document.notes)} notes, {len(content.events)} events",
    )
    return document


def rendered(
    document: Document, job: Job, epoch: str
) -> tuple[str, str, list[tuple[Path, bytes, int | None]]]:
    """render: the engine's name, its note, and each target's bytes and page count."""
    engine, note = "html", ""
    if any(fmt == "pdf" for fmt, _ in job.targets):
        engine, note = render.pick_engine(job.engine)
    outputs = [
        (path, *render_one(document, "html" if fmt == "html" else engine, job, epoch))
        for fmt, path in job.targets
    ]
    return engine, note, outputs


def run_stages(job: Job, report: Report) -> Staged:
    """Load, check, assemble and render: in the build's child where there is fork."""
    from briefing.check.editorial import editorial

    content = loaded(job, report)
    warnings = editorial(content)  # once, for check and for the method note
    diagnostics = checked(content, job, report, warnings)
    epoch = source_date_epoch(content)
    document = assembled(content, job, report, warnings, epoch)
    staged = Staged(diagnostics, content_facts(content, notes=len(document.notes)))
    # The Document holds all the engine needs. Freeing the loaded content first lets the
    # render reuse that memory: 12% less peak memory for ReportLab at N = 2,000.
    del content
    staged.engine, staged.note, staged.rendered = rendered(document, job, str(epoch))
    pages = max((p or 0) for _, _, p in staged.rendered)
    if job.edition == "brief" and pages > BRIEF_PAGES:
        longer = (
            f"the brief runs to {pages} pages, more than {BRIEF_PAGES}: mark fewer events or "
            "topics `key: true`, or shorten the bottom line and the judgments"
        )
        staged.note = f"{staged.note}; {longer}" if staged.note else longer
    if job.keep_figures:
        from briefing.assemble.figures.draw import kept

        staged.figures = kept()
    return staged


def _previous(folder: Path | None) -> Content | None:
    """The previous edition's content, or a rendering failure that says why it cannot be read."""
    if folder is None:
        return None
    from briefing.load import load

    try:
        return load(folder)
    except ContentError as exc:
        first = exc.diagnostics[0].format() if exc.diagnostics else ""
        raise RenderError(
            f"--since: the previous edition's content does not load with this version ({first})"
        ) from None


def render_one(document: Document, name: str, job: Job, epoch: str) -> tuple[bytes, int | None]:
    """One engine's output and its page count, with SOURCE_DATE_EPOCH set for the render
    (fontTools and the PDF dates read it)."""
    renderer = render.get_renderer(name, content_dir=job.content_dir)
    collect_for(renderer)
    try:
        with _environment(SOURCE_DATE_EPOCH=epoch):
            data = renderer.render(document)
            return data, renderer.pages
    except (MemoryError, RenderError):
        raise
    except Exception as exc:  # the engine broke on this content: the build says so, briefly
        raise RenderError(f"{renderer.name} failed: {type(exc).__name__}: {exc}") from exc


@contextlib.contextmanager
def _environment(**values: str) -> Iterator[None]:
    """Set environment variables for the render, then restore them."""
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


def source_date_epoch(content: Content) -> int:
    """SOURCE_DATE_EPOCH when set, else the as-of date: the PDF's dates never read the clock."""
    given = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if given.isdigit():
        return int(given)
    return calendar.timegm(content.briefing.as_of.first().timetuple())
