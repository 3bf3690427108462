"""write: bytes -> out/ atomically (temp file, fsync, rename), plus manifest.json."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import platform
import tempfile
import time
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing.diagnostics import Diagnostic
from briefing.errors import OutputError
from briefing.resources import PACKAGE, STYLES, TEMPLATES

if TYPE_CHECKING:
    from briefing.load import Content

LIBRARIES = ("weasyprint", "reportlab", "markdown", "pyyaml", "jinja2", "pydantic", "pypdf")


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so readers see the old file or the new one, never a part."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


STALE_SECONDS = 600
"""A temporary file older than this was left by a killed build, not one still writing."""


def clear_stale_temporaries(path: Path) -> None:
    """Remove temporary files that a killed build left beside `path`."""
    if not path.parent.is_dir():
        return
    cutoff = time.time() - STALE_SECONDS
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if temp.stat().st_mtime < cutoff:
                temp.unlink()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_hashes(root: Path, *, pattern: str = "*") -> dict[str, str]:
    """Relative path -> sha256 of every file under `root`, sorted.

    Symbolic links are never followed (content is untrusted: a link may point
    anywhere); their target's name is hashed instead, and the loader refuses them.
    """
    if not root.is_dir():
        return {}
    hashes = {}
    for folder, subfolders, files in os.walk(root, followlinks=False):
        subfolders[:] = sorted(d for d in subfolders if d != "__pycache__")
        for name in sorted(files):
            path = Path(folder) / name
            if not path.match(pattern):
                continue
            if path.is_symlink():
                digest = _sha256(b"link:" + os.fsencode(os.readlink(path)))
            else:
                try:
                    digest = _sha256(path.read_bytes())
                except OSError:
                    digest = "unreadable"
            hashes[str(path.relative_to(root))] = digest
    return dict(sorted(hashes.items()))


def versions() -> dict[str, str]:
    """Python and library versions, read from package metadata (no imports)."""
    found = {"python": platform.python_version()}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "missing"
    return found


def build_inputs(
    content_dir: Path,
    *,
    engine: str,
    formats: Sequence[str],
    notes: str,
    archive: Path | None,
    edition: str = "full",
    since: str = "",
) -> dict[str, Any]:
    """Everything the output depends on; equal inputs give equal bytes."""
    content = file_hashes(content_dir)
    code = {
        **{f"templates/{k}": v for k, v in file_hashes(TEMPLATES).items()},
        **{f"styles/{k}": v for k, v in file_hashes(STYLES).items()},
        **{f"briefing/{k}": v for k, v in file_hashes(PACKAGE, pattern="*.py").items()},
    }
    options = {
        "engine": engine,
        "formats": list(formats),
        "notes": notes,
        "edition": edition,
        "since": since,
        "archive": file_hashes(archive) if archive else None,
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH", ""),
    }
    digest = _sha256(json.dumps(content, sort_keys=True).encode())
    inputs = {
        "content": content,
        "content_sha256": digest,
        "code": code,
        "options": options,
        "versions": versions(),
    }
    inputs["key"] = _sha256(json.dumps(inputs, sort_keys=True).encode())
    return inputs


def up_to_date(
    manifest_path: Path, inputs: dict[str, Any], targets: Sequence[Path]
) -> dict[str, Any] | None:
    """The last build's manifest when its inputs equal these and its outputs are intact."""
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        if manifest.get("inputs_key") != inputs["key"]:
            return None
        for target in targets:
            recorded = manifest["outputs"][target.name]
            if _sha256(target.read_bytes()) != recorded["sha256"]:
                return None
        manifest["diagnostics"] = [Diagnostic(**d) for d in manifest["diagnostics"]]
        return manifest
    except (OSError, ValueError, KeyError, TypeError):
        return None


def writable(folder: Path, targets: Sequence[Path] = ()) -> None:
    """Make sure outputs can be written into `folder` before any work is done (OutputError):
    it exists or can be made, takes a new file, and no target is a folder."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise OutputError(f"cannot write into {folder}: {why}") from None
    for target in targets:
        if target.is_dir():
            raise OutputError(f"cannot write {target}: it is a folder")


def content_facts(content: Content, *, notes: int) -> dict[str, Any]:
    """What the manifest says about the briefing, taken before the render so that the
    loaded content can be freed while the engine runs."""
    return {
        "as_of": str(content.briefing.as_of),
        "counts": {
            "sources": len(content.sources),
            "events": len(content.events),
            "figures": len(content.figures),
            "notes": notes,
        },
    }


def write_outputs(
    rendered: Sequence[tuple[Path, bytes, int | None]],
    manifest_path: Path,
    *,
    inputs: dict[str, Any],
    engine: str,
    facts: dict[str, Any],
    diagnostics: Sequence[Diagnostic],
) -> None:
    """Each output atomically, then manifest.json describing them."""
    try:
        for target, data, _ in rendered:
            clear_stale_temporaries(target)
            write_atomic(target, data)
    except OSError as exc:  # the disk filled up, or the folder changed since the build began
        raise OutputError(f"cannot write {exc.filename or 'the output'}: {exc.strerror}") from None
    manifest = {
        "inputs_key": inputs["key"],
        "content_sha256": inputs["content_sha256"],
        "content_files": inputs["content"],
        "code_files": inputs["code"],
        "options": inputs["options"],
        "versions": inputs["versions"],
        "engine": engine,
        **facts,
        "outputs": {
            target.name: {"sha256": _sha256(data), "bytes": len(data), "pages": pages}
            for target, data, pages in rendered
        },
        "diagnostics": [d.as_dict() for d in diagnostics],
    }
    text = json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    write_atomic(manifest_path, text.encode("utf-8"))
