"""render: WeasyPrint 70's note area, measured by sums and put together from its notes.

Each time a note joins or leaves a page, WeasyPrint lays out the page's whole note area
again to learn its height: quadratic in the notes per page, and half of all layout time for
a chronology with a note in every row. Notes without vertical margins stack without
collapsing, so the area's height is the sum of each note's height, measured once by laying
the note out alone in a copy of the area, plus the area's own border and margin.

When the page is finished, WeasyPrint lays the area out once more, every note again. Those
notes are the ones measured, at the same width and from the same top, so the area is now
put together from their layouts, each moved down by the heights of the notes above it: each
note is laid out once instead of twice (N = 400: about 2 s of 12). Both give the same
bytes as WeasyPrint's own layout (tested). Where a page's area cannot be summed (a note
with a vertical margin, an area with a height or max-height, columns) WeasyPrint's own
code runs, and the area is laid out in full at the end of the page as before.
"""

from __future__ import annotations

import math
from typing import Any

from weasyprint.formatting_structure import boxes, build
from weasyprint.layout import LayoutContext, block, page

from briefing.render.weasyprint.pinning import source

_FULL_AREA = LayoutContext._update_footnote_area
_PAGE_LAYOUT = page.block_level_layout
_LAST_LAYOUT = """    footnote_area = build.create_anonymous_boxes(footnote_area.deepcopy())
    footnote_area = block_level_layout(
        context, footnote_area, bottom_space=-inf, skip_stack=None,
        containing_block=footnote_area.page, page_is_empty=True,
        absolute_boxes=positioned_boxes, fixed_boxes=positioned_boxes)[0]
    footnote_area.translate(dy=-footnote_area.margin_height())
"""
"""The one layout of a note area in `make_page`: the last, once the page is finished."""


def _key(area: Any, note: Any) -> tuple[int, int, float]:
    """A note's layout is the same in any area of the same style on a page of the same width."""
    return id(note), id(area.style), area.page.width


def _laid(context: Any, area: Any, note: Any) -> Any:
    """The note laid out alone in a copy of the page's note area, kept until its page is
    finished (a note pushed to the next page keeps its layout)."""
    laid_notes = context.__dict__.setdefault("_briefing_laid_notes", {})
    key = _key(area, note)
    if key not in laid_notes:
        area.children = [note]
        copy = build.create_anonymous_boxes(area.deepcopy())
        laid_notes[key] = block.block_level_layout(context, copy, -math.inf, None, area.page)[0]
    return laid_notes[key]


def _summable(context: Any) -> bool:
    area, notes = context.current_footnote_area, context.current_page_footnotes
    return bool(
        notes
        and not context.in_column
        and area.style["height"] == "auto"
        and area.max_height == math.inf
        and all(isinstance(n, boxes.BlockLevelBox) for n in notes)  # one note, one block
        and not any(n.style["margin_top"].value or n.style["margin_bottom"].value for n in notes)
    )


def _summed_footnote_area(context: Any) -> bool:
    """`LayoutContext._update_footnote_area` from each note's own layout; returns overflow."""
    context._briefing_summed = _summable(context)
    if not context._briefing_summed:
        return _FULL_AREA(context)
    area, notes = context.current_footnote_area, context.current_page_footnotes
    laid = [_laid(context, area, note) for note in notes]
    total = sum(one.height for one in laid)
    area.children = notes
    if area.height != "auto":
        context.page_bottom += area.margin_height()
    area.height = total
    context.page_bottom -= laid[0].margin_height() - laid[0].height + total
    return False  # an area with no max-height never overflows


def _last_layout(context: Any, box: Any, *args: Any, **kwargs: Any) -> Any:
    """`block_level_layout` as `make_page` calls it; the finished page's note area is put
    together from its notes' layouts where they were summed."""
    if isinstance(box, boxes.FootnoteAreaBox) and context.__dict__.get("_briefing_summed"):
        area, notes = context.current_footnote_area, context.current_page_footnotes
        laid_notes = context._briefing_laid_notes
        keys = [_key(area, note) for note in notes]
        laid = [laid_notes.get(k) for k in keys]
        if (
            notes
            and len(box.children) == len(notes)
            and all(o is not None and len(o.children) == 1 for o in laid)
        ):
            for k in keys:
                del laid_notes[k]  # placed: its page is finished
            return (_put_together(laid), None, None, [], False, None)
    return _PAGE_LAYOUT(context, box, *args, **kwargs)


def _put_together(laid: list[Any]) -> Any:
    """One area holding each note's layout, each below the one before, as block layout
    stacks boxes without margins."""
    children, top = [], 0.0
    for one in laid:
        (note,) = one.children  # laid out for this page alone: moved, not copied
        note.translate(dy=top)
        children.append(note)
        top += one.height
    area = laid[0].copy_with_children(children)
    area.height = top
    return area


def pinned() -> bool:
    """Whether `make_page` lays the note area out once, at the end, as this expects."""
    made = source(page.make_page)
    return made.count(_LAST_LAYOUT) == 1 and made.count("\n    footnote_area = ") == 3


def install() -> None:
    LayoutContext._update_footnote_area = _summed_footnote_area
    page.block_level_layout = _last_layout


def uninstall() -> None:
    LayoutContext._update_footnote_area = _FULL_AREA
    page.block_level_layout = _PAGE_LAYOUT
