"""Where the templates and styles are: inside the installed package, or beside it in a checkout.

The repository keeps `templates/` and `styles/` at its top level; a wheel installs the same
folders inside the package (see pyproject.toml), so a build finds them from any folder.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE = Path(__file__).resolve().parent


def _folder(name: str) -> Path:
    inside = PACKAGE / name
    return inside if inside.is_dir() else PACKAGE.parent / name


TEMPLATES = _folder("templates")
STYLES = _folder("styles")
GEODATA = PACKAGE / "geodata"
"""World outlines shipped with the package (see its README)."""
