"""render (ReportLab): Document blocks -> platypus flowables (cover, judgments, parts, tables).

It only prints what assemble computed: numbers, labels, order and notes come from
the Document; this module chooses styles and widths, nothing else.
"""

from __future__ import annotations

import copy
import re

from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.platypus.flowables import HRFlowable
from reportlab.platypus.tableofcontents import TableOfContents

from briefing.assemble.document import (
    Block,
    Chart,
    Document,
    Heading,
    Inline,
    ListBlock,
    Part,
    Quote,
    Text,
)
from briefing.assemble.document import Image as DocImage
from briefing.assemble.document import Paragraph as DocParagraph
from briefing.assemble.document import Table as DocTable
from briefing.assemble.figures.draw import drawing
from briefing.render.reportlab.flowables import BriefingTable, Heading_, KeepTableStart, Para
from briefing.render.reportlab.markup import Markup, esc
from briefing.render.reportlab.pictures import picture
from briefing.render.reportlab.styles import NAVY, STYLES, Style, plain_table_style, table_style

EN_SPACE = "\u2002"


def safe_key(anchor: str) -> str:
    """A bookmark name that is safe inside markup attributes and PDF names."""
    return re.sub(r"[^A-Za-z0-9_.-]", "_", anchor) or "_"


class StoryBuilder:
    """Builds the whole story for one Document."""

    def __init__(
        self, document: Document, markup: Markup, width: float, frame_height: float
    ) -> None:
        self.document = document
        self.markup = markup
        self.width = width
        self.frame_height = frame_height
        self.toc_anchors = {entry.anchor: entry.level for entry in document.toc}

    def para(
        self, inlines: list[Inline], style: str, *, bullet: str | None = None, indent: float = 0
    ) -> Paragraph:
        """A Paragraph of Document inlines in one of the STYLES, indented for lists."""
        chosen = STYLES[style]
        para_style = chosen.para
        if indent:
            para_style = para_style.clone(
                f"{style}-{indent:g}",
                leftIndent=para_style.leftIndent + indent,
                bulletIndent=para_style.leftIndent + indent - 12,
                spaceAfter=min(para_style.spaceAfter, 3),
            )
        return Para(self.markup.inlines(inlines, chosen.face), para_style, bulletText=bullet)

    def text(self, text: str, style: str) -> Paragraph:
        """A Paragraph of plain text."""
        return self.para([Text(text=text)], style)

    def heading(
        self, label: str, title: str, anchor: str, style: str, level: int
    ) -> list[Flowable]:
        """A heading with its bookmark; it goes into the contents when the Document says so."""
        chosen: Style = STYLES[style]
        key = safe_key(anchor)
        shown = f"{label}{EN_SPACE}{title}" if label else title
        markup = f'<a name="{esc(key)}"/>' + self.markup.text(shown, chosen.face)
        paragraph = Heading_(markup, chosen.para)
        toc_level = self.toc_anchors.get(anchor)
        paragraph.outline = (
            level,
            f"{label} {title}".strip(),
            key,
            None if toc_level is None else toc_level - 1,
        )
        paragraph.toc_text = self.toc_text(label, title, 0 if toc_level is None else toc_level - 1)
        return [CondPageBreak(chosen.para.leading * 2 + 60), paragraph]

    def toc_text(self, label: str, title: str, level: int) -> str:
        """Contents-line markup (TableOfContents puts it into a Paragraph as it is)."""
        shown = f"{label}{EN_SPACE}{title}" if label else title
        return self.markup.text(shown, STYLES[f"toc{min(level, 1)}"].face)

    def story(self, first: list[Flowable]) -> list[Flowable]:
        """Cover, key judgments, contents, parts."""
        labels = self.document.labels
        brief = self.document.edition == "brief"
        out: list[Flowable] = [*first, *self.cover(compact=brief)]
        if not brief:
            out += [NextPageTemplate("body"), PageBreak()]
        if self.document.summary:
            summary = Part(
                kind="section",
                number="",
                label="",
                title=labels.summary,
                anchor="summary",
                blocks=self.document.summary,
            )
            out += [*self.part(summary), PageBreak()]
        if self.document.key_judgments:
            out += self.heading("", labels.key_judgments, "key-judgments", "h1", 0)
            for number, judgment in enumerate(self.document.key_judgments, start=1):
                out.append(self.para(judgment.inlines, "judgment", bullet=f"{number}."))
            out.append(PageBreak())
        if self.document.toc:
            out += self.heading("", labels.contents, "contents", "h1", 0)
            toc = TableOfContents(
                levelStyles=[STYLES["toc0"].para, STYLES["toc1"].para],
                dotsMinLevel=0,
                rightColumnWidth=36,
                tableStyle=plain_table_style(),
            )
            # Pre-size the contents so the first pass already gives it its final length;
            # multiBuild then needs two passes, not three.
            toc._entries = [
                (e.level - 1, self.toc_text(e.label, e.title, e.level - 1), 0, safe_key(e.anchor))
                for e in self.document.toc
            ]
            out.append(toc)
        for part in self.document.parts:
            if part.new_page:
                out.append(PageBreak())
            out += self.part(part)
        return out

    def cover(self, *, compact: bool = False) -> list[Flowable]:
        """Title page: what it is, as of when, by whom; `compact`: the brief's title block."""
        meta = self.document.meta
        rows = [
            [self.text(row.label.upper(), "cover_label"), self.text(row.value, "cover_value")]
            for row in meta.cover
        ]
        table = Table(
            rows or [[""]],
            colWidths=[32 * mm, self.width - 32 * mm],
            style=plain_table_style(
                ("VALIGN", (0, 0), (-1, -1), "BASELINE"), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)
            ),
        )
        logo = [picture(meta.logo, 50 * mm, 25 * mm)] if meta.logo else []
        return [
            *logo,
            Spacer(1, 4 * mm if compact else 38 * mm),
            self.text(self.document.labels.kicker.upper(), "cover_kicker"),
            self.text(meta.title, "cover_title"),
            self.text(meta.subtitle, "cover_subtitle") if meta.subtitle else Spacer(1, 12),
            HRFlowable(width="100%", thickness=1.2, color=NAVY, spaceAfter=14),
            *([table] if rows else []),
        ]

    def part(self, part: Part) -> list[Flowable]:
        """A numbered section or a lettered annex."""
        out = self.heading(part.label, part.title, part.anchor, "h1", 0)
        for block in part.blocks:
            out += self.block(block, part=part)
        return out

    def block(
        self, block: Block, *, part: Part, indent: float = 0, quoted: bool = False
    ) -> list[Flowable]:
        """One Document block; lists and quotes recurse with a deeper indent."""
        if isinstance(block, DocParagraph):
            style = "quote" if quoted else block.style
            return [self.para(block.inlines, style, indent=indent)]
        if isinstance(block, Heading):
            style = "h2" if block.level <= 2 else "h3"
            return self.heading(block.number, block.title, block.anchor, style, block.level - 1)
        if isinstance(block, ListBlock):
            return self.list_block(block, part=part, indent=indent, quoted=quoted)
        if isinstance(block, Quote):
            out: list[Flowable] = []
            for inner in block.blocks:
                out += self.block(inner, part=part, indent=indent, quoted=True)
            return out
        if isinstance(block, DocTable):
            return self.table(block, part=part)
        if isinstance(block, Chart):
            return self.chart(block)
        if isinstance(block, DocImage):
            return [picture(block, self.width - indent, self.frame_height * 0.6), Spacer(1, 8)]
        raise TypeError(f"unknown block {type(block).__name__}")

    def list_block(
        self, block: ListBlock, *, part: Part, indent: float, quoted: bool
    ) -> list[Flowable]:
        """Items as indented paragraphs with a bullet or number on the first."""
        out: list[Flowable] = []
        for number, item in enumerate(block.items, start=1):
            bullet = f"{number}." if block.ordered else "\u2022"
            for index, inner in enumerate(item):
                if isinstance(inner, DocParagraph):
                    first = bullet if index == 0 else None
                    style = "quote" if quoted else inner.style
                    out.append(self.para(inner.inlines, style, bullet=first, indent=indent + 16))
                else:
                    out += self.block(inner, part=part, indent=indent + 16, quoted=quoted)
        return out

    def table(self, table: DocTable, *, part: Part) -> list[Flowable]:
        """Title, a LongTable with a repeated header, the caption underneath."""
        out: list[Flowable] = []
        end = self.document.labels.label_end
        title = f"{table.label}{end} {table.title}" if table.label else table.title
        heading = None
        if title and title != part.title:
            anchor = f'<a name="{esc(safe_key(table.anchor))}"/>'
            face = STYLES["table_title"].face
            heading = Para(anchor + self.markup.text(title, face), STYLES["table_title"].para)
            out.append(heading)
        header = [
            self.text(column, self.cell_style(table, index, header=True))
            for index, column in enumerate(table.columns)
        ]
        rows = [
            [self.para(cell, self.cell_style(table, index)) for index, cell in enumerate(row.cells)]
            for row in table.rows
        ]
        widths = [fraction * self.width for fraction in table.widths]
        long_table = BriefingTable(
            [header, *rows],
            colWidths=widths,
            repeatRows=1,
            splitInRow=1,
            style=table_style(table.variant, len(table.columns)),
            hAlign="LEFT",
        )
        long_table.tall_row = self.frame_height * 0.4
        out.insert(0, KeepTableStart(heading, long_table, self.frame_height * 0.4))
        out.append(long_table)
        if table.caption:
            out.append(self.para(table.caption, "caption"))
        else:
            out.append(Spacer(1, 8))
        return out

    def chart(self, figure: Chart) -> list[Flowable]:
        """Title, the shared drawing scaled to the frame, the caption with its note."""
        drawn = drawing(figure)
        if drawn is None:
            return []
        if drawn.width > self.width:
            # A copy: the drawing is shared with the SVG and with later builds (--watch).
            scale = self.width / drawn.width
            drawn = copy.copy(drawn)
            drawn.scale(scale, scale)
            drawn.width, drawn.height = drawn.width * scale, drawn.height * scale
        anchor = f'<a name="{esc(safe_key(figure.anchor))}"/>'
        face = STYLES["table_title"].face
        title = f"{figure.label}{self.document.labels.label_end} {figure.title}"
        heading = Para(anchor + self.markup.text(title, face), STYLES["table_title"].para)
        return [
            KeepTogether([heading, drawn]),
            self.para(figure.caption, "caption"),
        ]

    @staticmethod
    def cell_style(table: DocTable, index: int, *, header: bool = False) -> str:
        """The key column (a grade) bold and centred, as the Document says; the glossary's
        terms stand out."""
        key = index == table.key_column
        if header:
            dark = "" if table.variant in {"table", "claims"} else "_light"
            return f"th{dark}{'_center' if key else ''}"
        if key:
            return "cell_key"
        if table.variant == "glossary" and index == 0:
            return "cell_strong"
        return "cell"
