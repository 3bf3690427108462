"""Every fixed string is in every catalogue, translated; dates and counts follow the language."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from pyuca import Collator

from briefing.i18n import LANGUAGES, LOCALE_DIR, LazyCollator, Words
from briefing.load.dates import PartialDate

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

from update_catalogs import extracted


def _catalog(language: str):  # type: ignore[no-untyped-def]
    with (LOCALE_DIR / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_the_code_marks_is_in_the_catalogue(language: str) -> None:
    """Run tools/update_catalogs.py after adding a string, then translate it."""
    wanted = {(m.id if isinstance(m.id, str) else m.id[0]) for m in extracted() if m.id}
    catalog = _catalog(language)
    have = {(m.id if isinstance(m.id, str) else m.id[0]) for m in catalog if m.id}
    assert not wanted - have, sorted(wanted - have)[:10]


@pytest.mark.parametrize("language", [lang for lang in LANGUAGES if lang != "en"])
def test_every_message_is_translated_with_its_placeholders(language: str) -> None:
    missing, broken = [], []
    for message in _catalog(language):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = (
            [message.string] if isinstance(message.string, str) else list(message.string or [])
        )
        if not all(strings) or message.fuzzy:
            missing.append(ids[0])
            continue
        wanted = {part for part in ids[0].split("{")[1:]}
        for text in strings:
            if {part.split("}")[0] for part in text.split("{")[1:]} != {
                part.split("}")[0] for part in wanted
            }:
                broken.append(ids[0])
    assert not missing, missing[:10]
    assert not broken, broken[:10]


def test_plural_forms_follow_the_language() -> None:
    assert Words("en").counted(1, "{n} source", "{n} sources") == "1 source"
    assert Words("en").counted(5, "{n} source", "{n} sources") == "5 sources"
    russian = Words("ru")
    forms = [russian.counted(n, "{n} source", "{n} sources") for n in (1, 3, 5, 21)]
    assert len({f.split(" ", 1)[1] for f in forms[:3]}) == 3  # one, few, many
    assert forms[3].split(" ", 1)[1] == forms[0].split(" ", 1)[1]  # 21 like 1


def test_dates_and_numbers_are_the_languages() -> None:
    day = dt.date(2020, 11, 10)
    assert Words("en").date(day) == "10 November 2020"
    assert Words("fr").date(day) == "10 novembre 2020"
    assert Words("ru").date(day).startswith("10 ноября 2020")
    assert Words("fr").number(1166) == "1\u202f166"
    assert Words("fr").partial(PartialDate(2020, 10, None)) == "oct. 2020"


def test_coordinates_read_with_hemispheres() -> None:
    assert Words("en").coordinates(-21.1394, -175.2018) == "21.14° S, 175.20° W"
    assert Words("fr").coordinates(39.7583, 46.7486) == "39,76° N, 46,75° E"


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="no catalogue"):
        Words("de")


NAMES = ["Zagreb", "Ézé", "ʻEua", "Eze", "Ağdam", "Łódź", "Lviv", "Agdam", "Ereván", "Straße"]
NAMES += ["Strasse", "Շուշի", "Шуша", "Şuşa", "l·l", "L·L", "cote", "côte", "coté", "ﬁne", "ລາວ"]


def test_names_sort_as_people_read_them() -> None:
    """Accented letters sort beside their base letter, scripts in Unicode's order, not by
    code point (where `Ézé` would follow `Zagreb`)."""
    ordered = sorted(NAMES[:14], key=Words("en").sort_key)
    assert ordered == [
        *("Agdam", "Ağdam", "Ereván", "Eze", "Ézé", "ʻEua", "Łódź", "Lviv", "Strasse"),
        *("Straße", "Şuşa", "Zagreb", "Шуша", "Շուշի"),
    ]


def test_a_fresh_lazy_table_gives_the_whole_tables_keys() -> None:
    """Each name is keyed by a new table, so the entries parsed for it are the only ones:
    contractions (`l·l`), ligatures, combining accents and other scripts included."""
    whole = Collator()
    for name in NAMES:
        assert LazyCollator().sort_key(name) == whole.sort_key(name), name
