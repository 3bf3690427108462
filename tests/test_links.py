"""check: every in-page link goes to an anchor both engines mark (issue 24, item 3)."""

from __future__ import annotations

import shutil
from pathlib import Path

from helpers_content import FIXTURES, chdir, run_cli

from briefing.assemble import assemble
from briefing.check.links import document_anchors
from briefing.load import load


def test_a_link_to_every_real_anchor_builds_in_reportlab(tmp_path: Path) -> None:
    """ReportLab refuses a link to a destination it did not mark: every anchor check
    accepts must be one it marks."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURES / "full", content)
    anchors = sorted(document_anchors(assemble(load(content))))
    assert {"contents", "sec-summary", "annex-a"} <= set(anchors)
    section = content / "sections" / "01-summary.md"
    links = " ".join(f"[{a}](#{a})" for a in anchors)
    section.write_text(section.read_text(encoding="utf-8") + f"\n\n{links}\n", encoding="utf-8")
    with chdir(tmp_path):
        out = str(tmp_path / "out" / "briefing.pdf")  # the default is the repository's out/
        code, _, err = run_cli(
            ["--content", "content", "--out", out, "--engine", "reportlab", "--quiet"]
        )
    assert code == 0, err
