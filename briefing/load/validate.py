"""load (typing): a YAML document through its model; each validation error at its file:line:column."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from briefing.diagnostics import Diagnostic, did_you_mean
from briefing.load.model import Strict
from briefing.load.yamlsafe import Located


def validate(
    model: type[Strict], doc: Located, name: str, diagnostics: list[Diagnostic]
) -> Any | None:
    """Type a loaded document; turn every validation error into a positioned diagnostic."""
    if doc.data is None:
        doc.data = {}
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        diagnostics.extend(_diagnostics(model, exc.errors(include_url=False), doc, name))
        return None


def _diagnostics(
    model: type[Strict], errors: list[Any], doc: Located, name: str
) -> list[Diagnostic]:
    """One diagnostic per problem, though pydantic reports some problems twice."""
    out: list[Diagnostic] = []
    seen: set[tuple[Any, ...]] = set()
    # A misspelt field is both unknown and missing: report it once, as unknown with a hint.
    misspelt = set()
    for error in errors:
        loc = _clean(error["loc"])
        if error["type"] == "extra_forbidden" and loc:
            close = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1)
            misspelt.update((*loc[:-1], field) for field in close)
    for error in errors:
        loc = _clean(error["loc"])
        if error["type"] == "missing" and loc in misspelt:
            continue
        if loc != tuple(error["loc"]):
            # A value that fits no member of a union fails once per member; the first says most.
            if loc in seen:
                continue
            seen.add(loc)
        out.append(_diagnostic(model, error, doc, name))
    return out


def _clean(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """An error location without pydantic's union member names."""
    return tuple(part for part in loc if not _is_union_tag(part))


def _diagnostic(model: type[Strict], error: Any, doc: Located, name: str) -> Diagnostic:
    loc = _clean(error["loc"])
    kind = error["type"]
    # Name the field, not the list index: `coordinates`, not `0`.
    field_name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "")
    line, column = doc.position(loc, prefer_key=kind in ("extra_forbidden", "missing"))

    def at_value(code: str, message: str, hint: str) -> Diagnostic:
        return Diagnostic(name, line, column, "error", code, message, hint)

    if kind == "missing" and loc and isinstance(loc[-1], int):
        # A pair such as `published_between: [2020-10-01]` lacks its second item.
        return at_value(
            "E009",
            f"'{field_name}' has too few items",
            "write both ends: [first, last]",
        )
    if kind == "missing":
        return at_value(
            "E001",
            f"missing field '{field_name}'",
            f"add '{field_name}:' here",
        )
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        return at_value(
            "E002",
            f"unknown field '{field_name}'",
            did_you_mean(field_name, known),
        )
    if kind in ("literal_error", "enum"):
        expected = error.get("ctx", {}).get("expected", "")
        return at_value(
            "E003",
            f"'{_short(error.get('input'))}' is not allowed for '{field_name}'",
            f"use one of {expected}",
        )
    message = error["msg"].removeprefix("Value error, ")
    if message.startswith("URL "):
        return at_value("E026", f"'{field_name}': {message}", "retype the URL by hand")
    if field_name in ("date", "end", "as_of", "published", "published_between") or (
        "not a date" in message
    ):
        return at_value("E004", message, "dates are YYYY[-MM[-DD]]")
    if kind.startswith(("int_", "float_", "decimal_", "bool_")) or "number" in message:
        return at_value(
            "E005",
            f"'{field_name}': {message}",
            "write a plain number or true/false",
        )
    return at_value(
        "E009",
        f"'{field_name or 'file'}': {message}",
        "see docs/authoring.md for this field",
    )


def _is_union_tag(part: object) -> bool:
    """Pydantic adds union member names (`function-after[...]`) to error locations."""
    return isinstance(part, str) and ("[" in part or part in ("str", "int", "float", "literal"))


def _fields_at(model: type[Strict], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model found by walking `loc` (list indexes skipped)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if info is None:
            return []
        current = _inner_model(info.annotation)
    return list(getattr(current, "model_fields", {}))


def _inner_model(annotation: Any) -> Any:
    for arg in getattr(annotation, "__args__", ()):
        found = _inner_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, type) and issubclass(annotation, Strict):
        return annotation
    return None


def _short(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."
