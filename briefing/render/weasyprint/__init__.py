"""render: HTML + styles/print.css -> PDF bytes through WeasyPrint, sandboxed and self-checked."""

from __future__ import annotations

import contextlib
import gc
import logging
from pathlib import Path
from typing import Any

from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError

from briefing.assemble.document import Document
from briefing.errors import FootnotePlacementError, SandboxError
from briefing.render.html import print_html
from briefing.render.weasyprint import drawn as weasydrawn
from briefing.render.weasyprint.notecheck import Placement, misplaced, overfull, placements
from briefing.render.weasyprint.patch import weasyprint_fixes
from briefing.render.weasyprint.sandbox import SandboxFetcher
from briefing.resources import STYLES, TEMPLATES

log = logging.getLogger(__name__)

MAX_REPAIRS = 6
"""Re-renders allowed to move misplaced footnotes; each adds a page break or more."""
COLLECT_PAGES = 250
"""From this many pages, garbage is collected between layout and writing (0.7 s at 112
pages for 10 MB less peak memory; 3.5 s at 535 pages for 280 MB), and every
`drawn.COLLECT_EVERY` pages as they are written."""
_BLOCKS = {"p", "li", "tr", "blockquote", "h1", "h2", "h3", "h4", "div", "section"}
_FORCED_BREAK = "break-before: page"


class _SubsetAdvice(logging.Filter):
    """Drop WeasyPrint's per-font advice to install HarfBuzz-Subset.

    It is about the machine's libraries, not the briefing: fontTools subsets correctly and,
    with SOURCE_DATE_EPOCH set, reproducibly. Every other WeasyPrint warning still shows.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Using fontTools instead of HarfBuzz-Subset")


_WEASYPRINT_LOG = logging.getLogger("weasyprint")
if not any(isinstance(f, _SubsetAdvice) for f in _WEASYPRINT_LOG.filters):
    _WEASYPRINT_LOG.addFilter(_SubsetAdvice())


class WeasyRenderer:
    """The PDF engine: print HTML with footnotes, laid out by WeasyPrint, tagged (PDF/UA-1)."""

    name = "weasyprint"
    extension = "pdf"

    def __init__(
        self,
        *,
        content_dir: Path | None = None,
        max_repairs: int = MAX_REPAIRS,
        pdf_variant: str | None = "pdf/ua-1",
        fix_footnotes: bool = True,
    ) -> None:
        self.roots = (TEMPLATES, STYLES, *([content_dir] if content_dir else []))
        self.max_repairs = max_repairs
        self.pdf_variant = pdf_variant
        self.fix_footnotes = fix_footnotes
        """Render with patch.py's fixes (notes kept with their calls, note areas measured
        by sums, page references listed once); off only to test the check and repair."""
        self.pages: int | None = None
        """Pages of the last PDF."""
        self.repairs: list[str] = []
        """Notes moved by the last render, as `note N: ...` lines (for logs and tests)."""

    def render(self, document: Document) -> bytes:
        """The PDF file's bytes."""
        return self.render_html(print_html(document))

    def render_html(self, html: str) -> bytes:
        """Lay out `html` with notes kept beside their calls, check that they are, move any
        that are not by forcing page breaks, write the PDF."""
        fix = weasyprint_fixes() if self.fix_footnotes else contextlib.nullcontext()
        try:
            with fix:
                return self.write(self.layout(self.source(html)))
        except FatalURLFetchingError as exc:
            # FatalURLFetchingError is a BaseException: turn it into a rendering failure.
            cause = exc.__cause__ or exc
            raise SandboxError(str(cause)) from None

    def source(self, html: str) -> HTML:
        """`html` parsed for WeasyPrint, with the sandboxed fetcher."""
        fetcher = SandboxFetcher(self.roots)
        return HTML(string=html, base_url=STYLES.as_uri() + "/", url_fetcher=fetcher)

    def write(self, laid_out: Any) -> bytes:
        """The laid-out document's PDF."""
        long = len(laid_out.pages) >= COLLECT_PAGES
        if long:
            # Layout leaves over a million objects in reference cycles; collecting them
            # lets writing the PDF reuse that memory (N = 2,000: peak 1.40 -> 1.12 GiB).
            # Below this size the memory is small and the time is not.
            gc.collect()
        self.pages = len(laid_out.pages)
        with weasydrawn.collecting(long):
            return laid_out.write_pdf(**self.options())

    def options(self) -> dict[str, Any]:
        """WeasyPrint's options for rendering and writing."""
        if self.pdf_variant:
            return {"pdf_variant": self.pdf_variant}
        return {"pdf_tags": True}

    def layout(self, source: HTML) -> Any:
        """Render, check the notes, force breaks before the blocks of misplaced calls."""
        self.repairs = []
        parents = {child: parent for parent in source.etree_element.iter() for child in parent}
        forced: set[Any] = set()
        for attempt in range(self.max_repairs + 1):
            laid_out = source.render(**self.options())
            wrong = _stray_notes([p._page_box for p in laid_out.pages])
            if not wrong:
                log.debug("footnotes: all on their call's page (%d re-renders)", attempt)
                return laid_out
            if attempt == self.max_repairs:
                break
            earlier = set(forced)
            targets = set()
            for placement in wrong:
                self.repairs.append(placement.describe())
                block = _break_target(placement.key, parents, earlier)
                log.info(
                    "footnotes: %s; page break before <%s>",
                    placement.describe(),
                    getattr(block, "tag", None),
                )
                if block is not None:
                    targets.add(block)
            if not targets:
                break
            laid_out = None  # free this layout before the next one is built (peak memory)
            gc.collect()
            for block in targets:
                style = (block.get("style") or "").rstrip("; ")
                block.set("style", f"{style}; {_FORCED_BREAK}" if style else _FORCED_BREAK)
                forced.add(block)
        details = "; ".join(p.describe() for p in wrong)
        raise FootnotePlacementError(f"footnotes not on their call's page: {details}")


def _stray_notes(pages: list[Any]) -> list[Placement]:
    """The notes not on their call's page; an error for notes taller than their page."""
    if too_tall := overfull(pages):
        numbers = ", ".join(str(i + 1) for i in too_tall)
        raise FootnotePlacementError(
            f"footnotes taller than the page on page {numbers}: shorten the notes there"
        )
    return misplaced(placements(pages))


def _break_target(element: Any, parents: dict[Any, Any], forced: set[Any]) -> Any | None:
    """The block to break before: the call's nearest block, or an outer one when that block
    already has a forced break or cannot take one (a table's first row)."""
    block = _holding_block(element, parents)
    while block is not None and (block in forced or _first_row(block, parents)):
        block = _holding_block(block, parents)
    return block


def _first_row(block: Any, parents: dict[Any, Any]) -> bool:
    """A row that should not take the break: a table's first body row (the header would be
    left alone) or any row of a short table (which moves whole, so move the table)."""
    if block.tag != "tr":
        return False
    group = parents.get(block)
    wrapper = parents.get(parents.get(group))
    if wrapper is not None and "tbl-short" in (wrapper.get("class") or "").split():
        return True
    return group is not None and group.tag == "tbody" and next(iter(group), None) is block


def _holding_block(element: Any, parents: dict[Any, Any]) -> Any | None:
    """The nearest block around a note's call, where a page break can go."""
    current = parents.get(element)
    while current is not None:
        if current.tag in _BLOCKS:
            return current
        current = parents.get(current)
    return None
