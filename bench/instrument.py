#!/usr/bin/env python3
"""bench: `build_report.py` with timers around our own steps inside the engines.

The progress lines time load, check and assemble; templates (Jinja2, or the
ReportLab story) and the footnote placement check run inside the render stage,
in the build's render child. This wrapper times them there (and, apart,
ReportLab's markup parsing inside the story, which is the engine's) and appends
`label<TAB>seconds` lines to the file named by BENCH_TIMINGS. run.py uses it
for each warm-up build, so the timed runs stay untouched.

    BENCH_TIMINGS=t.tsv python bench/instrument.py [build_report.py options]
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent

TIMED: tuple[tuple[str, tuple[str, ...], str, str, str], ...] = (
    # label, engines, module under briefing.render, class (or ""), function
    ("templates", ("weasyprint", "html"), "html", "", "render_html"),
    ("templates", ("reportlab",), "reportlab.story", "StoryBuilder", "story"),
    ("footnote_check", ("weasyprint",), "weasyprint", "", "_stray_notes"),
    ("footnote_check", ("reportlab",), "reportlab.footnotes", "Footnotes", "verify"),
)
"""Our steps inside the render, by name: templates turn the Document into the engine's
input (Jinja2's HTML, which WeasyPrint and the HTML output share; ReportLab's story of
flowables); the footnote check reads where each note and its call were laid out
(WeasyPrint: after each layout, before any repair; ReportLab: once, after the build)."""

MISPLACED = "footnotes_misplaced"
"""Label of a line per WeasyPrint check that found notes off their call's page: how many.
The renderer moves them with page breaks and lays out again, or fails the build."""

_ENGINE_PARSE = {"depth": 0, "inside": 0, "seconds": 0.0}
"""ReportLab's own markup parser (Paragraph.__init__) while our story builds: the engine's
work, as parsing our HTML is WeasyPrint's, so it is timed apart from our templates."""


def _timed(label: str, func: Callable[..., Any], sink: str) -> Callable[..., Any]:
    """`func`, appending its seconds to `sink` as `label<TAB>seconds` after each outer call."""
    depth = 0

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal depth
        depth += 1
        _ENGINE_PARSE["inside"] += label == "templates"
        started = time.perf_counter()
        result = None
        try:
            result = func(*args, **kwargs)
            return result
        finally:
            depth -= 1
            _ENGINE_PARSE["inside"] -= label == "templates"
            if depth == 0:  # a recursive call is counted once, at the outside
                lines = f"{label}\t{time.perf_counter() - started:.6f}\n"
                if label == "templates" and _ENGINE_PARSE["seconds"]:
                    lines += f"engine_parse\t{_ENGINE_PARSE['seconds']:.6f}\n"
                    _ENGINE_PARSE["seconds"] = 0.0
                if label == "footnote_check" and isinstance(result, list) and result:
                    lines += f"{MISPLACED}\t{len(result)}\n"
                with open(sink, "a", encoding="utf-8") as handle:
                    handle.write(lines)

    wrapper.bench_timed = True  # type: ignore[attr-defined]
    return wrapper


def _time_paragraph_parsing() -> None:
    """Sum the time ReportLab's Paragraph spends parsing its markup inside our story."""
    try:
        from reportlab.platypus.paragraph import Paragraph
    except ImportError:
        return
    parse = Paragraph.__init__
    if getattr(parse, "bench_timed", False):
        return

    @functools.wraps(parse)
    def timed(self: Any, *args: Any, **kwargs: Any) -> None:
        if not _ENGINE_PARSE["inside"] or _ENGINE_PARSE["depth"]:
            return parse(self, *args, **kwargs)
        _ENGINE_PARSE["depth"] += 1
        started = time.perf_counter()
        try:
            return parse(self, *args, **kwargs)
        finally:
            _ENGINE_PARSE["depth"] -= 1
            _ENGINE_PARSE["seconds"] += time.perf_counter() - started

    timed.bench_timed = True  # type: ignore[attr-defined]
    Paragraph.__init__ = timed  # type: ignore[method-assign]


def _say(text: str) -> None:
    """A line on stderr: a timer that cannot be set shows in the bench log, not as a zero."""
    print(f"bench/instrument.py: {text}", file=sys.stderr, flush=True)


def instrument(sink: str, engines: set[str]) -> list[str]:
    """Wrap the TIMED functions of `engines`; returns their dotted names.

    Only those engines' modules are imported: an engine that cannot load is reported by
    the build itself; a function that is gone is reported here, so its timer is not
    silently zero."""
    names = []
    wrapped: dict[int, Callable[..., Any]] = {}
    for label, used_by, under, owner, name in TIMED:
        if not engines.intersection(used_by):
            continue
        module_name = f"briefing.render.{under}"
        try:
            module = importlib.import_module(module_name)
        except (ImportError, OSError):
            continue
        holder: Any = getattr(module, owner, None) if owner else module
        func = vars(holder).get(name) if holder is not None else None
        where = f"{module_name}.{owner + '.' if owner else ''}{name}"
        if not callable(func):
            _say(f"{where} not found: the {label} timer is off")
            continue
        if getattr(func, "bench_timed", False):
            continue  # instrumented already (a second build in this process, under --watch)
        timed = _timed(label, func, sink)
        setattr(holder, name, timed)
        if not owner:
            wrapped[id(func)] = timed
        names.append(where)
    if "reportlab" in engines:
        _time_paragraph_parsing()
    # Module-level functions are also used where they were imported by name.
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("briefing"):
            for attr, obj in list(vars(module).items()):
                if id(obj) in wrapped:
                    setattr(module, attr, wrapped[id(obj)])
    return names


def instrument_where_the_stages_run(sink: str) -> None:
    """Instrument in the render child, as it starts the stages, not in the build process.

    Importing the engines into the build process would add their memory to it and change
    what it does: it never imports an engine. The child imports only the job's engines."""
    from briefing import stages

    run_stages = stages.run_stages

    @functools.wraps(run_stages)
    def instrumented(job: Any, *args: Any, **kwargs: Any) -> Any:
        engines = {job.engine} if job.engine != "auto" else {"weasyprint", "reportlab"}
        engines |= {fmt for fmt, _ in job.targets if fmt == "html"}
        instrument(sink, engines)
        return run_stages(job, *args, **kwargs)

    stages.run_stages = instrumented


def main() -> int:
    """Instrument, then run build_report.main with our arguments."""
    sys.path.insert(0, str(ROOT))
    sink = os.environ.get("BENCH_TIMINGS")
    if sink:
        instrument_where_the_stages_run(sink)
    from build_report import main as build_main

    return build_main(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
