"""bench/: synthetic content is deterministic and checks clean; two pipelines are compared by
their paired runs (no timings here)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

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


def _cell(pipeline: str, walls: list[float], size: int = 400, kind: str = "engine") -> Any:
    from measure import Run
    from report import Cell

    return Cell(size, pipeline, kind, runs=[Run(0, w, w, 100.0) for w in walls], pages=100)


def test_two_pipelines_are_compared_by_their_paired_runs() -> None:
    """bench/report.py judges by the pairs of runs made side by side, not by the medians
    (here 20 vs 15 s: a quiet minute, then a busy one slowing both runs of a pair): the
    geometric mean of the pairs' ratios and its 95% interval (Student's t, 4 degrees of
    freedom: 2.776), worked by hand here; with fewer than three pairs, the medians."""
    import math

    from report import paired_ratio

    mine = _cell("weasyprint", [10.0, 10.0, 20.0, 20.0, 20.0])
    theirs = _cell("peer", [11.0, 11.0, 22.0, 15.0, 15.0])
    paired = paired_ratio(mine, theirs)
    logs = [math.log(10 / 11)] * 3 + [math.log(20 / 15)] * 2
    mean = sum(logs) / 5
    spread = math.sqrt(sum((x - mean) ** 2 for x in logs) / 4 / 5)
    assert paired.ratio == pytest.approx(math.exp(mean))
    assert paired.low == pytest.approx(math.exp(mean - 2.776 * spread))
    assert paired.high == pytest.approx(math.exp(mean + 2.776 * spread))
    assert "the geometric mean of 5 paired runs (0.91, 0.91, 0.91, 1.33, 1.33)" in paired.text
    assert "their median 0.91×" in paired.text
    assert "medians 20.00 s vs 15.00 s (1.33×)" in paired.text
    few = paired_ratio(_cell("a", [20.0, 21.0]), _cell("b", [19.0, 21.0]))
    assert few.ratio == 20.5 / 20.0 and few.low is None and "too few runs" in few.text
    # ReportLab timed 15 times for its baseline, Typst 5: paired by the 5 interleaved runs.
    longer = _cell("reportlab", [5.0] * 5 + [50.0] * 10)
    paired = paired_ratio(longer, _cell("typst", [10.0] * 5))
    assert paired.ratio == pytest.approx(0.5) and "of 5 paired runs" in paired.text


@pytest.mark.parametrize(
    ("low", "high", "verdict"),
    [
        (0.90, 1.04, "held"),
        (0.97, 1.05, "held"),
        (1.02, 1.09, "not settled"),
        (1.06, 1.2, "missed"),
    ],
)
def test_a_comparison_holds_only_when_its_whole_interval_is_under_the_limit(
    low: float, high: float, verdict: str
) -> None:
    from report import NOISE, Paired

    assert Paired(1.0, low, high, "").verdict(NOISE) == verdict


def test_the_compared_pipelines_get_the_longer_series() -> None:
    from report import Cell
    from run import _compared

    def cells_of(size: int, *named: tuple[str, str]) -> list[Cell]:
        return [Cell(size=size, pipeline=name, kind=kind) for name, kind in named]

    alone = cells_of(400, ("weasyprint", "engine"), ("reportlab", "engine"), ("typst", "peer"))
    assert not any(_compared(cell, alone) for cell in alone)
    named = [
        ("weasyprint", "engine"),
        ("reportlab", "engine"),
        ("typst", "peer"),
        ("markdown-weasyprint", "peer"),
        ("markdown-weasyprint-ua", "peer"),
        ("reportlab@abc", "baseline"),
    ]
    at_400 = cells_of(400, *named)
    assert [cell.pipeline for cell in at_400 if _compared(cell, at_400)] == [
        "weasyprint",
        "reportlab",
        "markdown-weasyprint",
        "reportlab@abc",
    ]
    at_2000 = cells_of(2000, *named)  # WeasyPrint is judged against its peer at N = 400 only
    assert [cell.pipeline for cell in at_2000 if _compared(cell, at_2000)] == [
        "reportlab",
        "reportlab@abc",
    ]


def test_every_target_is_judged_from_a_whole_set_of_cells() -> None:
    """bench/report.py's targets, on made-up runs of every cell a `make bench` makes."""
    from report import Shipped, targets

    walls = [10.0, 11.0, 12.0, 13.0, 14.0]
    cells = [
        _cell(engine, [w * factor for w in walls], size)
        for size in (40, 400, 2000)
        for engine, factor in (("weasyprint", 1.0), ("reportlab", 0.3))
    ]
    cells += [
        _cell("markdown-weasyprint", [w * 1.1 for w in walls], kind="peer"),
        _cell("markdown-weasyprint-ua", [w * 1.2 for w in walls], kind="peer"),
        _cell("typst", [w * 0.25 for w in walls], kind="peer"),
        _cell("reportlab@base", [w * 0.3 for w in walls], kind="baseline"),
    ]
    judged = {t.name.split(",")[0]: t for t in targets(cells, Shipped())}
    peer = judged["weasyprint at N=400"]
    assert peer.measured.startswith("0.91× (95% interval 0.91–0.91), the geometric mean of 5")
    assert "0.83×" in peer.measured
    assert judged["reportlab at N=400 within 1.5× of Typst"].verdict == "held"
    unchanged = next(t for name, t in judged.items() if name.startswith("reportlab unchanged"))
    assert unchanged.verdict == "held" and "1.00× (95% interval 1.00–1.00)" in unchanged.measured


@pytest.mark.slow  # a subprocess
def test_a_failed_suite_run_keeps_its_output(tmp_path: Path, monkeypatch: Any) -> None:
    import suite

    monkeypatch.setattr(suite, "LOGS", tmp_path)
    failed = suite.timed("no-such-target", 0)
    assert failed.returncode != 0
    assert failed.log is not None
    assert "no-such-target" in failed.log.read_text(encoding="utf-8")


@pytest.mark.slow  # a subprocess
def test_the_baseline_gets_the_same_content_in_its_own_model(tmp_path: Path) -> None:
    """bench/baseline.py: only the three model changes differ, and the baseline commit's
    own check accepts the result where the history has that commit."""
    import subprocess

    import baseline
    from run import BASELINE
    from run import baseline as baseline_tree

    ours = generate(40, 2, tmp_path / "ours")
    theirs = baseline.convert(ours, tmp_path / "theirs")
    before, after = _files(ours), _files(theirs)
    assert before.keys() == after.keys()
    assert {name for name, data in before.items() if after[name] != data} == set(baseline.REWRITE)
    figures = (theirs / "figures.yaml").read_text(encoding="utf-8")
    assert "party:" not in figures
    assert figures.count("claimant_side:") == figures.count("claimant:") > 0
    assert "parties:" not in (theirs / "briefing.yaml").read_text(encoding="utf-8")
    events = (theirs / "events.yaml").read_text(encoding="utf-8")
    assert not any(f"category: {new}\n" in events for new in baseline.CATEGORIES)

    tree = baseline_tree(tmp_path)  # the files of BASELINE, as `make bench` takes them
    if tree is None:
        pytest.skip(f"{BASELINE} is not in this clone's history")
    command = [sys.executable, str(tree / "build_report.py"), "--content", str(theirs)]
    checked = subprocess.run(
        [*command, "--check", "--strict"],
        cwd=tree,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_each_pipeline_runs_first_as_often_as_last() -> None:
    """bench/run.py: timed runs alternate the pipelines' order, so drift favours none."""
    from report import Cell
    from run import run_order

    cells = [Cell(size=400, pipeline=name, kind="engine") for name in ("a", "b", "c")]
    orders = [[c.pipeline for c in run_order(cells, index)] for index in range(4)]
    assert orders == [["a", "b", "c"], ["c", "b", "a"], ["a", "b", "c"], ["c", "b", "a"]]
    for cell in cells:
        positions = [order.index(cell.pipeline) for order in orders]
        assert sum(positions) == sum(range(3)) * 4 / 3
