"""render: check, from WeasyPrint's own layout, that every footnote prints on its call's page.

WeasyPrint 70 can push a note to a later page than its call, print it twice or lose it
when the note area fills a page (Kozea/WeasyPrint #1564, #2432, #2502). This walks the
laid-out page boxes (a private attribute: the version is pinned and the walk is tested),
so a misplaced note is repaired or reported, never shipped silently.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from weasyprint.formatting_structure import boxes

CALL_SUFFIX = "::footnote-call"


@dataclass
class Placement:
    """Where one note's call and the note itself were laid out (0-based page indexes)."""

    key: Any
    """The note's element (the `span.footnote`); identity is what matters."""
    call_pages: list[int] = field(default_factory=list)
    note_pages: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """One call, one note, on the same page."""
        return len(self.call_pages) == 1 and self.note_pages == self.call_pages

    def describe(self) -> str:
        """A one-line account for errors and logs, with 1-based page numbers."""
        number = self.key.get("data-n", "?") if hasattr(self.key, "get") else self.key
        calls = ", ".join(str(p + 1) for p in self.call_pages) or "none"
        notes = ", ".join(str(p + 1) for p in self.note_pages) or "none"
        return f"note {number}: call on page {calls}, note on page {notes}"


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _walk(child)


def placements(pages: Iterable[Any]) -> list[Placement]:
    """Read each page's footnote calls and footnote area from WeasyPrint's laid-out pages
    (`Document.pages`, or their page boxes before the headers and footers are made)."""
    found: dict[int, Placement] = {}
    for index, page in enumerate(pages):
        root = getattr(page, "_page_box", page)
        for box in _walk(root):
            tag = getattr(box, "element_tag", None) or ""
            element = getattr(box, "element", None)
            # The call is an inline box whose text child shares its tag: count the parent only.
            if tag.endswith(CALL_SUFFIX) and isinstance(box, boxes.InlineBox):
                entry = found.setdefault(id(element), Placement(element))
                entry.call_pages.append(index)
        for area in root.children:
            if not isinstance(area, boxes.FootnoteAreaBox):
                continue
            for note in _notes_in(area):
                entry = found.setdefault(id(note), Placement(note))
                entry.note_pages.append(index)
    return list(found.values())


def _notes_in(area: Any) -> Iterator[Any]:
    """The note elements laid out in a footnote area (anonymous wrappers skipped)."""
    for child in area.children:
        element = getattr(child, "element", None)
        tag = getattr(child, "element_tag", None) or ""
        if element is not None and "::" not in tag and element.get("data-n") is not None:
            yield element
        else:
            yield from _notes_in(child)


def misplaced(found: Iterable[Placement]) -> list[Placement]:
    """The notes that are not exactly once on the page of their one call."""
    return [p for p in found if not p.ok]


def overfull(pages: Iterable[Any]) -> list[int]:
    """Pages (0-based) whose footnote area rises above the page's content box.

    A note taller than the page is drawn over the body text; no page break repairs that.
    """
    found = []
    for index, page in enumerate(pages):
        root = getattr(page, "_page_box", page)
        top = root.content_box_y()
        for area in root.children:
            if isinstance(area, boxes.FootnoteAreaBox) and area.position_y < top - 0.5:
                found.append(index)
    return found
