"""`new DIR` writes a starter content folder that builds with no warnings in every engine."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_inspect import pdf_text

from briefing.cli import main


def test_new_writes_every_file_once_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "starter"
    assert main(["new", str(folder)]) == 0
    written = sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())
    assert written == [
        "briefing.yaml",
        "events.yaml",
        "figures.yaml",
        "places.yaml",
        "sections/01-overview.md",
        "sources.yaml",
    ]
    before = (folder / "briefing.yaml").read_text(encoding="utf-8")
    assert main(["new", str(folder)]) == 2
    assert "exists already" in capsys.readouterr().err
    assert (folder / "briefing.yaml").read_text(encoding="utf-8") == before
    # Every field of the starter carries a comment that says what it is for.
    for line in before.splitlines():
        if ":" in line and not line.startswith(("#", " ", "-")):
            assert "#" in line, line


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["weasyprint", "reportlab"])
def test_the_starter_builds_strictly_and_reads_finished(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    folder = tmp_path / "starter"
    main(["new", str(folder)])
    out = tmp_path / "out" / "briefing.pdf"
    code = main(
        [
            "--content",
            str(folder),
            "--out",
            str(out),
            "--engine",
            engine,
            "--strict",
            "--format",
            "all",
        ]
    )
    assert code == 0, capsys.readouterr().err
    assert "0 errors, 0 warnings: ok" in capsys.readouterr().err
    text = " ".join(pdf_text(out).split())
    # No empty annex: the starter has no glossary, so the contents list none.
    assert "Glossary" not in text
    assert "1 source," in text and "1 sources" not in text
    assert "Lower Town" in text and "at least 1,200 people" in text
    html = out.with_suffix(".html").read_text(encoding="utf-8")
    assert "Overview" in html
    # Nothing of the shipped example leaks into a new user's briefing.
    for word in ("Karabakh", "Armenia", "Azerbaijan", "Caucasus", "2020"):
        assert word not in text and word not in html, word
