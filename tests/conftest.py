"""Shared pytest options and fixtures."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest


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


@contextmanager
def _no_weasyprint_warnings() -> Iterator[list[logging.LogRecord]]:
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


@pytest.fixture(scope="session")
def no_weasyprint_warnings() -> Callable[[], AbstractContextManager[list[logging.LogRecord]]]:
    """A context manager that fails when WeasyPrint logs a WARNING or worse inside it."""
    return _no_weasyprint_warnings
