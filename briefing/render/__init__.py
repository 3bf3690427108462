"""render: engines that turn a Document into bytes. Adding an engine is one module and one line."""

from __future__ import annotations

import contextlib
import importlib
import io
import logging
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from briefing.errors import EngineUnavailable

if TYPE_CHECKING:  # the Document pulls in the chart libraries; a no-op build needs none of it
    from briefing.assemble.document import Document

log = logging.getLogger(__name__)


class Renderer(Protocol):
    """An engine: reads a Document, returns the output file's bytes."""

    name: str
    extension: str
    pages: int | None
    """Pages of the last output (None for HTML): the manifest's count, from the engine itself."""

    def render(self, document: Document) -> bytes:
        """The whole output file."""
        ...


RENDERERS: dict[str, str] = {
    "weasyprint": "briefing.render.weasyprint:WeasyRenderer",
    "reportlab": "briefing.render.reportlab:ReportLabRenderer",
    "html": "briefing.render.html:HtmlRenderer",
}
"""Engine name -> `module:class`, imported only when used (WeasyPrint needs system libraries)."""


def get_renderer(name: str, *, content_dir: Path | None = None) -> Renderer:
    """Instantiate the named engine, allowed to read files of `content_dir` (images, the
    content's own outlines); EngineUnavailable when its libraries are missing."""
    module_name, class_name = RENDERERS[name].split(":")
    try:
        module = _import_engine(module_name)
    except (ImportError, OSError) as exc:
        raise EngineUnavailable(f"{name}: {exc}") from exc
    return getattr(module, class_name)(content_dir=content_dir)


def pick_engine(requested: str) -> tuple[str, str]:
    """`auto` is WeasyPrint where its system libraries load, else ReportLab; returns (name, note)."""
    if requested != "auto":
        return requested, ""
    try:
        _import_engine("briefing.render.weasyprint")
    except (ImportError, OSError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return "reportlab", f"WeasyPrint unavailable ({reason}); using ReportLab"
    return "weasyprint", ""


def _import_engine(module_name: str) -> ModuleType:
    """Import an engine's module. What its library prints meanwhile (WeasyPrint prints a
    banner to stdout when Pango is missing) goes to the log, not to our stdout, where it
    would break `--diagnostics json`; `--verbose` shows it."""
    printed = io.StringIO()
    try:
        with contextlib.redirect_stdout(printed):
            return importlib.import_module(module_name)
    finally:
        if text := printed.getvalue().strip():
            log.info("importing %s printed: %s", module_name, " ".join(text.split()))
