"""render (figures): fonts, sizes, colours, markers and dash patterns shared by every chart.

Series are told apart by marker shape and dash pattern as well as colour, so a
chart still reads when printed in greyscale or seen with colour blindness.
"""

from __future__ import annotations

import shutil
import subprocess
from functools import cache
from pathlib import Path

from reportlab.graphics.shapes import Circle, Group, Line, Polygon, Rect, Shape, String
from reportlab.lib.attrmap import AttrMap, AttrMapValue
from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.units import cm
from reportlab.lib.validators import OneOf, isColorOrNone, isNumber
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

PAGE_WIDTH = 16 * cm
"""Width every drawing is made for: the text block of an A4 page with 2.5 cm margins."""

SANS = "DejaVuSans"
SANS_BOLD = "DejaVuSans-Bold"
SANS_OBLIQUE = "DejaVuSans-Oblique"
_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    SANS_OBLIQUE: "DejaVuSans-Oblique.ttf",
}
_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)
SVG_FONTS = {
    SANS: {"family": "DejaVu Sans"},
    SANS_BOLD: {"family": "DejaVu Sans", "weight": "bold"},
    SANS_OBLIQUE: {"family": "DejaVu Sans", "style": "oblique"},
}
"""How the SVG names each registered face, so WeasyPrint finds the same font by family."""

INK = HexColor("#222222")
GREY = HexColor("#6b6b6b")
RULE = HexColor("#b8b8b8")
PALETTE = [
    HexColor("#0072B2"),  # blue (Okabe-Ito, safe for colour-blind readers)
    HexColor("#D55E00"),  # vermillion
    HexColor("#009E73"),  # bluish green
    HexColor("#CC79A7"),  # reddish purple
    HexColor("#E69F00"),  # orange
    HexColor("#000000"),  # black
    HexColor("#56B4E9"),  # sky blue
]
MARKERS = ["circle", "square", "triangle", "diamond", "triangle-down", "cross", "plus"]
DASHES: list[list[float] | None] = [
    None,
    [4, 2],
    [1, 1.6],
    [6, 1.6, 1, 1.6],
    [2.4, 2.4],
    [9, 2.5],
    [1, 1.6, 1, 1.6, 4, 1.6],
]


def _find(file_name: str) -> Path:
    for folder in _DIRS:
        if (folder / file_name).is_file():
            return folder / file_name
    if shutil.which("fc-match"):
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", file_name.removesuffix(".ttf")],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        if found.endswith(file_name):
            return Path(found)
    raise RuntimeError(f"font {file_name} not found; install fonts-dejavu")


@cache
def ensure_fonts() -> None:
    """Register DejaVu Sans once: Helvetica has no Ə, ş or ğ and would draw boxes."""
    registered = set(pdfmetrics.getRegisteredFontNames())
    for name, file_name in _FILES.items():
        if name not in registered:  # the ReportLab engine may have registered it already
            pdfmetrics.registerFont(TTFont(name, str(_find(file_name))))


def text_width(text: str, font: str, size: float) -> float:
    """Width of `text` in points, as the PDF and the SVG draw it."""
    ensure_fonts()
    return pdfmetrics.stringWidth(text, font, size)


def text_extent(font: str, size: float) -> tuple[float, float]:
    """Ascent above and descent below the baseline (both positive), in points."""
    ensure_fonts()
    ascent, descent = pdfmetrics.getAscentDescent(font, size)
    return ascent, -descent


class OutlinedString(String):
    """A String that carries its own stroke, so a white outline (a halo) can be drawn under text."""

    _attrMap = AttrMap(
        BASE=String,
        strokeColor=AttrMapValue(isColorOrNone),
        strokeWidth=AttrMapValue(isNumber),
        strokeLineJoin=AttrMapValue(OneOf(0, 1, 2)),
    )


def label(
    x: float,
    y: float,
    text: str,
    *,
    size: float = 7,
    font: str = SANS,
    color: Color = INK,
    anchor: str = "start",
    halo: bool = False,
) -> Group:
    """A string; with `halo`, a white outline first so it reads over borders and lines."""
    ensure_fonts()
    group = Group()
    if halo:
        group.add(
            OutlinedString(
                x,
                y,
                text,
                fontName=font,
                fontSize=size,
                textAnchor=anchor,
                fillColor=None,
                strokeColor=white,
                strokeWidth=1.8,
                strokeLineJoin=1,
                textRenderMode=1,
            )
        )
    group.add(String(x, y, text, fontName=font, fontSize=size, fillColor=color, textAnchor=anchor))
    return group


def marker(
    kind: str, x: float, y: float, size: float, color: Color, *, hollow: bool = False
) -> Shape:
    """One point symbol of about `size` points across."""
    r = size / 2
    fill = white if hollow else color
    common = {"strokeColor": color, "strokeWidth": 0.8, "fillColor": fill}
    if kind == "circle":
        return Circle(x, y, r, **common)
    if kind == "square":
        return Rect(x - r * 0.9, y - r * 0.9, r * 1.8, r * 1.8, **common)
    if kind in ("triangle", "triangle-down"):
        s = 1 if kind == "triangle" else -1
        points = [x - r * 1.1, y - s * r * 0.8, x + r * 1.1, y - s * r * 0.8, x, y + s * r * 1.2]
        return Polygon(points, **common)
    if kind == "diamond":
        return Polygon(
            [x, y - r * 1.25, x + r * 1.05, y, x, y + r * 1.25, x - r * 1.05, y], **common
        )
    group = Group()
    if kind == "cross":
        group.add(Line(x - r, y - r, x + r, y + r, strokeColor=color, strokeWidth=1.3))
        group.add(Line(x - r, y + r, x + r, y - r, strokeColor=color, strokeWidth=1.3))
    else:  # plus
        group.add(Line(x - r * 1.2, y, x + r * 1.2, y, strokeColor=color, strokeWidth=1.3))
        group.add(Line(x, y - r * 1.2, x, y + r * 1.2, strokeColor=color, strokeWidth=1.3))
    return group


def series_style(index: int) -> tuple[Color, str, list[float] | None]:
    """Colour, marker and dash pattern of the `index`-th series; shape and dash never repeat first."""
    return (
        PALETTE[index % len(PALETTE)],
        MARKERS[index % len(MARKERS)],
        DASHES[index % len(DASHES)],
    )


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """Greedy word wrap to `width` points; a word longer than the line stands alone."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and text_width(trial, font, size) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines
