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


@dataclass
class Run:
    """One finished process: its exit code, times, peak memory and progress lines."""

    returncode: int
    wall: float
    cpu: float
    """User + system seconds of the process and every child it waited for."""
    maxrss_mb: float
    """Peak resident memory of the largest process in the tree (Linux ru_maxrss), MiB."""
    stdout: str
    stderr: str
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


def run(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> Run:
    """Run `cmd` to the end under a fresh, small wrapper process (this file as a script).

    The wrapper takes rusage from wait4 on its one child: ru_maxrss of a waited
    child is the maximum over it and its own waited children (the forked render
    process included), never a sum. The wrapper matters because Linux starts a
    new process's ru_maxrss at its parent's peak RSS: measured straight from
    run.py, every build would report at least run.py's own peak.
    """
    with (
        tempfile.TemporaryDirectory() as tmp,
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
    ):
        result = Path(tmp) / "rusage.json"
        wrapper = [sys.executable, "-S", str(Path(__file__).resolve()), str(result), "--"]
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
        stdout=stdout,
        stderr=stderr,
        stages=parse_stages(stdout),
    )


def _wrap(argv: list[str]) -> int:
    """The wrapper: run `argv[2:]` (after `RESULT --`), write its rusage as JSON to RESULT."""
    result, cmd = argv[0], argv[2:]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    data = {
        "returncode": proc.returncode,
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss_kb": usage.ru_maxrss,
    }
    Path(result).write_text(json.dumps(data), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(_wrap(sys.argv[1:]))
