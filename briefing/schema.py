"""The JSON Schema of each content file, for editors with the YAML language server."""

from __future__ import annotations

import json
from pathlib import Path

from briefing.model import FILE_MODELS, SectionHeader


def write_schemas(folder: Path) -> list[Path]:
    """Write `<stem>.schema.json` for every content file model; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, model in {**FILE_MODELS, "section": SectionHeader}.items():
        schema = model.model_json_schema(mode="validation")
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        path = folder / f"{stem}.schema.json"
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
