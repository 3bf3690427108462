"""Briefing builder: content/*.yaml -> load -> check -> assemble -> render -> write -> out/."""

from __future__ import annotations

import calendar
import hashlib
import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing.assemble import NotesMode, assemble
from briefing.check import check, citations_of
from briefing.diagnostics import ContentError, Diagnostic, count
from briefing.load import Content, load
from briefing.render import get_renderer, pick_engine
from briefing.write import write_atomic, write_manifest

Progress = Callable[[int, str, str, float], None]
STAGES = 5


@dataclass
class BuildResult:
    """What a build did: diagnostics, files written, the engine used."""

    diagnostics: list[Diagnostic]
    outputs: list[Path] = field(default_factory=list)
    engine: str = ""
    note: str = ""


class RenderError(Exception):
    """An engine failed; the previous output is untouched."""


def content_digest(root: Path) -> str:
    """sha256 over every content file's path and bytes, in sorted order."""
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


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
    progress: Progress | None = None,
) -> BuildResult:
    """The five stages. Raises ContentError when content has errors (or warnings with strict)."""
    report = progress or (lambda *_: None)
    started = time.perf_counter()
    content = load(content_dir)
    report(1, "load", _load_summary(content), time.perf_counter() - started)

    started = time.perf_counter()
    diagnostics = check(content, archive=archive)
    errors, warnings = count(diagnostics, "error"), count(diagnostics, "warning")
    report(2, "check", f"{errors} errors, {warnings} warnings", time.perf_counter() - started)
    if errors or (strict and warnings):
        raise ContentError(diagnostics)
    result = BuildResult(diagnostics=diagnostics)
    if check_only:
        return result

    started = time.perf_counter()
    digest = content_digest(content_dir)
    verified = None
    if archive is not None:
        verified = sum(1 for _, _, c in citations_of(content) if c.quote)
    document = assemble(content, build_id=digest[:12], notes=notes, verified_quotes=verified)
    report(
        3,
        "assemble",
        f"{len(document.parts)} parts, {len(document.notes)} notes",
        time.perf_counter() - started,
    )

    os.environ.setdefault("SOURCE_DATE_EPOCH", str(_epoch(content)))
    name, result.note = pick_engine(engine)
    result.engine = name
    rendered: list[tuple[Path, bytes]] = []
    started = time.perf_counter()
    for fmt in formats:
        renderer = get_renderer("html" if fmt == "html" else name)
        target = out if fmt == "pdf" else out.with_suffix(".html")
        try:
            rendered.append((target, renderer.render(document)))
        except ContentError:
            raise
        except Exception as exc:
            raise RenderError(f"{renderer.name} failed: {type(exc).__name__}: {exc}") from exc
    report(4, "render", f"{name}, {', '.join(formats)}", time.perf_counter() - started)

    started = time.perf_counter()
    for target, data in rendered:
        write_atomic(target, data)
        result.outputs.append(target)
    write_manifest(
        out.parent / "manifest.json",
        {
            "content_sha256": digest,
            "engine": name,
            "as_of": content.briefing.as_of.__str__(),
            "outputs": {
                p.name: {"sha256": hashlib.sha256(d).hexdigest(), "bytes": len(d)}
                for p, d in rendered
            },
            "counts": {
                "sources": len(content.sources),
                "events": len(content.events),
                "figures": len(content.figures),
                "notes": len(document.notes),
            },
        },
    )
    report(5, "write", ", ".join(str(p) for p in result.outputs), time.perf_counter() - started)
    return result


def _load_summary(content: Content) -> str:
    return (
        f"{len(content.sources)} sources, {len(content.events)} events, "
        f"{len(content.figures)} figures, {len(content.sections)} sections"
    )


def _epoch(content: Content) -> int:
    """The as-of date as seconds: the PDF's dates then depend on content, not the clock."""
    return calendar.timegm(content.briefing.as_of.first().timetuple())
