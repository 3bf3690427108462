"""Runs builds under an audit hook, for tests/test_hostile.py: one process for a batch of cases.

Reads a JSON list of jobs on stdin and prints one JSON line for each, in order, as it
finishes. After the imports a build needs, any file opened outside the folders the current
job allows, any socket connect and any subprocess is refused and written to that job's
log, which the test reads: the forked render child inherits both the hook and the log.
The imports are paid once for the batch instead of once for each case (about 1.4 s with
WeasyPrint); each build still renders in a child forked for it alone.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import os
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import briefing  # noqa: E402  (imports first: the hook watches what the build does)
import build_report  # noqa: E402
from briefing.render import get_renderer  # noqa: E402

SHARED = [
    str(ROOT),
    sys.prefix,
    sys.base_prefix,
    sys.exec_prefix,
    "/usr/share/fonts",
    "/usr/share/fontconfig",
    "/etc/fonts",
    "/dev/null",
    "/dev/urandom",
    "/proc/self",
]
"""What every build may open: the project, Python, the fonts and a few devices."""


class Watch:
    """The audit hook's view of the job that runs now: what it may open, where to log."""

    allowed: ClassVar[list[str]] = []
    log: ClassVar[int | None] = None

    @classmethod
    def start(cls, job: dict[str, Any]) -> None:
        allowed = [*SHARED, job["content"], str(Path(job["out"]).parent), *job["archive"]]
        cls.allowed = [os.path.realpath(a) for a in allowed]  # the hook compares real paths
        cls.log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    @classmethod
    def stop(cls) -> None:
        if cls.log is not None:
            os.close(cls.log)
        cls.log, cls.allowed = None, []

    @classmethod
    def refuse(cls, what: str) -> None:
        where = "".join(traceback.format_stack(limit=25))  # which code asked, for the message
        if cls.log is not None:
            os.write(cls.log, f"{what}\n{where}".encode("utf-8", "replace"))
        raise PermissionError(f"audit: refused {what}")


def hook(event: str, args: tuple) -> None:
    if Watch.log is None:  # between jobs: the runner's own reading and writing
        return
    if event == "open":
        path = args[0]
        if isinstance(path, int):
            return
        real = os.path.realpath(os.fsdecode(path))
        if not any(real == a or real.startswith(a.rstrip("/") + "/") for a in Watch.allowed):
            Watch.refuse(f"open {real}")
    elif event in ("socket.connect", "socket.sendto", "socket.getaddrinfo"):
        Watch.refuse(f"{event} {args[1:2]}")
    elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"):
        Watch.refuse(f"{event} {args[:2]}")


def run(job: dict[str, Any]) -> dict[str, Any]:
    """One build as the command line runs it, its output captured."""
    os.chdir(job["cwd"])
    logging.root.handlers.clear()  # the build's logging goes to this job's stderr
    stdout, stderr = io.StringIO(), io.StringIO()
    Watch.start(job)
    started = time.perf_counter()
    try:
        with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
            code = build_report.main(
                [
                    *("--content", job["content"], "--out", job["out"]),
                    *("--engine", job["engine"], "--force", "--timeout", "20"),
                    *job["options"],
                ]
            )
    finally:
        Watch.stop()
    seconds = time.perf_counter() - started  # for bench/bounds.py: no test reads it
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    # The peak of this process and of every child so far: an upper bound for this job's.
    return {
        "code": code,
        "stdout": stdout.getvalue(),
        "stderr": stderr.getvalue(),
        "peak_mb": peak_kb / 1024,
        "seconds": seconds,
    }


def main() -> None:
    jobs = json.loads(sys.stdin.read())
    for engine in sorted({job["engine"] for job in jobs}):
        get_renderer(engine)  # import the engines and their libraries before watching
    # What --watch does before its rebuilds: each build's child then starts with the stage
    # modules, templates, fonts and collation table index instead of reading them again.
    briefing.warm_up(("pdf", "html"))
    sys.addaudithook(hook)
    for index, job in enumerate(jobs):
        result = {"index": index, **run(job)}
        sys.__stdout__.write(json.dumps(result) + "\n")
        sys.__stdout__.flush()


if __name__ == "__main__":
    main()
