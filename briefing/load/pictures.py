"""load: the images a briefing uses, found where they are written and read once, checked.

Markdown images (`![alt](images/still.png)`) in the sections and the cover's `logo:`.
Each problem is a diagnostic at the image's own line and column: E027 for a file that
cannot be used, E028 for an image without alt text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from briefing.diagnostics import Diagnostic
from briefing.load.cite import line_column
from briefing.load.images import Picture, read_picture

if TYPE_CHECKING:
    from pathlib import Path

    from briefing.load import Section
    from briefing.load.yamlsafe import Located

IMAGE = re.compile(r"!\[(?P<alt>[^\]\n]*)\]\(\s*<?(?P<src>[^)\s>]*)>?(?:\s+\"[^\"\n]*\")?\s*\)")
"""`![alt](path)` or `![alt](path "title")`, as Python-Markdown reads an inline image."""
REFERENCE_IMAGE = re.compile(r"!\[[^\]\n]*\]\s?\[")


@dataclass
class Pictures:
    """What load found: the usable images by path, and the problems."""

    found: dict[str, Picture] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)


def load_pictures(
    root: Path,
    briefing: Any,
    briefing_file: str,
    sections: list[Section],
    located: dict[str, Located],
) -> Pictures:
    """Read every image the content names, once each."""
    out = Pictures()

    def use(relative: str, file: str, line: int, column: int) -> None:
        if relative in out.found:
            return
        try:
            out.found[relative] = read_picture(root, relative)
        except ValueError as exc:
            message = f"image '{relative}' {exc}"
            hint = "use a PNG, JPEG or SVG file inside the content folder"
            out.problems.append(Diagnostic(file, line, column, "error", "E027", message, hint))

    logo = getattr(briefing, "logo", None)
    if logo:
        doc = located.get(briefing_file)
        line, column = doc.position(("logo",)) if doc else (1, 1)
        use(logo, briefing_file, line, column)
    for section in sections:
        for match in IMAGE.finditer(section.body):
            line, column = line_column(section.body, match.start(), first_line=section.body_line)
            if not match.group("alt").strip():
                out.problems.append(
                    Diagnostic(
                        section.file,
                        line,
                        column,
                        "error",
                        "E028",
                        "image without alt text",
                        "say what it shows for readers who cannot see it: ![what it shows](path)",
                    )
                )
            use(match.group("src"), section.file, line, column + match.start("src") - match.start())
        for match in REFERENCE_IMAGE.finditer(section.body):
            line, column = line_column(section.body, match.start(), first_line=section.body_line)
            message = "reference-style image"
            hint = "write the image inline: ![what it shows](images/file.png)"
            out.problems.append(
                Diagnostic(section.file, line, column, "error", "E027", message, hint)
            )
    return out
