#!/usr/bin/env python3
"""Build a sourced PDF briefing from a folder of YAML and Markdown content."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from briefing import STAGES, RenderError, build
from briefing.diagnostics import ContentError, Diagnostic, count, safe_text
from briefing.render import RENDERERS, EngineUnavailable
from briefing.schema import write_schemas

HERE = Path(__file__).resolve().parent
EXIT_OK, EXIT_CONTENT, EXIT_USAGE, EXIT_RENDER = 0, 1, 2, 3


def parser() -> argparse.ArgumentParser:
    """The command line; every option is documented in the README."""
    p = argparse.ArgumentParser(prog="build_report.py", description=__doc__)
    p.add_argument(
        "--content",
        type=Path,
        default=HERE / "content",
        metavar="DIR",
        help="content folder (default: content/)",
    )
    p.add_argument(
        "--out",
        type=Path,
        default=HERE / "out" / "briefing.pdf",
        metavar="PATH",
        help="output PDF path (default: out/briefing.pdf)",
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
        help="what to write (html: a self-contained out/briefing.html)",
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
        "--schema",
        type=Path,
        nargs="?",
        const=HERE / "schema",
        metavar="DIR",
        help="write the JSON Schema of every content file (default: schema/)",
    )
    p.add_argument("--quiet", action="store_true", help="print only problems")
    p.add_argument("--verbose", action="store_true", help="print more detail")
    p.add_argument("--debug", action="store_true", help="show Python tracebacks")
    return p


def main(argv: list[str] | None = None) -> int:
    """Parse options, build, print diagnostics; return the exit code."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:
        return EXIT_OK if exc.code == 0 else EXIT_USAGE
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.schema:
        for path in write_schemas(args.schema):
            _say(args, f"wrote {path}")
        return EXIT_OK
    if args.archive is not None and not args.archive.is_dir():
        print(f"error: --archive {args.archive} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    formats = ("pdf", "html") if args.format == "all" else (args.format,)

    def progress(stage: int, name: str, detail: str, seconds: float) -> None:
        _say(args, f"[{stage}/{STAGES}] {name}: {detail} ... {seconds:.2f} s")

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
            progress=progress,
        )
    except ContentError as exc:
        _report(exc.diagnostics, strict=args.strict)
        return EXIT_CONTENT
    except (RenderError, EngineUnavailable) as exc:
        if args.debug:
            raise
        print(safe_text(f"error: rendering failed: {exc}"), file=sys.stderr)
        return EXIT_RENDER
    if result.note:
        _say(args, result.note)
    _report(result.diagnostics, strict=args.strict, quiet=args.quiet)
    return EXIT_OK


def _report(diagnostics: list[Diagnostic], *, strict: bool, quiet: bool = False) -> None:
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    errors, warnings = count(diagnostics, "error"), count(diagnostics, "warning")
    if errors or warnings or not quiet:
        verdict = "failed" if errors or (strict and warnings) else "ok"
        print(f"{errors} errors, {warnings} warnings: {verdict}", file=sys.stderr)


def _say(args: argparse.Namespace, text: str) -> None:
    if not args.quiet:
        print(safe_text(text))


if __name__ == "__main__":
    sys.exit(main())
