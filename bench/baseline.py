"""bench: the same synthetic content in the content model of the baseline commit (run.py
BASELINE), so its ReportLab and ours lay out one document and their times compare code only.

Three things changed since: the briefing names its parties, a figure's claimant has a
`party` where it had a `claimant_side` (`armenia`, `azerbaijan`, `third-party`), and two
event categories were renamed. Each is rewritten line by line: generate.py writes one key
per line, so no YAML round trip is needed (and none could keep the bytes otherwise equal).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

SIDES = {"party-a": "armenia", "party-b": "azerbaijan"}
"""The generator's parties, by the side the baseline model named them (generate.CLAIMANTS)."""
NO_PARTY = "third-party"
"""The baseline generator's side for a claimant of neither party."""
CATEGORIES = {"security": "ceasefire", "political": "domestic"}
"""Today's categories by the baseline's names for the same slots (generate.CATEGORIES)."""

_CATEGORY = re.compile(r"^(\s+category: )(\S+)$")
_PARTY = re.compile(r"^(\s+)party: (\S+)$")
_CLAIMANT = re.compile(r"^(\s+)claimant: ")


def _briefing(text: str) -> str:
    """Drop the `parties:` block, which the baseline model does not know."""
    out, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.startswith("parties:"):
            skipping = True
            continue
        if skipping and line.startswith((" ", "-")):
            continue
        skipping = False
        out.append(line)
    return "".join(out)


def _events(text: str) -> str:
    def rename(match: re.Match[str]) -> str:
        return match[1] + CATEGORIES.get(match[2], match[2])

    return "".join(_CATEGORY.sub(rename, line) for line in text.splitlines(keepends=True))


def _figures(text: str) -> str:
    """`party: X` becomes `claimant_side: side(X)`; a claimant with no party gets the
    baseline generator's third-party side, right after its `claimant:` line."""
    lines = text.splitlines(keepends=True)
    out: list[str] = []
    for at, line in enumerate(lines):
        if party := _PARTY.match(line):
            out.append(f"{party[1]}claimant_side: {SIDES[party[2]]}\n")
            continue
        out.append(line)
        claimant = _CLAIMANT.match(line)
        following = lines[at + 1] if at + 1 < len(lines) else ""
        if claimant and not _PARTY.match(following):
            out.append(f"{claimant[1]}claimant_side: {NO_PARTY}\n")
    return "".join(out)


REWRITE = {"briefing.yaml": _briefing, "events.yaml": _events, "figures.yaml": _figures}


def convert(content: Path, out: Path) -> Path:
    """A copy of `content` at `out` in the baseline's content model."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(content, out)
    for name, rewrite in REWRITE.items():
        path = out / name
        path.write_text(rewrite(path.read_text(encoding="utf-8")), encoding="utf-8")
    return out
