"""render: write a tagged PDF page by page, letting each page's layout go once it is drawn.

WeasyPrint 70 draws every page and only then tags them: `add_tags` walks each page's boxes
after the last page is drawn, so the whole layout stays in memory until the file is
written (N = 2,000: some 300-400 MiB in each of the two processes that lay out halves side
by side). Here each page is tagged as soon as it is drawn, by WeasyPrint's own
`_build_box_tree`, page after page as `add_tags` would; then its boxes are let go, and
`add_tags` does only what comes after the pages. The tag tree is the same; only the tags'
object numbers differ, since they follow their own page's objects instead of all pages'.

Layout leaves boxes and styles in reference cycles, so a page let go frees little until
the cycle collector runs. In a long document (`collecting`) it runs every `COLLECT_EVERY`
pages, and the heap it freed goes back to the system (glibc's `malloc_trim`), so that
memory falls as the pages are written; in a short one it would cost time (N = 400, 112
pages: about 1 s for two runs) to free little.

A page's drawing is also kept as one small bytes object per PDF operator until the file
is written; once the page is drawn, it is joined into one, the way pydyf joins it.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
from collections.abc import Iterator
from typing import Any

import pydyf
import weasyprint.document
import weasyprint.pdf
from weasyprint.pdf import tags

from briefing.render.weasyprint.pinning import has_source, source

COLLECT_EVERY = 50
"""Pages drawn between two runs of the cycle collector (N = 2,000: about 0.3 s each)."""
_collect_every: int | None = None
"""COLLECT_EVERY while `collecting` a long document's pages, else None: no runs."""

_PAINT = weasyprint.document.Page.paint
_ADD_FORMS = weasyprint.pdf.add_forms
_ADD_TAGS = weasyprint.pdf.add_tags
_ADD_TAGS_SHA256 = "f0e74575b0bafaf36458eaac27874e3b80457fba3694058153da514a68933f22"
_PAGE_LOOP = (
    "add_links(links_and_anchors, matrix, pdf, pdf_page, pdf_names, tags)",
    "add_forms(\n            page.forms, matrix, pdf, pdf_page, resources, stream,",
    "page.paint(stream, scale)",
    "add_outlines(pdf, document.make_bookmark_tree(scale, transform_pages=True))",
    "add_tags(pdf, document, options['pdf_version'], page_streams)",
)


def _malloc_trim() -> Any:
    try:
        return ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):  # not glibc
        return None


_TRIM = _malloc_trim()  # looked up now: a render child may not load libraries later


class _Tagging:
    """One PDF's tag tree while its pages are drawn."""

    def __init__(self, pdf: Any) -> None:
        self.mapping = pydyf.Dictionary({})
        pdf.add_object(self.mapping)
        self.root = pydyf.Dictionary(
            {"Type": "/StructTreeRoot", "ParentTree": self.mapping.reference}
        )
        pdf.add_object(self.root)
        self.document = pydyf.Dictionary(
            {"Type": "/StructElem", "S": "/Document", "K": pydyf.Array(), "P": self.root.reference}
        )
        pdf.add_object(self.document)
        self.root["K"] = pydyf.Array([self.document.reference])
        pdf.catalog["StructTreeRoot"] = self.root.reference
        self.mapping["Nums"] = pydyf.Array()
        self.annotations: list[Any] = []
        self.pages = 0

    def tag(self, pdf: Any, page_number: int, page_box: Any, marked: dict[Any, Any]) -> None:
        """`add_tags`'s work for one page: its elements, and its marks' parent entries."""
        if page_number != self.pages:
            raise RuntimeError(f"page {page_number + 1} drawn out of turn")
        self.mapping["Nums"].extend([page_number, pydyf.Array()])
        numbers: dict[int, Any] = {}
        elements = tags._build_box_tree(
            page_box, self.document, pdf, page_number, numbers, self.annotations, marked
        )
        self.document["K"].extend(element.reference for element in elements)
        if marked:
            raise RuntimeError(f"page {page_number + 1}: marked content without a tag")
        self.mapping["Nums"][-1].extend(reference for _, reference in sorted(numbers.items()))
        self.pages += 1


def _add_forms(
    forms: Any, matrix: Any, pdf: Any, pdf_page: Any, resources: Any, stream: Any, font_map: Any
) -> None:
    """`add_forms`, which is called with the page about to be drawn: note which it is."""
    _ADD_FORMS(forms, matrix, pdf, pdf_page, resources, stream, font_map)
    if "StructParents" in pdf_page:  # a tagged PDF
        stream._briefing_page = (pdf, pdf_page["StructParents"])


def _paint(page: Any, stream: Any, scale: float = 1) -> None:
    """`Page.paint`, then the page's operators joined, its tags made and its boxes let go."""
    if page._page_box is None:
        raise RuntimeError("this layout was written before: its pages were let go once drawn")
    _PAINT(page, stream, scale)
    stream.stream[:] = [b"\n".join(pydyf._to_bytes(item) for item in stream.stream)]
    drawn = stream.__dict__.pop("_briefing_page", None)
    if drawn is None:
        return
    pdf, page_number = drawn
    tagging = pdf.__dict__.get("_briefing_tagging") or _Tagging(pdf)
    pdf._briefing_tagging = tagging
    tagging.tag(pdf, page_number, page._page_box, stream._tags)
    page._page_box = None
    if _collect_every and (page_number + 1) % _collect_every == 0:
        gc.collect()
        if _TRIM is not None:
            _TRIM(0)


@contextlib.contextmanager
def collecting(long: bool) -> Iterator[None]:
    """While inside, a `long` document's pages are collected every `COLLECT_EVERY` drawn."""
    global _collect_every
    _collect_every = COLLECT_EVERY if long else None
    try:
        yield
    finally:
        _collect_every = None


def _add_tags(pdf: Any, document: Any, pdf_version: Any, page_streams: Any) -> None:
    """What `add_tags` does after the pages: pages were tagged as they were drawn."""
    tagging = pdf.__dict__.pop("_briefing_tagging", None)
    if tagging is None or tagging.pages != len(document.pages):
        raise RuntimeError("the pages were not all tagged as they were drawn")
    if str(pdf_version) >= "2.0":  # cast for bytes and None, as WeasyPrint does
        namespace = pydyf.Dictionary(
            {"Type": "/Namespace", "NS": pydyf.String("http://iso.org/pdf2/ssn")}
        )
        pdf.add_object(namespace)
        tagging.root["Namespaces"] = pydyf.Array([namespace.reference])
        tagging.document["NS"] = namespace.reference
    for number, (reference, annotation) in enumerate(
        tagging.annotations, start=len(document.pages)
    ):
        tagging.mapping["Nums"].extend([number, reference])
        annotation["StructParent"] = number
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    pdf.catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
    if "Lang" not in pdf.catalog:
        tags.LOGGER.error('Missing required "lang" attribute at the root of the document')
        pdf.catalog["Lang"] = pydyf.String()


def pinned() -> bool:
    """Whether WeasyPrint's PDF writing is the code this was written against."""
    writer = source(weasyprint.pdf.generate_pdf)
    at = [writer.find(call) for call in _PAGE_LOOP]
    return (
        -1 not in at
        and at == sorted(at)
        and all(writer.count(call) == 1 for call in _PAGE_LOOP)
        and has_source(_ADD_TAGS, _ADD_TAGS_SHA256)
    )


def install() -> None:
    """Draw, tag and let go page by page (only when `pinned()`)."""
    weasyprint.document.Page.paint = _paint
    weasyprint.pdf.add_forms = _add_forms
    weasyprint.pdf.add_tags = _add_tags


def uninstall() -> None:
    weasyprint.document.Page.paint = _PAINT
    weasyprint.pdf.add_forms = _ADD_FORMS
    weasyprint.pdf.add_tags = _ADD_TAGS
