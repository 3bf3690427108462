"""render: the WeasyPrint URL fetcher that keeps content inside the project (no network, no files)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from weasyprint import URLFetcher
from weasyprint.urls import URLFetcherResponse

from briefing.errors import FetchRefused

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Largest file the fetcher serves (stylesheets, images): a bound on memory and time."""
MAX_DATA_URL_CHARS = 7 * 1024 * 1024
"""Largest `data:` URL accepted: a content image (at most 5 MB, checked by load) in base64."""

_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|svg\+xml)(;base64)?,", re.I)
_TYPES = {".css": "text/css", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
_TYPES |= {".gif": "image/gif", ".svg": "image/svg+xml", ".woff2": "font/woff2"}


class SandboxFetcher(URLFetcher):
    """Serves regular files under the allowed folders and small data images, nothing else.

    Paths are resolved (symlinks, `..`) before they are compared with the folders, so a
    link inside `styles/` that points at `/etc/passwd` is refused like the path itself.
    """

    def __init__(self, roots: Iterable[Path], *, max_bytes: int = MAX_FILE_BYTES) -> None:
        super().__init__(fail_on_errors=True, allowed_protocols=("file", "data"))
        self.roots = tuple(Path(r).resolve() for r in roots)
        self.max_bytes = max_bytes
        self.refused: list[str] = []

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        """Serve `url` or raise FetchRefused."""
        scheme = url.split(":", 1)[0].lower()
        if scheme == "data":
            return self._data(url)
        if scheme == "file":
            return self._file(url)
        self._refuse(url, "only project files are fetched")

    def allowed_path(self, url: str) -> Path | None:
        """The resolved file behind a `file:` URL when it may be served, else None."""
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            return None
        try:
            path = Path(url2pathname(unquote(parts.path))).resolve(strict=True)
        except (OSError, RuntimeError):
            return None
        if not path.is_file() or not any(path.is_relative_to(root) for root in self.roots):
            return None
        return path

    def _file(self, url: str) -> URLFetcherResponse:
        path = self.allowed_path(url)
        if path is None:
            self._refuse(url, "not a file under templates/, styles/ or the content folder")
        if path.stat().st_size > self.max_bytes:
            self._refuse(url, f"larger than {self.max_bytes} bytes")
        kind = _TYPES.get(path.suffix.lower(), "application/octet-stream")
        headers = {"Content-Type": kind + ("; charset=utf-8" if kind == "text/css" else "")}
        return URLFetcherResponse(path.as_uri(), path.read_bytes(), headers)

    def _data(self, url: str) -> URLFetcherResponse:
        if len(url) > MAX_DATA_URL_CHARS or not _DATA_IMAGE.match(url):
            self._refuse(url[:80], "only PNG, JPEG, GIF or SVG data URLs of at most 7 MB")
        return super().fetch(url)

    def _refuse(self, url: str, why: str) -> NoReturn:
        self.refused.append(url)
        log.error("refused %s: %s", url, why)
        raise FetchRefused(f"refused {url}: {why}")
