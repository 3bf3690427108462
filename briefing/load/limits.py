"""load: limits that keep untrusted text from making later stages slow or unreadable."""

from __future__ import annotations

import re

from briefing.diagnostics import Diagnostic
from briefing.errors import ContentError

MAX_WORD = 400
"""Longest run without a space or hyphen: longer breaks line layout (URLs stay well under)."""
MAX_BRACKET_DEPTH = 12
"""Deepest `[` or `(` nesting in Markdown: Python-Markdown's link parsing is super-linear."""
MAX_EMPHASIS_RUN = 64
"""Longest run of `*` or `_`: each opens another emphasis the parser must try to close."""
_WORD = re.compile(rf"[^\s\-/]{{{MAX_WORD + 1},}}")
_EMPHASIS = re.compile(rf"[*_]{{{MAX_EMPHASIS_RUN + 1},}}")
_BRACKET_OR_BLANK = re.compile(r"[\[\]()]|\n(?=\n)")


def _where(text: str, offset: int, first_line: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset)
    return first_line + line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def text_limits(text: str, name: str, *, first_line: int = 1, markdown: bool = False) -> None:
    """Raise ContentError at the first place `text` goes past a limit."""
    word = _WORD.search(text)
    if word:
        raise _error(
            name,
            *_where(text, word.start(), first_line),
            "E023",
            f"a word of more than {MAX_WORD} characters",
            "break it with spaces; long links belong in a source's url",
        )
    if not markdown:
        return
    run = _EMPHASIS.search(text)
    if run:
        raise _error(
            name,
            *_where(text, run.start(), first_line),
            "E023",
            f"a run of more than {MAX_EMPHASIS_RUN} '*' or '_'",
            "shorten it",
        )
    depth = 0
    for found in _BRACKET_OR_BLANK.finditer(text):  # only the characters that count
        char = found.group()
        if char in "[(":
            depth += 1
            if depth > MAX_BRACKET_DEPTH:
                raise _error(
                    name,
                    *_where(text, found.start(), first_line),
                    "E023",
                    f"brackets nested deeper than {MAX_BRACKET_DEPTH}",
                    "close brackets sooner",
                )
        elif char != "\n":
            depth = max(depth - 1, 0)
        else:
            depth = 0  # a blank line ends the paragraph and every open bracket with it


def _error(name: str, line: int, column: int, code: str, message: str, hint: str) -> ContentError:
    return ContentError([Diagnostic(name, line, column, "error", code, message, hint)])
