"""render (ReportLab): a Document image as a flowable, from its checked bytes, scaled to fit.

PNG and JPEG go to ReportLab's own Image flowable from memory; SVG becomes a native
drawing through svglib. Nothing is fetched: load refused any SVG that refers outside
itself, and svglib is kept from asking fontconfig (a subprocess) about the fonts an SVG
names: unknown fonts fall back to ReportLab's own.
"""

from __future__ import annotations

import io

from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer

from briefing.assemble.document import Image as DocImage

PIXEL = 0.75
"""Points per CSS pixel, as WeasyPrint draws images: both engines give a picture one size."""


def picture(image: DocImage, max_width: float, max_height: float) -> Flowable:
    """The image at its own size, or smaller to fit `max_width` x `max_height` points."""
    width, height = image.width * PIXEL, image.height * PIXEL
    scale = min(1.0, max_width / width, max_height / height)
    if image.media_type == "image/svg+xml":
        drawn = svg_drawing(image.data)
        if drawn is None:  # load drew it already; a failure here is svglib's
            return Spacer(1, 1)
        factor = (width * scale) / drawn.width if drawn.width else scale
        drawn.scale(factor, factor)
        drawn.width, drawn.height = drawn.width * factor, drawn.height * factor
        drawn.hAlign = "CENTER"
        return KeepTogether([drawn])
    flowable = Image(io.BytesIO(image.data), width=width * scale, height=height * scale)
    flowable.hAlign = "CENTER"
    return flowable


def svg_drawing(data: bytes) -> Drawing | None:
    """An SVG's ReportLab drawing (None when svglib cannot read it)."""
    from svglib import fonts
    from svglib.svglib import svg2rlg

    fonts.FontMap.use_fontconfig = _no_fontconfig  # type: ignore[method-assign]
    try:
        return svg2rlg(io.BytesIO(data), resolve_entities=False)
    except Exception:  # svglib raises many kinds on odd SVG; load refuses what it cannot draw
        return None


def _no_fontconfig(self: object, *args: object, **kwargs: object) -> tuple[None, bool]:
    """svglib's font lookup runs `fc-match`: content never starts a process."""
    return None, False
