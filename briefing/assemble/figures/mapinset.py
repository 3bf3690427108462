"""render (figures): the locator inset: a small map of the wider area in a corner of a single
panel, with the panel's own area outlined, so a reader sees where on Earth the map lies.

Its window and corner (one no place is near) are planned in assemble (`mapplan`).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Circle, Group
from reportlab.lib.colors import white

from briefing.assemble.figures import geo
from briefing.assemble.figures.geo import Projection
from briefing.assemble.figures.labels import Box
from briefing.assemble.figures.mapdata import MapView
from briefing.assemble.figures.maplayers import LAND_OTHER, WATER, land
from briefing.assemble.figures.mapplan import inset_box
from briefing.assemble.figures.style import INK
from briefing.load.geo import Outline


def draw_inset(outlines: Sequence[Outline], view: MapView, panel: Projection) -> Group:
    """Land, sea and borders of the wider area in the view's corner of the panel, and the
    map's own area outlined on it."""
    assert view.inset is not None
    place = inset_box(view, view.inset, view.corner)
    (bx0, by0), (bx1, by1) = panel.plane(place.x0, place.y0), panel.plane(place.x1, place.y1)
    box = Box(bx0, by0, bx1, by1)
    projection = geo.fit(view.lon, view.lat, view.inset, box.x0, box.y0, box.x1 - box.x0)
    group = Group()
    group.add(box.grown(1.5).rect(fillColor=white, strokeColor=None))  # a white rim
    group.add(box.rect(fillColor=WATER, strokeColor=None))
    bounds = (box.x0, box.y0, box.x1, box.y1)
    for outline in outlines:
        group.add(land(outline, projection, bounds, fill=LAND_OTHER, stroke=0.25))
    window = view.overview
    (x0, y0), (x1, y1) = (
        projection.plane(window.x0, window.y0),
        projection.plane(window.x1, window.y1),
    )
    if x1 - x0 < 4:  # too small to see as a box: a ring round it
        group.add(
            Circle(
                (x0 + x1) / 2, (y0 + y1) / 2, 3, fillColor=None, strokeColor=INK, strokeWidth=0.9
            )
        )
    else:
        group.add(Box(x0, y0, x1, y1).rect(fillColor=None, strokeColor=INK, strokeWidth=0.9))
    group.add(box.rect(fillColor=None, strokeColor=INK, strokeWidth=0.6))
    return group
