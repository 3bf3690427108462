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


def weasyprint_pdf(content: Path) -> tuple[Document, bytes]:
    """A briefing's Document and its WeasyPrint PDF, rendered in this process so that any
    WeasyPrint warning fails the test (build() renders in a child whose records stay there)."""
    from briefing.assemble import assemble
    from briefing.load import load
    from briefing.render.weasyprint import WeasyRenderer  # imports WeasyPrint: only when used

    document = assemble(load(content), build_id="test")
    with pytest.MonkeyPatch.context() as patch, no_weasyprint_warnings_in():
        patch.setenv("SOURCE_DATE_EPOCH", "1606694400")
        data = WeasyRenderer().render(document)
    return document, data
