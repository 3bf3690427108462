"""check (directives): `[[...]]` lines in sections: each known, each with something to show.

A misspelled directive would otherwise print literally into the briefing, and a figure with
nothing to plot would vanish without a word; both are reported at the directive's line.
The figures use the same rules (`plotted_figures`, `MIN_CLAIMS`) to decide what they draw.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from briefing.diagnostics import Diagnostic
from briefing.load import Content
from briefing.load.cite import find_directives, line_column
from briefing.load.model import Figure

KINDS = ("table", "claims", "chart", "map", "timeline")
"""Every directive: `[[table: id]]`, `[[claims: id]]`, `[[chart: id]]`, `[[map]]`, `[[timeline]]`."""
MIN_CLAIMS = 2
"""Dated claims a claims-over-time chart needs; with fewer, the topic's table is shown instead."""
_ANY = re.compile(r"^\[\[(?P<inner>[^\[\]\n]*)\]\]$")


def plotted_figures(content: Content, topic: str) -> list[Figure]:
    """The topic's figures a chart can plot: with a claimant, an as-of date and a number."""
    return [
        f
        for f in content.figures
        if f.topic == topic
        and f.as_of is not None
        and f.claimant
        and (f.value is not None or f.range is not None)
    ]


def mapped_places(content: Content) -> list[str]:
    """Ids of gazetteer places with coordinates."""
    return [p.id for p in content.places if p.coordinates is not None]


def nothing_to_draw(content: Content, kind: str, ident: str) -> str | None:
    """Why the figure a directive asks for would be empty, or None when it has data."""
    if kind == "map" and not mapped_places(content):
        return "no place in places.yaml has coordinates, so the locator map is left out"
    if kind == "timeline" and not content.events:
        return "there are no events, so the timeline is left out"
    if kind == "chart":
        count = len(plotted_figures(content, ident))
        if count < MIN_CLAIMS and any(t.id == ident for t in content.topics):
            return (
                f"topic '{ident}' has {count} dated claim{'s' if count != 1 else ''}; a chart "
                f"needs {MIN_CLAIMS}, so its table is shown instead"
            )
    return None


def unknown_directives(text: str) -> Iterator[tuple[str, int]]:
    """`(directive, offset)` for each line that looks like a directive but is none."""
    known = {offset for _, _, offset in find_directives(text)}
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if _ANY.match(stripped):
            start = offset + line.index("[[")
            if start not in known:
                yield stripped, start
        offset += len(line) + 1


def _suggestion(written: str) -> str:
    """`did you mean '[[table: losses]]'?`, or the list of directives."""
    match = _ANY.match(written)
    name, _, ident = (match.group("inner") if match else "").partition(":")
    close = difflib.get_close_matches(name.strip().lower(), KINDS, n=1, cutoff=0.5)
    if not close:
        return "the directives are " + ", ".join(f"'[[{k}]]'" for k in KINDS)
    takes_id = close[0] in ("table", "claims", "chart")
    return f"did you mean '[[{close[0]}{': ' + ident.strip() if takes_id else ''}]]'?"


def check_directives(content: Content, out: list[Diagnostic]) -> None:
    """E117 for a directive that is none, W307 for one that would draw nothing."""
    for section in content.sections:
        for written, offset in unknown_directives(section.body):
            line, column = line_column(section.body, offset, first_line=section.body_line)
            hint = _suggestion(written)
            out.append(
                Diagnostic(
                    section.file,
                    line,
                    column,
                    "error",
                    "E117",
                    f"unknown directive '{written}'",
                    hint,
                )
            )
        for kind, ident, offset in find_directives(section.body):
            why = nothing_to_draw(content, kind, ident)
            if why is not None:
                line, column = line_column(section.body, offset, first_line=section.body_line)
                out.append(
                    Diagnostic(
                        section.file,
                        line,
                        column,
                        "warning",
                        "W307",
                        why,
                        "add the data or remove the directive",
                    )
                )
