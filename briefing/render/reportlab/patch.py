"""render (ReportLab): one fix to ReportLab 5.1, applied only while a render runs: right-to-left
text copies and searches as the letters it shows.

ReportLab cannot shape Arabic script, so `markup.visual_rtl` draws a Persian or Arabic run as
Unicode presentation forms (each letter's joined shape, such as U+FED7 ARABIC LETTER QAF
INITIAL FORM for ق) in display order. Each embedded font's ToUnicode map, which readers use
to copy, search and read text aloud, gave those presentation forms back, so a search for
قره‌باغ found nothing and copied text did not match the source. Here the map sends each
presentation form to the letters it shows (its compatibility decomposition, NFKC). The page
draws the same glyphs; its text layer holds the letters in display order, as a shaping
engine's PDF (WeasyPrint's) does, and readers put right-to-left runs back into reading order
themselves. The zero-width joiners the source holds are drawn too (`fonts.font_runs`), so they
come back where they were.

Why not `/ActualText`: a marked-content span over the run carrying its text in reading
order is the other way PDF offers, but poppler (pdftotext) and pdfium (Chromium, pypdfium2)
reorder that text as if it were in display order, so it came out reversed, and pypdf ignores
it (all measured on this project's fixture).
"""

from __future__ import annotations

import contextlib
import hashlib
import inspect
import logging
import re
import unicodedata
from collections.abc import Iterator

import reportlab
import reportlab.pdfbase.ttfonts as ttfonts

log = logging.getLogger(__name__)

PINNED = "5.1.0"
_MAKE_CMAP = ttfonts.makeToUnicodeCMap
_MAKE_CMAP_SHA256 = "71783731cbe452d862ba7db5a5087a4c0847f9127def9b9d7022ea25a3ee908a"
_PRESENTATION = re.compile(r"^(<[0-9A-F]{2}>) <(F[BCDE][0-9A-F]{2})>$", re.M)


def presentation_form(code: int) -> bool:
    """Arabic Presentation Forms-A (U+FB50-FDFF) and -B (U+FE70-FEFF)."""
    return 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFE


def letters(code: int) -> str:
    """The letters a presentation form shows, in reading order; other characters as they are."""
    char = chr(code)
    return unicodedata.normalize("NFKC", char) if presentation_form(code) else char


def _utf16(text: str) -> str:
    return text.encode("utf-16-be").hex().upper()


def to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """ReportLab's ToUnicode CMap for a font subset, with presentation forms sent to letters."""

    def entry(match: re.Match[str]) -> str:
        code = int(match.group(2), 16)
        return f"{match.group(1)} <{_utf16(letters(code))}>"

    return _PRESENTATION.sub(entry, _MAKE_CMAP(fontname, subset))


def pinned() -> bool:
    """Whether ReportLab's ToUnicode writer is the code this was written against."""
    try:
        source = inspect.getsource(_MAKE_CMAP)
    except (OSError, TypeError):
        return False
    return (
        reportlab.Version == PINNED
        and hashlib.sha256(source.encode()).hexdigest() == _MAKE_CMAP_SHA256
    )


@contextlib.contextmanager
def reportlab_fixes() -> Iterator[bool]:
    """While inside, embedded fonts map presentation forms to letters; yields whether on."""
    if not pinned():
        log.warning(
            "ReportLab %s is not the pinned %s: right-to-left text copies as presentation forms",
            reportlab.Version,
            PINNED,
        )
        yield False
        return
    ttfonts.makeToUnicodeCMap = to_unicode_cmap
    try:
        yield True
    finally:
        ttfonts.makeToUnicodeCMap = _MAKE_CMAP
