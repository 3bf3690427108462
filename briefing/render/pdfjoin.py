"""render: join the pieces of a briefing laid out in pieces into one PDF file.

The pieces (`pdfpiece.PiecePdf`) arrive with their objects already numbered apart and
serialized. The joiner writes what the whole file has once: the root of the page tree,
the catalog, the tag tree's root and parent tree, the outline, the name tree of
destinations, the document information, and each font, embedded with WeasyPrint's own
code and subset to what all pieces drew, as the whole layout would embed it. The
cross-reference stream lists the joiner's objects and each piece's range.
"""

from __future__ import annotations

import io
import zlib
from math import ceil, log
from typing import Any

import pydyf
from weasyprint.pdf.fonts import Font

from briefing.render.pdfpiece import (
    CATALOG,
    INFO,
    PARENT_TREE,
    ROOT_PAGES,
    STRIDE,
    STRUCT_DOCUMENT,
    STRUCT_ROOT,
    WEASYPRINT_FONTS,
    WEASYPRINT_OUTLINES,
    PiecePdf,
    object_stream,
    reference,
)


class _Own:
    """The joiner's own objects, numbered from `first`; also what WeasyPrint's outline and
    font writers need of a pydyf.PDF (numbering, page references, catalog)."""

    def __init__(self, first: int, page_references: list[bytes]) -> None:
        self.objects: list[Any] = []
        self.first = first
        self.page_references = page_references
        self.catalog: dict[str, Any] = {}

    def add_object(self, object_: Any) -> None:
        object_.number = self.first + len(self.objects)
        self.objects.append(object_)


class _SharedFont(Font):
    """A piece's `Font`, rebuilt from its record. Its HarfBuzz face stayed in the piece's
    process, so it is subset with fontTools, as every render subsets (see `weasyfix`)."""

    def __init__(self, record: dict[str, Any]) -> None:
        self.__dict__.update(record)

    def subset(self, to_unicode: dict[int, str], hinting: bool) -> None:
        if to_unicode:
            self._fonttools_subset(to_unicode, hinting)


def _fonts(pieces: list[PiecePdf], own: _Own) -> pydyf.Dictionary:
    """Each font the pieces drew with, embedded once with the glyphs of all of them."""
    fonts: dict[str, _SharedFont] = {}
    for piece in pieces:
        for record in piece.fonts:
            font = fonts.get(record["hash"])
            if font is None:
                fonts[record["hash"]] = _SharedFont(record)
            else:
                font.widths.update(record["widths"])
                font.to_unicode.update(record["to_unicode"])
    options = next((p.font_options for p in pieces if p.font_options), {})
    if not fonts:
        return pydyf.Dictionary()
    return WEASYPRINT_FONTS(own, fonts, True, True, options)


def join(pieces: list[PiecePdf]) -> bytes:
    """The joined PDF file: the pieces' pages in order, one catalog, outline and tag tree,
    and each font once."""
    pieces = sorted(pieces, key=lambda p: p.index)
    first = pieces[0]
    page_references = [reference(n) for p in pieces for n in p.page_numbers]
    fixed: dict[int, pydyf.Object] = {}

    def add(number: int, obj: pydyf.Object) -> None:
        obj.number = number
        fixed[number] = obj

    add(
        ROOT_PAGES,
        pydyf.Dictionary(
            {
                "Type": "/Pages",
                "Kids": pydyf.Array([reference(p.pages_node) for p in pieces]),
                "Count": sum(p.pages for p in pieces),
            }
        ),
    )
    catalog = pydyf.Dictionary({"Type": "/Catalog", "Pages": reference(ROOT_PAGES)})
    catalog.update(first.catalog)
    if any(p.struct_kids for p in pieces):
        nums = pydyf.Array()
        for piece in pieces:
            for key, value in piece.parent_tree:
                nums += [key, value]
        add(PARENT_TREE, pydyf.Dictionary({"Nums": nums}))
        kids = pydyf.Array(reference(n) for p in pieces for n in p.struct_kids)
        add(
            STRUCT_DOCUMENT,
            pydyf.Dictionary(
                {"Type": "/StructElem", "S": "/Document", "K": kids, "P": reference(STRUCT_ROOT)}
            ),
        )
        next_key = max((k for p in pieces for k, _ in p.parent_tree), default=-1) + 1
        add(
            STRUCT_ROOT,
            pydyf.Dictionary(
                {
                    "Type": "/StructTreeRoot",
                    "ParentTree": reference(PARENT_TREE),
                    "ParentTreeNextKey": next_key,
                    "K": pydyf.Array([reference(STRUCT_DOCUMENT)]),
                }
            ),
        )
        catalog["StructTreeRoot"] = reference(STRUCT_ROOT)
    dests = sorted((name, value) for p in pieces for name, value in p.dests)
    if dests:
        listed = pydyf.Array()
        for name, value in dests:
            listed += [pydyf.String(name), value]
        catalog["Names"] = pydyf.Dictionary({"Dests": pydyf.Dictionary({"Names": listed})})
    bookmarks = []
    offset = 0
    for piece in pieces:
        bookmarks += [_moved(mark, offset) for mark in piece.bookmarks]
        offset += piece.pages
    own = _Own(INFO + 1, page_references)
    WEASYPRINT_OUTLINES(own, bookmarks)
    if "Outlines" in own.catalog:
        catalog["Outlines"] = own.catalog["Outlines"]
    fonts = _fonts(pieces, own)
    for piece in pieces:  # every piece's resources name the same fonts
        add(piece.fonts_node, pydyf.Dictionary(fonts))
    add(CATALOG, catalog)
    if first.info:
        add(INFO, pydyf.Dictionary(first.info))
    for obj in own.objects:
        fixed[obj.number] = obj
    return _write(first.version, fixed, own.first + len(own.objects), pieces)


def _moved(mark: Any, offset: int) -> Any:
    """A bookmark subtree with its pages moved by `offset`."""
    label, (page, x, y), children, state = mark
    return (label, (page + offset, x, y), [_moved(c, offset) for c in children], state)


def _write(
    version: bytes, own: dict[int, pydyf.Object], free: int, pieces: list[PiecePdf]
) -> bytes:
    """Header, objects, cross-reference stream, trailer: the file pydyf would write.
    `own` are the joiner's objects (some at numbers of the pieces' ranges); `free` is the
    first number of its own range that none uses."""
    out = io.BytesIO()
    out.write(b"%PDF-" + version + b"\n%\xf0\x9f\x96\xa4\n")
    entries: dict[int, tuple[int, int, int]] = {0: (0, 0, 65535)}
    for piece in pieces:
        for number, data in piece.written:
            entries[number] = (1, out.tell(), 0)
            out.write(data + b"\n")
        for number, stream, position in piece.packed:
            entries[number] = (2, stream, position)
    for number in sorted(own):
        if not own[number].compressible:  # a stream: never inside an object stream
            entries[number] = (1, out.tell(), 0)
            out.write(own[number].indirect + b"\n")
    packed = [own[number] for number in sorted(own) if own[number].compressible]
    stream = object_stream(packed)
    stream.number = free
    entries.update((obj.number, (2, stream.number, i)) for i, obj in enumerate(packed))
    entries[stream.number] = (1, out.tell(), 0)
    out.write(stream.indirect + b"\n")
    xref_number = free + 1
    xref_position = out.tell()
    entries[xref_number] = (1, xref_position, 0)
    ranges = [(0, xref_number + 1)] + [
        ((p.index + 1) * STRIDE, p.last - (p.index + 1) * STRIDE + 1) for p in pieces
    ]
    widths = (1, max(3, ceil(log(xref_position + 1, 256))), 3)
    rows = bytearray()
    for start, count in ranges:
        for number in range(start, start + count):
            kind, second, third = entries.get(number, (0, 0, 0))
            for width, value in zip(widths, (kind, second, third), strict=True):
                rows += value.to_bytes(width, "big")
    index = pydyf.Array()
    for start, count in ranges:
        index += [start, count]
    extra = pydyf.Dictionary(
        {
            "Type": "/XRef",
            "Index": index,
            "W": pydyf.Array(widths),
            "Size": ranges[-1][0] + ranges[-1][1],
            "Root": reference(CATALOG),
            "Filter": "/FlateDecode",
        }
    )
    if INFO in own:
        extra["Info"] = reference(INFO)
    data = zlib.compress(bytes(rows), 9)
    extra["Length"] = len(data)
    out.write(f"{xref_number} 0 obj\n".encode() + extra.data + b"\nstream\n" + data)
    out.write(b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref_position)
    return out.getvalue()
