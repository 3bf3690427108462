"""render: how the WeasyPrint fixes know the library code they change is the pinned one."""

from __future__ import annotations

import hashlib
import inspect
from typing import Any


def source(function: Any) -> str:
    """The source of a library function; empty where it cannot be read (no source files
    installed, a built-in), which no fix accepts."""
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def has_source(function: Any, sha256: str) -> bool:
    """Whether a library function's source is the one whose hash a fix was written against."""
    text = source(function)
    return bool(text) and hashlib.sha256(text.encode()).hexdigest() == sha256
