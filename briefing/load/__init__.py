"""load: content/*.yaml and sections/*.md -> typed content, every value with file:line:column."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.diagnostics import Diagnostic, Severity, did_you_mean
from briefing.errors import ContentError
from briefing.load.files import decode, read_bytes, read_yaml
from briefing.load.geo import Outline, Shapes, load_outlines, load_shapes
from briefing.load.images import Picture
from briefing.load.limits import text_limits
from briefing.load.model import (
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
from briefing.load.pictures import load_pictures
from briefing.load.validate import validate
from briefing.load.yamlsafe import Located, parse_yaml

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
    """The content's own country outlines (briefing.yaml `map.outlines`); empty for the
    package's world outlines."""
    layers: dict[str, Shapes] = field(default_factory=dict)
    pictures: dict[str, Picture] = field(default_factory=dict)
    """Every image the content uses (the logo, Markdown images), read and checked, by its
    path inside the content folder."""
    """Each map layer's geometry, by the layer's id (briefing.yaml `map.layers`)."""
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
            doc = read_yaml(path, name)
        except ContentError as exc:
            diagnostics.extend(exc.diagnostics)
            continue
        located[name] = doc
        if doc.data is None:
            # An empty file is a mistake (a bad save, a merge) for every file alike: one with
            # nothing to say is deleted, or says so (`terms: []`).
            diagnostics.append(
                Diagnostic(
                    name,
                    1,
                    1,
                    "error",
                    "E001",
                    "file is empty (only comments or blank lines)",
                    f"write its fields, or delete {path.name} if it has nothing to hold",
                )
            )
            continue
        typed = validate(model, doc, name, diagnostics)
        if typed is not None:
            models[stem] = typed
    _warn_unknown_files(root, diagnostics)
    sections = _load_sections(root, located, diagnostics)
    pictures = load_pictures(root, models.get("briefing"), files["briefing"], sections, located)
    diagnostics.extend(pictures.problems)
    outlines, layers = _load_geodata(
        root, models.get("briefing"), files["briefing"], located, diagnostics
    )
    if "briefing" not in models or "sources" not in models:
        raise ContentError(sorted(diagnostics))  # by file and position, as check sorts them
    figures = models.get("figures")
    glossary = models.get("glossary")
    assert isinstance(glossary, Glossary | None)
    content = Content(
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
        layers=layers,
        pictures=pictures.found,
        files=files,
        located=located,
    )
    if diagnostics:
        # The files that loaded still go through check, so one bad date does not hide
        # every other problem (see `ContentError.partial`).
        broken = {d.file for d in diagnostics}
        failed = {stem for stem, name in files.items() if name in broken}
        if any(Path(name).parent.name == "sections" for name in broken):
            failed.add("sections")
        raise ContentError(sorted(diagnostics), partial=content, failed=failed)
    return content


def _load_geodata(
    root: Path,
    briefing: Any,
    name: str,
    located: dict[str, Located],
    diagnostics: list[Diagnostic],
) -> tuple[list[Outline], dict[str, Shapes]]:
    """The map's own outlines and layers, read from plain files inside the content folder."""
    settings = getattr(briefing, "map", None)
    if settings is None:
        return [], {}

    def read(relative: str, where: tuple[str | int, ...], reader: Any) -> Any:
        path = root / relative
        try:
            if path.is_symlink() or not path.resolve().is_relative_to(root.resolve()):
                raise ValueError("must be a plain file inside the content folder")
            return reader(path)
        except (OSError, ValueError, KeyError, TypeError, RecursionError) as exc:
            line, column = located[name].position(where) if name in located else (1, 1)
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            diagnostics.append(
                Diagnostic(
                    name,
                    line,
                    column,
                    "error",
                    "E025",
                    f"cannot read map data '{relative}': {why}",
                    "give a GeoJSON FeatureCollection of lines or polygons, in longitude and latitude",
                )
            )
            return None

    outlines = []
    if settings.outlines:
        outlines = read(settings.outlines, ("map", "outlines"), load_outlines) or []
    layers = {}
    for index, layer in enumerate(settings.layers):
        shapes = read(layer.file, ("map", "layers", index, "file"), load_shapes)
        if shapes is not None:
            layers[layer.id] = shapes
    return outlines, layers


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
