"""render (WeasyPrint, fonts): one subsetting library everywhere, and unused tables dropped unread.

One library. WeasyPrint subsets with HarfBuzz where the system has libharfbuzz-subset and
with fontTools elsewhere, and the two give different bytes; so the same commit built on a
machine that has it (any with Chromium, say) and on one that does not gave different files.
Every render subsets with fontTools, which is pinned with the other Python libraries.

Unused tables dropped unread. fontTools 4.68 reads a font's whole GSUB and GPOS tables (to
choose their in-memory layout) before it drops the tables WeasyPrint asks it to drop, those
two among them: for DejaVu that reading is most of the subsetting time, about 0.2 s for each
font a build uses. The tables fontTools would drop are now dropped before it starts, by its
own rule; the subset fonts are the same bytes (tested).

Both apply only to the pinned code (`pinned()`), and only while a render runs
(`briefing.render.weasyprint.patch.weasyprint_fixes`).
"""

from __future__ import annotations

import inspect
from types import SimpleNamespace
from typing import Any

import weasyprint.pdf.fonts
from fontTools import subset as fonttools_subset
from fontTools.ttLib import TTFont

_HARFBUZZ_SUBSET = weasyprint.pdf.fonts.harfbuzz_subset
_FONTTOOLS = weasyprint.pdf.fonts.subset
_SUBSET_CHOICE = "if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0):"
_FONTTOOLS_CALLS = ("subset.Options(", "subset.Subsetter(options)", "subsetter.subset(ttfont)")
_DROP_RULE = (
    "tag.strip() in self.options.drop_tables",
    "tag.strip() in self.options.hinting_tables",
    'tag == "kern" and (not self.options.legacy_kern and "GPOS" in font)',
)


class DroppingSubsetter(fonttools_subset.Subsetter):
    """fontTools' subsetter, which first drops the tables its own rule would drop."""

    def subset(self, font: TTFont) -> None:
        options = self.options
        has_gpos = "GPOS" in font
        for tag in [t for t in font.keys() if t != "GlyphOrder"]:  # noqa: SIM118 (no __iter__)
            name = tag.strip()
            if (
                name in options.drop_tables
                or (name in options.hinting_tables and not options.hinting)
                or (tag == "kern" and not options.legacy_kern and has_gpos)
            ):
                del font[tag]
        super().subset(font)


def pinned() -> bool:
    """Whether WeasyPrint chooses its subsetter and calls fontTools as this was written
    against, and fontTools drops tables by the rule `DroppingSubsetter` repeats."""
    fonts = weasyprint.pdf.fonts
    try:
        choice = inspect.getsource(fonts.Font.subset)
        calls = inspect.getsource(fonts.Font._fonttools_subset)
        rule = inspect.getsource(fonttools_subset.Subsetter._prune_pre_subset)
    except (OSError, TypeError, AttributeError):
        return False
    return (
        _SUBSET_CHOICE in choice
        and all(call in calls for call in _FONTTOOLS_CALLS)
        and all(part in rule for part in _DROP_RULE)
    )


def install() -> None:
    fonts: Any = weasyprint.pdf.fonts
    fonts.harfbuzz_subset = None  # `Font.subset` then uses fontTools
    fonts.subset = SimpleNamespace(Options=fonttools_subset.Options, Subsetter=DroppingSubsetter)


def uninstall() -> None:
    fonts: Any = weasyprint.pdf.fonts
    fonts.harfbuzz_subset = _HARFBUZZ_SUBSET
    fonts.subset = _FONTTOOLS
