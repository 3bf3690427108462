"""render: one piece's share of a joined PDF, taken while WeasyPrint writes it.

A piece of a briefing laid out in pieces (see `weasysplit`) is written in a process of
its own. While it is written, its PDF objects are numbered in a range of their own (piece
i from (i + 1) * STRIDE), so no reference needs rewriting when `pdfjoin` puts the pieces
together, and WeasyPrint's `finisher` hook hands the piece over before its file would be
written:

- its page-tree node becomes a child of the joined file's one root node;
- the top of its structure tree (PDF/UA tags) moves under the joined file's one Document
  element, and its parent-tree keys move into a range of their own;
- its named destinations, outline (bookmarks), catalog entries and metadata are kept for
  the joiner, which writes them once for the whole file;
- its fonts are not embedded: the piece keeps what it drew with each (glyphs, widths),
  and the joiner embeds each font once.

Its objects and its object stream are serialized and compressed in its own process.
"""

from __future__ import annotations

import contextlib
import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pydyf
import weasyprint.pdf

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


def reference(number: int) -> bytes:
    """A PDF reference to object `number`."""
    return f"{number} 0 R".encode()


_ADD_OBJECT = pydyf.PDF.add_object
_ADD_OBJECT_SOURCE = """    def add_object(self, object_):
        \"\"\"Add object to the PDF.\"\"\"
        object_.number = len(self.objects)
        self.objects.append(object_)
"""
WEASYPRINT_OUTLINES = weasyprint.pdf.add_outlines
WEASYPRINT_FONTS = weasyprint.pdf.build_fonts_dictionary
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
        weasyprint.pdf.add_outlines = WEASYPRINT_OUTLINES
        weasyprint.pdf.build_fonts_dictionary = WEASYPRINT_FONTS


def _capture(
    pdf: Any, index: int, base: int, version: bytes, foreign: frozenset[str], bookmarks: list[Any]
) -> PiecePdf:
    """The piece's objects and what the joiner writes once for all pieces."""
    objects = pdf.objects
    catalog = pdf.catalog
    pages = [objects[_number(r) - base] for r in pdf.page_references]
    piece = PiecePdf(index, len(pages), version, pdf.pages.number, bookmarks=bookmarks)
    piece.page_numbers = [page.number for page in pages]
    pdf.pages["Parent"] = reference(ROOT_PAGES)
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
            element["P"] = reference(STRUCT_DOCUMENT)
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
        stream = object_stream(packed)
        pdf.add_object(stream)
        piece.written.append((stream.number, stream.indirect))
        piece.packed = [(obj.number, stream.number, i) for i, obj in enumerate(packed)]
    piece.last = objects[-1].number
    if piece.last - base >= STRIDE:
        raise JoinError(f"piece {index}: {len(objects)} objects, more than {STRIDE}")
    return piece


def object_stream(objects: list[Any]) -> pydyf.Stream:
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
