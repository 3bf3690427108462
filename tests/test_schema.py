"""The committed JSON Schema (schema/*.schema.json) matches the model and is wired into content."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from briefing.load.model import FILE_MODELS
from briefing.load.schema import write_schemas

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schema"
FULL = ROOT / "tests" / "fixtures" / "full"
CONTENT = ROOT / "content"
HEADER = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")


def test_committed_schema_is_what_the_model_generates(tmp_path: Path) -> None:
    """Regenerate with `python build_report.py --schema` after changing briefing/model.py."""
    fresh = {p.name: p.read_text(encoding="utf-8") for p in write_schemas(tmp_path)}
    committed = {p.name: p.read_text(encoding="utf-8") for p in SCHEMA.glob("*.schema.json")}
    assert sorted(committed) == sorted(fresh)
    stale = sorted(name for name in fresh if committed[name] != fresh[name])
    assert stale == [], "run `python build_report.py --schema`"


def _yaml_files(folder: Path) -> list[Path]:
    """The content files of a folder that have a schema."""
    return sorted(p for p in folder.glob("*.yaml") if p.stem in FILE_MODELS)


def _check_headers(folder: Path) -> None:
    """Each file's first line names its own schema, by a path that resolves to schema/."""
    files = _yaml_files(folder)
    assert files
    for path in files:
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        match = HEADER.match(first)
        assert match, f"{path} must start with '# yaml-language-server: $schema=...'"
        target = (path.parent / match["path"]).resolve()
        assert target == SCHEMA / f"{path.stem}.schema.json", f"{path} points at {target}"


def test_full_fixture_files_name_their_schema() -> None:
    _check_headers(FULL)


def test_content_files_name_their_schema() -> None:
    if not CONTENT.is_dir():
        pytest.skip("content/ is not written yet")
    _check_headers(CONTENT)


class _Yaml12Loader(yaml.SafeLoader):
    """Reads YAML the way editors do (YAML 1.2 core): `NO`, `1:30` and dates stay strings."""


_Yaml12Loader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
        and not (tag == "tag:yaml.org,2002:int" and regexp.match("1:30"))
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Yaml12Loader.add_implicit_resolver(  # integers without YAML 1.1's base-60 `1:30`
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$"), list("-+0123456789")
)


def _editor_view(path: Path) -> Any:
    """The data an editor's YAML language server validates against the schema."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Yaml12Loader)


@pytest.mark.parametrize("path", _yaml_files(FULL), ids=lambda p: p.name)
def test_schema_accepts_the_full_fixture_as_an_editor_reads_it(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMA / f"{path.stem}.schema.json").read_text(encoding="utf-8"))
    errors = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in jsonschema.Draft202012Validator(schema).iter_errors(_editor_view(path))
    ]
    assert errors == []


def test_schema_rejects_an_unknown_field() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMA / "events.schema.json").read_text(encoding="utf-8"))
    data = _editor_view(FULL / "events.yaml")
    data["events"][0]["sumary"] = "typo"
    assert not jsonschema.Draft202012Validator(schema).is_valid(data)
