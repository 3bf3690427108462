"""Shared pytest options and fixtures."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from helpers_render import (
    FULL,
    SHIPPED,
    document_of,
    no_weasyprint_warnings_in,
    weasyprint_build,
    weasyprint_render,
)
from units import unit

if TYPE_CHECKING:
    from briefing.assemble.document import Document
    from briefing.render.reportlab import Layout


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The units with the most slow tests first and `units.SPREAD`'s cases last, so that under
    pytest -n the long units start at once and the short cases fill the workers at the
    end (each file's own order is kept)."""
    slow: dict[str, int] = {}
    first: dict[str, int] = {}
    for index, item in enumerate(items):
        its = unit(item.nodeid)
        first.setdefault(its, index)
        slow[its] = slow.get(its, 0) + (item.get_closest_marker("slow") is not None)

    def key(item: pytest.Item) -> tuple[bool, int, int]:
        its = unit(item.nodeid)
        return its == item.nodeid, -slow[its], first[its]

    items.sort(key=key)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    """Under `pytest -n`: each unit (see `units.unit`) goes to one worker, in the collection's
    order, so a file's module fixtures (a built briefing, a venv) are made once and the
    session's once per worker. Not xdist_group: `--dist loadgroup` groups nothing with
    pytest 9.2's node ids (pytest-dev/pytest-xdist#1386)."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ByUnit(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return unit(nodeid)

    config.option.loadscopereorder = False  # keep pytest_collection_modifyitems' order
    return ByUnit(config, log)  # type: ignore[arg-type]


REPOSITORY_OUT = Path(__file__).resolve().parent.parent / "out"


def _files(folder: Path) -> dict[str, tuple[int, int]]:
    if not folder.is_dir():
        return {}
    return {p.name: (p.stat().st_mtime_ns, p.stat().st_size) for p in folder.iterdir()}


@pytest.fixture(scope="session", autouse=True)
def repository_out_untouched() -> Iterator[None]:
    """No test writes the user's out/, the CLI's default --out: a test builds into its own
    folder, so `make test` never replaces the briefing `make briefing` made."""
    before = _files(REPOSITORY_OUT)
    yield
    assert _files(REPOSITORY_OUT) == before, "a test wrote the repository's out/: give it --out"


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
def shipped_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped briefing built with WeasyPrint as a user builds it: the PDF, beside its
    manifest.json. Any WeasyPrint warning fails."""
    return weasyprint_build(SHIPPED, tmp_path_factory.mktemp("shipped-weasyprint"))


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """tests/fixtures/full built with WeasyPrint as a user builds it, without
    SOURCE_DATE_EPOCH (its dates are then the as-of date): the PDF, beside its manifest."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        return weasyprint_build(FULL, tmp_path_factory.mktemp("fixture-weasyprint"))


@pytest.fixture(scope="session")
def shipped_pdf(shipped_build: Path) -> tuple[Document, bytes]:
    """The shipped briefing's Document and the PDF of `shipped_build`."""
    return document_of(SHIPPED), shipped_build.read_bytes()


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
