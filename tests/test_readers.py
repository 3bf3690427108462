"""Every PDF reads the same in the readers people use downstream, and as the manifest says.

A PDF joined from pieces once opened as 0 pages in libqpdf 12 (and so in every tool built
on pikepdf) while poppler and pypdf read it. Each engine's PDF of the shipped briefing, the
test fixture and a 400-event synthetic briefing is opened with libqpdf 12 (pikepdf),
pypdf, pdfium and poppler, and checked with `qpdf --check`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pypdfium2
import pytest
from pypdf import PdfReader

from briefing import build

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

pytestmark = pytest.mark.slow

CONTENTS = ["shipped", "fixture", "synthetic-400"]
ENGINES = ["weasyprint", "reportlab"]


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The three content folders; the synthetic one generated once."""
    synthetic = generate(400, 1, tmp_path_factory.mktemp("synthetic") / "content")
    return {
        "shipped": ROOT / "content",
        "fixture": ROOT / "tests" / "fixtures" / "full",
        "synthetic-400": synthetic,
    }


@pytest.fixture(scope="module")
def built(
    folders: dict[str, Path],
    tmp_path_factory: pytest.TempPathFactory,
    shipped_build: Path,
    fixture_build: Path,
) -> dict[tuple[str, str], Path]:
    """Each content built once with each engine, as a user builds it (without
    SOURCE_DATE_EPOCH); the two WeasyPrint builds the session shares (conftest.py)."""
    out = {("shipped", "weasyprint"): shipped_build, ("fixture", "weasyprint"): fixture_build}
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("SOURCE_DATE_EPOCH", raising=False)
        for name, folder in folders.items():
            for engine in ENGINES:
                if (name, engine) in out:
                    continue
                pdf = tmp_path_factory.mktemp(f"{name}-{engine}") / "briefing.pdf"
                build(folder, pdf, engine=engine, force=True)
                out[name, engine] = pdf
    return out


def _page_counts(pdf: Path) -> dict[str, int]:
    with pikepdf.open(pdf) as document:
        qpdf12 = len(document.pages)
    pdfium = pypdfium2.PdfDocument(pdf)
    try:
        pdfium_pages = len(pdfium)
    finally:
        pdfium.close()
    counts = {"pikepdf": qpdf12, "pypdf": len(PdfReader(pdf).pages), "pdfium": pdfium_pages}
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(pdf)], capture_output=True, text=True, check=True
        ).stdout
        counts["poppler"] = int(
            next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1]
        )
    manifest = json.loads((pdf.parent / "manifest.json").read_text(encoding="utf-8"))
    counts["manifest"] = manifest["outputs"][pdf.name]["pages"]
    return counts


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("content", CONTENTS)
def test_every_reader_and_the_manifest_count_the_same_pages(
    built: dict[tuple[str, str], Path], content: str, engine: str
) -> None:
    counts = _page_counts(built[content, engine])
    assert len(set(counts.values())) == 1, counts
    assert counts["pikepdf"] > 1


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf is not installed")
@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("content", CONTENTS)
def test_qpdf_check_finds_nothing_wrong(
    built: dict[tuple[str, str], Path], content: str, engine: str
) -> None:
    done = subprocess.run(
        ["qpdf", "--check", str(built[content, engine])], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "WARNING" not in done.stdout + done.stderr


@pytest.mark.parametrize("engine", ENGINES)
def test_source_date_epoch_sets_the_pdf_dates_in_both_engines(
    built: dict[tuple[str, str], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, engine: str
) -> None:
    """The as-of date by default (the fixture as `built` made it, without the variable);
    SOURCE_DATE_EPOCH when set (reproducible-builds.org)."""
    fixture = ROOT / "tests" / "fixtures" / "full"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    pdf = tmp_path / f"{engine}-1700000000.pdf"
    build(fixture, pdf, engine=engine, force=True)
    dates = {}
    for epoch, made in (("", built["fixture", engine]), ("1700000000", pdf)):
        meta = PdfReader(made).metadata
        dates[epoch] = (meta["/CreationDate"], meta["/ModDate"])
    assert all(d.startswith("D:20201130") for d in dates[""]), dates  # as_of: 2020-11-30
    assert all(d.startswith("D:20231114221320") for d in dates["1700000000"]), dates
