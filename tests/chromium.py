"""Headless Chromium driven over its DevTools pipe, with nothing but the standard library.

`--remote-debugging-pipe` reads DevTools commands from file descriptor 3 and writes replies
to 4, each a JSON object ended by a NUL byte; no port is opened. The browser is pointed at a
dead local proxy and a resolver that resolves nothing but 127.0.0.1, so no request can leave
the machine.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",  # the --serve preview's
]
DEADLINE = 120.0
"""Seconds any one reply may take: generous, only so that a hung browser fails the test."""


class Browser:
    """One headless Chromium with one page, closed on exit."""

    def __init__(self) -> None:
        if CHROMIUM is None:
            raise RuntimeError("Chromium is not installed")
        self.profile = tempfile.TemporaryDirectory(prefix="chromium-")
        to_child, self._send = os.pipe()
        self._receive, from_child = os.pipe()

        def descriptors() -> None:  # in the child, before exec: the pipes as fds 3 and 4
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]
            os.dup2(high[0], 3)
            os.dup2(high[1], 4)

        self.process = subprocess.Popen(
            [
                CHROMIUM,
                *FLAGS,
                "--remote-debugging-pipe",
                f"--user-data-dir={self.profile.name}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            preexec_fn=descriptors,
            pass_fds=(3, 4),  # kept open by subprocess, which closes the rest after us
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)[
            "sessionId"
        ]
        self.call("Page.enable", session=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError, RuntimeError):  # it may have gone already
            self.call("Browser.close")
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._send)
        os.close(self._receive)
        self.profile.cleanup()

    def call(self, method: str, *, session: bool = False, **params: Any) -> dict[str, Any]:
        """Send one command and return its result; events that arrive meanwhile are kept."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = self.session
        os.write(self._send, json.dumps(message).encode() + b"\0")
        end = time.monotonic() + DEADLINE
        while True:
            reply = self._read(end)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def _read(self, end: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > end:
                raise RuntimeError("Chromium did not answer in time")
            chunk = os.read(self._receive, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def wait_for(self, method: str) -> dict[str, Any]:
        """The first event of this kind (already received, or the next ones)."""
        end = time.monotonic() + DEADLINE
        while True:
            for index, event in enumerate(self.events):
                if event.get("method") == method:
                    return self.events.pop(index)
            self.events.append(self._read(end))

    def open(self, url: str, *, width: int, height: int = 800, mobile: bool = False) -> None:
        """Load `url` in a viewport of `width` CSS pixels; `mobile` honours `<meta viewport>`
        as a phone does (a page without it is laid out 980 pixels wide and shrunk)."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            session=True,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=mobile,
        )
        self.events.clear()
        self.call("Page.navigate", session=True, url=url)
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page (the test's, not the page's)."""
        result = self.call(
            "Runtime.evaluate", session=True, expression=expression, returnByValue=True
        )
        return result["result"].get("value")

    def screenshot(self, path: Path, *, selector: str | None = None) -> None:
        """A PNG of the viewport, scrolled to the top of `selector` (or of the page). Not
        `captureBeyondViewport`: that lays the whole page out again, 1 to 2 s a shot."""
        top = 0.0
        if selector is not None:
            top = self.evaluate(
                f"document.querySelector({json.dumps(selector)}).getBoundingClientRect().top"
                " + window.scrollY"
            )
        self.evaluate(f"window.scrollTo(0, {max(0.0, top - 8)})")
        data = self.call("Page.captureScreenshot", session=True, format="png")["data"]
        path.write_bytes(base64.b64decode(data))
