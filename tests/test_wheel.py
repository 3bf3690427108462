"""The package installs like a Python tool: its wheel, in a fresh venv, builds the example.

The wheel is built from a copy of what it is made of (so the checkout gets no build/ folder)
and installed with its pinned dependencies into a new venv; the commands then run from a
folder outside the checkout, so templates, styles, outlines and messages can only come from
the installed package.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "exercice-fr"
SOURCES = ("pyproject.toml", "README.md", "briefing", "templates", "styles")
"""What the wheel is built from (pyproject.toml maps templates/ and styles/ into it)."""


def _run(argv: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    # Bytecode written into the new venv even where PYTHONDONTWRITEBYTECODE is set (as in
    # many CI images): else each command compiles all it imports again, 2 s a build.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    done = subprocess.run(
        [str(a) for a in argv],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"{argv}:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


def test_every_package_of_the_source_is_in_the_wheel() -> None:
    """A package pyproject.toml does not list is left out of the wheel, and the installed
    command fails on its import (briefing.load.model did)."""
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "briefing").rglob("__init__.py")
    }
    assert found - listed == set()


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A new venv with the wheel and its pinned dependencies, nothing else."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    source.mkdir()
    for name in SOURCES:
        path = ROOT / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    dist = work / "dist"
    _run([sys.executable, "-m", "pip", "wheel", source, "--no-deps", "-q", "-w", dist], work)
    (wheel,) = dist.glob("briefing_builder-*.whl")
    venv = work / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv], work)
    # This pip installs into the new venv: no pip of its own to install first.
    # --no-compile: the commands compile what they import, 2 s less than all of it.
    pip = [sys.executable, "-m", "pip", "--python", venv / "bin" / "python"]
    _run([*pip, "install", "-q", "--no-compile", wheel], work)
    return venv


@pytest.mark.slow
def test_the_installed_command_says_its_version(venv: Path, tmp_path: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert _run([venv / "bin" / "briefing", "--version"], tmp_path).stdout == (
        f"briefing {version}\n"
    )
    module = _run([venv / "bin" / "python", "-m", "briefing", "--version"], tmp_path).stdout
    assert module == f"python -m briefing {version}\n"
    where = _run(
        [venv / "bin" / "python", "-c", "import briefing; print(briefing.__file__)"], tmp_path
    )
    assert Path(where.stdout.strip()).is_relative_to(venv), "the checkout was imported"


@pytest.mark.slow
@pytest.mark.parametrize("engine", ["auto", "reportlab"])
def test_the_installed_command_builds_the_example(venv: Path, tmp_path: Path, engine: str) -> None:
    out = tmp_path / "out" / "example.pdf"
    argv = ["--content", EXAMPLE, "--out", out, "--engine", engine, "--quiet"]
    _run([venv / "bin" / "briefing", *argv], tmp_path)
    assert out.read_bytes().startswith(b"%PDF-")
    manifest = json.loads((out.parent / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["outputs"]["example.pdf"]["pages"] > 1
    if engine == "reportlab":
        assert manifest["engine"] == "reportlab"
