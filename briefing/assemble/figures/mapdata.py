"""assemble (figures): what the locator map is drawn from besides its places, without the
drawing library: the view, the marks' kinds and the content's own layers."""

from __future__ import annotations

from dataclasses import dataclass

from briefing.assemble.figures.geo import Window
from briefing.load.geo import Ring


@dataclass(frozen=True)
class MapView:
    """Where the map looks: the projection's centre, the overview and the larger-scale detail."""

    lon: float
    lat: float
    overview: Window
    """The whole map (or its overview, beside a detail), in kilometres from the centre."""
    detail: Window | None = None
    """The crowded part drawn again at a larger scale; None for a single panel."""
    inset: Window | None = None
    """A small map of the wider area, in a corner of a single panel, that shows where the
    map lies; None with a detail (the overview does that) or when there is no land to show."""
    corner: str = "ne"
    """The panel's corner the inset takes (`ne`, `nw` or `se`): one no place is near."""


@dataclass(frozen=True)
class MarkKind:
    """A kind of mark that some drawn place carries: one symbol and one legend line each."""

    id: str
    label: str
    """The content's label, in the briefing's language."""


@dataclass(frozen=True)
class MapLayer:
    """A content layer: an area or a line drawn over the outlines, with its legend text."""

    id: str
    label: str
    as_of: str = ""
    """The date it shows, written out in the briefing's language; empty when undated."""
    polygons: tuple[tuple[Ring, ...], ...] = ()
    lines: tuple[Ring, ...] = ()
