#!/usr/bin/env python3
"""bench: cProfile one build in-process, stage by stage, and print where the time goes.

The four stages run in this process (not in the forked, limited render child the
CLI uses) so that one profiler sees them and the engine. Times are under the
profiler, so they are inflated; the shares and the ranking are what matter.

    python bench/hotspots.py CONTENT_DIR ENGINE [--top 12] [--noop OUT.pdf]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import sys
import sysconfig
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _pypdf_pages(data: bytes) -> int | None:
    """Pages read back from the PDF, for an engine that did not count its own."""
    try:
        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # no pypdf, or not a PDF (HTML)
        return None


def _peak_mb() -> float:
    """This process's peak RSS so far, MiB: read after each stage to see which one grows it."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ours(filename: str) -> bool:
    """Whether a profiled function is our code, to give its share apart from the engine's."""
    return "/briefing/" in filename and "/site-packages/" not in filename


def _label(func: tuple[str, int, str]) -> str:
    """A short `path:line(name)`: relative to site-packages, the standard library or the
    repository, so the report names no machine's folders."""
    filename, line, name = func
    if filename == "~":
        return name
    short = filename
    for marker in ("/site-packages/", sysconfig.get_paths()["stdlib"] + "/", str(ROOT) + "/"):
        if marker in filename:
            short = filename.split(marker, 1)[1]
            break
    return f"{short}:{line}({name})"


def _table(stats: pstats.Stats, key: str, top: int, only_ours: bool = False) -> list[str]:
    """The `top` functions by `key` (tottime or cumtime) as Markdown table rows."""
    rows = []
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    index = 2 if key == "tottime" else 3
    for func, (_cc, calls, tt, ct, _callers) in sorted(
        raw.items(), key=lambda kv: kv[1][index], reverse=True
    ):
        if only_ours and not _ours(func[0]):
            continue
        rows.append(f"| {tt:.2f} | {ct:.2f} | {calls} | `{_label(func)}` |")
        if len(rows) >= top:
            break
    return rows


PASSES = {
    ("weasyprint/__init__.py", "render"): "WeasyPrint layouts of the whole document",
    ("reportlab/platypus/doctemplate.py", "build"): "ReportLab build passes (multiBuild)",
}
"""Engine entry points whose call count says how many times the document was laid out
(WeasyPrint: once, plus one per footnote repair; ReportLab: the multiBuild passes)."""


def _passes(raw: dict[Any, Any]) -> list[str]:
    """How many times the engine laid the document out, from its entry points' call counts.

    Only the libraries' own files count: our engine module is `briefing/render/weasyprint/
    __init__.py` too, and has a `render` of its own."""
    found = []
    for (filename, _line, name), (_cc, calls, *_rest) in raw.items():
        if "/site-packages/" not in filename:
            continue
        for (suffix, func), label in PASSES.items():
            if filename.endswith(suffix) and name == func:
                found.append(f"{label}: {calls}.")
    return found


def profile(content_dir: Path, engine: str, *, top: int = 12) -> str:
    """Markdown: stage times under cProfile, our code's share and the top functions of one
    build, run by the same stage functions as the build's render child, in this process;
    garbage is collected as often as in a build."""
    # Imported here, not at the top: profile_noop times importing the package itself.
    from briefing import fewer_collections

    with fewer_collections():
        return _profile(content_dir, engine, top=top)


def _profile(content_dir: Path, engine: str, *, top: int) -> str:
    """`profile`, under the build's garbage collection thresholds."""
    from briefing import render
    from briefing.check.editorial import editorial
    from briefing.stages import Job, assembled, checked, loaded, render_one, source_date_epoch

    fmt = "html" if engine == "html" else "pdf"
    if fmt == "pdf":
        engine, _note = render.pick_engine(engine)  # `auto`, as the build resolves it
    render.get_renderer(engine)  # imports outside the profile, as a warm process has them
    job = Job(
        content_dir,
        archive=None,
        strict=False,
        notes="short",
        build_id="bench",
        targets=[(fmt, Path(f"briefing.{fmt}"))],
        engine=engine,
    )

    def report(*_: object) -> None:
        """The progress lines are not wanted here: the stages are timed around them."""

    stages: dict[str, float] = {}
    rss = [("imports", _peak_mb())]
    profiler = cProfile.Profile()
    profiler.enable()
    t = time.perf_counter()
    content = loaded(job, report)
    stages["load"] = time.perf_counter() - t
    rss.append(("load", _peak_mb()))
    t = time.perf_counter()
    warnings = editorial(content)
    checked(content, job, report, warnings)
    stages["check"] = time.perf_counter() - t
    rss.append(("check", _peak_mb()))
    t = time.perf_counter()
    epoch = source_date_epoch(content)
    document = assembled(content, job, report, warnings, epoch)
    stages["assemble"] = time.perf_counter() - t
    rss.append(("assemble", _peak_mb()))
    del content  # as the render child does before it renders
    t = time.perf_counter()
    data, pages = render_one(document, engine, job, str(epoch))
    stages["render"] = time.perf_counter() - t
    profiler.disable()
    rss.append(("render", _peak_mb()))
    stats = pstats.Stats(profiler, stream=io.StringIO())
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    total = sum(v[2] for v in raw.values())
    ours = sum(v[2] for k, v in raw.items() if _ours(k[0]))
    if pages is None and fmt == "pdf":
        pages = _pypdf_pages(data)
    size = f"{pages} pages" if pages is not None else ("HTML" if fmt == "html" else "no pages")
    lines = [
        f"Profile of `{engine}` on `{content_dir.name}` ({len(data):,} bytes, {size}), "
        "under cProfile:",
        "",
        "| stage | seconds | share |",
        "|---|---|---|",
    ]
    whole = sum(stages.values())
    for name, seconds in stages.items():
        lines.append(f"| {name} | {seconds:.2f} | {seconds / whole:.0%} |")
    lines += [
        "",
        "Peak RSS of this process after each stage (MiB; the CLI runs the four stages in one "
        "render child of the build process): "
        + ", ".join(f"{name} {mb:.0f}" for name, mb in rss)
        + ".",
        "",
        *_passes(raw),
        "",
        f"Self time in our own code (`briefing/`): {ours:.2f} s of {total:.2f} s "
        f"({ours / total:.0%}); the rest is in the engine and other libraries.",
        "",
        "Top functions by cumulative time:",
        "",
        "| self s | cumulative s | calls | function |",
        "|---|---|---|---|",
        *_table(stats, "cumtime", top),
        "",
        "Top functions by self time:",
        "",
        "| self s | cumulative s | calls | function |",
        "|---|---|---|---|",
        *_table(stats, "tottime", top),
        "",
        "Our own functions by cumulative time:",
        "",
        "| self s | cumulative s | calls | function |",
        "|---|---|---|---|",
        *_table(stats, "cumtime", top, only_ours=True),
    ]
    return "\n".join(lines) + "\n"


def profile_noop(content_dir: Path, engine: str, out: Path, *, top: int = 10) -> str:
    """Markdown: where a rebuild with nothing changed spends its time (after a build to `out`)."""
    started = time.perf_counter()
    from build_report import main as build_main

    imports = time.perf_counter() - started
    argv = ["--content", str(content_dir), "--out", str(out), "--engine", engine, "--quiet"]
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    build_main(argv)
    profiler.disable()
    run = time.perf_counter() - started
    stats = pstats.Stats(profiler, stream=io.StringIO())
    return "\n".join(
        [
            f"No-op rebuild of `{content_dir.name}` with `{engine}`: importing `build_report` "
            f"(and the `briefing` package) {imports:.2f} s, then the build {run:.2f} s "
            "under cProfile; Python's own start-up comes on top.",
            "",
            "Our own functions by cumulative time:",
            "",
            "| self s | cumulative s | calls | function |",
            "|---|---|---|---|",
            *_table(stats, "cumtime", top, only_ours=True),
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """CLI: print the profile as Markdown."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("content", type=Path)
    p.add_argument("engine")
    p.add_argument("--top", type=int, default=12)
    p.add_argument(
        "--noop", type=Path, metavar="OUT", help="profile a no-op rebuild of an earlier build"
    )
    args = p.parse_args(argv)
    if args.noop:
        print(profile_noop(args.content, args.engine, args.noop, top=args.top))
    else:
        print(profile(args.content, args.engine, top=args.top))
    return 0


if __name__ == "__main__":
    sys.exit(main())
