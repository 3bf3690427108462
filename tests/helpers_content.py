"""Shared test helpers: a tiny valid content folder, patched one defect at a time."""

from __future__ import annotations

import contextlib
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

from briefing.check import check
from briefing.diagnostics import Diagnostic
from briefing.errors import ContentError
from briefing.load import load
from build_report import main

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
INVALID = FIXTURES / "invalid"
BASE = INVALID / "base"
"""The smallest content folder that passes `--check --strict --archive`."""
BASE_ARCHIVE = INVALID / "archive"
"""Saved source texts for BASE."""


def make_content(
    workdir: Path,
    files: dict[str, str | bytes] | None = None,
    *,
    delete: tuple[str, ...] = (),
    base: Path = BASE,
) -> Path:
    """Copy `base` to `workdir/content` and the archive to `workdir/archive`, then patch files."""
    content = workdir / "content"
    shutil.copytree(base, content)
    if not (workdir / "archive").exists():
        shutil.copytree(BASE_ARCHIVE, workdir / "archive")
    for name in delete:
        (content / name).unlink()
    for name, data in (files or {}).items():
        path = content / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    return content


def base_text(name: str) -> str:
    """A file of the valid base, to patch."""
    return (BASE / name).read_text(encoding="utf-8")


def diagnose(content: Path, *, archive: Path | None = None) -> list[Diagnostic]:
    """Load and check, as `--check` does; load errors come back as diagnostics."""
    try:
        return check(load(content), archive=archive)
    except ContentError as exc:
        return exc.diagnostics


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """`main(argv)` in-process: exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def problem_lines(stderr: str) -> list[str]:
    """The diagnostic lines of the CLI's output, without the summary line."""
    return [line for line in stderr.splitlines() if ": error " in line or ": warning " in line]


@contextlib.contextmanager
def chdir(path: Path) -> Iterator[None]:
    """Run in `path`, so messages name `content/...` as a user in the project would see."""
    with contextlib.chdir(path):
        yield
