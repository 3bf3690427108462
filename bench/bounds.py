#!/usr/bin/env python3
"""bench: how long the things the tests bound without a clock take.

The tests assert what keeps each one short: a hostile build runs under `--timeout` and must
not be stopped by it (tests/test_hostile.py); hostile YAML ends in the loader's size, depth
or value-count diagnostic (tests/test_hostile_yaml.py); `closest_passage` compares a few
windows however long the source (tests/test_provenance.py). A busy machine makes none of
them fail. Their times are measured here, against the bounds the tests once asserted:

    python bench/bounds.py        (run.py calls `measure` and adds it to results.md)
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from xml.etree import ElementTree

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
HOSTILE_CASE_SECONDS = 30.0
"""A hostile case's build, as the runner that builds a batch of cases times it (the test
records it as `build_seconds`): the engine is imported once for its batch."""
YAML_ATTACK_SECONDS = 4.0
"""A hostile YAML test loads and checks twice (in-process and through the CLI), in a fork:
twice the 2 s once asserted for one load and check."""
PASSAGE_SECONDS = 1.0
"""`closest_passage` on a 90 KB source, as the provenance test calls it."""


def _test_seconds() -> tuple[dict[str, float], str]:
    """Seconds per test of the two hostile test files, serially, from pytest's own report;
    and a problem, if the tests did not all pass."""
    with tempfile.TemporaryDirectory(prefix="briefing-bounds-") as tmp:
        report = Path(tmp) / "junit.xml"
        done = subprocess.run(
            [
                sys.executable,
                *("-m", "pytest", "-p", "no:cacheprovider"),
                "tests/test_hostile.py",
                "tests/test_hostile_yaml.py",
                f"--junitxml={report}",
                *("-o", "junit_family=xunit1"),  # the format with each test's properties
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if not report.exists():
            said = (done.stdout + done.stderr).strip().splitlines()
            return {}, f"pytest did not run: {said[-1] if said else done.returncode}"
        seconds = {}
        for case in ElementTree.parse(report).iter("testcase"):
            if case.find("skipped") is None:
                module = case.get("classname", "").rpartition(".")[2]
                timed = case.find("properties/property[@name='build_seconds']")
                taken = case.get("time", "0") if timed is None else timed.get("value", "0")
                seconds[f"{module}::{case.get('name')}"] = float(taken)
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    return seconds, "" if done.returncode == 0 else f"the tests did not pass: {summary}"


def _passage_seconds(repeat: int = 3) -> float:
    """Median seconds of the provenance test's call of `closest_passage`."""
    sys.path.insert(0, str(ROOT))
    from briefing.check.provenance import closest_passage

    words = [f"word{i % 997} line{i % 13}" for i in range(12_000)]
    text = " ".join(words) + " the armenian forces said the city had fallen " + " ".join(words)
    quote = "the armenian forces said that the city had not fallen " * 7
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        closest_passage(quote, text)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure() -> tuple[list[str], list[tuple[str, str, str]]]:
    """Lines for results.md and (target, measured, verdict) rows for its targets table."""
    seconds, problem = _test_seconds()
    lines = [
        "Each hostile test, run alone (`pytest tests/test_hostile.py tests/test_hostile_yaml.py`: "
        "pytest's time per test; for a hostile case, its build as its runner timed it), and `closest_passage` on the provenance test's 90 KB source "
        "(median of 3). The tests assert what bounds them, not these times."
        + (f" {problem}." if problem else ""),
        "",
    ]
    targets = []
    groups = (
        ("test_hostile::", "every hostile case end to end", HOSTILE_CASE_SECONDS),
        ("test_hostile_yaml::", "every hostile YAML test", YAML_ATTACK_SECONDS),
    )
    for prefix, name, bound in groups:
        mine = {k.split("::", 1)[1]: v for k, v in seconds.items() if k.startswith(prefix)}
        target = f"{name} under {bound:g} s"
        if not mine:
            targets.append((target, problem or "not measured", "not measured"))
            continue
        slowest = max(mine, key=mine.__getitem__)
        median = statistics.median(mine.values())
        measured = (
            f"slowest {mine[slowest]:.2f} s ({slowest}); median {median:.2f} s "
            f"over {len(mine)} tests"
        )
        lines.append(f"- {name[0].upper() + name[1:]}: {measured}")
        targets.append((target, measured, "held" if mine[slowest] < bound else "missed"))
    passage = _passage_seconds()
    lines.append(f"- `closest_passage`, 90 KB source: {passage:.3f} s")
    targets.append(
        (
            f"closest_passage on a 90 KB source under {PASSAGE_SECONDS:g} s",
            f"{passage:.3f} s",
            "held" if passage < PASSAGE_SECONDS else "missed",
        )
    )
    return lines, targets


if __name__ == "__main__":
    found, judged = measure()
    print("\n".join(found))
    for target, measured, verdict in judged:
        print(f"{verdict}: {target}: {measured}")
