"""render (figures): a Drawing as self-contained SVG, for the HTML engine to inline.

ReportLab's SVG names a DTD on the web, an xlink namespace and an id'ed clip
path that would clash between two figures inlined in one page; all of that is
dropped. Fonts are named by family (`DejaVu Sans`) so WeasyPrint finds them;
`style` declarations become presentation attributes, which WeasyPrint reads
without warnings; text positions rounded to whole points by ReportLab are made
exact again. The result is checked to reference nothing outside itself.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree
from xml.sax.saxutils import escape

from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Drawing

from briefing.assemble.figures.style import SVG_FONTS

_ALLOWED_TAGS = frozenset(
    [
        "svg",
        "title",
        "desc",
        "g",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "clipPath",
        "defs",
    ]
)
_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.S)


def drawing_to_svg(
    drawing: Drawing, *, title: str | None = None, description: str | None = None
) -> str:
    """The drawing as an `<svg>` element sized in points, with `title` as its accessible name."""
    width, height = drawing.width, drawing.height
    svg = renderSVG.drawToString(
        drawing,
        useClip=True,
        fontHacks={name: dict(attrs) for name, attrs in SVG_FONTS.items()},
        svgAttrs={
            "width": f"{width:g}pt",
            "height": f"{height:g}pt",
            "viewBox": f"0 0 {width:g} {height:g}",
            "role": "img",
        },
    )
    svg = _PROLOG.sub("", svg)
    svg = svg.replace(' xmlns:xlink="http://www.w3.org/1999/xlink"', "")
    svg = re.sub(r' clip="[^"]*"', "", svg)
    svg = svg.replace(' id="group"', "")
    svg = svg.replace(f"translate(0,-{int(height)})", f"translate(0,-{height:g})", 1)
    svg = _TEXT_FLIP.sub(_exact_flip, svg)
    svg = _STYLE.sub(_attributes, svg)
    svg = svg.replace("<title>...</title>", f"<title>{escape(title or '')}</title>", 1)
    svg = svg.replace("<desc>...</desc>", f"<desc>{escape(description or '')}</desc>", 1)
    problem = external_reference(svg)
    if problem:
        raise ValueError(f"SVG would reference something outside itself: {problem!r}")
    return svg.strip() + "\n"


_STYLE = re.compile(r' style="([^"]*)"')
_TEXT_FLIP = re.compile(
    r'(<text x="[^"]*" y="([-0-9.e]+)"[^>]*?transform=")translate\(0,-?\d+\) scale\(1,-1\)"'
)


def _attributes(match: re.Match[str]) -> str:
    """`style="fill: red; stroke: none"` -> ` fill="red" stroke="none"`."""
    out = []
    for declaration in match.group(1).split(";"):
        name, _, value = declaration.partition(":")
        if name.strip() and value.strip():
            out.append(f' {name.strip()}="{escape(value.strip(), {chr(34): "&quot;"})}"')
    return "".join(out)


def _exact_flip(match: re.Match[str]) -> str:
    """ReportLab writes `translate(0, int(2y))`, moving text by up to a point; use 2y exactly."""
    y = float(match.group(2))
    return f'{match.group(1)}translate(0,{2 * y:.3f}) scale(1,-1)"'


def external_reference(svg: str) -> str | None:
    """The first element or attribute that could load something from outside the SVG, or None.

    Text content is not markup, so a place named `http://...` is no reference.
    """
    if "<!DOCTYPE" in svg or "<!ENTITY" in svg:
        return "a document type declaration"
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as error:
        return f"unparsable SVG ({error})"
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag not in _ALLOWED_TAGS:
            return f"<{tag}>"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if local in ("href", "src") or local.startswith("on"):
                return f"{local}={value!r}"
            if re.search(r"url\(\s*(?!#)", value) or "@import" in value:
                return f"{local}={value!r}"
    return None
