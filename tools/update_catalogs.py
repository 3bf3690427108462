"""Extract the package's fixed strings and update each language's catalogue (messages.po).

Run after adding or changing a string in the code, then translate the new entries:

    .venv/bin/python tools/update_catalogs.py

`tests/test_i18n.py` fails while a catalogue misses a string or a translation.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefing"
LOCALE = PACKAGE / "locale"
KEYWORDS = {
    "gettext": None,
    "N_": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "counted": (2, 3),
}
"""`Words.gettext`, `.ngettext`, `.pgettext`, `.counted(n, singular, plural)` and `N_`."""
STAMP = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
"""A fixed date in the headers, so that updating changes only what changed."""


def extracted() -> Catalog:
    """Every string the package marks for translation, with where it is used."""
    catalog = Catalog(project="briefing-builder", charset="utf-8", creation_date=STAMP)
    for filename, lineno, message, comments, context in extract_from_dir(
        PACKAGE, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=("i18n:",)
    ):
        catalog.add(
            message,
            locations=[(f"briefing/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    return catalog


def update(language: str, template: Catalog) -> Path:
    """The language's catalogue with every extracted string (new ones untranslated)."""
    path = LOCALE / language / "LC_MESSAGES" / "messages.po"
    if path.exists():
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog = Catalog(locale=language, project="briefing-builder", charset="utf-8")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    catalog.fuzzy = False  # a fuzzy header would be dropped when compiled, plural rule included
    catalog.creation_date = catalog.revision_date = STAMP
    with path.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, sort_output=False)
    return path


def main() -> int:
    template = extracted()
    for language in ("en", "fr", "ru"):
        print(update(language, template).relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
