"""A build that can be made slow at one stage, so tests/test_faults.py can interrupt it there.

usage: fault_runner.py STAGE SECONDS -- build_report options...
STAGE is `render` (the engine sleeps first) or `write` (the final rename waits).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import briefing
import briefing.write
from build_report import main


def run() -> int:
    stage, seconds = sys.argv[1], float(sys.argv[2])
    argv = sys.argv[sys.argv.index("--") + 1 :]
    if stage == "render":
        real = briefing.render.get_renderer

        class Slow:
            def __init__(self, inner: object) -> None:
                self.inner = inner
                self.name = inner.name  # type: ignore[attr-defined]

            @property
            def pages(self) -> int | None:
                return self.inner.pages  # type: ignore[attr-defined]

            def render(self, document: object) -> bytes:
                print("rendering", flush=True)
                time.sleep(seconds)
                return self.inner.render(document)  # type: ignore[attr-defined]

        briefing.render.get_renderer = lambda name, **kw: Slow(real(name, **kw))  # type: ignore[assignment]
    elif stage == "write":
        replace = os.replace

        def slow_replace(source: str, target: str) -> None:
            if str(target).endswith(".pdf"):
                print("writing", flush=True)
                time.sleep(seconds)
            replace(source, target)

        briefing.write.os.replace = slow_replace  # type: ignore[assignment]
    return main(argv)


if __name__ == "__main__":
    sys.exit(run())
