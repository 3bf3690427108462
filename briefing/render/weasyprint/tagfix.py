"""render (WeasyPrint, tagging): header cells say what they head; SVG figures get their description.

WeasyPrint 70's tagger (`weasyprint.pdf.tags._build_box_tree`) reads `<th scope>` only to
link data cells to their headers (`/Headers` on each `/TD`, `/ID` on each `/TH`); it never
writes `/Scope`, so a PDF/UA checker that looks at header cells finds nothing that says
whether each heads a column or a row. And an inline `<svg>` figure gets its `<title>` as
`/Alt`: for a chart that is its name ("Locator map"), not a description of what it shows.

Each element the tagger makes passes through here as it is made, with the box it came from:
a `/TH` gets `/Scope` (`/Row` for `scope="row"`, else `/Column`, the same reading WeasyPrint's
own header links use), and an SVG `/Figure` whose `<desc>` has text gets that text as `/Alt`
(the chart's alt text from its data: the same words as the HTML figure's `aria-label`).
Both apply only to the pinned tagger (`pinned()`), and only while a render runs
(`briefing.render.weasyprint.patch.weasyprint_fixes`).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint.pdf import tags

from briefing.render.weasyprint.pinning import source

_SVG = "{http://www.w3.org/2000/svg}"
_BUILD = tags._build_box_tree
_EXPECTED = (
    "cell.element.attrib.get('scope') == 'row'",
    "title_elem = box.element.find('{http://www.w3.org/2000/svg}title')",
    "element['A'] = pydyf.Dictionary({'O': '/Table'})",
)


def _build_box_tree(
    box: Any, parent: Any, pdf: Any, page_number: int, nums: Any, annotations: Any, marked: Any
) -> Iterator[Any]:
    """`_build_box_tree`, with each element it yields completed from its box (it recurses
    through the module's name, so every element of the tree passes here)."""
    for element in _BUILD(box, parent, pdf, page_number, nums, annotations, marked):
        _complete(box, element)
        yield element


def _complete(box: Any, element: Any) -> None:
    kind = element.get("S")
    html = getattr(box, "element", None)
    if html is None:
        return
    if kind == "/TH" and getattr(box, "element_tag", None) == "th":
        scope = "/Row" if html.attrib.get("scope") == "row" else "/Column"
        element["A"]["Scope"] = scope
    elif kind == "/Figure" and html.tag == f"{_SVG}svg":
        description = html.find(f"{_SVG}desc")
        text = "".join(description.itertext()).strip() if description is not None else ""
        if text:
            element["Alt"] = pydyf.String(text)


def pinned() -> bool:
    """Whether WeasyPrint's tagger is the code this was written against (and still lacks
    `/Scope`, which would make this unneeded)."""
    built = source(_BUILD)
    return all(line in built for line in _EXPECTED) and "'Scope'" not in built


def install() -> None:
    tags._build_box_tree = _build_box_tree


def uninstall() -> None:
    tags._build_box_tree = _BUILD
