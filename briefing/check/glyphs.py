"""check: every character of the content must have a glyph in the briefing's fonts.

ReportLab has no font fallback and would stop mid-render; WeasyPrint would
print a box. Checking here names the file, line and column instead.
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterator
from typing import Any

from briefing.diagnostics import Diagnostic
from briefing.load import Content
from briefing.load.cite import line_column

log = logging.getLogger(__name__)

# Characters that only steer layout or shaping and need no glyph of their own.
NO_GLYPH_NEEDED = frozenset("\n\r\t\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad")


BODY_FACES = ("DejaVuSerif", "DejaVuSans")
"""The faces every engine can fall back on for a character: serif text, sans headings."""


def covered_characters() -> frozenset[int] | None:
    """Code points the body fonts draw; None when the fonts cannot be found here.

    Only the cmaps are read (fontTools, lazily): registering the faces with
    ReportLab would parse every table, and a WeasyPrint build never uses them.
    """
    from fontTools.ttLib import TTFont

    from briefing.fonts import find_font

    def cmap(name: str) -> set[int]:
        with TTFont(find_font(name), lazy=True) as font:  # closes the file it reads lazily
            return _code_points(font)

    try:
        cmaps = [cmap(name) for name in BODY_FACES]
    except Exception as exc:  # no fonts on this machine: the renderer will say so
        log.info("glyph check skipped: %s", exc)
        return None
    return frozenset().union(*cmaps)


def _code_points(font: Any) -> set[int]:
    """The characters a font maps to a glyph. Only which ones matter, not the glyphs' names:
    numbered names spare fontTools reading the `post` table for them (half the time)."""
    font.setGlyphOrder([f"glyph{index}" for index in range(font["maxp"].numGlyphs)])
    return set(font.getBestCmap())


def _strings(data: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*path, index))


def glyph_coverage(content: Content) -> list[Diagnostic]:
    """E024 for the first uncovered character of each value or section."""
    covered = covered_characters()
    if covered is None:
        return []
    out: list[Diagnostic] = []
    drawable = frozenset(map(chr, covered)) | NO_GLYPH_NEEDED

    def missing(text: str) -> int | None:
        if drawable.issuperset(text):  # nearly always: one pass in C, no index needed
            return None
        return next(i for i, char in enumerate(text) if char not in drawable)

    def report(file: str, line: int, column: int, char: str) -> None:
        name = unicodedata.name(char, f"U+{ord(char):04X}")
        out.append(
            Diagnostic(
                file,
                line,
                column,
                "error",
                "E024",
                f"no font of the briefing can draw U+{ord(char):04X} ({name})",
                "remove the character or replace it with text",
            )
        )

    for file, located in content.located.items():
        if drawable.issuperset("".join(located.texts)):
            continue  # the whole file at once: nearly always
        for path, text in _strings(located.data):
            index = missing(text)
            if index is not None:
                line, column = located.position(path)
                report(file, line, column, text[index])
    for section in content.sections:
        index = missing(section.body)
        if index is not None:
            line, column = line_column(section.body, index, first_line=section.body_line)
            report(section.file, line, column, section.body[index])
    return out
