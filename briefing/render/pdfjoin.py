"""render: join the PDFs that WeasyPrint writes for the pieces of one briefing into one file.

Each piece is laid out and written in a process of its own (see `weasysplit`). While a
piece is written, its PDF objects are numbered in a range of their own (piece i from
(i + 1) * STRIDE), so no reference needs rewriting when the pieces are put together; the
cross-reference stream lists each range as one subsection. WeasyPrint's `finisher` hook
hands over the piece's objects before its file would be written:

- its page-tree node becomes a child of the joined file's one root node;
- the top of its structure tree (PDF/UA tags) moves under the joined file's one Document
  element, and its parent-tree keys move into a range of their own;
- its named destinations, outline (bookmarks), catalog entries and metadata go to the
  joiner, which writes them once for the whole file;
- its fonts are not embedded: the piece sends what it drew with each (glyphs, widths), and
  the joiner embeds each font once, subset to what all pieces drew, with WeasyPrint's own
  code, as the whole layout would.

The object stream of each piece is built and compressed in the piece's own process.
"""

from __future__ import annotations

import contextlib
import inspect
import io
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from math import ceil, log
from typing import Any

import pydyf
import weasyprint.pdf
from weasyprint.pdf.fonts import Font

STRIDE = 1 << 20
"""Object numbers one piece may use: piece i numbers from (i + 1) * STRIDE; the joiner's
own objects come first, from 1. Three pieces stay under 8,388,607, the largest object
number that PDF 1.7 readers must accept."""
MAX_PIECES = 7
ROOT_PAGES, CATALOG, STRUCT_ROOT, STRUCT_DOCUMENT, PARENT_TREE, INFO = 1, 2, 3, 4, 5, 6
"""The joiner's own objects; pieces refer to the first and the fourth."""
_JOINED = ("Type", "Pages", "StructTreeRoot", "Names", "Outlines")
"""Catalog entries the joiner writes itself; a piece's other entries (language, marking,
metadata) are taken from the first piece."""


class JoinError(Exception):
    """A piece cannot be joined (too many objects, a feature the joiner does not carry)."""


@dataclass
class PiecePdf:
    """One piece's share of the joined file; picklable, it is sent between processes."""

    index: int
    pages: int
    version: bytes
    pages_node: int
    """Object number of the piece's page-tree node."""
    page_numbers: list[int] = field(default_factory=list)
    """Object numbers of its pages, in order."""
    written: list[tuple[int, bytes]] = field(default_factory=list)
    """Objects written as they are: streams and the piece's object stream, by number."""
    packed: list[tuple[int, int, int]] = field(default_factory=list)
    """(number, object stream, index in it) of every object inside the object stream."""
    last: int = 0
    """The piece's highest object number."""
    struct_kids: list[int] = field(default_factory=list)
    parent_tree: list[tuple[int, bytes]] = field(default_factory=list)
    dests: list[tuple[str, bytes]] = field(default_factory=list)
    bookmarks: list[Any] = field(default_factory=list)
    """WeasyPrint's bookmark tree: (label, (page, x, y), children, state), pages 0-based."""
    catalog: dict[str, bytes] = field(default_factory=dict)
    info: dict[str, bytes] = field(default_factory=dict)
    fonts_node: int = 0
    """Object number the piece's resources give for their fonts: the joiner writes there."""
    fonts: list[dict[str, Any]] = field(default_factory=list)
    """Each font the piece drew with: WeasyPrint's `Font` without its HarfBuzz handles."""
    font_options: dict[str, Any] = field(default_factory=dict)


class Captured(Exception):
    """Raised by the finisher with the piece, so that WeasyPrint does not write the file."""

    def __init__(self, piece: PiecePdf) -> None:
        super().__init__("piece captured")
        self.piece = piece


def _bytes(value: Any) -> bytes:
    """A PDF value's bytes, as pydyf writes it."""
    return pydyf._to_bytes(value)


def _number(reference: bytes) -> int:
    return int(reference.split()[0])


def _reference(number: int) -> bytes:
    return f"{number} 0 R".encode()


_ADD_OBJECT = pydyf.PDF.add_object
_ADD_OBJECT_SOURCE = """    def add_object(self, object_):
        \"\"\"Add object to the PDF.\"\"\"
        object_.number = len(self.objects)
        self.objects.append(object_)
"""
_ADD_OUTLINES = weasyprint.pdf.add_outlines
_FONTS = weasyprint.pdf.build_fonts_dictionary
"""WeasyPrint's own writers, which the joiner calls once for all pieces."""


def joinable() -> bool:
    """Whether the installed pydyf and WeasyPrint are the ones this joiner was written for."""
    try:
        return (
            inspect.getsource(_ADD_OBJECT) == _ADD_OBJECT_SOURCE
            and "add_outlines(pdf, document.make_bookmark_tree("
            in inspect.getsource(weasyprint.pdf.generate_pdf)
            and "pdf_fonts = build_fonts_dictionary("
            in inspect.getsource(weasyprint.pdf.generate_pdf)
        )
    except (OSError, TypeError):
        return False


@contextlib.contextmanager
def piece_writer(
    index: int, *, version: bytes, foreign: frozenset[str]
) -> Iterator[Callable[..., None]]:
    """While inside, WeasyPrint writes piece `index`; yields the `finisher` for `write_pdf`,
    which raises `Captured` with the piece instead of letting the file be written.

    `foreign` are anchors of other pieces that this piece links to: they were added to the
    piece's pages so that WeasyPrint keeps those links, and are left out of its names.
    """
    if not 0 <= index < MAX_PIECES:
        raise JoinError(f"piece {index}: at most {MAX_PIECES} pieces")
    base = (index + 1) * STRIDE
    bookmarks: list[Any] = []
    shared: list[dict[str, Any]] = []
    kept: dict[str, Any] = {}

    def add_object(pdf: Any, object_: Any) -> None:
        object_.number = base + len(pdf.objects)
        pdf.objects.append(object_)

    def add_outlines(pdf: Any, tree: list[Any], parent: Any = None) -> Any:
        bookmarks.extend(tree)  # the joiner writes one outline for all pieces
        return [], 0

    def build_fonts(
        pdf: Any, fonts: dict[Any, Any], compress: bool, subset: bool, options: dict[str, Any]
    ) -> Any:
        # The joiner embeds each font once, subset to what every piece drew with it.
        for font in fonts.values():
            if font.missing or font.bitmap or font.used_in_forms or not subset:
                raise JoinError(f"piece {index}: font {font.family} cannot be shared")
            shared.append({k: v for k, v in vars(font).items() if not k.startswith("hb_")})
        kept.update(hinting=options["hinting"], pdf_version=options["pdf_version"])
        return pydyf.Dictionary()  # stands for the joined file's fonts

    def finisher(document: Any, pdf: Any) -> None:
        piece = _capture(pdf, index, base, version, foreign, bookmarks)
        piece.fonts, piece.font_options = shared, kept
        raise Captured(piece)

    pydyf.PDF.add_object = add_object
    weasyprint.pdf.add_outlines = add_outlines
    weasyprint.pdf.build_fonts_dictionary = build_fonts
    try:
        yield finisher
    finally:
        pydyf.PDF.add_object = _ADD_OBJECT
        weasyprint.pdf.add_outlines = _ADD_OUTLINES
        weasyprint.pdf.build_fonts_dictionary = _FONTS


def _capture(
    pdf: Any, index: int, base: int, version: bytes, foreign: frozenset[str], bookmarks: list[Any]
) -> PiecePdf:
    """The piece's objects and what the joiner writes once for all pieces."""
    objects = pdf.objects
    catalog = pdf.catalog
    pages = [objects[_number(r) - base] for r in pdf.page_references]
    piece = PiecePdf(index, len(pages), version, pdf.pages.number, bookmarks=bookmarks)
    piece.page_numbers = [page.number for page in pages]
    pdf.pages["Parent"] = _reference(ROOT_PAGES)
    resources = objects[_number(pages[0]["Resources"]) - base]
    piece.fonts_node = _number(resources["Font"])
    skipped = {objects[0].number, catalog.number, piece.fonts_node}
    if index and "Metadata" in catalog:  # the joined file keeps the first piece's
        skipped.add(_number(catalog["Metadata"]))

    if "StructTreeRoot" in catalog:
        keys = index * STRIDE  # parent-tree keys of piece i: from i * STRIDE
        root = objects[_number(catalog["StructTreeRoot"]) - base]
        top = objects[_number(root["K"][0]) - base]
        mapping = objects[_number(root["ParentTree"]) - base]
        skipped |= {root.number, top.number, mapping.number}
        for kid in top["K"]:
            element = objects[_number(kid) - base]
            element["P"] = _reference(STRUCT_DOCUMENT)
            piece.struct_kids.append(element.number)
        for obj in objects:
            if isinstance(obj, pydyf.Dictionary):
                if "StructParents" in obj:
                    obj["StructParents"] += keys
                if "StructParent" in obj:
                    obj["StructParent"] += keys
        nums = mapping["Nums"]
        piece.parent_tree = [(nums[i] + keys, _bytes(nums[i + 1])) for i in range(0, len(nums), 2)]

    names = catalog.get("Names") or {}
    if set(names) - {"Dests"}:
        raise JoinError(f"piece {index}: cannot join names {sorted(set(names) - {'Dests'})}")
    if "AcroForm" in catalog:
        raise JoinError(f"piece {index}: cannot join forms")
    if "Dests" in names:
        listed = names["Dests"]["Names"]
        for i in range(0, len(listed), 2):
            name = listed[i].string
            if name not in foreign:
                piece.dests.append((name, _bytes(listed[i + 1])))
    piece.catalog = {key: _bytes(value) for key, value in catalog.items() if key not in _JOINED}
    piece.info = {key: _bytes(value) for key, value in pdf.info.items()}

    packed = []
    for obj in objects:
        if obj.free == "f" or obj.number in skipped:
            continue
        if obj.compressible:
            packed.append(obj)
        else:
            piece.written.append((obj.number, obj.indirect))
    if packed:
        stream = _object_stream(packed)
        pdf.add_object(stream)
        piece.written.append((stream.number, stream.indirect))
        piece.packed = [(obj.number, stream.number, i) for i, obj in enumerate(packed)]
    piece.last = objects[-1].number
    if piece.last - base >= STRIDE:
        raise JoinError(f"piece {index}: {len(objects)} objects, more than {STRIDE}")
    return piece


def _object_stream(objects: list[Any]) -> pydyf.Stream:
    """One compressed object stream holding `objects`, built as pydyf builds its own."""
    header: list[int] = []
    items: list[bytes] = []
    position = 0
    for obj in objects:
        data = obj.data
        header += [obj.number, position]
        items.append(data)
        position += len(data) + 1
    first = " ".join(str(i) for i in header).encode()
    extra = {"Type": "/ObjStm", "N": len(objects), "First": len(first) + 1}
    return pydyf.Stream([first, *items], extra, compress=True)


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
    """A piece's `Font`, rebuilt from its record: subset with fontTools, since its HarfBuzz
    face stayed in the piece's process."""

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
    return _FONTS(own, fonts, True, True, options)


def join(pieces: list[PiecePdf]) -> bytes:
    """The joined PDF file: the pieces' pages in order, one catalog, outline and tag tree,
    and each font once."""
    pieces = sorted(pieces, key=lambda p: p.index)
    first = pieces[0]
    page_references = [_reference(n) for p in pieces for n in p.page_numbers]
    fixed: dict[int, pydyf.Object] = {}

    def add(number: int, obj: pydyf.Object) -> None:
        obj.number = number
        fixed[number] = obj

    add(
        ROOT_PAGES,
        pydyf.Dictionary(
            {
                "Type": "/Pages",
                "Kids": pydyf.Array([_reference(p.pages_node) for p in pieces]),
                "Count": sum(p.pages for p in pieces),
            }
        ),
    )
    catalog = pydyf.Dictionary({"Type": "/Catalog", "Pages": _reference(ROOT_PAGES)})
    catalog.update(first.catalog)
    if any(p.struct_kids for p in pieces):
        nums = pydyf.Array()
        for piece in pieces:
            for key, value in piece.parent_tree:
                nums += [key, value]
        add(PARENT_TREE, pydyf.Dictionary({"Nums": nums}))
        kids = pydyf.Array(_reference(n) for p in pieces for n in p.struct_kids)
        add(
            STRUCT_DOCUMENT,
            pydyf.Dictionary(
                {"Type": "/StructElem", "S": "/Document", "K": kids, "P": _reference(STRUCT_ROOT)}
            ),
        )
        next_key = max((k for p in pieces for k, _ in p.parent_tree), default=-1) + 1
        add(
            STRUCT_ROOT,
            pydyf.Dictionary(
                {
                    "Type": "/StructTreeRoot",
                    "ParentTree": _reference(PARENT_TREE),
                    "ParentTreeNextKey": next_key,
                    "K": pydyf.Array([_reference(STRUCT_DOCUMENT)]),
                }
            ),
        )
        catalog["StructTreeRoot"] = _reference(STRUCT_ROOT)
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
    _ADD_OUTLINES(own, bookmarks)
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
    stream = _object_stream(packed)
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
            "Root": _reference(CATALOG),
            "Filter": "/FlateDecode",
        }
    )
    if INFO in own:
        extra["Info"] = _reference(INFO)
    data = zlib.compress(bytes(rows), 9)
    extra["Length"] = len(data)
    out.write(f"{xref_number} 0 obj\n".encode() + extra.data + b"\nstream\n" + data)
    out.write(b"\nendstream\nendobj\n")
    out.write(b"startxref\n%d\n%%%%EOF\n" % xref_position)
    return out.getvalue()
