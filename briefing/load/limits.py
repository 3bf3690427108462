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
MAX_NESTING = 8
"""Deepest nesting of block quotes and lists together, and of emphasis: every level is a
box in the engines' layout, and 300 of them ran past Python's recursion limit."""
_WORD = re.compile(rf"[^\s\-/]{{{MAX_WORD + 1},}}")
_EMPHASIS = re.compile(rf"[*_]{{{MAX_EMPHASIS_RUN + 1},}}")
_BRACKET_OR_BLANK = re.compile(r"[\[\]()]|\n(?=\n)")
# A line's container prefix, one piece at a time: a quote marker, a list marker, or spaces.
_PREFIX = re.compile(r"(?P<quote>>)|(?P<item>(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$))|(?P<space>[ \t]+)")
_RULE = re.compile(r"^[ \t>]*([-*_])(?:[ \t]*\1){2,}[ \t]*$")
"""A thematic break (`- - -`, `***`): list markers that are not a list."""
_DELIMITER = re.compile(r"\*+|_+|\n[ \t]*\n")


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
    nesting_limits(text, name, first_line=first_line)
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


def nesting_limits(text: str, name: str, *, first_line: int = 1) -> None:
    """Raise ContentError where block quotes and lists, or emphasis, nest past MAX_NESTING.

    Parsed as Python-Markdown nests them, counting high where in doubt: each `>` and each
    list marker at a line's start is a level, and so is every four columns of indentation
    before a list marker (how a list goes inside an item). A line of an indented code block
    can count a level it does not have; it takes 32 columns to matter.
    """
    for number, line in enumerate(text.split("\n")):
        if ">" in line[:64] or (line.lstrip()[:1] in "-*+0123456789" and not _RULE.match(line)):
            depth, column = 0, 0
            position = 0
            while (piece := _PREFIX.match(line, position)) is not None and piece.end() > position:
                kind = piece.lastgroup
                if kind == "space":
                    column += len(piece.group().expandtabs(4))
                else:
                    depth += 1 + (column // 4 if kind == "item" else 0)
                    column = 0
                    if depth > MAX_NESTING:
                        raise _error(
                            name,
                            first_line + number,
                            piece.start() + 1,
                            "E023",
                            f"block quotes and lists nested deeper than {MAX_NESTING}",
                            "flatten the quote or the list",
                        )
                position = piece.end()
    _emphasis_nesting(text, name, first_line)


def _emphasis_nesting(text: str, name: str, first_line: int) -> None:
    """Emphasis opened inside emphasis: a run of `*` or `_` before a word opens (a run of
    three opens two), one after a word closes the innermost of its kind; a paragraph ends
    them all. Counted high: an opener never closed stays open to the paragraph's end."""
    if "*" not in text and "_" not in text:
        return
    stack: list[str] = []
    for found in _DELIMITER.finditer(text):
        run = found.group()
        if run[0] == "\n":
            stack.clear()
            continue
        start, end = found.start(), found.end()
        before = text[start - 1] if start else " "
        after = text[end] if end < len(text) else " "
        if not before.isspace() and run[0] in stack:  # a closer: back to its opener
            while stack and stack.pop() != run[0]:
                pass
            continue
        if after.isspace() or (run[0] == "_" and before.isalnum()):
            continue  # neither opens: `a * b`, `snake_case`
        stack.extend(run[0] * min(len(run), 2))
        if len(stack) > MAX_NESTING:
            raise _error(
                name,
                *_where(text, start, first_line),
                "E023",
                f"emphasis nested deeper than {MAX_NESTING}",
                "close emphasis sooner",
            )


def _error(name: str, line: int, column: int, code: str, message: str, hint: str) -> ContentError:
    return ContentError([Diagnostic(name, line, column, "error", code, message, hint)])
