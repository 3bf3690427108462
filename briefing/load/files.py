"""load: content files read as text: a size cap, plain files only, UTF-8, no control or
bidi-override characters; then parsed by the safe YAML reader (`yamlsafe`)."""

from __future__ import annotations

from pathlib import Path

from briefing.diagnostics import Diagnostic
from briefing.errors import ContentError
from briefing.load.yamlsafe import FORBIDDEN_RE, MAX_REPORTED, Located, error, forbidden, parse_yaml

MAX_FILE_BYTES = 2_000_000


def decode(raw: bytes, name: str) -> str:
    """UTF-8 bytes to text; anything else is a diagnostic that says what the file is."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise error(name, 1, 1, "E010", "file is UTF-16", "save it as UTF-8")
    if b"\x00" in raw:
        # UTF-16 without a byte-order mark (or a binary file) decodes as "valid" UTF-8.
        nul = raw.index(b"\x00")
        line = raw.count(b"\n", 0, nul) + 1
        column = nul - (raw.rfind(b"\n", 0, nul) + 1) + 1
        raise error(
            name, line, column, "E010", "file has NUL bytes (UTF-16 or binary?)", "save it as UTF-8"
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise error(
            name, line, column, "E010", "file is not valid UTF-8", "save it as UTF-8"
        ) from None
    problems = forbidden_characters(text, name)
    if problems:
        raise ContentError(problems)
    return text


def forbidden_characters(text: str, name: str) -> list[Diagnostic]:
    """E017 for each control or bidi-override character (the first `MAX_REPORTED`)."""
    problems = []
    for found in FORBIDDEN_RE.finditer(text):
        index = found.start()
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        problems.extend(forbidden(name, line, column, found.group()).diagnostics)
        if len(problems) >= MAX_REPORTED:
            break
    return problems


def read_yaml(path: Path, name: str) -> Located:
    """Read, decode and parse a content file, reporting every YAML-level problem at once:
    each forbidden character, tag, anchor, alias and duplicate key, and the first syntax
    error (after which the parser cannot say where the next value starts)."""
    raw = read_bytes(path, name)
    try:
        text = decode(raw, name)
        early: list[Diagnostic] = []
    except ContentError as exc:
        if any(d.code != "E017" for d in exc.diagnostics):
            raise
        early = exc.diagnostics
        # Blank them out so the parser reads on and finds the file's other problems.
        text = FORBIDDEN_RE.sub(" ", raw.decode("utf-8-sig"))
    try:
        located = parse_yaml(text, name)
    except ContentError as exc:
        raise ContentError(sorted({*early, *exc.diagnostics})) from None
    if early:
        raise ContentError(early)
    return located


def read_capped(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a file the caller has checked; ValueError says why not."""
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise ValueError(f"cannot be read: {exc.strerror}") from None
    if len(data) > limit:
        raise ValueError(f"is larger than {limit:,} bytes")
    return data


def read_bytes(path: Path, name: str, *, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a content file, refusing anything larger than `limit`."""
    try:
        if path.is_symlink():
            # A link could point anywhere on the machine; content must be plain files.
            raise error(name, 1, 1, "E020", "file is a symbolic link", "copy the file instead")
        if not path.is_file():
            raise error(name, 1, 1, "E020", "not a regular file", "content must be plain files")
        with path.open("rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise error(name, 1, 1, "E020", f"cannot read file: {exc.strerror}", "") from None
    if len(raw) > limit:
        raise error(
            name, 1, 1, "E011", f"file is larger than {limit:,} bytes", "split it or shorten it"
        )
    return raw
