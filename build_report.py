#!/usr/bin/env python3
"""Build a sourced PDF briefing from a folder of YAML and Markdown content.

The project's entry point; the installed `briefing` command is the same. Paths default to
this repository's `content/`, `out/` and `schema/`.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from briefing import cli

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None, *, stop: threading.Event | None = None) -> int:
    """`briefing.cli.main` with this repository's folders as the defaults."""
    return cli.main(argv, root=HERE, prog="build_report.py", stop=stop)


if __name__ == "__main__":
    sys.exit(main())
