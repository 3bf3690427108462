"""What one pytest-xdist worker runs whole (a unit), for tests/conftest.py's scheduler.

A unit is a test file with the files RUN_WITH it, so a file's module fixtures (a built
briefing, a venv) are made once; or one case of a file in SPREAD; or one batch of a file in
BATCHES, whose cases share one runner process.
"""

from __future__ import annotations

from pathlib import Path

RUN_WITH = {
    "tests/test_pdfua.py": "tests/test_pdf.py",
    "tests/test_readers.py": "tests/test_pdf.py",
}
"""Files that read a build too slow to make on two workers (the shipped briefing with
WeasyPrint, `shipped_build`): each runs on the worker of the file named."""
SPREAD = ("tests/test_hostile_yaml.py",)
"""Files of independent cases, a fork each: spread over the workers."""
HOSTILE = "tests/test_hostile.py"
HOSTILE_CASES = sorted(p.stem for p in (Path(__file__).parent / "hostile").glob("*.yaml"))
BATCHES = {"weasyprint": 3, "reportlab": 1, "check": 1}
"""Runner processes for tests/test_hostile.py's cases, by engine: enough to keep both
workers busy, few enough that the imports (1.4 s with WeasyPrint) are paid a few times."""


def hostile_batch(nodeid: str) -> str:
    """`engine/number` for a case of tests/test_hostile.py: round robin in the cases' order."""
    case = nodeid.rsplit("[", 1)[-1].rstrip("]")
    stem, engine = case.rsplit("-", 1)
    number = HOSTILE_CASES.index(stem) % BATCHES[engine] if stem in HOSTILE_CASES else 0
    return f"{engine}/{number}"


def unit(nodeid: str) -> str:
    """The unit a test belongs to."""
    path = nodeid.split("::", 1)[0]
    if path in SPREAD:
        return nodeid
    if path == HOSTILE and "[" in nodeid:
        return f"{path}::{hostile_batch(nodeid)}"
    return RUN_WITH.get(path, path)
