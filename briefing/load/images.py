"""load: images from the content folder (PNG, JPEG, SVG), checked before any engine sees them.

An image is a file inside the content folder, never through a link, of a known kind
whatever its name says, within a size and a pixel cap; Pillow reads only its header
before the pixel cap is applied, so a decompression bomb is refused unread. An SVG is
parsed by defusedxml (no DTD, no entities) and refused when it could run or fetch
anything: scripts, foreign objects, event handlers, animation, references outside itself.
"""

from __future__ import annotations

import contextlib
import io
import re
import warnings
from dataclasses import dataclass
from pathlib import Path

from briefing.load.files import read_capped

MAX_IMAGE_BYTES = 5_000_000
MAX_PIXELS = 25_000_000
"""A 5,000 x 5,000 picture: a satellite still or a scanned page, well inside the memory cap."""
MAX_SVG_ELEMENTS = 20_000
IMAGE_PATH = re.compile(r"^(?!.*(?:^|/)\.)[A-Za-z0-9_./-]{1,200}\.(?:png|jpe?g|svg)$", re.I)
_REFUSED_SVG = {
    "script", "foreignobject", "iframe", "object", "embed", "audio", "video", "handler",
    "listener", "animate", "set", "animatemotion", "animatetransform", "discard",
}  # fmt: skip
_URL = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.I)
_NUMBER = re.compile(r"^\s*([0-9]*\.?[0-9]+)\s*(px)?\s*$")


@dataclass(frozen=True)
class Picture:
    """An image ready to draw: its content-relative path, kind, bytes and size in pixels."""

    path: str
    media_type: str
    data: bytes
    width: float
    height: float


def read_picture(root: Path, relative: str) -> Picture:
    """The image at `relative` inside `root`, or ValueError saying why it cannot be used."""
    if not IMAGE_PATH.match(relative):
        raise ValueError("must be a .png, .jpg or .svg file inside the content folder")
    path = root / relative
    for part in [path, *path.parents]:
        if part == root:
            break
        if part.is_symlink():
            raise ValueError("is a symbolic link: copy the file into the content folder")
    try:
        if not path.resolve().is_relative_to(root.resolve()):
            raise ValueError("is outside the content folder")
        if not path.is_file():
            raise ValueError("not found" if not path.exists() else "is not a plain file")
    except OSError as exc:
        raise ValueError(f"cannot be read: {exc.strerror}") from None
    data = read_capped(path, MAX_IMAGE_BYTES)
    if data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff"):
        kind = "png" if data[:1] == b"\x89" else "jpeg"
        if kind != relative.lower().rsplit(".", 1)[1].replace("jpg", "jpeg"):
            raise ValueError(f"is a {kind.upper()} file under another name")
        width, height = _raster_size(data)
        return Picture(relative, f"image/{kind}", data, width, height)
    if not relative.lower().endswith(".svg"):
        raise ValueError("is not a PNG or JPEG file")
    width, height = _svg_size(data)
    return Picture(relative, "image/svg+xml", data, width, height)


def _raster_size(data: bytes) -> tuple[float, float]:
    """Pixel size from the header, refused past MAX_PIXELS; then a structural check."""
    from PIL import Image

    Image.MAX_IMAGE_PIXELS = MAX_PIXELS  # also bounds what the engines decode later
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ValueError(f"has {width:,} x {height:,} pixels, more than {MAX_PIXELS:,}")
                image.verify()
    except ValueError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        pixels = re.search(r"\((\d+) pixels\)", str(exc))
        count = f"{int(pixels.group(1)):,}" if pixels else "too many"
        raise ValueError(f"has {count} pixels, more than {MAX_PIXELS:,}") from None
    except (OSError, SyntaxError, Warning) as exc:
        raise ValueError(f"is not a readable image ({exc})") from None
    return float(width), float(height)


def _svg_size(data: bytes) -> tuple[float, float]:
    """Checked for anything that could run or fetch; its size from width, height or viewBox."""
    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DefusedXmlException, ParseError, ValueError) as exc:
        raise ValueError(f"is not an SVG that can be used safely ({exc})") from None
    if _local(root.tag) != "svg":
        raise ValueError("is not an SVG file")
    for count, element in enumerate(root.iter()):
        name = _local(str(element.tag))
        if count > MAX_SVG_ELEMENTS:
            raise ValueError(f"has more than {MAX_SVG_ELEMENTS:,} elements")
        if name in _REFUSED_SVG:
            raise ValueError(f"has a <{name}> element, which could run or fetch something")
        if name == "style" and (
            _URL.search(element.text or "") or "@import" in (element.text or "")
        ):
            raise ValueError("has a stylesheet that refers to another file")
        for key, value in element.attrib.items():
            attribute = _local(key).lower()
            if attribute.startswith("on"):
                raise ValueError(f"has an event handler '{attribute}'")
            if attribute == "href" and not value.strip().startswith("#"):
                raise ValueError(f"refers to '{value[:60]}' outside itself")
            if _URL.search(value):
                raise ValueError(f"refers to another file in '{attribute}'")
    width, height = _length(root.get("width")), _length(root.get("height"))
    box = (root.get("viewBox") or "").replace(",", " ").split()
    if (width is None or height is None) and len(box) == 4:
        with contextlib.suppress(ValueError):
            width, height = float(box[2]), float(box[3])
    return (width or 300.0), (height or 150.0)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower()


def _length(value: str | None) -> float | None:
    match = _NUMBER.match(value or "")
    return float(match.group(1)) if match and float(match.group(1)) > 0 else None
