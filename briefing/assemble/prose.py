"""assemble: Markdown prose -> Document blocks, with raw HTML kept as text and links limited."""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from types import MappingProxyType

import markdown
from markdown.extensions.sane_lists import SaneListExtension
from markdown.treeprocessors import Treeprocessor

from briefing.assemble.document import (
    Block,
    Code,
    Emph,
    Heading,
    Image,
    Inline,
    Link,
    ListBlock,
    NoteRef,
    Paragraph,
    Quote,
    Strong,
    Text,
)
from briefing.load.images import Picture
from briefing.load.limits import MAX_NESTING

SAFE_LINK = re.compile(r"^(https?://|mailto:|#)[^\s]*$", re.I)
_MARK = re.compile("\ue000(\\d+)\ue001")
_STASH = re.compile("\x02[^\x03]*\x03")


class _Capture(Treeprocessor):
    """Keeps the finished element tree; we build blocks from it, never from HTML text."""

    root: ET.Element | None = None

    def run(self, root: ET.Element) -> None:
        self.root = root


@functools.cache
def _markdown() -> tuple[markdown.Markdown, _Capture]:
    """One converter per process, reset before each text: building one (its parser and
    patterns) cost more than converting a typical section."""
    # An instance, not the name "sane_lists": a name sends Markdown through the installed
    # packages' entry points, reading metadata files that the render sandbox need not open.
    md = markdown.Markdown(extensions=[SaneListExtension()])
    # Raw HTML and entities are kept as literal text: content is untrusted.
    md.preprocessors.deregister("html_block")
    for name in ("html", "entity", "automail"):
        md.inlinePatterns.deregister(name)
    capture = _Capture(md)
    md.treeprocessors.register(capture, "capture", -100)
    return md, capture


def heading_levels(markdown_text: str) -> list[int]:
    """The ATX heading levels a Markdown text uses, smallest first."""
    return sorted({len(m.group(1)) for m in re.finditer(r"^(#{1,6})\s", markdown_text, re.M)})


def markdown_blocks(
    text: str, note_for: Callable[[int], int], *, levels: Sequence[int] = ()
) -> list[Block]:
    """Markdown whose citation groups were replaced by `\\ue000i\\ue001` marks -> blocks.

    `note_for(i)` gives the note number of the i-th mark. The smallest heading
    level in `levels` (those of the whole section) becomes a level-2 heading,
    the next level 3; assemble numbers them.
    """
    md, capture = _markdown()
    md.reset()
    capture.root = None  # convert() skips the tree processors for blank text
    md.convert(text)
    root = capture.root
    if root is None:
        return []
    found = {int(el.tag[1]) for el in root if re.fullmatch(r"h[1-6]", el.tag)}
    levels = sorted(set(levels) | found)
    blocks: list[Block] = []
    for element in root:
        if re.fullmatch(r"h[1-6]", element.tag):
            depth = min(levels.index(int(element.tag[1])), 2)
            title = "".join(element.itertext()).strip()
            blocks.append(Heading(level=2 + depth, number="", title=title, anchor=""))
        else:
            blocks.extend(_block(element, note_for))
    return blocks


def inline_markdown(text: str, note_for: Callable[[int], int]) -> list[Inline]:
    """One paragraph of inline Markdown -> inlines."""
    blocks = markdown_blocks(text, note_for)
    inlines: list[Inline] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            if inlines:
                inlines.append(Text(text=" "))
            inlines.extend(block.inlines)
    return inlines


MAX_DEPTH = 2 * MAX_NESTING
"""Nesting kept in the Document: load refuses text nested past MAX_NESTING, so this only
guards the engines (their layout recurses) against a way round that check."""


_PICTURES: ContextVar[Mapping[str, Picture]] = ContextVar("pictures", default=MappingProxyType({}))
"""The images load read for the content being assembled, by path (see use_pictures)."""


def use_pictures(pictures: Mapping[str, Picture]) -> None:
    """The images Markdown may show in what is assembled next: only those load checked."""
    _PICTURES.set(pictures)


def image_node(picture: Picture, *, alt: str) -> Image:
    """A Document image from a picture load read and checked."""
    return Image(
        path=picture.path,
        media_type=picture.media_type,  # type: ignore[arg-type]
        data=picture.data,
        width=picture.width,
        height=picture.height,
        alt=alt,
    )


def _pictured(element: ET.Element, note_for: Callable[[int], int], depth: int) -> list[Block]:
    """A paragraph with images: each image a block of its own, the words around it kept."""
    blocks: list[Block] = []
    words = ET.Element("p")
    words.text = element.text
    for child in element:
        picture = _PICTURES.get().get(child.get("src", "")) if child.tag == "img" else None
        if picture is None:
            words.append(child)
            continue
        blocks.extend(_block(words, note_for, depth))
        blocks.append(image_node(picture, alt=child.get("alt", "")))
        words = ET.Element("p")
        words.text = child.tail
    return [*blocks, *_block(words, note_for, depth)]


def _block(element: ET.Element, note_for: Callable[[int], int], depth: int = 0) -> list[Block]:
    tag = element.tag
    if depth > MAX_DEPTH:
        return [Paragraph(inlines=[Text(text=" ".join("".join(element.itertext()).split()))])]
    if tag == "p" and any(child.tag == "img" for child in element):
        return _pictured(element, note_for, depth)
    if tag == "p":
        inlines = _inlines(element, note_for)
        return [Paragraph(inlines=inlines)] if inlines else []
    if tag in ("ul", "ol"):
        items = []
        for li in element:
            if len(li) and all(child.tag in ("p", "ul", "ol", "blockquote") for child in li):
                items.append([b for child in li for b in _block(child, note_for, depth + 1)])
            else:
                items.append([Paragraph(inlines=_inlines(li, note_for))])
        return [ListBlock(ordered=tag == "ol", items=items)]
    if tag == "blockquote":
        return [Quote(blocks=[b for child in element for b in _block(child, note_for, depth + 1)])]
    if tag in ("pre", "hr"):
        text = _unescape_code("".join(element.itertext()))
        return [Paragraph(inlines=[Code(text=text)])] if text.strip() else []
    return [Paragraph(inlines=_inlines(element, note_for))]


def _inlines(element: ET.Element, note_for: Callable[[int], int], depth: int = 0) -> list[Inline]:
    out: list[Inline] = []
    _text(element.text, out, note_for)
    for child in element:
        tag = child.tag
        if depth > MAX_DEPTH and tag in ("em", "i", "strong", "b", "a"):
            out.extend(_inlines(child, note_for, depth))  # its words, without the nesting
        elif tag in ("em", "i"):
            out.append(Emph(children=_inlines(child, note_for, depth + 1)))
        elif tag in ("strong", "b"):
            out.append(Strong(children=_inlines(child, note_for, depth + 1)))
        elif tag == "code":
            out.append(Code(text=_unescape_code("".join(child.itertext()))))
        elif tag == "a":
            href = child.get("href", "")
            children = _inlines(child, note_for, depth + 1)
            out.append(
                Link(href=href, children=children) if SAFE_LINK.match(href) else _plain(children)
            )
        elif tag == "br":
            out.append(Text(text="\n"))
        elif tag == "img":
            _text(child.get("alt", ""), out, note_for)
        else:
            out.extend(_inlines(child, note_for, depth))
        _text(child.tail, out, note_for)
    return _merge(out)


def _unescape_code(text: str) -> str:
    """The author's characters of a code span or block, exactly.

    Python-Markdown stores code already HTML-escaped (`&` as `&amp;`, `<` as `&lt;`) for
    its own serializer; the Document holds text that every engine escapes itself, so the
    escaping is undone here, once, `&amp;` last: `&amp;lt;` is the author's `&lt;`.
    """
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def _plain(children: list[Inline]) -> Inline:
    """An unsafe link keeps its words and loses its target."""
    text = "".join(c.text for c in children if isinstance(c, Text | Code))
    return Text(text=text)


def _text(text: str | None, out: list[Inline], note_for: Callable[[int], int]) -> None:
    if not text:
        return
    text = _STASH.sub("", text).replace("\n", " ")
    position = 0
    for match in _MARK.finditer(text):
        if match.start() > position:
            out.append(Text(text=text[position : match.start()]))
        out.append(NoteRef(number=note_for(int(match.group(1)))))
        position = match.end()
    if position < len(text):
        out.append(Text(text=text[position:]))


def _merge(inlines: list[Inline]) -> list[Inline]:
    """Join neighbouring text runs and drop the space before a note call."""
    merged: list[Inline] = []
    for item in inlines:
        if isinstance(item, NoteRef) and merged and isinstance(merged[-1], Text):
            stripped = merged[-1].text.rstrip()
            merged[-1] = Text(text=stripped)
            if not stripped:
                merged.pop()
        if isinstance(item, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(text=merged[-1].text + item.text)
        else:
            merged.append(item)
    if merged and isinstance(merged[0], Text):
        merged[0] = Text(text=merged[0].text.lstrip())
    if merged and isinstance(merged[-1], Text):
        merged[-1] = Text(text=merged[-1].text.rstrip())
    return [m for m in merged if not (isinstance(m, Text) and not m.text)]
