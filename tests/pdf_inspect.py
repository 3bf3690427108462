"""What a published PDF must never carry: embedded files, scripts, launch actions, forms, file links."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    TextStringObject,
)

FORBIDDEN_KEYS = {
    "/EmbeddedFile",
    "/EmbeddedFiles",
    "/JavaScript",
    "/JS",
    "/AcroForm",
    "/XFA",
    "/OpenAction",
    "/AA",
    "/Launch",
    "/GoToR",
    "/GoToE",
    "/ImportData",
    "/SubmitForm",
    "/RichMedia",
}
FORBIDDEN_NAMES = {
    "/FileAttachment",
    "/Launch",
    "/GoToR",
    "/GoToE",
    "/JavaScript",
    "/ImportData",
    "/SubmitForm",
    "/Sound",
    "/Movie",
    "/RichMedia",
    "/Widget",
}
SAFE_URI = ("https://", "http://", "mailto:")


def pdf_problems(path: Path) -> list[str]:
    """Every forbidden object reachable from the PDF's trailer, as readable strings."""
    reader = PdfReader(path)
    problems: list[str] = []
    seen: set[tuple[int, int]] = set()
    stack: list[object] = [reader.trailer]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for name, value in node.items():
                if name in FORBIDDEN_KEYS:
                    problems.append(f"key {name}")
                if name == "/URI" and not str(value).startswith(SAFE_URI):
                    problems.append(f"URI {value}")
                if name in ("/S", "/Subtype") and str(value) in FORBIDDEN_NAMES:
                    problems.append(f"{name} {value}")
                if name == "/F" and isinstance(value, TextStringObject | NameObject):
                    problems.append(f"file specification {value}")
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return problems


def pdf_text(path: Path) -> str:
    """All the text a reader can copy, page after page."""
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
