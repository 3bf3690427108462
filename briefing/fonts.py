"""fonts: where the DejaVu faces are, for the glyph check and the ReportLab engine.

Finding a face needs no engine: the glyph check runs for every build, and a WeasyPrint
build never imports ReportLab (about 30 ms of start-up saved).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from briefing.errors import MissingGlyphError

KNOWN_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path("/Library/Fonts"),
)

# registered name -> (fontconfig pattern, file name)
FACES: dict[str, tuple[str, str]] = {
    "DejaVuSerif": ("DejaVu Serif:style=Book", "DejaVuSerif.ttf"),
    "DejaVuSerif-Bold": ("DejaVu Serif:style=Bold", "DejaVuSerif-Bold.ttf"),
    "DejaVuSerif-Italic": ("DejaVu Serif:style=Italic", "DejaVuSerif-Italic.ttf"),
    "DejaVuSerif-BoldItalic": ("DejaVu Serif:style=Bold Italic", "DejaVuSerif-BoldItalic.ttf"),
    "DejaVuSans": ("DejaVu Sans:style=Book", "DejaVuSans.ttf"),
    "DejaVuSans-Bold": ("DejaVu Sans:style=Bold", "DejaVuSans-Bold.ttf"),
    "DejaVuSans-Oblique": ("DejaVu Sans:style=Oblique", "DejaVuSans-Oblique.ttf"),
    "DejaVuSans-BoldOblique": ("DejaVu Sans:style=Bold Oblique", "DejaVuSans-BoldOblique.ttf"),
    "DejaVuSansMono": ("DejaVu Sans Mono:style=Book", "DejaVuSansMono.ttf"),
}


def _fc_match(pattern: str) -> Path | None:
    """Ask fontconfig, which knows where the system keeps its fonts."""
    if not shutil.which("fc-match"):
        return None
    try:
        done = subprocess.run(
            ["fc-match", "-f", "%{file}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(done.stdout.strip()) if done.returncode == 0 and done.stdout.strip() else None
    return path if path and path.is_file() else None


def find_font(name: str) -> Path:
    """The file of a DejaVu face: a known folder first (exact name), then fontconfig."""
    pattern, file_name = FACES[name]
    for folder in KNOWN_DIRS:
        if (folder / file_name).is_file():
            return folder / file_name
    path = _fc_match(pattern)
    if path is not None and path.name == file_name:
        return path
    raise MissingGlyphError(
        f"font {file_name} not found (looked in {', '.join(map(str, KNOWN_DIRS))} and fontconfig); "
        "install the DejaVu fonts (Debian/Ubuntu: apt-get install fonts-dejavu-core fonts-dejavu-extra)"
    )
