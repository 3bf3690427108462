"""render (figures): one Figure block of the Document -> one reportlab Drawing, for every engine."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from reportlab.graphics.shapes import Drawing

from briefing.assemble.figures.claims import claims_chart
from briefing.assemble.figures.map import locator_map
from briefing.assemble.figures.style import SANS
from briefing.assemble.figures.svg import drawing_to_svg
from briefing.assemble.figures.timeline import timeline_chart

if TYPE_CHECKING:
    from briefing.assemble.document import Chart

DATA_FIELDS = (
    "chart",
    "language",
    "places",
    "outlines",
    "view",
    "layers",
    "kinds",
    "inset_outlines",
    "claims",
    "unit",
    "events",
    "markers",
    "span",
    "categories",
)
"""What a figure's drawing is made from; its number, title and caption are not drawn."""

_DRAWN: dict[str, Drawing | None] = {}
"""Drawings by what they are drawn from: each figure is drawn once per build, where an
engine first needs it (the ReportLab story, or the templates' SVG). Under --watch, the
watch process keeps the last build's (`kept`, `keep`) and each rebuild's child inherits
them, so a save that changes no figure's data draws nothing again: the locator map alone
takes about 0.3 s."""
_SVG: dict[tuple[str, str, str], str] = {}
"""Each drawing as SVG, by its key, title and description, kept the same way."""
_USED: set[str] = set()
_MOST = 100
"""Drawings held at most, oldest let go first: far more figures than a briefing has."""


def figure_key(figure: Chart) -> str:
    """A digest of the figure's data: equal for equal data, in any build."""
    data = repr([getattr(figure, name) for name in DATA_FIELDS])
    key = hashlib.sha256(data.encode("utf-8")).hexdigest()
    _USED.add(key)
    return key


def drawing(figure: Chart) -> Drawing | None:
    """The figure's drawing, or None when its data leaves nothing to draw."""
    key = figure_key(figure)
    if key not in _DRAWN:
        if len(_DRAWN) >= _MOST:  # a process that renders many briefings (the tests)
            _DRAWN.pop(next(iter(_DRAWN)))
        _DRAWN[key] = _draw(figure)
    return _DRAWN[key]


def svg_of(figure: Chart) -> str:
    """The figure's drawing as inline SVG named by its title and alt text; "" when there is
    nothing to draw."""
    drawn = drawing(figure)
    if drawn is None:
        return ""
    key = (figure_key(figure), figure.title, figure.alt)
    if key not in _SVG:
        if len(_SVG) >= _MOST:
            _SVG.pop(next(iter(_SVG)))
        _SVG[key] = drawing_to_svg(drawn, title=figure.title, description=figure.alt)
    return _SVG[key]


Kept = tuple[dict[str, Drawing | None], dict[tuple[str, str, str], str]]


def kept() -> Kept:
    """The drawings and SVG this process used since the last call: what --watch keeps."""
    used = set(_USED)
    _USED.clear()
    return (
        {key: drawn for key, drawn in _DRAWN.items() if key in used},
        {key: svg for key, svg in _SVG.items() if key[0] in used},
    )


def keep(drawings: Kept) -> None:
    """Hold exactly these for the next build (a figure whose data changed is let go)."""
    for cache, entries in zip((_DRAWN, _SVG), drawings, strict=True):
        cache.clear()
        cache.update(entries)  # type: ignore[attr-defined]


def _draw(figure: Chart) -> Drawing | None:
    if figure.chart == "map":
        drawn = locator_map(
            figure.places,
            figure.outlines,
            view=figure.view,
            layers=figure.layers,
            kinds=figure.kinds,
            inset=figure.inset_outlines,
            language=figure.language,
        )
    elif figure.chart == "claims":
        drawn = claims_chart(
            figure.claims,
            unit=figure.unit,
            markers=figure.markers,
            span=figure.span,
            language=figure.language,
        )
    else:
        drawn = timeline_chart(
            figure.events,
            figure.markers,
            span=figure.span,
            categories=figure.categories,
            language=figure.language,
        )
    if drawn is not None:
        # renderPDF starts every drawing in Helvetica; never put a built-in font in the PDF.
        drawn.initialFontName = SANS
    return drawn
