"""render (figures): the locator map, every named place plotted from its coordinates.

A wide overview of the region sits beside a larger-scale detail of the
Karabakh theatre, where the towns are too close for one scale; places outside
the region are left off (`off_map` lists them for the caption).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line, Rect

from briefing.assemble.figures import geo
from briefing.assemble.figures.data import MapPlace
from briefing.assemble.figures.geo import Projection
from briefing.assemble.figures.labels import Box, Placer
from briefing.assemble.figures.maplayers import Layout, draw_legend, draw_outlines, place_countries
from briefing.assemble.figures.mapplaces import draw_panel
from briefing.assemble.figures.style import PAGE_WIDTH, SANS, ensure_fonts, label
from briefing.assemble.figures.words import REGION, map_drawable
from briefing.load.geo import Extent, Outline

KARABAKH = Extent(45.55, 38.75, 47.8, 40.9)
"""The detail panel: Nagorno-Karabakh, the districts around it, Ganja and Barda."""
CONTEXT = Extent(43.4, 38.3, 50.4, 41.9)
"""The overview shows at least Armenia and Azerbaijan whole."""
LABEL_SIZE = 6.8
"""Smallest comfortable size at print; labels shrink below it only as a last resort."""


@dataclass
class PanelPlan:
    """One map panel: its projection and the places it labels or only marks."""

    projection: Projection
    labelled: list[MapPlace]
    frame_of: Extent | None = None
    """The detail panel's extent, drawn as a rectangle on the overview."""

    @property
    def frame(self) -> Box:
        """The panel's outline on the page."""
        p = self.projection
        return Box(p.x, p.y, p.x + p.width, p.y + p.height)


def _fit_extent(
    places: Sequence[MapPlace],
    extras: Sequence[Extent],
    region: Extent,
    aspect: tuple[float, float],
) -> Extent:
    """The box around the places (and the extra boxes), padded, at least 3 by 2 degrees."""
    lons = [p.lon for p in places] + [v for e in extras for v in (e.west, e.east)]
    lats = [p.lat for p in places] + [v for e in extras for v in (e.south, e.north)]
    box = Extent(min(lons), min(lats), max(lons), max(lats)).padded(0.3)
    cx, cy = (box.west + box.east) / 2, (box.south + box.north) / 2
    half_w, half_h = max((box.east - box.west) / 2, 1.5), max((box.north - box.south) / 2, 1.0)
    box = Extent(cx - half_w, cy - half_h, cx + half_w, cy + half_h)
    return _with_aspect(box, *aspect).clamped(region)


def _with_aspect(extent: Extent, low: float, high: float) -> Extent:
    """Grow the shorter side so the projected aspect (width / height) is within [low, high]."""
    aspect = extent.aspect()
    if low <= aspect <= high:
        return extent
    cx, cy = (extent.west + extent.east) / 2, (extent.south + extent.north) / 2
    half_w, half_h = (extent.east - extent.west) / 2, (extent.north - extent.south) / 2
    if aspect < low:
        half_w *= low / aspect
    else:
        half_h *= aspect / high
    return Extent(cx - half_w, cy - half_h, cx + half_w, cy + half_h)


def plan(
    places: Sequence[MapPlace],
    *,
    region: Extent,
    detail: Extent | None,
    context: Extent | None,
    width: float,
) -> tuple[list[PanelPlan], Layout]:
    """Split the places between the overview and the detail panel and size both."""
    shown = [p for p in places if region.contains(p.lon, p.lat)]
    inside = [p for p in shown if detail and detail.contains(p.lon, p.lat)]
    if detail is None or len(inside) < 2:
        extent = _fit_extent(shown, [], region, (1.5, 2.0))
        projection = geo.fit(extent, 0, 0, width)
        legend = Layout(x=0, y=0, width=width, height=0, columns=3)
        panel = PanelPlan(projection, shown)
        return [panel], legend
    outside = [p for p in shown if p not in inside]
    gap = 8.0
    detail_width = width * 0.6
    left_width = width - detail_width - gap
    detail_projection = geo.fit(detail, width - detail_width, 0, detail_width)
    height = detail_projection.height
    extras = [detail, context] if context else [detail]
    overview_extent = _fit_extent(outside, extras, region, (0.95, 1.25))
    overview = geo.fit(overview_extent, 0, 0, left_width)
    overview = geo.fit(overview_extent, 0, height - overview.height, left_width)
    legend = Layout(x=0, y=0, width=left_width, height=height - overview.height - gap, columns=1)
    panels = [
        PanelPlan(overview, outside, frame_of=detail),
        PanelPlan(detail_projection, inside),
    ]
    return panels, legend


def locator_map(
    places: Sequence[MapPlace],
    outlines: Sequence[Outline],
    *,
    region: Extent = REGION,
    detail: Extent | None = KARABAKH,
    context: Extent | None = CONTEXT,
    width: float = PAGE_WIDTH,
    focus: Sequence[str] = ("ARM", "AZE"),
    changed_hands_label: str = "Changed hands during the war",
) -> Drawing | None:
    """The map, or None when no place has coordinates inside `region` (never an empty map)."""
    ensure_fonts()
    if not map_drawable(places, region=region):
        return None
    panels, legend_layout = plan(places, region=region, detail=detail, context=context, width=width)
    keyed: list[tuple[int, str]] = []
    layers: list[Group] = []
    for panel in panels:
        group, keys = _render_panel(panel, outlines, focus, first_key=len(keyed) + 1)
        keyed += keys
        layers.append(group)
    shown = [p for panel in panels for p in panel.labelled]
    legend = draw_legend(
        legend_layout,
        points=any(p.kind == "point" and not p.changed_hands for p in shown),
        changed=any(p.changed_hands for p in shown),
        areas=any(p.kind == "area" for p in shown),
        detail=len(panels) > 1,
        keyed=keyed,
        changed_hands_label=changed_hands_label,
    )
    top = max(panel.frame.y1 for panel in panels)
    if len(panels) == 1:  # the legend goes under a single panel
        legend.transform = (1, 0, 0, 1, 0, -6)
    lowest = min(Group(legend).getBounds()[1], 0.0) if legend.contents else 0.0
    lift = -lowest + (2 if lowest < 0 else 0)  # grow the drawing down to fit a long key
    drawing = Drawing(width, top + lift)
    drawing.add(Group(*layers, legend, transform=(1, 0, 0, 1, 0, lift)))
    return drawing


def _render_panel(
    panel: PanelPlan, outlines: Sequence[Outline], focus: Sequence[str], *, first_key: int
) -> tuple[Group, list[tuple[int, str]]]:
    """Outlines, symbols and labels of one panel; returns the numbered-key entries it needed."""
    projection, frame = panel.projection, panel.frame
    group = Group()
    group.add(draw_outlines(outlines, projection, frame, focus))
    placer = Placer(frame.grown(-2))
    scale_bar = _scale_bar(projection, frame)
    group.add(scale_bar)
    x0, y0, x1, y1 = scale_bar.getBounds()
    placer.block(Box(x0, y0, x1, y1).grown(2))
    if panel.frame_of is not None:
        west, south = projection(panel.frame_of.west, panel.frame_of.south)
        east, north = projection(panel.frame_of.east, panel.frame_of.north)
        group.add(Rect(west, south, east - west, north - south, fillColor=None, strokeWidth=0.9))
        for edge in (
            Box(west, south, east, south),
            Box(west, north, east, north),
            Box(west, south, west, north),
            Box(east, south, east, north),
        ):
            placer.block(edge.grown(0.8))
    labels, keys = draw_panel(
        panel.labelled, projection, placer, size=LABEL_SIZE, first_key=first_key
    )
    group.add(labels)
    group.add(place_countries(outlines, projection, placer, frame))
    group.add(frame.rect(fillColor=None, strokeWidth=0.6))
    return group, keys


def _scale_bar(projection: Projection, frame: Box) -> Group:
    """A scale bar of a round number of kilometres, about a fifth of the panel wide."""
    km_per_point = 111.32 / projection.scale
    target = (frame.x1 - frame.x0) / 5 * km_per_point
    step = max(v for v in (10, 20, 25, 50, 100, 200, 250, 500) if v <= max(target, 10))
    length = step / km_per_point
    x, y = frame.x0 + 6, frame.y0 + 6
    group = Group()
    group.add(Line(x, y, x + length, y, strokeWidth=1.2))
    for tick in (x, x + length):
        group.add(Line(tick, y, tick, y + 3, strokeWidth=0.8))
    group.add(label(x + length + 3, y - 0.5, f"{step} km", size=6, font=SANS, halo=True))
    return group
