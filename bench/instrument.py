#!/usr/bin/env python3
"""bench: `build_report.py` with timers around our own steps inside the engines.

The progress lines time load, check and assemble; templates (Jinja2, or the
ReportLab story), the footnote placement check and the split layout's own steps
run inside the render stage, in the forked processes. This wrapper times them there (and,
apart, ReportLab's markup parsing inside the story, which is the engine's) and appends
`label<TAB>seconds` lines to the file named by BENCH_TIMINGS. run.py uses it
for each warm-up build, so the timed runs stay untouched.

    BENCH_TIMINGS=t.tsv python bench/instrument.py [build_report.py options]
"""

from __future__ import annotations

import functools
import importlib
import inspect
import os
import pkgutil
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = {("", "print_pieces"), ("StoryBuilder", "story")}
"""(class or "", function): our code that turns the Document into the engine's input."""
SPLIT = {("", "survey"), ("", "join")}
"""Our code that a layout in pieces adds: reading each piece's anchors, joining the PDFs."""


def label_of(owner: str, name: str) -> str | None:
    """Which of our steps a function belongs to, or None.

    The footnote placement check is found by name (`verify...`, `...placement...`,
    `...misplaced...`, or `check`/`audit` with `note`), so it is timed in whichever
    engine module has one.
    """
    if (owner, name) in TEMPLATES:
        return "templates"
    if (owner, name) in SPLIT:
        return "split"
    lowered = name.lower()
    if lowered.startswith("verify") or "placement" in lowered or "misplaced" in lowered:
        return "footnote_check"
    if ("check" in lowered or "audit" in lowered) and "note" in lowered:
        return "footnote_check"
    return None


_ENGINE_PARSE = {"depth": 0, "inside": 0, "seconds": 0.0}
"""ReportLab's own markup parser (Paragraph.__init__) while our story builds: the engine's
work, as parsing our HTML is WeasyPrint's, so it is timed apart from our templates."""


def _timed(label: str, func: Callable[..., Any], sink: str) -> Callable[..., Any]:
    depth = 0

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal depth
        depth += 1
        _ENGINE_PARSE["inside"] += label == "templates"
        started = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            depth -= 1
            _ENGINE_PARSE["inside"] -= label == "templates"
            if depth == 0:  # a recursive call is counted once, at the outside
                lines = f"{label}\t{time.perf_counter() - started:.6f}\n"
                if label == "templates" and _ENGINE_PARSE["seconds"]:
                    lines += f"engine_parse\t{_ENGINE_PARSE['seconds']:.6f}\n"
                    _ENGINE_PARSE["seconds"] = 0.0
                with open(sink, "a", encoding="utf-8") as handle:
                    handle.write(lines)

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


def instrument(sink: str) -> list[str]:
    """Wrap our template and footnote-check functions in every render module that imports."""
    import briefing.render as render_pkg

    modules = []
    for info in pkgutil.iter_modules(render_pkg.__path__, "briefing.render."):
        try:
            modules.append(importlib.import_module(info.name))
        except (ImportError, OSError):
            continue  # an engine that cannot load here is reported by the build itself
    wrapped: dict[int, Callable[..., Any]] = {}
    names = []
    for module in modules:
        for attr, obj in list(vars(module).items()):
            if inspect.isfunction(obj) and (label := label_of("", attr)):
                if obj.__module__ == module.__name__:
                    wrapped[id(obj)] = _timed(label, obj, sink)
                    names.append(f"{module.__name__}.{attr}")
            elif inspect.isclass(obj) and obj.__module__ == module.__name__:
                for meth, func in list(vars(obj).items()):
                    if inspect.isfunction(func) and (label := label_of(obj.__name__, meth)):
                        setattr(obj, meth, _timed(label, func, sink))
                        names.append(f"{module.__name__}.{obj.__name__}.{meth}")
    _time_paragraph_parsing()
    # Replace module-level functions everywhere they were imported by name.
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("briefing"):
            for attr, obj in list(vars(module).items()):
                if id(obj) in wrapped:
                    setattr(module, attr, wrapped[id(obj)])
    return names


def instrument_where_the_stages_run(sink: str) -> None:
    """Instrument in the processes that run our steps, not in the build process.

    The build's child (the stages, ReportLab and the templates) and WeasyPrint's early child
    (the footnote check, the pieces) each instrument themselves as they start: importing every
    render module into the build process would add its memory to the measured peak."""
    import briefing
    from briefing import stages

    def instrumented(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            instrument(sink)
            return func(*args, **kwargs)

        return wrapper

    stages.run_stages = instrumented(stages.run_stages)
    briefing._start_weasyprint = instrumented(briefing._start_weasyprint)


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
