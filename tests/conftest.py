"""Shared pytest options and fixtures."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

import pytest
from helpers_render import SHIPPED, no_weasyprint_warnings_in, weasyprint_pdf

if TYPE_CHECKING:
    from briefing.assemble.document import Document


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


@pytest.fixture(scope="session")
def shipped_pdf() -> tuple[Document, bytes]:
    """The shipped briefing as WeasyPrint prints it."""
    return weasyprint_pdf(SHIPPED)
