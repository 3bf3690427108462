"""check --archive: every quote must be in the saved text of its source.

Matching forgives what copying and old encodings change (whitespace, quote
marks, dashes, case, accents, reference markers like `[22]`, and mojibake such
as `每` for an en dash or `?` for a lost letter) but never the words.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.diagnostics import Diagnostic

if TYPE_CHECKING:
    from briefing.load import Content

# Characters seen in damaged saved copies, mapped to what they stood for.
DAMAGE = {"每": "-", "邦": "ü", "車": "ó", "\ufffd": "?"}
_TRANSLATE = str.maketrans(
    {
        **DAMAGE,
        **dict.fromkeys("‐‑‒–—―−", "-"),
        **dict.fromkeys("‘’‚‛′`´", "'"),
        **dict.fromkeys("“”„‟″«»", '"'),
        "…": "...",
        "\u00a0": " ",
    }
)
_REFERENCE = re.compile(r"\[(?:\d{1,4}|[a-z]|citation needed|note \d+)\]", re.I)
_SPACE = re.compile(r"\s+")
_GAP = re.compile(r"\s*(?:\.\.\.|\[\.\.\.\])\s*")
MAX_ARCHIVE_BYTES = 5_000_000


def normalize(text: str) -> str:
    """Fold the differences that copying introduces, keeping the words."""
    text = text.translate(_TRANSLATE)
    text = _REFERENCE.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACE.sub(" ", text).casefold().strip()


def find_quote(quote: str, archive_text: str) -> bool:
    """True when every part of `quote` (split at `...`) is in the text, in order."""
    haystack = normalize(archive_text)
    position = 0
    for part in _GAP.split(quote):
        needle = normalize(part)
        if not needle:
            continue
        found = haystack.find(needle, position)
        if found < 0:
            found = _find_with_lost_letters(needle, haystack, position)
        if found < 0:
            return False
        position = found + len(needle)
    return True


def _find_with_lost_letters(needle: str, haystack: str, start: int) -> int:
    """Search again letting `?` in the saved text stand for any one character."""
    if "?" not in haystack:
        return -1
    pattern = "".join(f"(?:{re.escape(c)}|\\?)" if c.isalpha() else re.escape(c) for c in needle)
    match = re.compile(pattern).search(haystack, start)
    return match.start() if match else -1


def closest_passage(quote: str, archive_text: str) -> str:
    """The passage of the text most like the quote, to show beside the error."""
    needle = normalize(quote)
    haystack = normalize(archive_text)
    width = max(len(needle), 20)
    best, best_ratio = "", 0.0
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    for start in range(0, max(1, len(haystack) - width + 1), max(1, width // 4)):
        window = haystack[start : start + width]
        matcher.set_seq1(window)
        if matcher.real_quick_ratio() <= best_ratio or matcher.quick_ratio() <= best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = window, ratio
    return best


def check_quotes(content: Content, archive: Path) -> list[Diagnostic]:
    """E120 for every quote not in its source's archived text; E121 for a missing archive."""
    from briefing.check import citations_of

    out: list[Diagnostic] = []
    sources = {s.id: s for s in content.sources}
    texts: dict[str, str | None] = {}
    for index, source in enumerate(content.sources):
        if source.archive is None:
            texts[source.id] = None
            continue
        path = archive / source.archive
        try:
            texts[source.id] = path.read_bytes()[:MAX_ARCHIVE_BYTES].decode("utf-8", "replace")
        except OSError:
            texts[source.id] = None
            file, line, column = content.where("sources", "sources", index, "archive")
            out.append(
                Diagnostic(
                    file,
                    line,
                    column,
                    "error",
                    "E121",
                    f"archived text '{source.archive}' not found in {archive}",
                    "check the file name or the --archive folder",
                )
            )
    for stem, path, citation in citations_of(content):
        text = texts.get(citation.source)
        if citation.quote is None or text is None or citation.source not in sources:
            continue
        if not find_quote(citation.quote, text):
            file, line, column = content.where(stem, *path, "quote")
            nearest = closest_passage(citation.quote, text)
            out.append(
                Diagnostic(
                    file,
                    line,
                    column,
                    "error",
                    "E120",
                    f"quote not found in '{sources[citation.source].archive}'",
                    f'closest passage: "{nearest}"',
                )
            )
    return out
