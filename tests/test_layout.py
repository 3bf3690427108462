"""The package reads like the pipeline: no import cycles, small modules, no topic in the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "briefing"
MAX_LINES = 320
"""About 300 lines a module (STYLE.md), with a little room."""
TOPIC = re.compile(r"karabakh|armenia|azerbaij|artsakh|caucasus|stepanakert", re.I)


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path) -> set[str]:
    """Modules of the package this module imports when it is imported (not inside functions,
    not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in ast.walk(node) if isinstance(node, ast.If | ast.Try) else [node]:
            if isinstance(inner, ast.ImportFrom) and inner.module and inner.level == 0:
                if inner.module.startswith("briefing"):
                    found.add(inner.module)
                    found.update(f"{inner.module}.{alias.name}" for alias in inner.names)
            elif isinstance(inner, ast.Import):
                found.update(a.name for a in inner.names if a.name.startswith("briefing"))
    return found


def test_no_import_cycles() -> None:
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {
        name: {m for m in _top_level_imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }
    # A package's own __init__ importing its submodules is how Python packages work; a cycle
    # is a module that imports, directly or not, a module that imports it.
    cycles = []
    for start in graph:
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph[node]:
                if (
                    nxt == start
                    and not start.startswith(f"{node}.")
                    and not node.startswith(f"{start}.")
                ):
                    cycles.append(" -> ".join([*trail, nxt]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*trail, nxt]))
    assert not cycles, cycles[:5]


def test_no_module_is_much_over_300_lines() -> None:
    long = {
        str(p.relative_to(ROOT)): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def test_the_code_templates_and_styles_know_no_topic() -> None:
    """The shipped briefing is an example: everything topic-specific comes from content."""
    found = [
        f"{p.relative_to(ROOT)}:{number}"
        for folder in ("briefing", "templates", "styles")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and p.suffix in {".py", ".j2", ".css"}
        for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), start=1)
        if TOPIC.search(line)
    ]
    assert not found, found
