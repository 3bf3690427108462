"""The command line's output: progress, notes and diagnostics as text, JSON lines or
GitHub annotations. Only what the user asked for goes to stdout."""

from __future__ import annotations

import argparse
import json
import os
import sys

from briefing.diagnostics import Diagnostic, count, safe_text, tally

COLOURS = {"error": "\033[31m", "warning": "\033[33m", "ok": "\033[32m"}


def colour(args: argparse.Namespace) -> bool:
    if args.color != "auto":
        return args.color == "always"
    return sys.stderr.isatty() and not os.environ.get("CI") and not os.environ.get("NO_COLOR")


def report(args: argparse.Namespace, diagnostics: list[Diagnostic]) -> None:
    """Every diagnostic, then a one-line summary (text) or nothing more (json, github)."""
    errors, warnings = count(diagnostics, "error"), count(diagnostics, "warning")
    failed = bool(errors or (args.strict and warnings))
    for d in diagnostics:
        if args.diagnostics == "json":
            print(json.dumps(d.as_dict(), ensure_ascii=False))
        elif args.diagnostics == "github":
            print(github_annotation(d, strict=args.strict))
        else:
            line = d.format()
            if colour(args):
                line = line.replace(
                    f" {d.severity} ", f" {COLOURS[d.severity]}{d.severity}\033[0m ", 1
                )
            print(line, file=sys.stderr)
    if args.diagnostics == "text" and (diagnostics or not args.quiet):
        verdict = "failed" if failed else "ok"
        if colour(args):
            verdict = f"{COLOURS['error' if failed else 'ok']}{verdict}\033[0m"
        print(f"{tally(diagnostics)}: {verdict}", file=sys.stderr)


def _data(text: str) -> str:
    """A workflow command's message, escaped as GitHub Actions reads it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _prop(text: str) -> str:
    """A workflow command's property value, escaped."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(d: Diagnostic, *, strict: bool = False) -> str:
    """`::error file=F,line=L,col=C,title=CODE::message (hint)` for GitHub Actions."""
    level = "error" if d.severity == "error" or strict else "warning"
    message = d.message + (f" ({d.hint})" if d.hint else "")
    return safe_text(
        f"::{level} file={_prop(d.file)},line={d.line},col={d.column},"
        f"title={_prop(d.code)}::{_data(message)}"
    )


def note(args: argparse.Namespace, text: str) -> None:
    """What the build could not do as asked (an engine that did not load): one line on
    stderr even with --quiet, or a `::warning` annotation with the others on stdout."""
    if args.diagnostics == "github":
        print(safe_text(f"::warning title={_prop('engine')}::{_data(text)}"), flush=True)
    else:
        print(safe_text(f"note: {text}"), file=sys.stderr, flush=True)


def say(args: argparse.Namespace, text: str) -> None:
    """Progress to stdout; to stderr when stdout carries JSON or annotations."""
    if not args.quiet:
        stream = sys.stdout if args.diagnostics == "text" else sys.stderr
        print(safe_text(text), file=stream, flush=True)
