"""Diagnostics: what went wrong in content, where, and how to fix it."""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]
INVISIBLE = frozenset("\u115f\u1160\u3164\uffa0\u034f\u17b4\u17b5\u180e\u2800")
"""Letters and marks that draw nothing, beyond the format, control and space categories."""


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
        """Plain dict for JSON output, invisible characters escaped as in `format`."""
        return {k: safe_text(v) if isinstance(v, str) else v for k, v in asdict(self).items()}


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
    """Escape control, bidi and invisible characters (`\\u200b`), so content can never
    drive the terminal and `ti\u200btle` never reads as `title`."""
    if text.isascii() and text.isprintable():
        return text  # nearly always: nothing to escape
    out = []
    for char in text:
        if char in "\n\t" or not invisible(char):
            out.append(char)
        elif ord(char) > 0xFFFF:
            out.append(f"\\U{ord(char):08x}")
        else:
            out.append(f"\\u{ord(char):04x}")
    return "".join(out)


def invisible(char: str) -> bool:
    """A character a reader cannot see (or that moves text around): format and control
    characters, separators other than the plain space, and fillers that draw nothing."""
    category = unicodedata.category(char)
    if category in ("Cf", "Cc", "Zl", "Zp", "Co", "Cn", "Cs"):
        return True
    return (category == "Zs" and char != " ") or char in INVISIBLE


def count(diagnostics: list[Diagnostic], severity: Severity) -> int:
    """How many diagnostics have this severity."""
    return sum(1 for d in diagnostics if d.severity == severity)


def tally(diagnostics: list[Diagnostic]) -> str:
    """`1 error, 2 warnings`: the summary a build and its check stage print."""
    errors, warnings = count(diagnostics, "error"), count(diagnostics, "warning")
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
