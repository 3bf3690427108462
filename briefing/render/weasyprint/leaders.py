"""render: a contents line's leader dots drawn as one run of text, not one per dot.

WeasyPrint 70 fills a `leader()` with copies of its text, each its own text box, side by
side on a grid from the line's end (`layout.leader.handle_leader`). In the contents each
copy is one dot: a fifth of all the text boxes of a briefing, each drawn, tagged and
written as its own text object. The copies are now joined into one box holding the text
repeated, laid out by WeasyPrint's own text layout and starting where the first copy did:
the same dots in the same places, one text object.
"""

from __future__ import annotations

import math
from typing import Any

from weasyprint.layout import inline, leader

from briefing.render.weasyprint.pinning import has_source

_HANDLE_LEADER = inline.handle_leader
_HANDLE_LEADER_SHA256 = "e4bf5941eb946d0b2029b21c3613f384d6157edb01d98add8d3bfa120ac3e571"


def _joined_leader(context: Any, line: Any, containing_block: Any) -> None:
    """`handle_leader`, then the leader's copies joined into one text box."""
    _HANDLE_LEADER(context, line, containing_block)
    _, box = leader.leader_index(line)
    if box is None or len(box.children) < 2:
        return
    copies = sorted(box.children, key=lambda copy: copy.position_x)
    first = copies[0]
    joined, _, _ = inline.split_text_box(
        context, first.copy_with_text(first.text * len(copies)), math.inf, 0
    )
    if joined is None or joined.text != first.text * len(copies):
        return  # the text did not lay out whole: keep the copies
    joined.position_x, joined.position_y = first.position_x, first.position_y
    box.children = (joined,)


def pinned() -> bool:
    """Whether `handle_leader` is the code this was written against."""
    return _HANDLE_LEADER is leader.handle_leader and has_source(
        leader.handle_leader, _HANDLE_LEADER_SHA256
    )


def install() -> None:
    inline.handle_leader = _joined_leader


def uninstall() -> None:
    inline.handle_leader = _HANDLE_LEADER
