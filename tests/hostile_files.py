"""Files the hostile cases need, made when the test runs: small real images and bombs.

A case names them under `files:` (path from the test's folder -> a recipe), so nothing
large or binary is committed: `{png: [w, h]}`, `{jpeg: [w, h]}`, `{svg: "<svg ...>"}`,
`{png_header: [w, h]}` (a PNG that only declares its size), `{png_zeros: [w, h]}`
(a real PNG of zeros: small on disk, huge decoded) and `{text: "..."}`.
"""

from __future__ import annotations

import io
import struct
import zlib
from typing import Any


def make_file(recipe: dict[str, Any]) -> bytes:
    """The bytes a recipe describes."""
    (kind, value), *_ = recipe.items()
    if kind == "text" or kind == "svg":
        return str(value).encode("utf-8")
    if kind in ("png", "jpeg"):
        return _picture(kind, *value)
    if kind == "png_header":
        return _png(*value, rows=b"")
    if kind == "png_zeros":
        width, height = value
        return _png(width, height, rows=_zero_rows(width, height))
    raise AssertionError(f"unknown recipe {kind}")


def _picture(kind: str, width: int, height: int) -> bytes:
    """A small picture with a shape on it, so a look at the page shows it is drawn."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), (225, 235, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle([width // 8, height // 8, width * 7 // 8, height * 7 // 8], fill=(31, 56, 100))
    draw.ellipse([width // 3, height // 3, width * 2 // 3, height * 2 // 3], fill=(200, 60, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG" if kind == "png" else "JPEG")
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _png(width: int, height: int, *, rows: bytes) -> bytes:
    """An 8-bit greyscale PNG of that size; `rows` is its compressed image data."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", rows)
        + _chunk(b"IEND", b"")
    )


def _zero_rows(width: int, height: int) -> bytes:
    """Every row black, compressed as a stream: hundreds of megabytes in a few hundred KB."""
    packer = zlib.compressobj(9)
    rows = max(1, 2**20 // (width + 1))  # about a megabyte at a time
    parts = []
    for start in range(0, height, rows):
        # Each row is filter byte 0, then the pixels: all zeros.
        parts.append(packer.compress(bytes((width + 1) * min(rows, height - start))))
    return b"".join(parts) + packer.flush()
