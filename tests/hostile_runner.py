"""Runs one build under an audit hook, for tests/test_hostile.py (a child process per case).

After the imports a build needs, any file opened outside the allowed folders,
any socket connect and any subprocess is refused and written to a log that the
test reads: the forked render child inherits both the hook and the log.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import sys
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build_report  # noqa: E402  (imports first: the hook watches what the build does)
from briefing.render import get_renderer  # noqa: E402


def main() -> None:
    content, out, engine, log_path = sys.argv[1:5]
    options = json.loads(sys.argv[5]) if len(sys.argv) > 5 else []
    """Extra command-line options, e.g. `["--check"]` or `["--archive", DIR]`."""
    get_renderer(engine)  # import the engine and its libraries before watching
    archive = options[options.index("--archive") + 1] if "--archive" in options else None
    allowed = [
        str(ROOT),
        str(Path(content).resolve()),
        str(Path(out).resolve().parent),
        *([str(Path(archive).resolve())] if archive else []),
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
    allowed += [os.path.realpath(a) for a in allowed]  # the hook compares real paths
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)

    def refuse(what: str) -> None:
        where = "".join(traceback.format_stack(limit=25))  # which code asked, for the message
        os.write(log, f"{what}\n{where}".encode("utf-8", "replace"))
        raise PermissionError(f"audit: refused {what}")

    def hook(event: str, args: tuple) -> None:
        if event == "open":
            path = args[0]
            if isinstance(path, int):
                return
            real = os.path.realpath(os.fsdecode(path))
            if not any(real == a or real.startswith(a.rstrip("/") + "/") for a in allowed):
                refuse(f"open {real}")
        elif event in ("socket.connect", "socket.sendto", "socket.getaddrinfo"):
            refuse(f"{event} {args[1:2]}")
        elif event in ("subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn"):
            refuse(f"{event} {args[:2]}")

    sys.addaudithook(hook)
    stdout, stderr = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = build_report.main(
            [
                *("--content", content, "--out", out, "--engine", engine),
                *("--force", "--timeout", "20", *options),
            ]
        )
    seconds = time.perf_counter() - started
    peak_kb = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    result = {
        "code": code,
        "stdout": stdout.getvalue(),
        "stderr": stderr.getvalue(),
        "seconds": seconds,
        "peak_mb": peak_kb / 1024,
    }
    sys.__stdout__.write(json.dumps(result) + "\n")


if __name__ == "__main__":
    main()
