"""render (figures): drawings made once with reportlab.graphics and shared by both engines.

The ReportLab engine places each `Drawing` as a flowable; the HTML engine
inlines `drawing_to_svg(drawing)`. Every chart function returns None when it
has nothing to draw, so a figure is omitted rather than drawn empty.
"""

from __future__ import annotations

from briefing.charts.axes import DateMarker
from briefing.charts.claims import Claim, claims_alt_text, claims_chart
from briefing.charts.geo import Extent, Outline, load_outlines
from briefing.charts.map import (
    KARABAKH,
    REGION,
    MapPlace,
    locator_map,
    map_alt_text,
    off_map,
    place_names,
)
from briefing.charts.style import PAGE_WIDTH
from briefing.charts.svg import drawing_to_svg, external_reference
from briefing.charts.timeline import (
    CATEGORIES,
    WAR_END,
    WAR_START,
    TimelineEvent,
    timeline_alt_text,
    timeline_chart,
)

__all__ = [
    "CATEGORIES",
    "KARABAKH",
    "PAGE_WIDTH",
    "REGION",
    "WAR_END",
    "WAR_START",
    "Claim",
    "DateMarker",
    "Extent",
    "MapPlace",
    "Outline",
    "TimelineEvent",
    "claims_alt_text",
    "claims_chart",
    "drawing_to_svg",
    "external_reference",
    "load_outlines",
    "locator_map",
    "map_alt_text",
    "off_map",
    "place_names",
    "timeline_alt_text",
    "timeline_chart",
]
