"""render (WeasyPrint): the tagged PDF through a PDF/UA-1 checker, and its figures' alt text.

The checker is `pdfua` (PyPI, pinned in the dev extra): twelve checks on pikepdf, covering
16 of the 106 machine-checkable PDF/UA-1 rules, with no JVM. veraPDF, the reference, is a
Java program that none of the package registries this project installs from ships.

A clean run means those rules found nothing, not that the file conforms; the tests ask for
zero errors, zero warnings and no rule left unchecked.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from briefing.assemble.document import Chart, Document

pdfua = pytest.importorskip("pdfua")
from pdfua.rules import structure  # noqa: E402  (after the skip: pdfua is a dev dependency)

FULL = Path(__file__).parent / "fixtures" / "full"

pytestmark = pytest.mark.slow  # each test lays out a briefing with WeasyPrint

DISAGREED: dict[str, str] = {}
"""Findings we disagree with, by rule id, each with why. None so far: every warning the
checker gave (79 `UA-15-003`, header cells without `/Scope`) was fixed in the PDF."""


def _as_integer(value: object) -> int | None:
    """pdfua 0.1.3's `as_integer`, except for an array.

    Its empty-heading rule (`UA-14-001`) asks every heading's `/K` whether it is an integer
    with `getattr(value, "is_integer", False)`; pikepdf answers that question for an array
    with ValueError, not AttributeError, so the rule stops and the checker reports it as
    "not evaluated" on any PDF whose headings hold more than one content item (every
    WeasyPrint PDF). An array is not an integer: answering so lets the rule run to the end.
    """
    if isinstance(value, pikepdf.Array):
        return None
    return _PDFUA_AS_INTEGER(value)


_PDFUA_AS_INTEGER = structure.as_integer


@pytest.fixture
def checker(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """`pdfua.validate`, with the one fix above to the checker itself."""
    monkeypatch.setattr(structure, "as_integer", _as_integer)
    yield pdfua.validate


@pytest.fixture(scope="module")
def full_pdf(full_document: Document, fixture_build: Path) -> tuple[Document, bytes]:
    """The fixture's WeasyPrint PDF as a user builds it, shared by the session (conftest.py)."""
    return full_document, fixture_build.read_bytes()


def problems(validate: Any, data: bytes, folder: Path) -> list[str]:
    """Every error, warning and unchecked rule the checker reports, but those in DISAGREED."""
    path = folder / "briefing.pdf"
    path.write_bytes(data)
    report = validate(str(path))
    found = [
        f"{f.rule_id} page {f.location.page}: {f.message}"
        for f in report.findings
        if f.severity >= pdfua.Severity.WARNING and f.rule_id not in DISAGREED
    ]
    found += [f"{o.rule_id} not evaluated: {o.skipped_reason}" for o in report.skipped]
    return found


def test_the_shipped_briefing_passes_the_pdfua_checker(
    checker: Any, shipped_pdf: tuple[Document, bytes], tmp_path: Path
) -> None:
    assert problems(checker, shipped_pdf[1], tmp_path) == []


def test_the_fixture_passes_the_pdfua_checker(
    checker: Any, full_pdf: tuple[Document, bytes], tmp_path: Path
) -> None:
    assert problems(checker, full_pdf[1], tmp_path) == []


def test_the_checker_sees_header_cells_without_scope(checker: Any, tmp_path: Path) -> None:
    """The test above is not empty: the same checker on WeasyPrint's own tagging (no /Scope)
    warns about the very tables it now passes."""
    from briefing.render.weasyprint import WeasyRenderer, tagfix

    html = (
        '<html lang="en"><head><title>T</title></head><body><table>'
        '<thead><tr><th scope="col">Who</th><th scope="col">What</th></tr></thead>'
        "<tbody><tr><td>One</td><td>Two</td></tr></tbody></table></body></html>"
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(tagfix, "install", lambda: None)
        before = problems(checker, WeasyRenderer().render_html(html), tmp_path)
    after = problems(checker, WeasyRenderer().render_html(html), tmp_path)
    assert [p.split()[0] for p in before] == ["UA-15-003"]
    assert after == []


def figure_alts(data: bytes) -> list[str]:
    """The `/Alt` of every `/Figure` in the tag tree, in reading order."""
    found: list[str] = []
    with pikepdf.open(io.BytesIO(data)) as pdf:

        def walk(node: Any) -> None:
            if isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)
            elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
                if node.S == "/Figure":
                    found.append(str(node.get("/Alt", "")))
                if "/K" in node:
                    walk(node.K)

        walk(pdf.Root.StructTreeRoot.K)
    return found


def charts(document: Document) -> list[Chart]:
    return [b for part in document.parts for b in part.blocks if isinstance(b, Chart)]


@pytest.mark.parametrize("which", ["shipped", "full"])
def test_each_figure_alt_text_is_the_html_description(
    which: str, shipped_pdf: tuple[Document, bytes], full_pdf: tuple[Document, bytes]
) -> None:
    """Each chart and map is described from its data, in the same words as the HTML figure's
    `aria-label`, not only named by its title."""
    document, data = shipped_pdf if which == "shipped" else full_pdf
    expected = [chart.alt for chart in charts(document)]
    assert len(expected) >= 3
    assert all(alt and alt not in {c.title for c in charts(document)} for alt in expected)
    assert figure_alts(data) == expected
