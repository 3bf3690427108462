"""bench/generate.py: synthetic content is deterministic and checks clean (no timings here)."""

from __future__ import annotations

import sys
from pathlib import Path

from briefing.check import check
from briefing.load import load

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from generate import generate


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    first = _files(generate(40, 7, tmp_path / "a"))
    second = _files(generate(40, 7, tmp_path / "b"))
    assert first == second
    assert _files(generate(40, 8, tmp_path / "c")) != first


def test_n40_checks_clean_with_strict(tmp_path: Path) -> None:
    content = load(generate(40, 1, tmp_path / "content"))
    assert check(content) == []
    assert len(content.events) == 40
    assert len(content.sources) == 10
    assert len(content.sections) == 4


def test_counts_scale_with_n(tmp_path: Path) -> None:
    content = load(generate(400, 3, tmp_path / "content"))
    assert check(content) == []
    assert (len(content.events), len(content.sources), len(content.sections)) == (400, 100, 40)
    assert len(content.tables) == 10 and len(content.topics) == 10
