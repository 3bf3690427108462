"""Diagnostics: what went wrong in content, where, and how to fix it."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem found in content, with its place and a hint."""

    file: str
    line: int
    column: int
    severity: Severity
    code: str
    message: str
    hint: str = ""

    def format(self) -> str:
        """`content/events.yaml:41:7: error E104 unknown source 'x' (did you mean 'y'?)`."""
        text = f"{self.file}:{self.line}:{self.column}: {self.severity} {self.code} {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return safe_text(text)

    def as_dict(self) -> dict[str, object]:
        """Plain dict for JSON output."""
        return asdict(self)


def did_you_mean(name: str, known: object) -> str:
    """`did you mean 'x'?` for the closest known name, or a list of a few known names."""
    names = sorted(str(k) for k in known)  # type: ignore[attr-defined]
    close = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    if not names:
        return "none is defined yet"
    shown = ", ".join(f"'{n}'" for n in names[:5])
    return f"known: {shown}{', ...' if len(names) > 5 else ''}"


def safe_text(text: str) -> str:
    """Escape control and bidi characters so content can never drive the terminal."""
    out = []
    for char in text:
        code = ord(char)
        if (code < 32 and char not in "\n\t") or 0x7F <= code < 0xA0 or _is_bidi(code):
            out.append(f"\\u{code:04x}")
        else:
            out.append(char)
    return "".join(out)


def _is_bidi(code: int) -> bool:
    return 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069 or code in (0x2028, 0x2029)


def count(diagnostics: list[Diagnostic], severity: Severity) -> int:
    """How many diagnostics have this severity."""
    return sum(1 for d in diagnostics if d.severity == severity)


def tally(diagnostics: list[Diagnostic]) -> str:
    """`1 error, 2 warnings`: the summary a build and its check stage print."""
    errors, warnings = count(diagnostics, "error"), count(diagnostics, "warning")
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
