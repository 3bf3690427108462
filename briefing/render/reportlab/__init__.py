"""render: Document -> PDF bytes with ReportLab platypus; needs nothing but pip.

The second engine, for machines without WeasyPrint's system libraries, and fast.
It relies on measured ReportLab 5.1 behaviour: the contents and "Page X of Y" come
from multiBuild passes (the first laid out, not drawn), long tables are LongTables,
footnotes are placed by a frame that knows each flowable's notes (footnotes.py), fonts
are checked per run (fonts.py).
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    PageBreak,
    PageTemplate,
    Paragraph,
)
from reportlab.platypus.doctemplate import ActionFlowable

from briefing.assemble.document import Document
from briefing.errors import RenderError
from briefing.render.reportlab.flowables import FlushNotes, Heading_, PageTotal, Para
from briefing.render.reportlab.fonts import Face, register_fonts
from briefing.render.reportlab.footnotes import DraftFrame, Footnotes, NoteFrame
from briefing.render.reportlab.markup import NOTE_CALLBACK, Markup
from briefing.render.reportlab.patch import reportlab_fixes
from briefing.render.reportlab.story import StoryBuilder
from briefing.render.reportlab.styles import NAVY, RULE, STYLES

log = logging.getLogger(__name__)

MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 24 * mm, 24 * mm, 22 * mm
MAX_PASSES = 8


def lock_down() -> None:
    """Reproducible bytes and no fetching: must run before any canvas exists."""
    rl_config.invariant = 1
    rl_config.trustedHosts = None  # no host is trusted: nothing is ever fetched
    rl_config.trustedSchemes = ["https", "http", "mailto"]


@dataclass
class Layout:
    """Where things landed in the final pass; tests and the self-check read it."""

    pages: int = 0
    passes: int = 0
    call_pages: dict[int, set[int]] = field(default_factory=dict)
    note_pages: dict[int, int] = field(default_factory=dict)
    continued: dict[int, list[int]] = field(default_factory=dict)
    heading_pages: dict[str, int] = field(default_factory=dict)


class BriefingDoc(BaseDocTemplate):
    """The document template: footnote state, outline, contents entries, page decorations."""

    draft_passes = 1
    """multiBuild passes laid out without drawing anything. The first pass is never the
    last (the page total is unknown until a pass has counted the pages, see PageTotal), so
    its pages are thrown away: drawing them was about a quarter of a build (N = 400)."""

    def __init__(self, buffer: io.BytesIO, *, notes: Footnotes, total: PageTotal, **kw: Any):
        super().__init__(buffer, **kw)
        self.notes = notes
        self.total = total
        self.heading_pages: dict[str, int] = {}
        self.outline_level = -1
        self.pass_number = 0
        self.draft = False

    def beforeDocument(self) -> None:
        """Each multiBuild pass starts from scratch on a fresh canvas."""
        self.pass_number += 1
        self.draft = self.pass_number <= self.draft_passes
        self.notes.reset()
        self.heading_pages = {}
        self.outline_level = -1
        self.canv.setNamedCB(NOTE_CALLBACK, self.notes.on_call)
        self.canv.showOutline()

    def beforePage(self) -> None:
        """Continued notes claim the foot of the new page before any body text."""
        frame = self.pageTemplate.frames[0]
        if isinstance(frame, NoteFrame):
            self.notes.start_page(frame, self.page)

    def afterPage(self) -> None:
        """Draw the page's notes at its foot (not in a draft); count pages for "of Y"."""
        frame = self.pageTemplate.frames[0]
        if isinstance(frame, NoteFrame):
            if self.draft:
                self.notes.let_go()
            else:
                self.notes.draw(self.canv, frame)
        self.total.actual = self.page

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        """Pages full of continued notes, and notes still continuing at the end, get pages."""
        first = flowables[0]
        full = isinstance(getattr(self, "frame", None), NoteFrame) and self.notes.full
        if isinstance(first, ActionFlowable | PageBreak) or flowables is self._hanging:
            full = False
        if full or (isinstance(first, FlushNotes) and self.notes.carry):
            self.handle_frameEnd()
            return
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:
        """Headings become outline entries and, when the Document lists them, contents lines."""
        if not isinstance(flowable, Heading_) or not hasattr(flowable, "outline"):
            return
        level, title, key, toc_level = flowable.outline
        level = min(level, self.outline_level + 1)
        self.outline_level = level
        self.canv.addOutlineEntry(title, key, level=level, closed=level > 0)
        self.heading_pages[key] = self.page
        if toc_level is not None:
            self.notify("TOCEntry", (toc_level, flowable.toc_text, self.page, key))


class ReportLabRenderer:
    """The ReportLab engine: platypus flowables, footnotes at the foot of their page."""

    name = "reportlab"
    extension = "pdf"
    young_collections = 10_000
    """Allocations between young garbage collections in the render child. The build's
    50,000 leaves ReportLab 16 MB more at its peak (N = 2,000: 287 -> 271 MB here) for no
    speed; WeasyPrint is 5% faster with 50,000."""

    def __init__(self, *, content_dir: Path | None = None) -> None:
        self.content_dir = content_dir
        self.layout = Layout()

    @property
    def pages(self) -> int:
        """Pages of the last PDF."""
        return self.layout.pages

    def render(self, document: Document) -> bytes:
        """The whole PDF; raises when a glyph is missing or a note left its call's page."""
        lock_down()
        cmaps = register_fonts()
        size = A4 if document.meta.page_size == "A4" else LETTER
        width = size[0] - 2 * MARGIN_X
        markup = Markup(cmaps)
        notes_markup = Markup(cmaps, calls=False)
        note_style = STYLES["note"]

        def make_note(number: int) -> Paragraph:
            inlines = document.notes[number - 1].inlines
            return Para(
                notes_markup.inlines(inlines, note_style.face),
                note_style.para,
                bulletText=str(number),
            )

        notes = Footnotes(make_note=make_note, width=width, rule_colour=RULE)
        total = PageTotal()
        buffer = io.BytesIO()
        meta = document.meta
        doc = BriefingDoc(
            buffer,
            notes=notes,
            total=total,
            pagesize=size,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=meta.title,
            author=meta.prepared_by,
            subject=meta.subtitle or meta.short_title,
            keywords=list(meta.keywords),
            creator="briefing-builder (ReportLab engine)",
            lang=meta.language,
            initialFontName=Face("sans").name(),  # else each page starts by selecting Helvetica
            invariant=1,
        )
        decor = _Decorations(document, markup, size)
        body = NoteFrame(
            MARGIN_X, MARGIN_BOTTOM, width, size[1] - MARGIN_TOP - MARGIN_BOTTOM, id="body",
            leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
        )  # fmt: skip
        body.notes = notes
        body.page = lambda: doc.page
        cover = DraftFrame(MARGIN_X, MARGIN_BOTTOM, width, size[1] - 2 * MARGIN_TOP, id="cover")
        templates = [
            PageTemplate("cover", [cover], onPage=decor.cover),
            PageTemplate("body", [body], onPage=decor.body),
        ]
        # The brief has a title block, not a cover page: its first page is a body page.
        doc.addPageTemplates(templates[::-1] if document.edition == "brief" else templates)
        builder = StoryBuilder(document, markup, width, body._aH)
        story = builder.story([total])
        story.append(FlushNotes())
        with reportlab_fixes():  # right-to-left text copies as its letters
            passes = doc.multiBuild(story, maxPasses=MAX_PASSES)
        if passes <= doc.draft_passes:
            raise RenderError(f"ReportLab stopped after {passes} passes, all drafts: nothing drawn")
        notes.verify(note.number for note in document.notes)
        self.layout = Layout(
            pages=total.actual,
            passes=passes,
            call_pages={k: set(v) for k, v in notes.call_pages.items()},
            note_pages=dict(notes.note_pages),
            continued={k: list(v) for k, v in notes.continued.items()},
            heading_pages=dict(doc.heading_pages),
        )
        log.info("reportlab: %d pages in %d passes", total.actual, passes)
        return buffer.getvalue()


class _Decorations:
    """Cover banners, running header and footer, drawn as each page begins."""

    def __init__(self, document: Document, markup: Markup, size: tuple[float, float]) -> None:
        meta = document.meta
        self.size = size
        self.marking = Paragraph(
            markup.text(meta.marking, STYLES["marking"].face), STYLES["marking"].para
        )
        self.cover_marking = Paragraph(
            markup.text(meta.marking, STYLES["cover_marking"].face), STYLES["cover_marking"].para
        )
        self.title = Paragraph(markup.text(meta.short_title, Face("sans")), STYLES["running"].para)
        self.as_of = Paragraph(
            markup.text(document.labels.running_date, Face("sans")), STYLES["running"].para
        )
        self.page_of = document.labels.page_of
        self.page_face = STYLES["running_right"]
        self.markup = markup

    def _at(self, canvas: Canvas, flowable: Flowable, x: float, y: float, width: float) -> None:
        height = flowable.wrap(width, 100)[1]
        flowable.drawOn(canvas, x, y - height)

    def cover(self, canvas: Canvas, doc: BriefingDoc) -> None:
        """Marking above and below, a navy band at the top edge."""
        if doc.draft:
            return
        width, height = self.size
        canvas.saveState()
        canvas.setFillColor(NAVY)
        canvas.rect(0, height - 9 * mm, width, 9 * mm, stroke=0, fill=1)
        canvas.restoreState()
        self._at(canvas, self.cover_marking, MARGIN_X, height - 14 * mm, width - 2 * MARGIN_X)
        self._at(canvas, self.cover_marking, MARGIN_X, 16 * mm, width - 2 * MARGIN_X)

    def body(self, canvas: Canvas, doc: BriefingDoc) -> None:
        """Short title and marking on top; as-of date and "Page X of Y" below."""
        if doc.draft:
            return
        width, height = self.size
        inner = width - 2 * MARGIN_X
        top = height - MARGIN_TOP + 9 * mm
        self._at(canvas, self.title, MARGIN_X, top, inner * 0.7)
        self._at(canvas, self.marking, MARGIN_X + inner * 0.3, top, inner * 0.7)
        foot = MARGIN_BOTTOM - 7 * mm
        self._at(canvas, self.as_of, MARGIN_X, foot, inner * 0.6)
        label = self.page_of.format(page=doc.page, pages=doc.total.printed or "?")
        number = Paragraph(self.markup.text(label, Face("sans")), self.page_face.para)
        self._at(canvas, number, MARGIN_X + inner * 0.4, foot, inner * 0.6)
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN_X, top - 11, width - MARGIN_X, top - 11)
        canvas.line(MARGIN_X, foot + 3, width - MARGIN_X, foot + 3)
        canvas.restoreState()
