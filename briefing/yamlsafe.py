"""load: a YAML reader for untrusted content, built on the parser's event stream.

It never constructs Python objects from tags: every scalar becomes text, every
value keeps its line and column, and anchors, aliases, tags, duplicate keys,
deep nesting and oversized input end in a diagnostic instead of a surprise.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from briefing.diagnostics import ContentError, Diagnostic
from briefing.limits import MAX_WORD, text_limits

Path_ = tuple[str | int, ...]

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 40
MAX_NODES = 200_000
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
_FORBIDDEN_RE = re.compile("[" + "".join(re.escape(c) for c in sorted(_FORBIDDEN)) + "]")
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Located:
    """A loaded YAML document: plain data plus the position of every value and key."""

    data: Any
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    quoted: set[Path_] = field(default_factory=set)
    """Scalars written in quotes: their text starts one column after their position."""

    def position(self, path: Path_, *, prefer_key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of the value at `path`, or of its nearest parent."""
        for end in range(len(path), -1, -1):
            sub = path[:end]
            table = (self.keys, self.values) if prefer_key else (self.values, self.keys)
            for positions in table:
                if sub in positions:
                    return positions[sub]
        return (1, 1)


def decode(raw: bytes, name: str) -> str:
    """UTF-8 bytes to text; anything else is a diagnostic that says what the file is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _error(name, 1, 1, "E010", "file is UTF-16", "save it as UTF-8")
    if b"\x00" in raw:
        # UTF-16 without a byte-order mark (or a binary file) decodes as "valid" UTF-8.
        nul = raw.index(b"\x00")
        line = raw.count(b"\n", 0, nul) + 1
        column = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        raise _error(
            name, line, column, "E010", "file has NUL bytes (UTF-16 or binary?)", "save it as UTF-8"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise _error(
            name, line, column, "E010", "file is not valid UTF-8", "save it as UTF-8"
        ) from None
    found = _FORBIDDEN_RE.search(text)
    if found:
        index = found.start()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        raise _forbidden(name, line, column, found.group())
    return text


def _forbidden(name: str, line: int, column: int, char: str) -> ContentError:
    return _error(
        name,
        line,
        column,
        "E017",
        f"control or bidi-override character U+{ord(char):04X}",
        "delete it; use a plain newline or space",
    )


def read_bytes(path: Path, name: str, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a content file, refusing anything larger than `limit`."""
    try:
        if path.is_symlink():
            # A link could point anywhere on the machine; content must be plain files.
            raise _error(name, 1, 1, "E020", "file is a symbolic link", "copy the file instead")
        if not path.is_file():
            raise _error(name, 1, 1, "E020", "not a regular file", "content must be plain files")
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise _error(name, 1, 1, "E020", f"cannot read file: {exc.strerror}", "") from None
    if len(raw) > limit:
        raise _error(
            name, 1, 1, "E011", f"file is larger than {limit:,} bytes", "split it or shorten it"
        )
    return raw


def parse_yaml(text: str, name: str, *, line_offset: int = 0) -> Located:
    """YAML text to plain dicts, lists and strings, with positions."""
    located = Located(data=None)
    stack: list[_Frame] = []
    documents = 0
    nodes = 0
    try:
        for event in yaml.parse(text, Loader=_Parser):
            mark = event.start_mark
            where = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _error(
                        name, *where, "E018", "more than one YAML document", "remove the '---'"
                    )
                continue
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _error(
                    name,
                    *where,
                    "E014",
                    "anchors and aliases are not allowed",
                    "write the value out in full",
                )
            if isinstance(event, yaml.NodeEvent) and getattr(event, "tag", None) not in (
                None,
                "!",
            ):
                tag = str(event.tag).replace("tag:yaml.org,2002:", "!!")
                raise _error(name, *where, "E013", f"YAML tag '{tag}' is not allowed", "remove it")
            if isinstance(event, yaml.CollectionEndEvent):
                frame = stack.pop()
                _place(located, stack, frame.value, frame.path, frame.where, name)
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            nodes += 1
            if nodes > MAX_NODES:
                raise _error(
                    name, *where, "E016", f"more than {MAX_NODES:,} values", "split the file"
                )
            path = _next_path(stack)
            if isinstance(event, yaml.CollectionStartEvent):
                if len(stack) >= MAX_DEPTH:
                    raise _error(
                        name, *where, "E016", f"nested deeper than {MAX_DEPTH}", "flatten it"
                    )
                value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append(_Frame(value, path, where))
                continue
            scalar = event.value
            smuggled = _FORBIDDEN_RE.search(scalar)
            if smuggled:
                # A quoted scalar can spell the character as an escape: "\e", "\u202E".
                raise _forbidden(name, *where, smuggled.group())
            if event.style in ("'", '"'):
                located.quoted.add(path)
            # libyaml reports a plain scalar's style as '', the pure-Python parser as None.
            is_plain = event.implicit[0] and not event.style
            value = None if is_plain and scalar in NULLS else unicodedata.normalize("NFC", scalar)
            if value is not None and len(value) > MAX_WORD:
                try:
                    text_limits(value, name, first_line=where[0])
                except ContentError as exc:
                    # text_limits counts columns from the value; the file counts from the margin.
                    shift = where[1] - 1 + (path in located.quoted)
                    raise ContentError(
                        [
                            replace(d, column=d.column + shift) if d.line == where[0] else d
                            for d in exc.diagnostics
                        ]
                    ) from None
            _place(located, stack, value, path, where, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1 + line_offset, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or exc.context or "YAML syntax error"
        hint = "check the indentation and quoting"
        if "\\t" in problem or "tab" in problem or _tab_indented(text, line - line_offset):
            hint = "indent with spaces, not tabs"
        elif "mapping values are not allowed" in problem:
            hint = "put text that contains ': ' in quotes"
        raise _error(name, line, column, "E012", f"YAML syntax error: {problem}", hint) from None
    except yaml.YAMLError as exc:
        raise _error(name, 1, 1, "E012", f"YAML error: {exc}", "check the file") from None
    return located


def _tab_indented(text: str, line: int) -> bool:
    """Whether `line` (1-based) of `text` is indented with a tab: YAML's errors rarely say so."""
    lines = text.split("\n")
    if not 1 <= line <= len(lines):
        return False
    row = lines[line - 1]
    return "\t" in row[: len(row) - len(row.lstrip())]


@dataclass
class _Frame:
    value: Any
    path: Path_
    where: tuple[int, int]
    pending_key: str | None = None
    key_lines: dict[str, int] = field(default_factory=dict)


def _next_path(stack: list[_Frame]) -> Path_:
    if not stack:
        return ()
    frame = stack[-1]
    if isinstance(frame.value, list):
        return (*frame.path, len(frame.value))
    if frame.pending_key is None:
        return (*frame.path, "<key>")
    return (*frame.path, frame.pending_key)


def _place(
    located: Located,
    stack: list[_Frame],
    value: Any,
    path: Path_,
    where: tuple[int, int],
    name: str,
) -> None:
    """Put a finished value into its parent (or make it the document)."""
    if not stack:
        located.data = value
        located.values[()] = where
        return
    parent = stack[-1]
    if isinstance(parent.value, list):
        parent.value.append(value)
        located.values[path] = where
        return
    if parent.pending_key is None:
        if not isinstance(value, str):
            raise _error(name, *where, "E012", "a key must be plain text", "quote the key")
        if value in parent.key_lines:
            first = parent.key_lines[value]
            raise _error(
                name,
                *where,
                "E015",
                f"duplicate key '{value}' (first on line {first})",
                "keep one of the two",
            )
        parent.key_lines[value] = where[0]
        parent.pending_key = value
        located.keys[(*parent.path, value)] = where
        return
    parent.value[parent.pending_key] = value
    located.values[(*parent.path, parent.pending_key)] = where
    parent.pending_key = None


def _error(name: str, line: int, column: int, code: str, message: str, hint: str) -> ContentError:
    return ContentError([Diagnostic(name, line, column, "error", code, message, hint)])
