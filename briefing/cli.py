"""The command line: parse options, build (once, or on every save), print diagnostics, exit code.

`build_report.py` at the repository's top, the installed `briefing` command and
`python -m briefing` all call `main`.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path

from briefing import STAGES, build, warm_up
from briefing.diagnostics import safe_text
from briefing.errors import ContentError, OutputError, RenderError, RenderLimitError, SinceError
from briefing.isolate import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT
from briefing.output import note, report, say
from briefing.render import RENDERERS
from briefing.resources import STYLES, TEMPLATES
from briefing.scaffold import new_command

EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_RENDER, EXIT_OUTPUT, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
DESCRIPTION = "Build a sourced PDF briefing from a folder of YAML and Markdown content."


def parser(root: Path | None = None, *, prog: str = "briefing") -> argparse.ArgumentParser:
    """The command line; every option is documented in the README. Paths default to `root`
    (the working folder when None)."""
    here = root or Path()
    p = argparse.ArgumentParser(prog=prog, description=DESCRIPTION)
    p.add_argument("--version", action="version", version=f"%(prog)s {version()}")
    p.add_argument(
        "--content",
        type=Path,
        default=here / "content",
        metavar="DIR",
        help="content folder (default: content/)",
    )
    p.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="output PDF path (default: out/briefing.pdf, or out/brief.pdf for the brief)",
    )
    p.add_argument(
        "--since",
        metavar="REF",
        help="add an annex of what changed since a previous edition: its content folder or a git revision",
    )
    p.add_argument(
        "--edition",
        choices=["full", "brief"],
        default="full",
        help="full: the briefing with a one-page summary; brief: a decision-maker's brief",
    )
    engines = sorted({*RENDERERS} - {"html"} | {"auto"})
    p.add_argument(
        "--engine",
        choices=engines,
        default="auto",
        help="PDF engine; auto uses WeasyPrint where it loads, else ReportLab",
    )
    p.add_argument(
        "--format",
        choices=["pdf", "html", "all"],
        default="pdf",
        help="what to write (html: a self-contained briefing.html beside the PDF)",
    )
    p.add_argument("--check", action="store_true", help="validate content only, write nothing")
    p.add_argument("--strict", action="store_true", help="treat warnings as errors")
    p.add_argument(
        "--archive",
        type=Path,
        metavar="DIR",
        help="check every quote against the saved source texts in DIR",
    )
    p.add_argument(
        "--notes",
        choices=["short", "full"],
        default="short",
        help="full: each note also shows the verified quote",
    )
    p.add_argument(
        "--force", action="store_true", help="render even when nothing changed since the last build"
    )
    p.add_argument(
        "--timeout",
        type=float,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="stop a render that takes longer (default: 600)",
    )
    p.add_argument(
        "--memory-limit",
        type=int,
        default=DEFAULT_MEMORY_MB,
        metavar="MB",
        help="stop a build that needs more memory per process (default: 4096)",
    )
    p.add_argument(
        "--watch", action="store_true", help="rebuild on every save of content, templates or styles"
    )
    p.add_argument(
        "--serve",
        action="store_true",
        help="with --watch: show the HTML on 127.0.0.1, reloaded after each rebuild",
    )
    p.add_argument(
        "--port",
        type=int,
        default=8000,
        metavar="N",
        help="--serve's port on 127.0.0.1 (default: 8000; 0: a free one)",
    )
    p.add_argument(
        "--diagnostics",
        choices=["text", "json", "github"],
        default="text",
        help="how to print problems: text, JSON lines, or GitHub annotations",
    )
    p.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the output (auto: only on a terminal, never in CI)",
    )
    p.add_argument(
        "--schema",
        type=Path,
        nargs="?",
        const=here / "schema",
        metavar="DIR",
        help="write the JSON Schema of every content file (default: schema/)",
    )
    p.add_argument("--quiet", action="store_true", help="print only problems")
    p.add_argument("--verbose", action="store_true", help="print more detail")
    p.add_argument("--debug", action="store_true", help="show Python tracebacks")
    return p


def version() -> str:
    """The installed package's version, or the checkout's from pyproject.toml."""
    try:
        return metadata.version("briefing-builder")
    except metadata.PackageNotFoundError:
        return "unknown"


def main(
    argv: list[str] | None = None,
    *,
    root: Path | None = None,
    prog: str = "briefing",
    stop: threading.Event | None = None,
) -> int:
    """Parse options, build (once, or on every save with --watch); return the exit code.
    Paths default to `root` (build_report.py passes the repository; the installed command
    the working folder)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["new"]:
        return new_command(argv[1:], prog)
    try:
        args = parser(root, prog=prog).parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    if args.out is None:
        name = "brief.pdf" if args.edition == "brief" else "briefing.pdf"
        args.out = (root or Path()) / "out" / name
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    logging.captureWarnings(True)  # the libraries' warnings go to the log on stderr too
    if args.schema:
        from briefing.load.schema import write_schemas

        for path in write_schemas(args.schema):
            say(args, f"wrote {path}")
        return EXIT_OK
    if args.archive is not None and not args.archive.is_dir():
        print(f"error: --archive {args.archive} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if args.serve:  # a live preview of the HTML: it watches, and builds the HTML at least
        args.watch = True
        args.format = "all" if args.format == "all" else "html"
    with _terminate_as_interrupt():
        try:
            if args.watch:
                from briefing.watch import watch

                warm_up(("pdf", "html") if args.format == "all" else (args.format,))
                if args.serve:
                    return _serve(args, stop)
                watch(
                    [args.content, TEMPLATES, STYLES],
                    lambda: _once(args),
                    stop=stop,
                )
                return EXIT_OK
            return _once(args)
        except KeyboardInterrupt:
            print(
                "interrupted: nothing more was written; earlier outputs are kept", file=sys.stderr
            )
            return EXIT_INTERRUPTED


def _serve(args: argparse.Namespace, stop: threading.Event | None) -> int:
    """--serve: rebuild on every save and show the HTML in the browser, reloaded each time."""
    from briefing.errors import ServeError
    from briefing.serve import preview_while_watching

    try:
        preview_while_watching(
            [args.content, TEMPLATES, STYLES],
            lambda: _once(args),
            args.out.with_suffix(".html"),
            port=args.port,
            say=lambda text: say(args, text),
            stop=stop,
        )
    except ServeError as exc:
        print(safe_text(f"error: {exc} (choose another with --port)"), file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM (a CI cancel, `kill`) unwinds like Ctrl-C, so temporary files are removed."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _once(args: argparse.Namespace) -> int:
    formats = ("pdf", "html") if args.format == "all" else (args.format,)

    def progress(stage: int, name: str, detail: str, seconds: float) -> None:
        say(args, f"[{stage}/{STAGES}] {name}: {detail} ... {seconds:.2f} s")

    try:
        result = build(
            args.content,
            args.out,
            engine=args.engine,
            formats=formats,
            check_only=args.check,
            strict=args.strict,
            archive=args.archive,
            notes=args.notes,
            edition=args.edition,
            since=args.since,
            force=args.force,
            timeout=args.timeout,
            memory_mb=args.memory_limit,
            progress=progress,
            keep_figures=args.watch,
        )
    except ContentError as exc:
        report(args, exc.diagnostics)
        return EXIT_CONTENT
    except SinceError as exc:
        print(safe_text(f"error: {exc}"), file=sys.stderr)
        return EXIT_USAGE
    except OutputError as exc:
        print(safe_text(f"error: {exc}"), file=sys.stderr)
        return EXIT_OUTPUT
    except RenderError as exc:
        if args.debug:
            raise
        print(safe_text(f"error: rendering failed: {exc}{_limit_hint(exc, args)}"), file=sys.stderr)
        return EXIT_RENDER
    if result.note:
        note(args, result.note)
    report(args, result.diagnostics)
    return EXIT_OK


def _limit_hint(exc: BaseException, args: argparse.Namespace) -> str:
    """For a build stopped by a limit: the option that sets it, for content meant to be so large."""
    if not isinstance(exc, RenderLimitError):
        return ""
    if exc.limit == "time":
        return f" (if it is meant to be this long, raise --timeout: {args.timeout:g} s now)"
    return f" (if it is meant to be this large, raise --memory-limit: {args.memory_limit} MB now)"
