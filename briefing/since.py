"""`--since REF`: the previous edition's content folder, from a folder, a build or a git revision.

The build compares the content with it (see `briefing.assemble.changes`). REF is a
content folder; a previous build's `manifest.json` or output folder, whose content
snapshot is unpacked (`briefing.snapshot`); or a git revision, read with `git archive`
from the repository that holds the content folder. Both are unpacked into a temporary
folder, as plain files only.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from briefing.errors import SinceError
from briefing.snapshot import is_build, unpack


def previous_edition(ref: str, content_dir: Path) -> tuple[Path, Path | None]:
    """The previous edition's content folder, and a temporary folder to remove afterwards
    (None when `ref` is a folder already)."""
    given = Path(ref)
    if given.is_dir() and is_build(given):
        given = given / "manifest.json"
    if given.is_file():
        folder = unpack(given)
        return folder, folder
    if given.is_dir():
        return given, None
    git = shutil.which("git")
    if git is None:
        raise SinceError(f"--since {ref}: not a folder, and git is not installed")
    top = _git(git, content_dir, "rev-parse", "--show-toplevel")
    if top is None:
        raise SinceError(
            f"--since {ref}: not a folder, and {content_dir} is not in a git repository"
        )
    root = Path(top.decode().strip())
    inside = content_dir.resolve().relative_to(root.resolve()).as_posix() or "."
    archive = _git(git, root, "archive", "--format=tar", f"{ref}:{inside}")
    if archive is None:
        raise SinceError(f"--since {ref}: no such revision of {inside} in the repository")
    folder = Path(tempfile.mkdtemp(prefix="briefing-since-"))
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")  # plain files only, inside the folder
    return folder, folder


def _git(git: str, where: Path, *args: str) -> bytes | None:
    done = subprocess.run(
        [git, "-C", str(where), *args], capture_output=True, timeout=60, check=False
    )
    return done.stdout if done.returncode == 0 else None
