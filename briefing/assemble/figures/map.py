"""render (figures): the locator map, every drawn place plotted from its coordinates.

The view (`mapplan`) is centred on the places wherever they are on Earth. Where places
crowd, a larger-scale detail sits beside an overview that frames it; otherwise one panel
takes the width, with the legend under it. Outlines, the content's layers, symbols and
labels are drawn in that order; labels never cross a border, a layer's line or the frame.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Group, Line

from briefing.assemble.figures import geo
from briefing.assemble.figures.clip import borders, clip_degrees, clip_lines, clip_outlines, on_page
from briefing.assemble.figures.data import MapPlace
from briefing.assemble.figures.geo import Projection, Window
from briefing.assemble.figures.labels import Box
from briefing.assemble.figures.mapdata import MapLayer, MapView, MarkKind
from briefing.assemble.figures.mapinset import locator_inset
from briefing.assemble.figures.maplayers import (
    draw_inset,
    draw_layers,
    draw_outlines,
    place_countries,
)
from briefing.assemble.figures.maplegend import Layout, draw_legend, legend_entries
from briefing.assemble.figures.mapplaces import MapPlacer, draw_panel
from briefing.assemble.figures.mapplan import holding, plan_view, view_bounds
from briefing.assemble.figures.mapwords import map_drawable
from briefing.assemble.figures.style import PAGE_WIDTH, SANS, ensure_fonts, label
from briefing.i18n import words
from briefing.load.geo import Outline, Point

LABEL_SIZE = 6.8
"""Smallest comfortable size at print; labels shrink below it only as a last resort."""
GAP = 8.0
"""Points between the overview and the detail."""


@dataclass
class PanelPlan:
    """One map panel: its projection and the places it labels."""

    projection: Projection
    labelled: list[MapPlace]
    frame_of: Window | None = None
    """The detail panel's window, drawn as a rectangle on the overview."""

    @property
    def frame(self) -> Box:
        """The panel's outline on the page."""
        p = self.projection
        return Box(p.x, p.y, p.x + p.width, p.y + p.height)


def plan(
    places: Sequence[MapPlace], view: MapView, *, width: float
) -> tuple[list[PanelPlan], Layout]:
    """The panels on the page (and which places each labels), and where the legend goes."""
    if view.detail is None:
        projection = geo.fit(view.lon, view.lat, view.overview, 0, 0, width)
        return [PanelPlan(projection, list(places))], Layout(0, -6, width, 0, columns=3)
    detail = view.detail
    inside = [p for p in places if detail.contains(geo.forward(view.lon, view.lat, p.lon, p.lat))]
    outside = [p for p in places if p not in inside]
    detail_width = width * 0.6
    left_width = width - detail_width - GAP
    zoomed = geo.fit(view.lon, view.lat, detail, width - detail_width, 0, detail_width)
    height = zoomed.height
    overview = geo.fit(view.lon, view.lat, view.overview, 0, 0, left_width)
    overview = geo.fit(view.lon, view.lat, view.overview, 0, height - overview.height, left_width)
    legend = Layout(0, 0, left_width, height - overview.height - GAP, columns=1)
    return [PanelPlan(overview, outside, frame_of=detail), PanelPlan(zoomed, inside)], legend


def locator_map(
    places: Sequence[MapPlace],
    outlines: Sequence[Outline],
    *,
    view: MapView | None = None,
    layers: Sequence[MapLayer] = (),
    kinds: Sequence[MarkKind] = (),
    inset: Sequence[Outline] = (),
    language: str = "en",
    width: float = PAGE_WIDTH,
) -> Drawing | None:
    """The map, or None when no place can be drawn (never an empty map).

    Without a `view`, one is planned from the places (as assemble does); `kinds` are the
    marks' kinds the places carry, in legend order; `inset` the outlines of the locator
    inset, thinned to its scale."""
    ensure_fonts()
    if view is None:
        extras = [p for layer in layers for p in _vertices(layer)]
        view, places = plan_view(places, extras=extras, outlines=outlines)
        if view is not None:
            view, inset = locator_inset(outlines, view, places, world=True)
    if view is None or not map_drawable(places):
        return None
    box = view_bounds(view)
    outlines = clip_outlines(outlines, box)
    layers = [
        MapLayer(
            layer.id,
            layer.label,
            layer.as_of,
            tuple(
                tuple(r for r in rings if r)
                for polygon in layer.polygons
                for rings in [[clip_degrees(ring, box) for ring in polygon]]
                if rings[0]
            ),
            tuple(clip_lines(layer.lines, box)),
        )
        for layer in layers
    ]
    focus = _focus(outlines, places)
    shared = borders(outlines)
    panels, legend_layout = plan(places, view, width=width)
    keyed: list[tuple[int, str]] = []
    drawn: list[Group] = []
    shows_inset = False
    for panel in panels:
        group, keys, has_inset = _render_panel(
            panel,
            outlines,
            layers,
            shared,
            focus=focus,
            kinds=[k.id for k in kinds],
            first_key=len(keyed) + 1,
            language=language,
            inset=(view, inset) if view.inset is not None and inset else None,
        )
        keyed += keys
        drawn.append(group)
        shows_inset = shows_inset or has_inset
    entries = legend_entries(
        places,
        kinds=kinds,
        layers=layers,
        detail=len(panels) > 1,
        inset=shows_inset,
        keyed=keyed,
        language=language,
    )
    legend = draw_legend(legend_layout, entries)
    top = max(panel.frame.y1 for panel in panels)
    lowest = min(Group(legend).getBounds()[1], 0.0) if legend.contents else 0.0
    lift = -lowest + (2 if lowest < 0 else 0)  # grow the drawing down to fit a long legend
    drawing = Drawing(width, top + lift)
    drawing.add(Group(*drawn, legend, transform=(1, 0, 0, 1, 0, lift)))
    return drawing


def _focus(outlines: Sequence[Outline], places: Sequence[MapPlace]) -> set[str]:
    """The countries drawn lighter: those holding three places or an eighth of them (a
    border town or two whose coordinates fall across the line do not make a neighbour one)."""
    held: dict[str, int] = {}
    for (index, _), count in holding(outlines, [(p.lon, p.lat) for p in places]).items():
        held[outlines[index].iso_a3] = held.get(outlines[index].iso_a3, 0) + count
    return {code for code, count in held.items() if count >= 3 or 8 * count >= len(places)}


def _vertices(layer: MapLayer) -> list[Point]:
    return [p for line in layer.lines for p in line] + [
        p for polygon in layer.polygons for p in polygon[0]
    ]


def _render_panel(
    panel: PanelPlan,
    outlines: Sequence[Outline],
    layers: Sequence[MapLayer],
    shared: Sequence[tuple[Point, Point]],
    *,
    focus: set[str],
    kinds: Sequence[str],
    first_key: int,
    language: str,
    inset: tuple[MapView, Sequence[Outline]] | None = None,
) -> tuple[Group, list[tuple[int, str]], bool]:
    """Outlines, layers, symbols and labels of one panel (and the locator inset, where a
    corner is free); returns the numbered-key entries and whether the inset is drawn."""
    projection, frame = panel.projection, panel.frame
    group = Group()
    group.add(draw_outlines(outlines, projection, frame, focus))
    drawn_layers, layer_lines = draw_layers(layers, projection, frame)
    group.add(drawn_layers)
    box = (frame.x0, frame.y0, frame.x1, frame.y1)
    placer = MapPlacer(frame.grown(-2), [*on_page(shared, projection, box), *layer_lines])
    if inset is not None:
        corner = draw_inset(inset[1], inset[0], projection)
        group.add(corner)
        x0, y0, x1, y1 = corner.getBounds()
        placer.block(Box(x0, y0, x1, y1).grown(2))
    points = [projection(p.lon, p.lat) for p in panel.labelled]
    scale_bar = _place_scale_bar(_scale_bar(projection, frame, language), frame, placer, points)
    group.add(scale_bar)
    x0, y0, x1, y1 = scale_bar.getBounds()
    placer.block(Box(x0, y0, x1, y1).grown(2))
    if panel.frame_of is not None:
        w = panel.frame_of
        (west, south), (east, north) = projection.plane(w.x0, w.y0), projection.plane(w.x1, w.y1)
        group.add(Box(west, south, east, north).rect(fillColor=None, strokeWidth=0.9))
        for edge in (
            Box(west, south, east, south),
            Box(west, north, east, north),
            Box(west, south, west, north),
            Box(east, south, east, north),
        ):
            placer.block(edge.grown(0.8))
    labels, keys = draw_panel(
        panel.labelled, projection, placer, kinds=kinds, size=LABEL_SIZE, first_key=first_key
    )
    group.add(labels)
    group.add(place_countries(outlines, projection, placer, frame))
    group.add(frame.rect(fillColor=None, strokeWidth=0.6))
    return group, keys, inset is not None


STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000)
"""Round distances a scale bar may show, in kilometres."""


def _scale_bar(projection: Projection, frame: Box, language: str) -> Group:
    """A scale bar of a round number of kilometres, about a fifth of the panel wide (true at
    the map's centre, and within 1% anywhere on a map a few hundred kilometres across)."""
    km_per_point = 1 / projection.scale
    target = (frame.x1 - frame.x0) / 5 * km_per_point
    step = max([v for v in STEPS if v <= target] or [STEPS[0]])
    length = step / km_per_point
    x, y = 0.0, 0.0
    group = Group()
    group.add(Line(x, y, x + length, y, strokeWidth=1.2))
    for tick in (x, x + length):
        group.add(Line(tick, y, tick, y + 3, strokeWidth=0.8))
    w = words(language)
    text = w.gettext("{distance} km").format(distance=w.number(step))
    group.add(label(x + length + 3, y - 0.5, text, size=6, font=SANS, halo=True))
    return group


def _place_scale_bar(bar: Group, frame: Box, placer: MapPlacer, points: Sequence[Point]) -> Group:
    """The scale bar in the first corner where it crosses no border or line and covers no
    place (bottom left, bottom right, top left, top right), else bottom left."""
    x0, y0, x1, y1 = bar.getBounds()
    w, h = x1 - x0, y1 - y0
    spots = [
        (frame.x0 + 6, frame.y0 + 6),
        (frame.x1 - 6 - w, frame.y0 + 6),
        (frame.x0 + 6, frame.y1 - 6 - h),
        (frame.x1 - 6 - w, frame.y1 - 6 - h),
    ]
    for left, bottom in spots:
        box = Box(left, bottom, left + w, bottom + h).grown(1.5)
        clear = not placer.crosses_line(box) and not any(box.overlaps(t) for t in placer.taken)
        if clear and not any(box.x0 < x < box.x1 and box.y0 < y < box.y1 for x, y in points):
            break
    else:
        left, bottom = spots[0]
    bar.transform = (1, 0, 0, 1, left - x0, bottom - y0)
    return bar
