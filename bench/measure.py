"""bench: run one command as a whole process and measure it (wall, CPU, peak RSS, stages).

As a script it is the small wrapper that does the measuring: see `run`.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

_STAGE = re.compile(r"^\[(\d+)/\d+\] (\w+): (.*?) \.\.\. ([\d.]+) s$", re.M)
SAMPLE_SECONDS = 0.2
"""How often a sampled run reads its processes' memory: reading a large process's PSS
takes the kernel about 15 ms, so timed runs do not sample."""


@dataclass
class Run:
    """One finished process: its exit code, times, peak memory and progress lines."""

    returncode: int
    wall: float
    cpu: float
    """User + system seconds of the process and every child it waited for."""
    maxrss_mb: float
    """Peak resident memory of the largest process in the tree (Linux ru_maxrss), MiB."""
    tree_mb: float | None = None
    """Peak memory of all the tree's processes together (sum of PSS, so that pages shared
    after a fork count once), sampled every `SAMPLE_SECONDS` (more often in the first
    0.3 s); None when not sampled."""
    processes: int | None = None
    """Most processes of the command itself seen at once in the samples: it and its forks
    (same command line), so a build is 2, itself and its render child. The short-lived
    programs it runs are not counted (loading WeasyPrint, ctypes' find_library runs gcc
    and ldconfig). None when not sampled."""
    stdout: str = ""
    stderr: str = ""
    stages: dict[str, float] = field(default_factory=dict)
    """Stage name -> seconds, from the `[n/5] name: ... X s` progress lines."""

    @property
    def ok(self) -> bool:
        """The command exited 0."""
        return self.returncode == 0

    def error(self) -> str:
        """The last line of stderr that says something, for the report."""
        lines = [line for line in self.stderr.splitlines() if line.strip()]
        return lines[-1][:200] if lines else f"exit code {self.returncode}"


def parse_stages(text: str) -> dict[str, float]:
    """`[3/5] assemble: ... 0.12 s` -> {"assemble": 0.12}; a skipped render is `skipped`."""
    stages: dict[str, float] = {}
    for match in _STAGE.finditer(text):
        name = "skipped" if "skipped" in match.group(3) else match.group(2)
        stages[name] = stages.get(name, 0.0) + float(match.group(4))
    return stages


def run(
    cmd: list[str],
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    sample: bool = False,
) -> Run:
    """Run `cmd` to the end under a fresh, small wrapper process (this file as a script).

    The wrapper takes rusage from wait4 on its one child: ru_maxrss of a waited
    child is the maximum over it and its own waited children (the forked render
    process included), never a sum. The wrapper matters because Linux starts a
    new process's ru_maxrss at its parent's peak RSS: measured straight from
    run.py, every build would report at least run.py's own peak. With `sample`,
    it also sums the memory of every process of the tree as the command runs (a
    build holds two: itself and its render child, which shares pages with it after the
    fork) and counts the command's own processes.
    """
    with (
        tempfile.TemporaryDirectory() as tmp,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        result = Path(tmp) / "rusage.json"
        wrapper = [sys.executable, "-S", str(Path(__file__).resolve()), str(result)]
        wrapper += ["--sample" if sample else "--", "--"]
        subprocess.run([*wrapper, *cmd], cwd=cwd, env=env, stdout=out, stderr=err, check=False)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        try:
            usage = json.loads(result.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            usage = {"returncode": -1, "wall": 0.0, "cpu": 0.0, "maxrss_kb": 0}
    return Run(
        returncode=usage["returncode"],
        wall=usage["wall"],
        cpu=usage["cpu"],
        maxrss_mb=usage["maxrss_kb"] / 1024,
        tree_mb=usage["tree_kb"] / 1024 if usage.get("tree_kb") else None,
        processes=usage.get("processes") or None,
        stdout=stdout,
        stderr=stderr,
        stages=parse_stages(stdout),
    )


def _wrap(argv: list[str]) -> int:
    """The wrapper: run `argv[3:]` (after `RESULT --sample|-- --`), write its rusage as JSON
    to RESULT; with --sample, with the peak summed memory of its process tree."""
    result, sample, cmd = argv[0], argv[1] == "--sample", argv[3:]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd)
    tree_kb = processes = 0
    pause = 0.01  # doubled up to SAMPLE_SECONDS: a 0.2 s peer is sampled more than at its start
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG if sample else 0)
        if pid:
            break
        tree = _tree(proc.pid)
        tree_kb = max(tree_kb, sum(_pss_kb(p) for p in tree))
        if own := _cmdline(proc.pid):  # empty once it has exited
            processes = max(processes, sum(1 for p in tree if _cmdline(p) == own))
        time.sleep(pause)
        pause = min(2 * pause, SAMPLE_SECONDS)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    data = {
        "returncode": proc.returncode,
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss_kb": usage.ru_maxrss,
        "tree_kb": tree_kb,
        "processes": processes,
    }
    Path(result).write_text(json.dumps(data), encoding="utf-8")
    return 0


def _tree(pid: int) -> list[int]:
    """`pid` and every process below it (Linux: each task's children file)."""
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children", encoding="ascii") as f:
                    stack += [int(child) for child in f.read().split()]
        except OSError:
            continue
    return found


def _cmdline(pid: int) -> bytes | None:
    """A process's command line: a fork keeps its parent's, a program it runs has its own."""
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read()
    except OSError:
        return None


def _pss_kb(pid: int) -> int:
    """A process's proportional set size: its own pages, plus its share of shared ones."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(_wrap(sys.argv[1:]))
