"""render (ReportLab): the briefing's look: paragraph styles, table styles, colours.

A sober think-tank look (CRS, Crisis Group): serif body, sans headings and tables,
one dark blue accent, hairline rules instead of boxes.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib.colors import Color, HexColor, white
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import TableStyle

from briefing.render.palette import PALETTE
from briefing.render.reportlab.fonts import Face

NAVY = HexColor(PALETTE["navy"])
INK = HexColor(PALETTE["ink"])
GREY = HexColor(PALETTE["grey"])
RULE = HexColor(PALETTE["rule"])
PALE = HexColor(PALETTE["pale"])
STRIPE = HexColor(PALETTE["stripe"])
MARKING = HexColor(PALETTE["marking"])


@dataclass(frozen=True)
class Style:
    """A paragraph style and the face its text runs start from."""

    para: ParagraphStyle
    face: Face


def _style(name: str, face: Face, size: float, leading: float, **extra: object) -> Style:
    para = ParagraphStyle(
        name,
        fontName=face.name(),
        fontSize=size,
        leading=leading,
        textColor=extra.pop("textColor", INK),
        bulletFontName=Face(face.family).name(),
        **extra,
    )
    return Style(para, face)


SERIF, SANS = Face("serif"), Face("sans")
SERIF_I, SANS_B = Face("serif", italic=True), Face("sans", bold=True)

STYLES: dict[str, Style] = {
    "body": _style("body", SERIF, 9.5, 13.6, spaceAfter=6),
    "judgment": _style(
        "judgment",
        SERIF,
        10.2,
        14.6,
        spaceAfter=9,
        leftIndent=16,
        bulletIndent=0,
        bulletColor=NAVY,
        bulletFontSize=9,
    ),
    "caption": _style(
        "caption", Face("sans", italic=True), 7.4, 9.6, textColor=GREY, spaceBefore=3, spaceAfter=10
    ),
    "small": _style("small", SERIF_I, 8.4, 11.4, textColor=GREY, spaceAfter=8),
    "quote": _style(
        "quote", SERIF, 9, 12.8, leftIndent=20, rightIndent=20, textColor=GREY, spaceAfter=6
    ),
    "h1": _style("h1", SANS_B, 14.5, 18, textColor=NAVY, spaceBefore=16, spaceAfter=9),
    "h2": _style("h2", SANS_B, 11, 14, textColor=NAVY, spaceBefore=11, spaceAfter=4),
    "h3": _style("h3", Face("sans", True, True), 9.6, 12.5, spaceBefore=8, spaceAfter=3),
    "table_title": _style(
        "table_title", SANS_B, 8.4, 11, textColor=NAVY, spaceBefore=9, spaceAfter=4
    ),
    "cell": _style("cell", SANS, 7.5, 9.4),
    "cell_key": _style("cell_key", SANS_B, 7.5, 9.4, alignment=TA_CENTER),
    "cell_strong": _style("cell_strong", SANS_B, 7.5, 9.4, textColor=NAVY),
    "th": _style("th", SANS_B, 7.5, 9.4, textColor=white),
    "th_light": _style("th_light", SANS_B, 7.5, 9.4, textColor=NAVY),
    "th_center": _style("th_center", SANS_B, 7.5, 9.4, textColor=white, alignment=TA_CENTER),
    "th_light_center": _style(
        "th_light_center", SANS_B, 7.5, 9.4, textColor=NAVY, alignment=TA_CENTER
    ),
    "note": _style("note", SERIF, 7.3, 9.2, leftIndent=15, bulletIndent=0, bulletFontSize=7.3),
    "running": _style("running", SANS, 7, 9, textColor=GREY),
    "running_right": _style("running_right", SANS, 7, 9, textColor=GREY, alignment=TA_RIGHT),
    "marking": _style("marking", SANS_B, 7.5, 9, textColor=MARKING, alignment=TA_RIGHT),
    "cover_marking": _style(
        "cover_marking", SANS_B, 10, 12, textColor=MARKING, alignment=TA_CENTER
    ),
    "cover_kicker": _style("cover_kicker", SANS_B, 9, 12, textColor=GREY, spaceAfter=14),
    "cover_title": _style(
        "cover_title", Face("serif", True), 25, 30, textColor=NAVY, spaceAfter=12
    ),
    "cover_subtitle": _style("cover_subtitle", SERIF_I, 13.5, 18, textColor=GREY, spaceAfter=26),
    "cover_label": _style("cover_label", SANS_B, 8, 11, textColor=GREY),
    "cover_value": _style("cover_value", SERIF, 10, 13),
    "toc0": _style("toc0", SANS_B, 9.6, 13, spaceBefore=3, alignment=TA_LEFT),
    "toc1": _style("toc1", SERIF, 9.2, 12.5, leftIndent=22),
}

DARK_HEADER = {"table", "claims"}


def table_style(variant: str, columns: int) -> TableStyle:
    """Hairline rows, a header band, stripes where rows are many and short."""
    dark = variant in DARK_HEADER
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS.name(), 7.5),  # else Table selects Helvetica
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3.2),
        ("BACKGROUND", (0, 0), (-1, 0), NAVY if dark else PALE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.9, NAVY),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, NAVY),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("LINEBELOW", (0, -1), (-1, -1), 0.8, NAVY),
    ]
    if variant in {"chronology", "claims", "sources", "places"}:
        commands.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), [white, STRIPE]))
    return TableStyle(commands)


def plain_table_style(*commands: tuple[object, ...]) -> TableStyle:
    """A layout-only table (cover, contents): no rules, our font."""
    return TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), SANS.name(), 7.5),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            *commands,
        ]
    )


def rule_colour() -> Color:
    """The colour of hairlines (footnote rule, running header and footer)."""
    return RULE
