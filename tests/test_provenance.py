"""check --archive: quotes are found across copying and encoding damage, and only when there.

tests/fixtures/provenance/damaged.txt has the damage the encyclopedia seed shows: `每` for
an en dash, `邦` for `ü`, `車` for `ó`, `谷` for `é`, Cyrillic saved as GBK read as Big5,
`?` for lost letters, reference markers, curly quotes and hard line breaks.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest
from helpers_content import BASE_ARCHIVE, FIXTURES, base_text, chdir, diagnose, make_content

from briefing.check.provenance import closest_passage, find_quote, normalize

DAMAGED = (FIXTURES / "provenance" / "damaged.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "quote",
    [
        "27 September – 10 November 2020",  # en dash where the copy has 每
        "First Nagorno-Karabakh War (1988–1994)",
        "(1988-1994)",  # hyphen for the same damaged dash
        "advanced toward Jabrayil and Füzuli",  # ü where the copy has 邦
        "Secretary-General António Guterres",  # ó where the copy has 車
        "António Guterres, who called for an end",  # reference marker [221] in between
        "Jérôme Lambert",  # 谷 for é and ? for the lost ô
        "Mevlüt Çavuşoğlu said Turkey",  # ? for Ç, ş and ğ
        "War (1988–1994). Azerbaijani forces",  # [12] dropped
        "managing to break through. The Secretary-General",  # [22] dropped
        'had been "deliberately targeted"',  # straight quotes for curly ones
        "called it 'a war crime'",
        "called it “a war crime”",
        "followed the First Nagorno-Karabakh War",  # a line break inside the quote
        "followed the first\n   nagorno-karabakh war",  # case and whitespace
        "ARMENIA REPORTED 1,166 SERVICEMEN KILLED BY 30 OCTOBER",  # [citation needed]
        "Село Карабах",  # Cyrillic behind GBK/Big5 mojibake
        "Azerbaijani forces advanced ... managing to break through",  # a gap
        "The Second ... War [...] followed … First",  # three spellings of a gap
    ],
)
def test_quote_is_found_across_damage(quote: str) -> None:
    assert find_quote(quote, DAMAGED)


@pytest.mark.parametrize(
    "quote",
    [
        "Azerbaijani forces retreated from Jabrayil",  # a changed word
        "António Guterres condemned",
        "Fuzuli, managing to break down",
        "1,167 servicemen",  # numbers are words too
        "managing to break through ... Azerbaijani forces advanced",  # gap parts out of order
        "Jerome Lambert was echoed",
    ],
)
def test_changed_words_are_not_found(quote: str) -> None:
    assert not find_quote(quote, DAMAGED)


def test_normalize_keeps_words_and_folds_the_rest() -> None:
    assert (
        normalize("  Ant車nio\u00a0‘Guterres’[221] 1988每1994  ") == 'antonio "guterres" 1988-1994'
    )


def test_closest_passage_points_at_the_near_miss() -> None:
    passage = closest_passage("Azerbaijani forces retreated toward Jabrayil", DAMAGED)
    assert "azerbaijani forces" in passage


def _quote_content(tmp_path: Path, quote: str, *, archive: str = "wiki.txt") -> Path:
    """The base with the event's quote and the source's archive file name replaced."""
    events = base_text("events.yaml").replace('quote: "fighting began"', f'quote: "{quote}"')
    sources = base_text("sources.yaml").replace("archive: wiki.txt", f"archive: {archive}")
    return make_content(tmp_path, {"events.yaml": events, "sources.yaml": sources})


def test_quote_not_there_is_e120_at_the_quote_with_the_closest_passage(tmp_path: Path) -> None:
    _quote_content(tmp_path, "Fighting ended on 27 September")
    with chdir(tmp_path):
        diagnostics = diagnose(Path("content"), archive=Path("archive"))
    assert [d.format() for d in diagnostics] == [
        "content/events.yaml:10:36: error E120 quote not found in 'wiki.txt' "
        '(closest passage: "fighting began on 27 september")'
    ]
    line = (tmp_path / "content" / "events.yaml").read_text().splitlines()[9]
    assert line[35:].startswith('"Fighting ended')


def test_quote_across_damage_passes_in_a_build(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    saved = (BASE_ARCHIVE / "wiki.txt").read_text(encoding="utf-8") + DAMAGED
    (tmp_path / "archive" / "damaged.txt").write_text(saved, encoding="utf-8")
    _quote_content(tmp_path, "toward Jabrayil and Füzuli", archive="damaged.txt")
    with chdir(tmp_path):
        assert diagnose(Path("content"), archive=Path("archive")) == []


def test_missing_archive_file_is_e121_at_the_archive_field(tmp_path: Path) -> None:
    _quote_content(tmp_path, "fighting began", archive="gone.txt")
    with chdir(tmp_path):
        diagnostics = diagnose(Path("content"), archive=Path("archive"))
    assert [d.format() for d in diagnostics] == [
        "content/sources.yaml:10:14: error E121 archived text 'gone.txt' not found in archive "
        "(check the file name or the --archive folder)"
    ]


def test_without_archive_quotes_are_not_checked(tmp_path: Path) -> None:
    _quote_content(tmp_path, "words that are nowhere")
    with chdir(tmp_path):
        assert diagnose(Path("content")) == []


def test_undecodable_archive_bytes_do_not_raise(tmp_path: Path) -> None:
    (tmp_path / "archive").mkdir()
    saved = (BASE_ARCHIVE / "wiki.txt").read_bytes() + b"\xff\xfe on 27 Sep\x00tember"
    (tmp_path / "archive" / "wiki.txt").write_bytes(saved)
    _quote_content(tmp_path, "Fighting began")
    with chdir(tmp_path):
        assert diagnose(Path("content"), archive=Path("archive")) == []


@pytest.mark.parametrize("repeat", [12_000, 48_000])
def test_closest_passage_compares_a_few_windows_however_long_the_source(
    repeat: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Fixes: comparing every window took seconds per missing quote on a 90 KB source. Only
    the best few windows are compared character by character, on a 360 KB source as on a
    90 KB one; the time it takes is measured by `make bench` (bench/results.md)."""
    words = [f"word{i % 997} line{i % 13}" for i in range(repeat)]
    text = " ".join(words) + " the armenian forces said the city had fallen " + " ".join(words)
    quote = "the armenian forces said that the city had not fallen " * 7
    compared: list[str] = []
    real = difflib.SequenceMatcher.set_seq1

    def counted(matcher: difflib.SequenceMatcher, window: str) -> None:
        if window:  # the matcher starts with an empty sequence
            compared.append(window)
        real(matcher, window)

    monkeypatch.setattr(difflib.SequenceMatcher, "set_seq1", counted)
    passage = closest_passage(quote, text)
    assert "armenian forces said the city had fallen" in passage
    assert 1 <= len(compared) <= 8
