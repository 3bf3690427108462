"""render (ReportLab): Document inlines -> escaped Paragraph markup, one font per run.

Paragraph markup is a small XML language; ReportLab once evaluated attribute values
(CVE-2023-33733). So every character that comes from content is XML-escaped here and
nowhere else, and the only tags in the output are ones this module writes, with
attribute values it chose (font names, colours) or checked (link targets).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from xml.sax.saxutils import escape

from briefing.assemble.document import Code, Emph, Inline, Link, NoteRef, Strong, Text
from briefing.render.reportlab.fonts import Face, font_runs

try:  # Persian and Arabic need shaping and right-to-left order, which ReportLab lacks.
    import arabic_reshaper
    from bidi import get_display
except ImportError:  # pragma: no cover - both are pinned dependencies
    arabic_reshaper = None
    get_display = None

log = logging.getLogger(__name__)
SAFE_HREF = re.compile(r"^(?:https?://[^\s<>\"]+|mailto:[^\s<>\"]+|#[A-Za-z][\w.-]*)$", re.I)
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
RTL_RUN = re.compile(f"[{_ARABIC}](?:[{_ARABIC}\u200c\u200d\u064b-\u065f\\s]*[{_ARABIC}])?")
LINK_COLOUR = "#1f3864"
NOTE_CALLBACK = "notecall"


def esc(text: str) -> str:
    """XML-escape text for Paragraph markup, quotes included (attribute-safe)."""
    return escape(text, {'"': "&quot;", "'": "&#39;"})


def visual_rtl(text: str) -> str:
    """Shape and reorder right-to-left runs for display; no-break spaces keep each run whole.

    ReportLab draws characters left to right as given, so a Persian run must be
    reshaped (joined letter forms) and reversed before it reaches the canvas.
    """
    if not RTL_RUN.search(text):
        return text  # nearly always: nothing to shape
    if arabic_reshaper is None or get_display is None:
        log.warning("python-bidi/arabic-reshaper missing: right-to-left text left unshaped")
        return text

    def fix(match: re.Match[str]) -> str:
        shaped = get_display(arabic_reshaper.reshape(match.group(0)))
        return re.sub(r"\s", "\u00a0", shaped)

    return RTL_RUN.sub(fix, text)


class Markup:
    """Turns inlines into markup for one base face; collects the note numbers it calls."""

    def __init__(self, cmaps: dict[str, frozenset[int]], *, calls: bool = True) -> None:
        self.cmaps = cmaps
        self.calls = calls

    def text(self, text: str, face: Face) -> str:
        """Plain text in the given face, split into font runs that all have the glyphs."""
        pieces = []
        for line_number, line in enumerate(text.split("\n")):
            if line_number:
                pieces.append("<br/>")
            for font, run in font_runs(visual_rtl(line), face, cmaps=self.cmaps):
                pieces.append(f'<font name="{font}">{esc(run)}</font>')
        return "".join(pieces)

    def inlines(self, inlines: Iterable[Inline], face: Face) -> str:
        """Markup for a sequence of inlines in the given base face."""
        return "".join(self.inline(item, face) for item in inlines)

    def inline(self, item: Inline, face: Face) -> str:
        """Markup for one inline; tags and attribute values are ours, text is escaped."""
        if isinstance(item, Text):
            return self.text(item.text, face)
        if isinstance(item, Emph):
            return self.inlines(item.children, Face(face.family, face.bold, not face.italic))
        if isinstance(item, Strong):
            return self.inlines(item.children, Face(face.family, True, face.italic))
        if isinstance(item, Code):
            return self.text(item.text, Face("mono"))
        if isinstance(item, Link):
            inner = self.inlines(item.children, face)
            if not SAFE_HREF.match(item.href):
                return inner
            return f'<a href="{esc(item.href)}" color="{LINK_COLOUR}">{inner}</a>'
        if isinstance(item, NoteRef):
            number = int(item.number)
            callback = f'<onDraw name="{NOTE_CALLBACK}" label="{number}"/>' if self.calls else ""
            return (
                f'{callback}<super><font name="{Face(face.family).name()}">{number}</font></super>'
            )
        raise TypeError(f"unknown inline {type(item).__name__}")


def plain(inlines: Iterable[Inline]) -> str:
    """The text of inlines with note calls left out (for bookmarks and metadata)."""
    out = []
    for item in inlines:
        if isinstance(item, Text | Code):
            out.append(item.text)
        elif isinstance(item, Emph | Strong | Link):
            out.append(plain(item.children))
    return "".join(out)


def note_numbers(inlines: Iterable[Inline]) -> list[int]:
    """Note numbers called in inlines, in reading order."""
    found: list[int] = []
    for item in inlines:
        if isinstance(item, NoteRef):
            found.append(item.number)
        elif isinstance(item, Emph | Strong | Link):
            found.extend(note_numbers(item.children))
    return found
