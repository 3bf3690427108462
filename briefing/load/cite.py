"""Pandoc-style citations and block directives in Markdown: `[@id, locator]`, `[[table: id]]`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A citation group: `[@a]`, `[@a, "Casualties"]`, `[@a; @b, p. 3]`. No nested brackets.
CITATION_GROUP = re.compile(r"\[\s*(@[^\[\]\n]{1,500}?)\]")
_ITEM = re.compile(r"^@([A-Za-z0-9_][\w:.#$%&+?<>~/-]*)\s*(?:,\s*(.*))?$", re.S)
_OPENING = {'"': '"', "“": "”"}
DIRECTIVE = re.compile(r"^\[\[\s*(?:(table|claims|chart)\s*:\s*([^\]\s]+)|(map|timeline))\s*\]\]$")


@dataclass(frozen=True)
class CitedItem:
    """One `@id` with its locator, and its offset in the text it came from."""

    source: str
    locator: str | None
    offset: int


@dataclass(frozen=True)
class CitationGroup:
    """One bracketed group: one footnote."""

    items: tuple[CitedItem, ...]
    start: int
    end: int


def find_citations(text: str) -> Iterator[CitationGroup]:
    """Every citation group in `text`, in order, with offsets."""
    for match in CITATION_GROUP.finditer(text):
        items = []
        offset = match.start(1)
        for part in _split_items(match.group(1)):
            stripped = part.strip()
            item = _ITEM.match(stripped)
            lead = len(part) - len(part.lstrip())
            if item is None:
                items.append(CitedItem(stripped.lstrip("@"), None, offset + lead))
            else:
                locator = (item.group(2) or "").strip().strip("\"'“”") or None
                items.append(CitedItem(item.group(1), locator, offset + lead))
            offset += len(part) + 1
        yield CitationGroup(tuple(items), match.start(), match.end())


def _split_items(inner: str) -> list[str]:
    """Split a group at `;`, except inside a quoted locator: `[@a, "Casualties; civilians"]`."""
    parts, current, closing = [], [], ""
    for char in inner:
        if closing:
            closing = "" if char == closing else closing
        elif char in _OPENING:
            closing = _OPENING[char]
        elif char == ";":
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    if closing:  # an unclosed quote must not hide the citations after it
        return inner.split(";")
    return [*parts, "".join(current)]


def line_column(text: str, offset: int, *, first_line: int = 1) -> tuple[int, int]:
    """1-based line and column of `offset` in `text` that starts at `first_line`."""
    line = text.count("\n", 0, offset)
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return first_line + line, column


def position_in(text: str, offset: int, line: int, column: int) -> tuple[int, int]:
    """Line and column in the file of `offset` in `text`, which starts at `line`:`column`."""
    found_line, found_column = line_column(text, offset, first_line=line)
    return found_line, found_column + column - 1 if found_line == line else found_column


def find_directives(text: str) -> Iterator[tuple[str, str, int]]:
    """`(kind, id, offset)` for every paragraph that is exactly `[[table: id]]` or `[[claims: id]]`."""
    offset = 0
    for line in text.split("\n"):
        match = DIRECTIVE.match(line.strip())
        if match:
            kind = match.group(1) or match.group(3)
            yield kind, match.group(2) or "", offset + line.index("[[")
        offset += len(line) + 1
