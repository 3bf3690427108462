"""load: content/*.yaml and sections/*.md -> typed content, every value with file:line:column."""

from __future__ import annotations

import difflib
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from briefing.charts.geo import Outline, load_outlines
from briefing.diagnostics import ContentError, Diagnostic, Severity, did_you_mean
from briefing.limits import text_limits
from briefing.model import (
    FILE_MODELS,
    Briefing,
    Event,
    Figure,
    Glossary,
    Place,
    SectionHeader,
    Source,
    Strict,
    Table,
    Term,
    Topic,
)
from briefing.yamlsafe import Located, decode, parse_yaml, read_bytes

log = logging.getLogger(__name__)

MAX_SECTION_BYTES = 400_000
REQUIRED = ("briefing", "sources")
# The closing `---` may end the file: a section can be a title with no body yet.
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class Section:
    """A Markdown section: its header, its body and where the body starts in the file."""

    header: SectionHeader
    body: str
    file: str
    body_line: int


@dataclass
class Content:
    """Everything loaded from a content folder, with positions for diagnostics."""

    root: Path
    briefing: Briefing
    sources: list[Source]
    events: list[Event] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    outlines: list[Outline] = field(default_factory=list)
    """Country outlines for the locator map (briefing.yaml `map_outlines`)."""
    files: dict[str, str] = field(default_factory=dict)
    """File stem -> display name (`content/events.yaml`)."""
    located: dict[str, Located] = field(default_factory=dict)
    """Display name -> positions of its values."""

    def diagnostic(
        self,
        stem: str,
        *path: str | int,
        severity: Severity,
        code: str,
        message: str,
        hint: str,
        key: bool = False,
    ) -> Diagnostic:
        """A diagnostic at the value at `path` in the file `stem`."""
        file, line, column = self.where(stem, *path, key=key)
        return Diagnostic(file, line, column, severity, code, message, hint)

    def where(self, stem: str, *path: str | int, key: bool = False) -> tuple[str, int, int]:
        """File, line and column of the value at `path` in the file `stem`."""
        name = self.files.get(stem, stem)
        located = self.located.get(name)
        line, column = located.position(path, prefer_key=key) if located else (1, 1)
        return name, line, column


def display_name(root: Path, path: Path) -> str:
    """A path relative to the working folder where possible, for short messages."""
    try:
        return str(path.absolute().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def load(root: Path) -> Content:
    """Read and type every content file; raise ContentError with all problems at once."""
    diagnostics: list[Diagnostic] = []
    models: dict[str, Strict] = {}
    files: dict[str, str] = {}
    located: dict[str, Located] = {}
    if not root.is_dir():
        raise ContentError(
            [Diagnostic(str(root), 1, 1, "error", "E020", "content folder not found", "")]
        )
    for stem, model in FILE_MODELS.items():
        path = root / f"{stem}.yaml"
        name = display_name(root, path)
        files[stem] = name
        if not path.exists():
            if stem in REQUIRED:
                diagnostics.append(
                    Diagnostic(
                        name, 1, 1, "error", "E020", "file is missing", f"create {stem}.yaml"
                    )
                )
            continue
        try:
            doc = parse_yaml(decode(read_bytes(path, name), name), name)
        except ContentError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        located[name] = doc
        typed = validate(model, doc, name, diagnostics)
        if typed is not None:
            models[stem] = typed
    _warn_unknown_files(root, diagnostics)
    sections = _load_sections(root, located, diagnostics)
    outlines = _load_outlines(root, models.get("briefing"), files["briefing"], located, diagnostics)
    if diagnostics or "briefing" not in models or "sources" not in models:
        raise ContentError(sorted(diagnostics))  # by file and position, as check sorts them
    figures = models.get("figures")
    glossary = models.get("glossary")
    assert isinstance(glossary, Glossary | None)
    return Content(
        root=root,
        briefing=models["briefing"],  # type: ignore[arg-type]
        sources=list(models["sources"].sources),  # type: ignore[attr-defined]
        events=list(getattr(models.get("events"), "events", [])),
        topics=list(getattr(figures, "topics", [])),
        figures=list(getattr(figures, "figures", [])),
        tables=list(getattr(models.get("tables"), "tables", [])),
        places=list(getattr(models.get("places"), "places", [])),
        terms=list(glossary.terms if glossary else []),
        sections=sections,
        outlines=outlines,
        files=files,
        located=located,
    )


def _load_outlines(
    root: Path,
    briefing: Any,
    name: str,
    located: dict[str, Located],
    diagnostics: list[Diagnostic],
) -> list[Outline]:
    """The map's country outlines, read from a plain file inside the content folder."""
    relative = getattr(briefing, "map_outlines", None)
    if not relative:
        return []
    line, column = located[name].position(("map_outlines",)) if name in located else (1, 1)
    path = root / relative
    try:
        if path.is_symlink() or not path.resolve().is_relative_to(root.resolve()):
            raise ValueError("must be a plain file inside the content folder")
        return load_outlines(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        diagnostics.append(
            Diagnostic(
                name,
                line,
                column,
                "error",
                "E025",
                f"cannot read map outlines '{relative}': {exc}",
                "give a GeoJSON FeatureCollection of polygons",
            )
        )
        return []


def validate(
    model: type[Strict], doc: Located, name: str, diagnostics: list[Diagnostic]
) -> Any | None:
    """Type a loaded document; turn every validation error into a positioned diagnostic."""
    if doc.data is None:
        doc.data = {}
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        diagnostics.extend(_diagnostics(model, exc.errors(include_url=False), doc, name))
        return None


def _diagnostics(
    model: type[Strict], errors: list[Any], doc: Located, name: str
) -> list[Diagnostic]:
    """One diagnostic per problem, though pydantic reports some problems twice."""
    out: list[Diagnostic] = []
    seen: set[tuple[Any, ...]] = set()
    # A misspelt field is both unknown and missing: report it once, as unknown with a hint.
    misspelt = set()
    for error in errors:
        loc = _clean(error["loc"])
        if error["type"] == "extra_forbidden" and loc:
            close = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1)
            misspelt.update((*loc[:-1], field) for field in close)
    for error in errors:
        loc = _clean(error["loc"])
        if error["type"] == "missing" and loc in misspelt:
            continue
        if loc != tuple(error["loc"]):
            # A value that fits no member of a union fails once per member; the first says most.
            if loc in seen:
                continue
            seen.add(loc)
        out.append(_diagnostic(model, error, doc, name))
    return out


def _clean(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """An error location without pydantic's union member names."""
    return tuple(part for part in loc if not _is_union_tag(part))


def _diagnostic(model: type[Strict], error: Any, doc: Located, name: str) -> Diagnostic:
    loc = _clean(error["loc"])
    kind = error["type"]
    # Name the field, not the list index: `coordinates`, not `0`.
    field_name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    line, column = doc.position(loc, prefer_key=kind in ("extra_forbidden", "missing"))

    def at_value(code: str, message: str, hint: str) -> Diagnostic:
        return Diagnostic(name, line, column, "error", code, message, hint)

    if kind == "missing" and loc and isinstance(loc[-1], int):
        # A pair such as `published_between: [2020-10-01]` lacks its second item.
        return at_value(
            "E009",
            f"'{field_name}' has too few items",
            "write both ends: [first, last]",
        )
    if kind == "missing":
        return at_value(
            "E001",
            f"missing field '{field_name}'",
            f"add '{field_name}:' here",
        )
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        return at_value(
            "E002",
            f"unknown field '{field_name}'",
            did_you_mean(field_name, known),
        )
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        return at_value(
            "E003",
            f"'{_short(error.get('input'))}' is not allowed for '{field_name}'",
            f"use one of {expected}",
        )
    message = error["msg"].removeprefix("Value error, ")
    if field_name in ("date", "end", "as_of", "published", "published_between") or (
        "not a date" in message
    ):
        return at_value("E004", message, "dates are YYYY[-MM[-DD]]")
    if kind.startswith(("int_", "float_", "decimal_", "bool_")) or "number" in message:
        return at_value(
            "E005",
            f"'{field_name}': {message}",
            "write a plain number or true/false",
        )
    return at_value(
        "E009",
        f"'{field_name or 'file'}': {message}",
        "see docs/authoring.md for this field",
    )


def _is_union_tag(part: object) -> bool:
    """Pydantic adds union member names (`function-after[...]`) to error locations."""
    return isinstance(part, str) and ("[" in part or part in ("str", "int", "float", "literal"))


def _fields_at(model: type[Strict], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model found by walking `loc` (list indexes skipped)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return annotation
    return None


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _load_sections(
    root: Path, located: dict[str, Located], diagnostics: list[Diagnostic]
) -> list[Section]:
    sections: list[Section] = []
    folder = root / "sections"
    if not folder.is_dir():
        return sections
    for path in sorted(folder.glob("*.md")):
        name = display_name(root, path)
        try:
            text = decode(read_bytes(path, name, limit=MAX_SECTION_BYTES), name).replace(
                "\r\n", "\n"
            )
            match = _FRONT.match(text)
            if not match:
                diagnostics.append(
                    Diagnostic(
                        name,
                        1,
                        1,
                        "error",
                        "E021",
                        "section has no YAML header",
                        "start the file with '---', 'id: ...', 'title: ...', '---'",
                    )
                )
                continue
            doc = parse_yaml(match.group(1), name, line_offset=1)
            body_line = match.group(0).count("\n") + 1
            text_limits(text[match.end() :], name, first_line=body_line, markdown=True)
        except ContentError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        located[name] = doc
        header = validate(SectionHeader, doc, name, diagnostics)
        if header is not None:
            sections.append(Section(header, text[match.end() :], name, body_line))
    return sections


def _warn_unknown_files(root: Path, diagnostics: list[Diagnostic]) -> None:
    known = {f"{stem}.yaml" for stem in FILE_MODELS}
    for path in sorted(root.glob("*.y*ml")):
        if path.name not in known:
            diagnostics.append(
                Diagnostic(
                    display_name(root, path),
                    1,
                    1,
                    "error",
                    "E022",
                    f"unknown content file '{path.name}'",
                    did_you_mean(path.stem + ".yaml", known),
                )
            )
