"""Every fixed string the briefing prints, in the briefing's language.

Strings are looked up in gettext catalogues (`briefing/locale/<lang>/LC_MESSAGES/messages.po`,
read and compiled through Babel), so a language is a file to translate, not code. Dates
and numbers are formatted by Babel for the language. `Words` is what assemble and the
figures use; the engines only print the labels the Document carries.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import io
import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_interval, format_skeleton
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from pyuca import Collator
from pyuca.collator import COLL_ELEMENT_PATTERN

if TYPE_CHECKING:
    from briefing.load.dates import PartialDate

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
LANGUAGES = ("en", "fr", "ru")
"""Languages whose catalogues are complete; `language:` in briefing.yaml takes one of them."""
DEFAULT_REGIONS = {"en": "en_GB", "fr": "fr_FR", "ru": "ru_RU"}
"""Date and number conventions for a tag without a region: `10 November 2020` in English."""


def N_(message: str) -> str:
    """Mark a constant string for the catalogue; it is translated where it is used."""
    return message


def base_language(tag: str) -> str:
    """`fr` for `fr-CA` or `fr_CA`: the catalogue a BCP 47 tag uses."""
    return tag.replace("_", "-").split("-")[0].lower()


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The language's catalogue, compiled in memory from its .po file."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class Words:
    """Fixed strings, plurals, dates and numbers in one language."""

    def __init__(self, language: str = "en") -> None:
        self.language = base_language(language)
        if self.language not in LANGUAGES:
            raise ValueError(f"no catalogue for language '{language}'")
        tag = language.replace("-", "_")
        self.locale = Locale.parse(tag if "_" in tag else DEFAULT_REGIONS[self.language])
        catalogue = translations(self.language)
        self.gettext = catalogue.gettext
        self.ngettext = catalogue.ngettext
        self.pgettext = catalogue.pgettext

    def counted(self, number: int, singular: str, plural: str) -> str:
        """`1 source`, `5 sources`, `5 источников`: the number and its plural form.

        `singular` and `plural` hold `{n}`; they are msgids, extracted as ngettext's are."""
        return self.ngettext(singular, plural, number).format(n=self.number(number))

    def quoted(self, text: str) -> str:
        """“text” in English, « text » in French, «text» in Russian."""
        # i18n: the language's quotation marks around a quoted text or a locator.
        return self.gettext("“{text}”").format(text=text)

    def number(self, value: float) -> str:
        """`1,166` in English, `1 166` in French and Russian."""
        return format_decimal(value, locale=self.locale)

    def date(self, day: dt.date, precision: str = "day") -> str:
        """`10 November 2020`, `10 novembre 2020`, `10 ноября 2020 г.`; a month or a year alone
        at coarser precision."""
        if precision == "year":
            return str(day.year)
        if precision == "month":
            return format_skeleton("yMMMM", day, locale=self.locale)
        return format_date(day, "long", locale=self.locale)

    def short_date(self, day: dt.date, *, year: bool = False) -> str:
        """`10 Nov`, `10 nov.`, `10 нояб.`; with the year when asked."""
        return format_skeleton("yMMMd" if year else "MMMd", day, locale=self.locale)

    def month(self, day: dt.date, *, year: bool = False) -> str:
        """`Nov`, `Nov 2020`: a month on an axis."""
        return format_skeleton("yMMM" if year else "MMM", day, locale=self.locale)

    def partial(self, date: PartialDate, *, long: bool = False) -> str:
        """A date at its precision: `9 Oct 2020`, `Oct 2020`, `2020` (long: `9 October 2020`)."""
        if date.precision == "year":
            return str(date.year)
        day = date.first()
        if date.precision == "month":
            return format_skeleton("yMMMM" if long else "yMMM", day, locale=self.locale)
        return (
            format_date(day, "long", locale=self.locale)
            if long
            else self.short_date(day, year=True)
        )

    def date_range(self, start: PartialDate, end: PartialDate | None, *, approximate: bool) -> str:
        """`9–10 Oct 2020`, `c. 20 Oct 2020`, `Sep – Oct 2020`, `1991–1994`, in the language."""
        if end is None or end == start:
            shown = self.partial(start)
        elif start.precision == end.precision == "day" and start.first().replace(
            day=1
        ) == end.first().replace(day=1):
            # `11–12 Oct 2020`: the days of one month, the month and year once.
            shown = f"{start.day}–{self.short_date(end.first(), year=True)}"
        elif start.precision == end.precision and start.precision != "year":
            skeleton = "yMMMd" if start.precision == "day" else "yMMM"
            shown = format_interval(start.first(), end.first(), skeleton, locale=self.locale)
        else:
            shown = f"{self.partial(start)} – {self.partial(end)}"
            if start.precision == end.precision == "year":
                shown = f"{start.year}–{end.year}"
        # i18n: an approximate date, e.g. "c. 20 Oct 2020"
        return self.gettext("c. {date}").format(date=shown) if approximate else shown

    def sort_key(self, text: str) -> tuple[int, ...]:
        """Sort as people read the names: the Unicode Collation Algorithm, so `ʻEua` sorts
        under E and `Ézé` beside `Eze`, not after `Z`."""
        return collation_table().sort_key(text)

    def coordinates(self, lat: float, lon: float) -> str:
        """`21.14° S, 175.20° W`, with the language's decimal sign and compass letters."""
        north, south, east, west = (
            self.pgettext("compass", "N"),
            self.pgettext("compass", "S"),
            self.pgettext("compass", "E"),
            self.pgettext("compass", "W"),
        )
        latitude = f"{format_decimal(abs(lat), '0.00', locale=self.locale)}° {north if lat >= 0 else south}"
        longitude = (
            f"{format_decimal(abs(lon), '0.00', locale=self.locale)}° {east if lon >= 0 else west}"
        )
        return f"{latitude}, {longitude}"

    def language_name(self, tag: str) -> str:
        """`Tongan` for `to`, in the briefing's language; the tag itself if unknown."""
        try:
            return Locale.parse(base_language(tag)).get_display_name(self.locale) or tag
        except (ValueError, TypeError, UnknownLocaleError):
            return tag


class LazyCollator(Collator):
    """pyuca's collation table, parsed a character at a time. Parsing all 30,000 entries
    takes about 0.2 s a build; a briefing's names use a few dozen characters. Before a key
    is made, every entry that starts with a character of the name is parsed: those are the
    only entries the algorithm can reach from it, so the keys are those of the whole table."""

    def load(self, filename: str) -> None:
        self.pending: dict[int, list[str]] = {}
        text = Path(filename).read_text(encoding="utf-8")
        for line in re.finditer(r"^([0-9A-F]{4,6})\b.*$", text, re.M):
            self.pending.setdefault(int(line[1], 16), []).append(line[0])
        for line in re.finditer(
            r"^@implicitweights ([0-9A-F]+)\.\.([0-9A-F]+); ([0-9A-F]+)", text, re.M
        ):
            self.implicit_weights.append([int(line[1], 16), int(line[2], 16), int(line[3], 16)])

    def sort_key(self, string: str) -> tuple[int, ...]:
        for char in set(unicodedata.normalize("NFD", string)):
            for line in self.pending.pop(ord(char), ()):
                chars, weights = line.split("#", 1)[0].split(";", 1)
                self.table.add(
                    [int(c, 16) for c in chars.split()],
                    [
                        [int(w, 16) for w in m.groups()]
                        for m in COLL_ELEMENT_PATTERN.finditer(weights)
                    ],
                )
        return super().sort_key(string)


@functools.cache
def collation_table() -> Collator:
    """The collation table, indexed once per process (about 0.03 s), only when names are
    sorted (or by `briefing.warm_up`, before the children that sort them are forked)."""
    return LazyCollator()


@functools.cache
def words(language: str) -> Words:
    """The `Words` of a language, made once per process."""
    return Words(language)
