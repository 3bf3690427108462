"""render (figures): drawings made once with reportlab.graphics and shared by both engines.

The ReportLab engine places each `Drawing` as a flowable; the HTML engine
inlines `drawing_to_svg(drawing)`. Every chart function returns None when it
has nothing to draw, so a figure is omitted rather than drawn empty.

The names below load their module on first use: loading and checking content
need only `data` and `geo`, assembling them `words` as well, and neither pays for the
drawing library.
"""

from __future__ import annotations

import importlib
from typing import Any

_HOMES = {
    "data": ("Claim", "DateMarker", "MapPlace", "TimelineEvent", "place_names"),
    "geo": ("Extent", "Outline", "load_outlines"),
    "claims": ("claims_chart",),
    "map": ("KARABAKH", "locator_map"),
    "style": ("PAGE_WIDTH",),
    "svg": ("drawing_to_svg", "external_reference"),
    "timeline": ("timeline_chart",),
    "words": (
        "CATEGORIES",
        "REGION",
        "WAR_END",
        "WAR_START",
        "claims_alt_text",
        "drawable",
        "map_alt_text",
        "off_map",
        "timeline_alt_text",
    ),
}
_MODULE_OF = {name: module for module, names in _HOMES.items() for name in names}

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value  # later lookups skip this function
    return value
