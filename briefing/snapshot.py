"""The content a build was made from, saved beside its manifest for the next edition's `--since`.

A CI artifact keeps the PDF, `manifest.json` and this snapshot; the next edition's build
can then say what changed (`--since previous/manifest.json`) without the previous git
history. The snapshot is a gzip'd tar of the content folder's regular files, in sorted
order with fixed times, so the same content gives the same bytes. An artifact is
untrusted on the way back: reading one takes regular files only, within size caps, and
checks each against the hashes the manifest recorded.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from briefing.errors import SinceError

SNAPSHOT = "content.tar.gz"
"""The snapshot's name, beside manifest.json."""
MAX_MEMBERS = 20_000
MAX_SNAPSHOT_BYTES = 50_000_000
MAX_UNPACKED_BYTES = 200_000_000
MAX_MANIFEST_BYTES = 20_000_000


def pack(content_dir: Path, files: Mapping[str, str]) -> bytes:
    """The content folder's regular files named in `files` (relative path -> sha256)."""
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(files):
            path = content_dir / name
            if path.is_symlink() or not path.is_file():
                continue  # the loader refuses links; an unreadable file built nothing
            data = path.read_bytes()
            info = tarfile.TarInfo(name)
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    packed = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=packed, mtime=0) as zipped:
        zipped.write(raw.getvalue())
    return packed.getvalue()


def is_build(folder: Path) -> bool:
    """A previous build's output folder (a manifest and a snapshot), not a content folder."""
    return (folder / "manifest.json").is_file() and not (folder / "briefing.yaml").exists()


def unpack(manifest_path: Path) -> Path:
    """The snapshot named by a previous build's manifest, unpacked into a new temporary
    folder that the caller removes. SinceError when it is missing, altered or too large."""
    manifest = _manifest(manifest_path)
    outputs = manifest.get("outputs")
    recorded = outputs.get(SNAPSHOT) if isinstance(outputs, dict) else None
    files = manifest.get("content_files")
    if not isinstance(recorded, dict) or not isinstance(files, dict):
        raise SinceError(
            f"--since {manifest_path}: this manifest records no content snapshot "
            "(it was written before builds kept one)"
        )
    name = SNAPSHOT
    path = manifest_path.parent / name
    if not path.is_file() or path.is_symlink():
        raise SinceError(f"--since {manifest_path}: its snapshot {name} is not beside it")
    data = path.read_bytes() if path.stat().st_size <= MAX_SNAPSHOT_BYTES else b""
    if hashlib.sha256(data).hexdigest() != recorded.get("sha256"):
        raise SinceError(f"--since {manifest_path}: {name} is not the snapshot it records")
    folder = Path(tempfile.mkdtemp(prefix="briefing-since-"))
    try:
        _extract(data, folder, files, f"--since {manifest_path}: {name}")
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return folder


def _manifest(path: Path) -> dict[str, Any]:
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise SinceError(f"--since {path}: larger than a manifest can be")
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SinceError(f"--since {path}: not a readable manifest ({exc})") from None
    if not isinstance(manifest, dict):
        raise SinceError(f"--since {path}: not a build manifest")
    return manifest


def _extract(data: bytes, folder: Path, files: Mapping[str, Any], what: str) -> None:
    """Regular files only, each within the caps and equal to its recorded hash."""
    # Imported here: the build process imports no part of the loader (tests/test_isolate.py).
    from briefing.load.files import MAX_FILE_BYTES

    total = 0
    seen: set[str] = set()
    try:
        # Read as a stream: each member's size is checked before its bytes are inflated,
        # so a small file that inflates without end stops at the caps.
        with tarfile.open(fileobj=io.BytesIO(data), mode="r|gz") as tar:
            for count, member in enumerate(tar, start=1):
                total += member.size
                if count > MAX_MEMBERS or total > MAX_UNPACKED_BYTES:
                    raise SinceError(f"{what}: more files or bytes than a content folder holds")
                if not member.isreg() or member.size > MAX_FILE_BYTES:
                    raise SinceError(f"{what}: {member.name!r} is not a content file")
                tar.extract(member, folder, filter="data")  # no path may leave `folder`
                written = (folder / member.name).read_bytes()
                if hashlib.sha256(written).hexdigest() != files.get(member.name):
                    raise SinceError(f"{what}: {member.name!r} differs from the manifest")
                seen.add(member.name)
    except (tarfile.TarError, OSError, EOFError) as exc:
        raise SinceError(f"{what}: not a snapshot this tool wrote ({exc})") from None
    if "briefing.yaml" not in seen:
        raise SinceError(f"{what}: holds no briefing.yaml")
