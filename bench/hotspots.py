#!/usr/bin/env python3
"""bench: cProfile one build in-process, stage by stage, and print where the time goes.

The render runs in this process (not in the forked, limited child the CLI
uses) so the profiler sees the engine too. Times are under the profiler,
so they are inflated; the shares and the ranking are what matter.

    python bench/hotspots.py CONTENT_DIR ENGINE [--top 12] [--noop OUT.pdf]
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import os
import pstats
import resource
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing import fewer_collections  # noqa: E402  (after the path: run as a script)


def _pypdf_pages(data: bytes) -> int | None:
    """Pages of a PDF whose page objects are compressed (WeasyPrint's)."""
    try:
        from pypdf import PdfReader

        return len(PdfReader(io.BytesIO(data)).pages)
    except Exception:  # no pypdf, or not a PDF
        return None


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _ours(filename: str) -> bool:
    return "/briefing/" in filename and "/site-packages/" not in filename


def _label(func: tuple[str, int, str]) -> str:
    filename, line, name = func
    if filename == "~":
        return name
    short = filename
    for marker in ("/site-packages/", str(ROOT) + "/"):
        if marker in filename:
            short = filename.split(marker, 1)[1]
    return f"{short}:{line}({name})"


def _table(stats: pstats.Stats, key: str, top: int, only_ours: bool = False) -> list[str]:
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


WAITS = {"<built-in method posix.read>", "<built-in method posix.write>"}
"""Where the processes of a layout in pieces wait for each other (pipes)."""

PASSES = {
    ("weasyprint/__init__.py", "render"): "WeasyPrint layouts of the whole document",
    ("reportlab/platypus/doctemplate.py", "build"): "ReportLab build passes (multiBuild)",
}
"""Engine entry points whose call count says how many times the document was laid out."""


def _passes(raw: dict[Any, Any]) -> list[str]:
    found = []
    for (filename, _line, name), (_cc, calls, *_rest) in raw.items():
        for (suffix, func), label in PASSES.items():
            if filename.endswith(suffix) and name == func:
                found.append(f"{label}: {calls}.")
    return found


@contextlib.contextmanager
def _pieces_profiled(folder: Path) -> Iterator[None]:
    """Profile each process a split WeasyPrint layout forks, into `folder`/<pid>.prof.

    A piece's process ends with `os._exit`, so the stats are dumped just before it."""
    from briefing.render import weasysplit

    serve = weasysplit._serve

    def profiled(*args: Any) -> None:
        profiler, end = cProfile.Profile(), os._exit

        def dump_and_end(code: int) -> None:
            profiler.disable()
            profiler.dump_stats(folder / f"{os.getpid()}.prof")
            end(code)

        os._exit = dump_and_end  # in the piece's own process only: it was just forked
        profiler.enable()
        serve(*args)

    weasysplit._serve = profiled
    try:
        yield
    finally:
        weasysplit._serve = serve


@fewer_collections()  # collect as often as a build does
def profile(content_dir: Path, engine: str, *, top: int = 12) -> str:
    """Markdown: stage times under cProfile, our code's share, the top functions; for a
    layout in pieces, of all its processes together."""
    from briefing.assemble import assemble
    from briefing.check import check
    from briefing.load import load
    from briefing.render import get_renderer
    from briefing.write import page_count

    renderer = get_renderer(engine)  # imports outside the profile, as a warm process has them
    stages: dict[str, float] = {}
    rss = [("imports", _peak_mb())]
    profiler = cProfile.Profile()
    profiler.enable()
    t = time.perf_counter()
    content = load(content_dir)
    stages["load"] = time.perf_counter() - t
    rss.append(("load", _peak_mb()))
    t = time.perf_counter()
    check(content)
    stages["check"] = time.perf_counter() - t
    rss.append(("check", _peak_mb()))
    t = time.perf_counter()
    document = assemble(content, build_id="bench")
    stages["assemble"] = time.perf_counter() - t
    rss.append(("assemble", _peak_mb()))
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        if engine == "weasyprint":
            with _pieces_profiled(Path(folder)):
                data = renderer.render(document)
        else:
            data = renderer.render(document)
        stages["render"] = time.perf_counter() - t
        profiler.disable()
        rss.append(("render", _peak_mb()))
        stats = pstats.Stats(profiler, stream=io.StringIO())
        pieces = sorted(Path(folder).glob("*.prof"))
        for dumped in pieces:
            stats.add(str(dumped))
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    waiting = sum(v[2] for k, v in raw.items() if k[2] in WAITS)
    total = sum(v[2] for v in raw.values()) - waiting
    ours = sum(v[2] for k, v in raw.items() if _ours(k[0]))
    pages = page_count(data) or _pypdf_pages(data)
    lines = [
        f"Profile of `{engine}` on `{content_dir.name}` ({len(data):,} bytes, "
        f"{pages if pages is not None else 'no'} pages), under cProfile:",
        "",
        "| stage | seconds | share |",
        "|---|---|---|",
    ]
    whole = sum(stages.values())
    for name, seconds in stages.items():
        lines.append(f"| {name} | {seconds:.2f} | {seconds / whole:.0%} |")
    lines += [
        "",
        "Peak RSS of this process after each stage (MiB; the CLI runs the stages in a child "
        "of the build process, and WeasyPrint in a child of its own forked before load): "
        + ", ".join(f"{name} {mb:.0f}" for name, mb in rss)
        + ".",
        "",
        *_passes(raw),
        "",
        *(
            [
                f"Laid out in pieces: the functions below are summed over this process and "
                f"the {len(pieces)} it forked, which ran side by side; so is the total.",
                "",
            ]
            if pieces
            else []
        ),
        f"Self time in our own code (`briefing/`): {ours:.2f} s of {total:.2f} s "
        f"({ours / total:.0%}); the rest is in the engine and other libraries"
        + (f" ({waiting:.2f} s of waiting for the other processes left out)." if waiting else "."),
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
