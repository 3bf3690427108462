"""Shared test helpers: WeasyPrint renders in this process, where its warnings fail a test."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from briefing.assemble.document import Document

SHIPPED = Path(__file__).resolve().parent.parent / "content"
FULL = Path(__file__).resolve().parent / "fixtures" / "full"
"""The small briefing that uses every block kind (tests/fixtures/full)."""


@contextmanager
def no_weasyprint_warnings_in() -> Iterator[list[logging.LogRecord]]:
    """Fails when WeasyPrint logs a WARNING or worse inside."""
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield records
    finally:
        logger.removeHandler(handler)
    messages = [r.getMessage() for r in records]
    assert not messages, f"WeasyPrint warned: {messages}"


@contextmanager
def no_weasyprint_warnings_in_children(folder: Path) -> Iterator[None]:
    """Fails when WeasyPrint logs a WARNING or worse, here or in a process forked meanwhile
    (build() renders in children): they inherit a handler that writes to one file."""
    path = folder / "weasyprint-warnings.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("weasyprint")
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        handler.close()
    warned = path.read_text(encoding="utf-8").splitlines()
    assert not warned, f"WeasyPrint warned: {warned}"


def weasyprint_build(content: Path, folder: Path) -> Path:
    """`content` built as a user builds it (build(), WeasyPrint, forced) into
    `folder`/briefing.pdf, beside its manifest; any WeasyPrint warning fails."""
    from briefing import build

    out = folder / "briefing.pdf"
    with no_weasyprint_warnings_in_children(folder):
        build(content, out, engine="weasyprint", force=True)
    return out


def document_of(content: Path) -> Document:
    """A content folder's Document, as the tests assemble it (build id `test`)."""
    from briefing.assemble import assemble
    from briefing.load import load

    return assemble(load(content), build_id="test")


def weasyprint_render(document: Document) -> bytes:
    """A Document's WeasyPrint PDF, rendered in this process so that any WeasyPrint warning
    fails the test (build() renders in a child whose records stay there)."""
    from briefing.render.weasyprint import WeasyRenderer  # imports WeasyPrint: only when used

    with pytest.MonkeyPatch.context() as patch, no_weasyprint_warnings_in():
        patch.setenv("SOURCE_DATE_EPOCH", "1606694400")
        return WeasyRenderer().render(document)


def weasyprint_pdf(content: Path) -> tuple[Document, bytes]:
    """A briefing's Document and its WeasyPrint PDF (see `weasyprint_render`)."""
    document = document_of(content)
    return document, weasyprint_render(document)
