"""Shared pytest options and fixtures."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import pytest
from helpers_render import (
    FULL,
    SHIPPED,
    document_of,
    no_weasyprint_warnings_in,
    weasyprint_pdf,
    weasyprint_render,
)

if TYPE_CHECKING:
    from briefing.assemble.document import Document
    from briefing.render.reportlab import Layout


def pytest_addoption(parser: pytest.Parser) -> None:
    """`pytest --update-golden` rewrites tests/golden/ instead of comparing with it."""
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the golden files in tests/golden/ from the current output",
    )


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when the run should rewrite golden files."""
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def no_weasyprint_warnings() -> Callable[[], AbstractContextManager[list[logging.LogRecord]]]:
    """A context manager that fails when WeasyPrint logs a WARNING or worse inside it."""
    return no_weasyprint_warnings_in


# Builds that several test modules read, made once per session (once per worker under
# pytest-xdist). Tests only read them: Documents are frozen, and a test that wants a
# changed one makes it with dataclasses.replace.


@pytest.fixture(scope="session")
def shipped_pdf() -> tuple[Document, bytes]:
    """The shipped briefing as WeasyPrint prints it."""
    return weasyprint_pdf(SHIPPED)


@pytest.fixture(scope="session")
def full_document() -> Document:
    """The Document of tests/fixtures/full (build id `test`)."""
    return document_of(FULL)


@pytest.fixture(scope="session")
def full_weasyprint_pdf(full_document: Document) -> bytes:
    """tests/fixtures/full as WeasyPrint prints it; any WeasyPrint warning fails."""
    return weasyprint_render(full_document)


@pytest.fixture(scope="session")
def full_reportlab_pdf(full_document: Document) -> tuple[bytes, Layout]:
    """tests/fixtures/full as ReportLab prints it, with the engine's own layout record."""
    from briefing.render.reportlab import ReportLabRenderer

    renderer = ReportLabRenderer()
    return renderer.render(full_document), renderer.layout
