"""render (ReportLab): register the DejaVu fonts, and pick a font per text run.

ReportLab has no font fallback: a character missing from the font in use is drawn
as a box without any warning. So every run of text is checked against the cmaps of
the registered faces and given the first face that has all its glyphs; a character
no face has stops the build with an error that names it.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from briefing.errors import MissingGlyphError
from briefing.fonts import FACES, find_font

log = logging.getLogger(__name__)

FAMILIES = {"serif": "DejaVuSerif", "sans": "DejaVuSans", "mono": "DejaVuSansMono"}
_STYLE_SUFFIX = {
    ("DejaVuSerif", False, False): "",
    ("DejaVuSerif", True, False): "-Bold",
    ("DejaVuSerif", False, True): "-Italic",
    ("DejaVuSerif", True, True): "-BoldItalic",
    ("DejaVuSans", False, False): "",
    ("DejaVuSans", True, False): "-Bold",
    ("DejaVuSans", False, True): "-Oblique",
    ("DejaVuSans", True, True): "-BoldOblique",
}
# Format characters that only steer shaping; they need no glyph of their own.
IGNORABLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad")
# Of those, the joiners are drawn where the run's font has them (DejaVu's are empty and zero
# wide): a Persian word keeps its ZWNJ in the copied text, where the source has it.
JOINERS = frozenset("\u200c\u200d")


@dataclass(frozen=True)
class Face:
    """A family (`serif`, `sans`, `mono`) in a weight and slant."""

    family: str
    bold: bool = False
    italic: bool = False

    def name(self) -> str:
        """The registered ReportLab font name of this face."""
        base = FAMILIES[self.family]
        if self.family == "mono":
            return base
        return base + _STYLE_SUFFIX[(base, self.bold, self.italic)]


@cache
def register_fonts() -> dict[str, frozenset[int]]:
    """Register every face once per process; returns each face's cmap (code points it draws)."""
    cmaps: dict[str, frozenset[int]] = {}
    for name in FACES:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(find_font(name))))
        font = pdfmetrics.getFont(name)
        cmaps[name] = frozenset(font.face.charToGlyph)
    for base in ("DejaVuSerif", "DejaVuSans"):
        for (family, bold, italic), suffix in _STYLE_SUFFIX.items():
            if family == base:
                addMapping(base, int(bold), int(italic), base + suffix)
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping("DejaVuSansMono", bold, italic, "DejaVuSansMono")
    log.debug("registered %d font faces", len(cmaps))
    return cmaps


@functools.cache
def _candidates(face: Face) -> tuple[str, ...]:
    """Faces to try for a character, nearest look first; upright when a slant lacks a script."""
    other = "sans" if face.family == "serif" else "serif"
    order = [
        Face(face.family, face.bold, face.italic),
        Face(other, face.bold, face.italic),
        Face(face.family, face.bold, False),
        Face(other, face.bold, False),
        Face(face.family),
        Face(other),
    ]
    if face.family == "mono":
        order = [face, Face("sans"), Face("serif")]
    names: list[str] = []
    for item in order:
        if item.family == "mono" and face.family != "mono":
            continue
        if item.name() not in names:
            names.append(item.name())
    return tuple(names)


def script_of(char: str) -> str:
    """`LINEAR B` for a Linear B syllable, `CJK UNIFIED` for a Han character: for messages."""
    name = unicodedata.name(char, "")
    if not name:
        return f"unnamed (category {unicodedata.category(char)})"
    return re.split(r" (?:CAPITAL |SMALL )?(?:LETTER|SYLLABLE|IDEOGRAPH|DIGIT|SIGN|MARK)\b", name)[
        0
    ]


@functools.cache
def _characters(cmap: frozenset[int]) -> frozenset[str]:
    """A face's code points as characters, so that a text is tested in one pass in C."""
    return frozenset(map(chr, cmap))


def font_runs(text: str, face: Face, *, cmaps: dict[str, frozenset[int]]) -> list[tuple[str, str]]:
    """Split text into (font name, text) runs where each font has every character's glyph."""
    candidates = _candidates(face)
    if text and IGNORABLE.isdisjoint(text) and _characters(cmaps[candidates[0]]).issuperset(text):
        return [(candidates[0], text)]  # the usual case: one font has it all
    runs: list[tuple[str, str]] = []
    missing: list[str] = []
    for char in text:
        if char in IGNORABLE:
            if char in JOINERS and runs and ord(char) in cmaps[runs[-1][0]]:
                runs[-1] = (runs[-1][0], runs[-1][1] + char)
            continue
        code = ord(char)
        current = runs[-1][0] if runs else None
        if (
            current is not None
            and code in cmaps[current]
            and (char.isspace() or not char.isalpha())
        ):
            runs[-1] = (current, runs[-1][1] + char)  # spaces and punctuation stay in the run
            continue
        font = next((name for name in candidates if code in cmaps[name]), None)
        if font is None:
            if char in "\n\t":
                font = current or candidates[0]
            else:
                missing.append(char)
                continue
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    if missing:
        described = ", ".join(
            f"U+{ord(c):04X} {c!r} ({script_of(c)})" for c in dict.fromkeys(missing)
        )
        raise MissingGlyphError(
            f"no registered font has a glyph for {described} in text {text[:60]!r}; "
            f"fonts tried: {', '.join(candidates)}"
        )
    return runs
