"""render (figures): one Figure block of the Document -> one reportlab Drawing, for every engine."""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing

from briefing.charts.claims import claims_chart
from briefing.charts.map import locator_map
from briefing.charts.style import SANS
from briefing.charts.timeline import WAR_END, WAR_START, timeline_chart

if TYPE_CHECKING:
    from briefing.document import Chart


_DRAWN: dict[int, Drawing | None] = {}
"""Drawings by figure, while the figure lives: assemble draws each figure to know whether
to keep it, and the engine (in a forked child, which inherits this) uses the same one."""


def drawing(figure: Chart) -> Drawing | None:
    """The figure's drawing, or None when its data leaves nothing to draw."""
    key = id(figure)
    if key not in _DRAWN:
        _DRAWN[key] = _draw(figure)
        weakref.finalize(figure, _DRAWN.pop, key, None)  # an id is reused once freed
    return _DRAWN[key]


def _draw(figure: Chart) -> Drawing | None:
    if figure.chart == "map":
        drawn = locator_map(figure.places, figure.outlines)
    elif figure.chart == "claims":
        drawn = claims_chart(
            figure.claims, unit=figure.unit, markers=figure.markers, start=WAR_START, end=WAR_END
        )
    else:
        drawn = timeline_chart(figure.events, figure.markers)
    if drawn is not None:
        # renderPDF starts every drawing in Helvetica; never put a built-in font in the PDF.
        drawn.initialFontName = SANS
    return drawn
