#!/usr/bin/env python3
"""bench: how long `make quick` and `make test` take here; writes results.md's test-suite part.

Measurements, not tests: the suite asserts no time. `--busy N` runs N busy loops beside
each command (a machine busy with other work: the suite must still pass, only slower).

    python bench/suite.py [--targets quick,test] [--busy 0,2]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
LOGS = ROOT / "out"
"""Where a failed run's output is kept (out/ is not committed)."""
sys.path.insert(0, str(BENCH))

from report import SUITE, machine  # noqa: E402

_SUMMARY = re.compile(r"^=*\s*(\d+ (?:passed|failed).*?)\s*=*$", re.M)
_FAILED = re.compile(r"^(?:FAILED|ERROR) (.+?)(?: - .*)?$", re.M)


@dataclass
class Timed:
    """One `make` run: its target, the busy loops beside it, wall time, outcome, load."""

    target: str
    busy: int
    seconds: float
    returncode: int
    summary: str
    load: tuple[float, float]
    failed: tuple[str, ...] = ()
    """The tests that failed or errored, by node id."""
    log: Path | None = None
    """Where a failed run's whole output was saved (its messages), else None."""


def timed(target: str, busy: int) -> Timed:
    """`make TARGET` with `busy` busy loops running beside it, each killed after."""
    loops = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(busy)]
    try:
        load = os.getloadavg()[0]
        started = time.perf_counter()
        done = subprocess.run(
            ["make", target], cwd=ROOT, capture_output=True, text=True, check=False
        )
        seconds = time.perf_counter() - started
    finally:
        for loop in loops:
            loop.kill()
            loop.wait()
    found = _SUMMARY.findall(done.stdout)
    said = (done.stdout + done.stderr).strip().splitlines()
    summary = found[-1] if found else (said[-1] if said else "")
    failed = tuple(sorted(set(_FAILED.findall(done.stdout))))
    load_after = os.getloadavg()[0]
    log = None
    if done.returncode != 0:  # keep the messages: a failure seen once may not come back
        log = LOGS / f"suite-{target}-busy{busy}.log"
        log.parent.mkdir(parents=True, exist_ok=True)
        log.write_text(done.stdout + "\n--- stderr ---\n" + done.stderr, encoding="utf-8")
    return Timed(target, busy, seconds, done.returncode, summary, (load, load_after), failed, log)


def section(runs: list[Timed]) -> list[str]:
    """The test-suite part of results.md."""
    lines = [
        SUITE,
        "",
        f"Written by `python bench/suite.py` on {dt.date.today().isoformat()}: each command "
        "once, from a warm `.venv`, wall time around `make`. Tests run in parallel on every "
        "core (pytest-xdist); the load average shows what else the machine was doing.",
        "",
        *machine(),
        "",
        "| command | beside it | wall s | result | load average (1 min) before, after |",
        "|---|---|---|---|---|",
    ]
    for run in runs:
        beside = f"{run.busy} busy loops" if run.busy else "no busy loop"
        result = run.summary if run.returncode == 0 else f"**exit {run.returncode}**: {run.summary}"
        lines.append(
            f"| `make {run.target}` | {beside} | {run.seconds:.0f} | {result} "
            f"| {run.load[0]:.2f}, {run.load[1]:.2f} |"
        )
    failing = {run.failed for run in runs if run.target == "test"}
    if failing - {()}:
        same = "the same tests in each `make test`" if len(failing) == 1 else "they differ"
        lines += [
            "",
            f"Failures ({same}): "
            + "; ".join(f"`{test}`" for test in sorted(set().union(*failing))),
        ]
    return [*lines, ""]


def write(path: Path, lines: list[str]) -> None:
    """Put the section in results.md in place of the last one, before the profiles."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    block = "\n".join(lines) + "\n"
    start = text.find(f"\n{SUITE}\n")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[: start + 1] + block + (text[end + 1 :] if end >= 0 else "")
    elif (at := text.find("\n## Profiles\n")) >= 0:
        text = text[: at + 1] + block + "\n" + text[at + 1 :]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Time the targets, print the section and write it into results.md."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--targets", default="quick,test", help="make targets, in order")
    p.add_argument("--busy", default="0,2", help="busy loops beside `make test`, per run")
    p.add_argument("--output", type=Path, default=BENCH / "results.md")
    args = p.parse_args(argv)
    plan = [(t, 0) for t in args.targets.split(",") if t != "test"]
    if "test" in args.targets.split(","):
        plan += [("test", int(n)) for n in args.busy.split(",")]
    subprocess.run(["make", "venv"], cwd=ROOT, check=True)
    runs = []
    for target, busy in plan:
        print(f"make {target} with {busy} busy loops ...", file=sys.stderr, flush=True)
        runs.append(timed(target, busy))
        print(f"  {runs[-1].seconds:.0f} s: {runs[-1].summary}", file=sys.stderr, flush=True)
        for test in runs[-1].failed:
            print(f"  failed: {test}", file=sys.stderr, flush=True)
        if runs[-1].log:
            print(f"  output kept in {runs[-1].log}", file=sys.stderr, flush=True)
    lines = section(runs)
    print("\n".join(lines))
    write(args.output, lines)
    return 0 if all(r.returncode == 0 for r in runs) else 1


if __name__ == "__main__":
    sys.exit(main())
