"""check --archive: every quote must be in the saved text of its source.

Matching forgives what copying and old encodings change (whitespace, quote
marks, dashes, case, accents, reference markers like `[22]`, and mojibake such
as `每` for an en dash or `?` for a lost letter) but never the words.
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.diagnostics import Diagnostic
from briefing.load.files import read_capped

if TYPE_CHECKING:
    from briefing.load import Content

# Characters seen in damaged saved copies, mapped to what they stood for.
DAMAGE = {"每": "-", "邦": "ü", "車": "ó", "\ufffd": "?"}


def _mojibake() -> dict[str, str]:
    """Han characters that stand for Latin, Cyrillic or punctuation in a damaged copy.

    The seed was saved as GBK and read back as Big5, so `ü` became `邦`, `é` `谷` and
    Cyrillic `а` `忘`. Folding them on both sides of a comparison cannot hide a real
    difference in a Latin-script quote, and keeps Chinese quotes matching themselves.
    """
    table = {}
    for code in range(0x4E00, 0xA000):
        char = chr(code)
        try:
            meant = char.encode("big5").decode("gbk")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if len(meant) == 1 and ("\u00c0" <= meant <= "\u052f" or "\u2010" <= meant <= "\u2026"):
            table[char] = meant
    return table


_FOLD = {
    **dict.fromkeys("‐‑‒–—―−", "-"),
    # Single and double marks are one mark: quoting conventions differ, words do not.
    **dict.fromkeys("‘’‚‛′`´'", '"'),
    **dict.fromkeys("“”„‟″«»", '"'),
    "…": "...",
    "\u00a0": " ",
}


@functools.cache
def _translation() -> dict[int, str]:
    """The repairs and folds as one table; made on first use (only --archive compares
    quotes), as reading 20,000 Han characters for it costs about 20 ms.

    translate() makes one pass, so a repaired character is folded here, not afterwards."""
    repaired = {bad: _FOLD.get(meant, meant) for bad, meant in {**_mojibake(), **DAMAGE}.items()}
    return str.maketrans({**repaired, **_FOLD})


_REFERENCE = re.compile(r"\[(?:\d{1,4}|[a-z]|citation needed|note \d+)\]", re.I)
_SPACE = re.compile(r"\s+")
_GAP = re.compile(r"\s*(?:\.\.\.|…|\[(?:\.\.\.|…)\])\s*")
MAX_ARCHIVE_BYTES = 5_000_000


def normalize(text: str) -> str:
    """Fold the differences that copying introduces, keeping the words."""
    text = text.translate(_translation())
    text = _REFERENCE.sub("", text)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return _SPACE.sub(" ", text).casefold().strip()


@functools.lru_cache(maxsize=8)
def _normalized(archive_text: str) -> str:
    """An archive is normalized once, not once per quote."""
    return normalize(archive_text)


def find_quote(quote: str, archive_text: str) -> bool:
    """True when every part of `quote` (split at `...`) is in the text, in order."""
    haystack = _normalized(archive_text)
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
    """The passage of the text most like the quote, in whole words, to show beside the error.

    Windows of the quote's length are ranked by how many of its words they share (one pass),
    and only the best few are compared character by character: comparing every window took
    seconds per missing quote on a 90 KB source.
    """
    needle = normalize(quote)
    words = _normalized(archive_text).split(" ")
    size = max(1, len(needle.split(" ")))
    wanted = {_bare(w) for w in needle.split(" ")}
    hits = [_bare(w) in wanted for w in words]
    score = sum(hits[:size])
    scores = [score]
    for i in range(1, max(1, len(words) - size + 1)):
        score += hits[i + size - 1] - hits[i - 1]
        scores.append(score)
    chosen: list[int] = []
    for i in sorted(range(len(scores)), key=lambda i: (-scores[i], i)):
        if all(abs(i - j) >= max(1, size // 2) for j in chosen):
            chosen.append(i)
        if len(chosen) == 8:
            break
    matcher = difflib.SequenceMatcher(autojunk=False)
    matcher.set_seq2(needle)
    best, best_ratio = "", -1.0
    for i in chosen:
        window = " ".join(words[i : i + size])
        matcher.set_seq1(window)
        if matcher.ratio() > best_ratio:
            best, best_ratio = window, matcher.ratio()
    return best


def _bare(word: str) -> str:
    """A word without the punctuation that sticks to it, so `october.` counts as `october`."""
    return word.strip('.,;:!?"()[]')


def read_archive(archive: Path, name: str) -> str:
    """A saved text, read like a content file: a regular file inside the archive folder,
    never through a symbolic link, at most MAX_ARCHIVE_BYTES; ValueError says why not."""
    path = archive / name
    try:
        if path.is_symlink():
            raise ValueError("is a symbolic link: the archive holds plain files")
        if not path.exists():
            raise ValueError(f"not found in {archive}")
        if not path.is_file() or path.resolve().parent != archive.resolve():
            raise ValueError(f"is not a plain file in {archive}")
    except OSError as exc:
        raise ValueError(f"cannot be read: {exc.strerror}") from None
    return read_capped(path, MAX_ARCHIVE_BYTES).decode("utf-8", "replace")


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
        try:
            texts[source.id] = read_archive(archive, source.archive)
        except ValueError as exc:
            texts[source.id] = None
            out.append(
                content.diagnostic(
                    "sources",
                    "sources",
                    index,
                    "archive",
                    severity="error",
                    code="E121",
                    message=f"archived text '{source.archive}' {exc}",
                    hint="check the file name or the --archive folder",
                )
            )
    for stem, path, citation in citations_of(content):
        text = texts.get(citation.source)
        if citation.quote is None or text is None or citation.source not in sources:
            continue
        if not find_quote(citation.quote, text):
            nearest = closest_passage(citation.quote, text)
            out.append(
                content.diagnostic(
                    stem,
                    *path,
                    "quote",
                    severity="error",
                    code="E120",
                    message=f"quote not found in '{sources[citation.source].archive}'",
                    hint=f'closest passage: "{nearest}"',
                )
            )
    return out
