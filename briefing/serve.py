"""--serve: the HTML briefing on 127.0.0.1, reloaded in the open browser after each rebuild.

A small standard-library server beside the `--watch` loop. It serves the last good build's
page with one script added, which listens to `/events` (server-sent events) and reloads the
page when a rebuild succeeds; the written `briefing.html` never holds a script. A rebuild
that fails keeps that page and shows the problems at its top, as the terminal prints them.

Only 127.0.0.1 is bound, a request naming any other host is refused (a web page elsewhere
cannot reach the preview through a name that resolves here), and the page may fetch nothing
but this server (Content-Security-Policy).
"""

from __future__ import annotations

import contextlib
import html
import http.server
import io
import logging
import secrets
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TextIO

from briefing.errors import ServeError
from briefing.watch import watch

log = logging.getLogger(__name__)

HOST = "127.0.0.1"
HEARTBEAT = 15.0
"""Seconds between comments on an idle event stream, so a closed tab ends its thread."""
WAITING = b"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Building</title>
</head><body><p>Building the briefing...</p></body></html>"""
_SCRIPT = (
    '<script nonce="{nonce}">new EventSource("/events")'
    '.addEventListener("reload", () => location.reload());</script>'
)
_PROBLEMS = (
    '<div role="alert" style="font: 14px/1.4 monospace; background: #fde8e8; color: #5c0a0a; '
    "border: 2px solid #8b1a1a; padding: 0.6rem 0.8rem; margin: 0 0 1rem; white-space: pre-wrap; "
    'overflow-x: auto">{verdict}\n\n{text}</div>'
)


class Preview:
    """The page to serve and its version; rebuilds publish to it, the server reads it."""

    def __init__(self) -> None:
        self.page = WAITING
        self.built = False
        """Whether a build has succeeded: `page` is then its page."""
        self.problems = ""
        self.version = 0
        self.changed = threading.Condition()
        self.closed = False

    def publish(self, page: bytes) -> None:
        """A successful rebuild: serve this page, clear the problems, reload the browsers."""
        with self.changed:
            self.page, self.problems, self.built = page, "", True
            self.version += 1
            self.changed.notify_all()

    def fail(self, problems: str) -> None:
        """A failed rebuild: keep the page, show the problems in it, reload the browsers."""
        with self.changed:
            self.problems = problems.strip() or "the rebuild failed"
            self.version += 1
            self.changed.notify_all()

    def close(self) -> None:
        with self.changed:
            self.closed = True
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The version, once it is newer than `seen` or `timeout` seconds have passed."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen or self.closed, timeout)
            return self.version

    def served(self, nonce: str) -> bytes:
        """The page as served: the reload script, and the problems of a failed rebuild."""
        with self.changed:
            page, problems, built = self.page, self.problems, self.built
        page = page.replace(b"</body>", _SCRIPT.format(nonce=nonce).encode() + b"\n</body>", 1)
        if problems:
            verdict = "The last rebuild failed; this is the last good version."
            if not built:
                verdict = "The build failed; nothing has been built yet."
            banner = _PROBLEMS.format(verdict=verdict, text=html.escape(problems)).encode()
            at = page.find(b">", page.find(b"<body")) + 1
            page = page[:at] + b"\n" + banner + page[at:]
        return page


class _Handler(http.server.BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        preview = self.server.preview
        port = self.server.server_address[1]
        if self.headers.get("Host") not in {f"{HOST}:{port}", f"localhost:{port}"}:
            self.send_error(403, "only the preview's own address is served")
        elif self.path in ("/", "/index.html", "/briefing.html"):
            nonce = secrets.token_urlsafe(16)
            self._send(preview.served(nonce), "text/html; charset=utf-8", nonce)
        elif self.path == "/version":
            self._send(str(preview.version).encode(), "text/plain; charset=utf-8")
        elif self.path == "/events":
            self._events(preview)
        else:
            self.send_error(404)

    def _send(self, body: bytes, kind: str, nonce: str = "") -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
        if nonce:
            policy += f"; script-src 'nonce-{nonce}'; connect-src 'self'"
        self.send_header("Content-Security-Policy", policy)
        self.end_headers()
        self.wfile.write(body)

    def _events(self, preview: Preview) -> None:
        """`reload` each time the version changes, until the tab or the server closes."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen = preview.version
        try:
            self.wfile.write(f"retry: 1000\nevent: hello\ndata: {seen}\n\n".encode())
            self.wfile.flush()
            while not preview.closed:
                version = preview.wait(seen, HEARTBEAT)
                message = ": idle\n\n" if version == seen else f"event: reload\ndata: {version}\n\n"
                seen = version
                self.wfile.write(message.encode())
                self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def log_message(self, format: str, *args: object) -> None:
        log.debug("serve: " + format, *args)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    preview: Preview


@contextlib.contextmanager
def serving(port: int = 0) -> Iterator[tuple[Preview, str]]:
    """Serve a Preview on 127.0.0.1 (`port` 0: a free one) while inside; yields it and its URL."""
    try:
        server = _Server((HOST, port), _Handler)
    except OSError as exc:
        raise ServeError(f"cannot serve on {HOST}:{port}: {exc.strerror or exc}") from None
    server.preview = Preview()
    thread = threading.Thread(target=server.serve_forever, name="briefing-serve", daemon=True)
    thread.start()
    try:
        yield server.preview, f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.preview.close()
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


class _Tee(io.TextIOBase):
    """Writes to the terminal and keeps a copy."""

    def __init__(self, terminal: TextIO) -> None:
        self.terminal = terminal
        self.copy = io.StringIO()

    def write(self, text: str) -> int:
        self.copy.write(text)
        return self.terminal.write(text)

    def flush(self) -> None:
        self.terminal.flush()


def rebuild(preview: Preview, build: Callable[[], int], page: Path) -> int:
    """Run one build; publish its page, or its problems (what it printed to stderr)."""
    tee = _Tee(sys.stderr)
    with contextlib.redirect_stderr(tee):  # type: ignore[type-var]
        code = build()
    if code == 0 and page.is_file():
        preview.publish(page.read_bytes())
    else:
        preview.fail(tee.copy.getvalue())
    return code


def preview_while_watching(
    folders: list[Path],
    build: Callable[[], int],
    page: Path,
    *,
    port: int,
    say: Callable[[str], None],
    stop: threading.Event | None = None,
) -> None:
    """`--watch --serve`: serve the page, rebuild on every save, reload the browsers."""
    with serving(port) as (preview, url):
        say(f"serving {url} on 127.0.0.1 only; it reloads after each rebuild (Ctrl-C stops)")
        watch(folders, lambda: rebuild(preview, build, page), stop=stop)
