"""`--since`: an annex of what changed since the previous edition, and changed judgments marked."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
from pdf_inspect import pdf_text

from briefing.assemble import assemble
from briefing.assemble.document import Document, Table
from briefing.cli import main
from briefing.errors import SinceError
from briefing.load import load
from briefing.since import previous_edition
from briefing.snapshot import SNAPSHOT, pack
from briefing.write import file_hashes

FULL = Path(__file__).resolve().parent / "fixtures" / "full"


def _next_edition(folder: Path) -> None:
    """One added event, one changed figure, one removed judgment."""
    events = folder / "events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8").replace(
            "  - id: agreement",
            "  - id: added-event\n"
            "    date: 2020-11-05\n"
            "    category: military\n"
            '    summary: "A new event."\n'
            "    credibility: 3\n"
            "    citations:\n"
            '      - {source: wire-2020, quote: "Ganja was struck"}\n'
            "  - id: agreement",
        ),
        encoding="utf-8",
    )
    figures = folder / "figures.yaml"
    text = figures.read_text(encoding="utf-8")
    figures.write_text(text.replace('value: "231"', 'value: "250"', 1), encoding="utf-8")
    briefing = folder / "briefing.yaml"
    lines = briefing.read_text(encoding="utf-8").split("\n")
    start = lines.index(next(line for line in lines if line.startswith("key_judgments:")))
    second = [i for i, line in enumerate(lines) if line.startswith("  - text:")][1]
    end = next(
        (i for i in range(second + 1, len(lines)) if not lines[i].startswith("    ")), len(lines)
    )
    assert start < second
    briefing.write_text("\n".join(lines[:second] + lines[end:]), encoding="utf-8")


def _changes(document: Document) -> list[str]:
    annex = next(p for p in document.parts if p.title == "Changes since the last edition")
    table = next(b for b in annex.blocks if isinstance(b, Table))
    return [row.key for row in table.rows]


def test_the_annex_lists_exactly_what_changed(tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(FULL, new)
    _next_edition(new)
    document = assemble(load(new), previous=load(FULL))
    assert sorted(_changes(document)) == ["event:added-event", "figure:mod-early", "judgment:2"]


def test_a_reworded_judgment_is_changed_and_marked(tmp_path: Path) -> None:
    new = tmp_path / "new"
    shutil.copytree(FULL, new)
    briefing = new / "briefing.yaml"
    text = briefing.read_text(encoding="utf-8")
    briefing.write_text(text.replace("struck civilians first", "struck civilians first, they say"))
    document = assemble(load(new), previous=load(FULL))
    assert _changes(document) == ["judgment:1"]
    assert "Changed since edition 0.1" in str(document.key_judgments[0])
    assert "since" not in str(document.key_judgments[1])


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("git"), reason="git is not installed")
def test_since_a_git_revision_builds_the_annex_into_the_pdf(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    content = repo / "briefing" / "content"
    shutil.copytree(FULL, content)

    def git(*args: str) -> None:
        subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "first")
    _next_edition(content)
    out = tmp_path / "out" / "b.pdf"
    argv = ["--content", str(content), "--out", str(out), "--engine", "reportlab"]
    assert main([*argv, "--since", "HEAD"]) == 0
    text = " ".join(pdf_text(out).split())
    assert "Changes since the last edition" in text and "A new event." in text
    assert main([*argv, "--since", "no-such-ref"]) == 2


@pytest.mark.slow
def test_since_a_previous_build_reads_its_content_snapshot(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "v1" / "briefing.pdf"
    common = ["--engine", "reportlab", "--quiet"]
    assert main(["--content", str(FULL), "--out", str(first), *common]) == 0
    assert (first.parent / SNAPSHOT).is_file(), "a build keeps its content beside the manifest"
    new = tmp_path / "new"
    shutil.copytree(FULL, new)
    _next_edition(new)
    for since in (first.parent / "manifest.json", first.parent):  # the manifest, or its folder
        out = tmp_path / "v2" / "briefing.pdf"
        argv = ["--content", str(new), "--out", str(out), *common, "--force"]
        assert main([*argv, "--since", str(since)]) == 0, capsys.readouterr().err
        text = " ".join(pdf_text(out).split())
        assert "Changes since the last edition" in text and "A new event." in text
        assert "What differs from edition 0.1, as of 30 November 2020" in text


def _build_folder(tmp_path: Path, members: dict[str, bytes]) -> Path:
    """An output folder whose manifest records a snapshot of these members, hashes and all."""
    folder = tmp_path / "previous"
    folder.mkdir()
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            if name.endswith("@link"):
                info.name, info.type, info.linkname = name[:-5], tarfile.SYMTYPE, "/etc/passwd"
                tar.addfile(info)
            else:
                info.size = len(data)
                tar.addfile(info, io.BytesIO(data))
    (folder / SNAPSHOT).write_bytes(raw.getvalue())
    manifest = {
        "content_files": {n: hashlib.sha256(d).hexdigest() for n, d in members.items()},
        "outputs": {SNAPSHOT: {"sha256": hashlib.sha256(raw.getvalue()).hexdigest()}},
    }
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("members", "said"),
    [
        ({"../outside.yaml": b"x", "briefing.yaml": b"title: x"}, "outside.yaml"),
        ({"briefing.yaml@link": b""}, "not a content file"),
        ({"events.yaml": b"events: []"}, "holds no briefing.yaml"),
    ],
)
def test_a_snapshot_that_leaves_its_folder_or_links_out_is_refused(
    tmp_path: Path, members: dict[str, bytes], said: str
) -> None:
    folder = _build_folder(tmp_path, members)
    with pytest.raises(SinceError, match=said):
        previous_edition(str(folder), FULL)
    assert not (tmp_path / "outside.yaml").exists()


def test_an_altered_or_missing_snapshot_is_a_usage_error(tmp_path: Path) -> None:
    folder = _build_folder(tmp_path, {"briefing.yaml": b"title: x"})
    (folder / SNAPSHOT).write_bytes((folder / SNAPSHOT).read_bytes() + b"x")
    with pytest.raises(SinceError, match="is not the snapshot it records"):
        previous_edition(str(folder / "manifest.json"), FULL)
    (folder / SNAPSHOT).unlink()
    with pytest.raises(SinceError, match="not beside it"):
        previous_edition(str(folder), FULL)
    (folder / "manifest.json").write_text("{}", encoding="utf-8")
    with pytest.raises(SinceError, match="records no content snapshot"):
        previous_edition(str(folder), FULL)


def test_the_same_content_packs_to_the_same_bytes(tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(FULL, copy)
    os.utime(copy / "briefing.yaml", (0, 0))
    files = file_hashes(FULL)
    assert pack(FULL, files) == pack(copy, files)
