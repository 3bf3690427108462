"""render (WeasyPrint, fonts): fonts subset by the pinned HarfBuzz, the same on every machine.

WeasyPrint 70 subsets fonts with the system's libharfbuzz-subset where there is one and
with fontTools elsewhere, and the two give different bytes: the same commit built on a
machine that has it (any with Chromium, say) and on one that does not gave different files.
fontTools is also slow here: it reads and writes each face in Python, about 0.07 s a face,
half a second for a small briefing's seven faces (a fifth of its render).

Every render now subsets as WeasyPrint's HarfBuzz path does (the used glyphs kept at their
ids, the same tables dropped, then the glyphs after the last used one let go), with the
HarfBuzz that the uharfbuzz wheel carries, pinned with the other Python libraries: the same
bytes on every machine, about 2 ms a face. It applies only where WeasyPrint's own choice and
HarfBuzz path are the code this repeats (`pinned()`), and only while a render runs
(`briefing.render.weasyprint.patch.weasyprint_fixes`).
"""

from __future__ import annotations

from typing import Any

import uharfbuzz
import weasyprint.pdf.fonts
from weasyprint.logger import LOGGER

from briefing.render.weasyprint.pinning import source

_SUBSET = weasyprint.pdf.fonts.Font.subset
_HARFBUZZ_SUBSET = weasyprint.pdf.fonts.Font._harfbuzz_subset
_SUBSET_CHOICE = "if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0):"
DROPPED = ("BASE", "DSIG", "EBDT", "EBLC", "EBSC", "GPOS", "GSUB", "JSTF", "LTSH", "PCLT", "SVG ")
"""The tables WeasyPrint's HarfBuzz path drops: the PDF needs none of them."""
_HARFBUZZ_PATH = (
    "b'BASE', b'DSIG', b'EBDT', b'EBLC', b'EBSC', b'GPOS', b'GSUB', b'JSTF',\n"
    "            b'LTSH', b'PCLT', b'SVG '))",
    "HB_SUBSET_FLAGS_RETAIN_GIDS |",
    "keep = tuple(range(max(to_unicode) + 1))",
    "flags |= harfbuzz_subset.HB_SUBSET_FLAGS_NO_HINTING",
)
"""Lines of WeasyPrint's `_harfbuzz_subset` that `subset` repeats."""
_FLAGS = uharfbuzz.SubsetFlags


def _tag(name: str) -> int:
    return int.from_bytes(name.encode("ascii"), "big")


def subset(font: Any, to_unicode: dict[int, Any], hinting: bool) -> None:
    """`Font.subset` as WeasyPrint's HarfBuzz path does it, with the pinned HarfBuzz."""
    if not to_unicode:
        return
    outline = _FLAGS.NOTDEF_OUTLINE if font.missing else _FLAGS.DEFAULT
    used = uharfbuzz.SubsetInput()
    used.glyph_set.update(sorted(to_unicode))
    used.flags = (
        _FLAGS.RETAIN_GIDS | _FLAGS.PASSTHROUGH_UNRECOGNIZED | _FLAGS.DESUBROUTINIZE | outline
    )
    used.drop_table_tag_set.update(_tag(name) for name in DROPPED)
    trimmed = uharfbuzz.SubsetInput()  # then no empty glyphs after the last one used
    trimmed.glyph_set.update(range(max(to_unicode) + 1))
    trimmed.flags = (
        _FLAGS.PASSTHROUGH_UNRECOGNIZED
        | _FLAGS.DESUBROUTINIZE
        | outline
        | (_FLAGS.DEFAULT if hinting else _FLAGS.NO_HINTING)
    )
    try:
        face = uharfbuzz.Face(uharfbuzz.Blob(font.file_content), font.index)
        data = uharfbuzz.subset(uharfbuzz.subset(face, used), trimmed).blob.data
    except RuntimeError:  # "Subsetting failed": the whole font is kept, as WeasyPrint does
        data = b""
    if data:
        font.file_content = data
    else:
        LOGGER.warning('Unable to subset "%s" with HarfBuzz', font.family)


def pinned() -> bool:
    """Whether WeasyPrint chooses its subsetter and subsets with HarfBuzz as `subset`
    repeats."""
    harfbuzz_path = source(_HARFBUZZ_SUBSET)
    return _SUBSET_CHOICE in source(_SUBSET) and all(
        line in harfbuzz_path for line in _HARFBUZZ_PATH
    )


def install() -> None:
    weasyprint.pdf.fonts.Font.subset = subset


def uninstall() -> None:
    weasyprint.pdf.fonts.Font.subset = _SUBSET
