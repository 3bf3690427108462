"""The JSON Schema of each content file, for editors with the YAML language server."""

from __future__ import annotations

import ast
import inspect
import itertools
import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from briefing.load import model as content_model
from briefing.load.model import FILE_MODELS, SectionHeader


def write_schemas(folder: Path) -> list[Path]:
    """Write `<stem>.schema.json` for every content file model; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, model in {**FILE_MODELS, "section": SectionHeader}.items():
        schema = model.model_json_schema(mode="validation")
        _describe(schema, model)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        path = folder / f"{stem}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def _describe(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Give each property its field's docstring as its description, as editors show it.

    The model reads no docstrings itself (pydantic's `use_attribute_docstrings` parses the
    module's source at import: about 60 ms of every build), so the schema reads them here.
    """
    models = {
        name: value
        for name, value in vars(content_model).items()
        if isinstance(value, type) and issubclass(value, BaseModel)
    }
    for name, part in [(model.__name__, schema), *schema.get("$defs", {}).items()]:
        if name not in models:
            continue
        docs = field_docs(models[name])
        for field, prop in part.get("properties", {}).items():
            if field in docs and "description" not in prop:
                keyed = sorted({**prop, "description": docs[field]}.items())
                prop.clear()
                prop.update(keyed)  # in pydantic's order: keys sorted


def field_docs(model: type[BaseModel]) -> dict[str, str]:
    """`name: type` followed by a string, in the model's class and its bases: name -> text."""
    docs: dict[str, str] = {}
    for cls in reversed(model.__mro__):
        if not cls.__module__.startswith(content_model.__name__):
            continue
        body = ast.parse(inspect.getsource(cls)).body[0].body  # type: ignore[attr-defined]
        for statement, after in itertools.pairwise(body):
            if (
                isinstance(statement, ast.AnnAssign)
                and isinstance(statement.target, ast.Name)
                and isinstance(after, ast.Expr)
                and isinstance(after.value, ast.Constant)
                and isinstance(after.value.value, str)
            ):
                docs[statement.target.id] = inspect.cleandoc(after.value.value)
    return docs
