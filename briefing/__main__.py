"""`python -m briefing`: the same command as `briefing` and `build_report.py`."""

from __future__ import annotations

import sys

from briefing.cli import main

sys.exit(main(prog="python -m briefing"))
