"""load: a YAML reader for untrusted content, built on the parser's event stream.

It never constructs Python objects from tags: every scalar becomes text, every
value keeps its line and column, and anchors, aliases, tags, duplicate keys,
deep nesting and oversized input end in a diagnostic instead of a surprise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from typing import Any

import yaml
from yaml import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)

from briefing.diagnostics import Diagnostic
from briefing.errors import ContentError
from briefing.load.limits import MAX_WORD, text_limits

Path_ = tuple[str | int, ...]

MAX_DEPTH = 40
MAX_NODES = 200_000
MAX_REPORTED = 50
"""Problems reported per file at most: past these, the file needs a look as a whole."""
NULLS = {"", "~", "null", "Null", "NULL"}
# C0/C1 controls (tab and newlines allowed), Unicode line separators, bidi overrides.
_FORBIDDEN = {
    *(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"),
    *(chr(c) for c in range(0x7F, 0xA0)),
    "\u2028",
    "\u2029",
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
}
FORBIDDEN_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_FORBIDDEN)) + "]")
# C0/C1 controls (tab and newlines allowed), Unicode line separators, bidi overrides.
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Located:
    """A loaded YAML document: plain data plus the position of every value and key."""

    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    quoted: set[Path_] = field(default_factory=set)
    """Scalars written in quotes: their text starts one column after their position."""
    texts: list[str] = field(default_factory=list)
    """Every text value (not the keys), in order: to check characters without a walk."""

    def position(self, path: Path_, *, prefer_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its nearest parent."""
        for end in range(len(path), -1, -1):
            sub = path[:end]
            table = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            for positions in table:
                if sub in positions:
                    return positions[sub]
        return (1, 1)


def parse_yaml(text: str, name: str, *, line_offset: int = 0) -> Located:
    """YAML text to plain dicts, lists and strings, with positions; ContentError with every
    problem found (it reads on past tags, anchors, aliases and duplicate keys).

    One loop over the parser's events, dispatched on the event's exact class with the
    common case (a scalar) first: this runs for every value of every file, so the
    per-event work is kept to attribute reads and dict/tuple stores.
    """
    located = Located(data=None)
    values, keys, quoted, texts = located.values, located.keys, located.quoted, located.texts
    # A scalar can hold a character the text does not only through a double-quoted escape.
    scan = "\\" in text or FORBIDDEN_RE.search(text) is not None
    stack: list[_Frame] = []
    top: _Frame | None = None  # stack[-1], the collection the next value goes into
    first_line = line_offset + 1
    documents = 0
    nodes = 0
    soft: list[Diagnostic] = []  # problems after which the parse can go on
    try:
        # yaml.parse's events, without its generator and check_event call for every one.
        for event in iter(_Parser(text).get_event, None):
            kind = type(event)
            if kind is ScalarEvent or kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                where = (mark.line + first_line, mark.column + 1) if mark is not None else (1, 1)
                tag = event.tag
                if event.anchor or (tag is not None and tag != "!"):
                    soft.extend(_refused(event, where, name).diagnostics)
                nodes += 1
                if nodes > MAX_NODES:
                    raise error(
                        name, *where, "E016", f"more than {MAX_NODES:,} values", "split the file"
                    )
                if top is None:
                    path: Path_ = ()
                elif top.is_list:
                    path = (*top.path, len(top.value))
                elif top.pending is None:
                    path = top.key_path
                else:
                    path = top.value_path
                if kind is not ScalarEvent:
                    if len(stack) >= MAX_DEPTH:
                        raise error(
                            name, *where, "E016", f"nested deeper than {MAX_DEPTH}", "flatten it"
                        )
                    top = _Frame(kind is SequenceStartEvent, path, where)
                    stack.append(top)
                    continue
                scalar = event.value
                smuggled = scan and FORBIDDEN_RE.search(scalar)
                if smuggled:
                    # A quoted scalar can spell the character as an escape: "\e", "\u202E".
                    soft.extend(forbidden(name, *where, smuggled.group()).diagnostics)
                style = event.style
                if style == "'" or style == '"':
                    quoted.add(path)
                # libyaml reports a plain scalar's style as '', the pure-Python parser as None.
                if event.implicit[0] and not style and scalar in NULLS:
                    value: Any = None
                else:
                    # ASCII text is already NFC; normalising it only costs time.
                    value = scalar if scalar.isascii() else unicodedata.normalize("NFC", scalar)
                    if len(value) > MAX_WORD:
                        _check_long(value, name, where, path in quoted)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                top = stack[-1] if stack else None
                value, path, where = frame.value, frame.path, frame.where
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise error(
                        name,
                        *_where(event, first_line),
                        "E018",
                        "more than one YAML document",
                        "remove the '---'",
                    )
                continue
            elif kind is AliasEvent:
                soft.extend(_refused(event, _where(event, first_line), name).diagnostics)
                value, path = None, _alias_path(top)
                where = _where(event, first_line)
            else:
                continue  # stream start and end, document end
            if (
                kind is ScalarEvent
                and value is not None
                and (top is None or top.is_list or top.pending is not None)
            ):
                texts.append(value)  # a text value; a key is neither kept nor checked here
            # Put the finished value into its parent, or make it the document.
            if top is None:
                located.data = value
                values[()] = where
            elif top.is_list:
                top.value.append(value)
                values[path] = where
            elif top.pending is None:
                if not isinstance(value, str):
                    raise error(name, *where, "E012", "a key must be plain text", "quote the key")
                if value in top.key_lines:
                    first = top.key_lines[value]
                    soft.extend(
                        error(
                            name,
                            *where,
                            "E015",
                            f"duplicate key '{value}' (first on line {first})",
                            "keep one of the two",
                        ).diagnostics
                    )
                top.key_lines[value] = where[0]
                top.pending = value
                top.value_path = (*top.path, value)
                keys[top.value_path] = where
            else:
                top.value[top.pending] = value
                values[path] = where
                top.pending = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "YAML syntax error"
        hint = "check the indentation and quoting"
        if "\\t" in problem or "tab" in problem or _tab_indented(text, line - line_offset):
            hint = "indent with spaces, not tabs"
        elif "mapping values are not allowed" in problem:
            hint = "put text that contains ': ' in quotes"
        syntax = error(name, line, column, "E012", f"YAML syntax error: {problem}", hint)
        raise ContentError([*soft, *syntax.diagnostics]) from None
    except yaml.YAMLError as exc:
        raise error(name, 1, 1, "E012", f"YAML error: {exc}", "check the file") from None
    except ContentError as exc:  # a limit: nothing after it is read
        raise ContentError([*soft, *exc.diagnostics]) from None
    if soft:
        raise ContentError(_collapsed(soft)[:MAX_REPORTED])
    return located


def _collapsed(problems: list[Diagnostic]) -> list[Diagnostic]:
    """Anchors and aliases once a file, at the first, with how many more: an alias bomb's
    thousands of aliases are one mistake."""
    aliases = [d for d in problems if d.code == "E014"]
    if len(aliases) < 2:
        return problems
    first = aliases[0]
    more = f"{first.message} ({len(aliases) - 1} more in this file)"
    return [
        replace(first, message=more) if d is first else d
        for d in problems
        if d.code != "E014" or d is first
    ]


def _tab_indented(text: str, line: int) -> bool:
    """Whether `line` (1-based) of `text` is indented with a tab: YAML's errors rarely say so."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return False
    row = lines[line - 1]
    return "\t" in row[: len(row) - len(row.lstrip())]


class _Frame:
    """A mapping or sequence still being read, and where its next value goes."""

    __slots__ = (
        "is_list",
        "key_lines",
        "key_path",
        "path",
        "pending",
        "value",
        "value_path",
        "where",
    )

    def __init__(self, is_list: bool, path: Path_, where: tuple[int, int]) -> None:
        self.is_list = is_list
        self.value: Any = [] if is_list else {}
        self.path = path
        self.where = where
        self.key_path: Path_ = (*path, "<key>")  # where a key sits until it is read
        self.pending: str | None = None  # the key waiting for its value
        self.value_path: Path_ = ()  # the pending key's path
        self.key_lines: dict[str, int] = {}


def _alias_path(top: _Frame | None) -> Path_:
    """Where a refused alias's value goes: it is read as empty, so the parse goes on."""
    if top is None:
        return ()
    if top.is_list:
        return (*top.path, len(top.value))
    return top.key_path if top.pending is None else top.value_path


def _where(event: yaml.Event, first_line: int) -> tuple[int, int]:
    mark = event.start_mark
    return (mark.line + first_line, mark.column + 1) if mark is not None else (1, 1)


def _refused(event: yaml.Event, where: tuple[int, int], name: str) -> ContentError:
    """The diagnostic for an alias, an anchor or a tag (anchors are reported first)."""
    if type(event) is AliasEvent or getattr(event, "anchor", None):
        return error(
            name,
            *where,
            "E014",
            "anchors and aliases are not allowed",
            "write the value out in full",
        )
    tag = str(getattr(event, "tag", None)).replace("tag:yaml.org,2002:", "!!")
    return error(name, *where, "E013", f"YAML tag '{tag}' is not allowed", "remove it")


def _check_long(value: str, name: str, where: tuple[int, int], in_quotes: bool) -> None:
    """text_limits on a long scalar, with its columns counted from the file's margin."""
    try:
        text_limits(value, name, first_line=where[0])
    except ContentError as exc:
        # text_limits counts columns from the value; the file counts from the margin.
        shift = where[1] - 1 + in_quotes
        raise ContentError(
            [
                replace(d, column=d.column + shift) if d.line == where[0] else d
                for d in exc.diagnostics
            ]
        ) from None


def error(name: str, line: int, column: int, code: str, message: str, hint: str) -> ContentError:
    return ContentError([Diagnostic(name, line, column, "error", code, message, hint)])


def forbidden(name: str, line: int, column: int, char: str) -> ContentError:
    return error(
        name,
        line,
        column,
        "E017",
        f"control or bidi-override character U+{ord(char):04X}",
        "delete it; use a plain newline or space",
    )
