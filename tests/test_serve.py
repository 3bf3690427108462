"""--serve: the live preview on 127.0.0.1, reloaded after each rebuild, problems in the page.

The preview runs in this process (`main(..., stop=...)` in a thread), so the sockets it opens
are this process's own: /proc/self lists them, which shows the port it chose and that nothing
listens on any other address.
"""

from __future__ import annotations

import http.client
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import watchfiles.main
from chromium import CHROMIUM, Browser

from briefing.scaffold import scaffold
from briefing.serve import Preview
from build_report import main

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/net/tcp").exists(), reason="reads listening sockets from /proc"
)

DEADLINE = 120.0
"""Seconds any wait below may take before the test fails. Not a speed requirement: a rebuild
of the starter content takes about a second; this only keeps a hang from hanging the suite."""


def listening() -> set[tuple[str, int]]:
    """(address, port) of every TCP socket this process listens on, IPv4 and IPv6."""
    mine = set()
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:  # closed meanwhile
            continue
        if target.startswith("socket:["):
            mine.add(target[8:-1])
    found = set()
    for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
        if not Path(table).exists():
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and inode in mine:  # 0A: LISTEN
                address, port = local.split(":")
                found.add((_address(address), int(port, 16)))
    return found


def _address(hexed: str) -> str:
    if len(hexed) == 8:  # IPv4, little-endian
        return socket.inet_ntop(socket.AF_INET, bytes.fromhex(hexed)[::-1])
    words = [bytes.fromhex(hexed[i : i + 8])[::-1] for i in range(0, 32, 8)]
    return socket.inet_ntop(socket.AF_INET6, b"".join(words))


def wait(condition: Callable[[], object]) -> None:
    """Until `condition()` is true; fails after DEADLINE (see there)."""
    end = time.monotonic() + DEADLINE
    while not condition():
        if time.monotonic() > end:
            raise AssertionError("timed out waiting")
        time.sleep(0.05)


def get(port: int, path: str = "/", host: str | None = None) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=DEADLINE)
    headers = {"Host": host} if host else {}
    connection.request("GET", path, headers=headers)
    return connection.getresponse()


class Events:
    """The page's reload signal, read from `/events` as the page's script reads it."""

    def __init__(self, port: int) -> None:
        self.response = get(port, "/events")
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next(self) -> str:
        """The next event's name (`hello`, `reload`), skipping idle comments."""
        name = ""
        while True:
            line = self.response.readline().decode().rstrip("\n")
            if line.startswith("event: "):
                name = line[7:]
            elif not line and name:
                return name


@pytest.fixture
def preview(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[tuple[int, Path, Path, threading.Event]]:
    """`--serve --port 0` on a starter content folder: (port, content, out, watching)."""
    content = tmp_path / "content"
    scaffold(content)
    out = tmp_path / "out" / "briefing.pdf"
    watching = threading.Event()
    real_notify = watchfiles.main.RustNotify

    def notify(*args: object, **kwargs: object) -> object:
        watcher = real_notify(*args, **kwargs)  # the folders are watched once this returns
        watching.set()
        return watcher

    monkeypatch.setattr(watchfiles.main, "RustNotify", notify)
    before = listening()
    stop = threading.Event()
    codes: list[int] = []
    argv = ["--serve", "--port", "0", "--content", str(content), "--out", str(out), "--quiet"]
    thread = threading.Thread(target=lambda: codes.append(main(argv, stop=stop)))
    thread.start()
    try:
        wait(lambda: listening() - before)
        opened = listening() - before
        assert len(opened) == 1, opened
        ((address, port),) = opened
        assert address == "127.0.0.1", "nothing listens on any other address"
        yield port, content, out, watching
    finally:
        stop.set()
        thread.join(timeout=DEADLINE)
    assert codes == [0]
    assert listening() - before == set(), "the port is closed when the preview stops"


@pytest.mark.slow
def test_a_save_reloads_the_open_page_with_the_new_text(
    preview: tuple[int, Path, Path, threading.Event],
) -> None:
    port, content, out, watching = preview
    wait(lambda: b"River Authority" in get(port).read())
    page = get(port)
    body = page.read().decode()
    assert page.status == 200
    assert "new EventSource" in body
    assert "script-src 'nonce-" in page.getheader("Content-Security-Policy", "")
    assert "<script" not in out.with_suffix(".html").read_text(), "the written file has none"
    events = Events(port)
    assert events.next() == "hello"
    wait(watching.is_set)  # a save before the watcher watches is never seen

    section = content / "sections" / "01-overview.md"
    section.write_text(section.read_text() + "\nSaved while the preview was open.\n")
    assert events.next() == "reload"
    assert "Saved while the preview was open." in get(port).read().decode()

    briefing = content / "briefing.yaml"
    briefing.write_text(briefing.read_text() + "\nnot_a_field: 1\n")
    assert events.next() == "reload"
    shown = get(port).read().decode()
    assert 'role="alert"' in shown and "E002" in shown and "not_a_field" in shown
    assert "Saved while the preview was open." in shown, "the last good version is kept"


@pytest.mark.slow
def test_only_the_previews_own_host_name_is_served(
    preview: tuple[int, Path, Path, threading.Event],
) -> None:
    port = preview[0]
    assert get(port, host=f"localhost:{port}").status == 200
    assert get(port, host="attacker.example").status == 403
    assert get(port, "/../../etc/passwd").status == 404


def test_a_failed_first_build_says_nothing_was_built() -> None:
    shown = Preview()
    shown.fail("content/briefing.yaml:1:1: error E001 <title> missing")
    page = shown.served("n0nce").decode()
    assert "nothing has been built yet" in page
    assert "&lt;title&gt; missing" in page, "problems are escaped"
    assert page.count('<script nonce="n0nce">') == 1


def test_a_port_in_use_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["--serve", "--port", str(port), "--quiet"]) == 2
    assert f"cannot serve on 127.0.0.1:{port}" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")
def test_the_open_page_reloads_itself_in_a_browser(
    preview: tuple[int, Path, Path, threading.Event],
) -> None:
    """The served page's own script, under its Content-Security-Policy, reloads it."""
    port, content, _, watching = preview
    wait(lambda: b"River Authority" in get(port).read())
    with Browser() as browser:
        browser.open(f"http://127.0.0.1:{port}/", width=1000)
        text = "document.body.innerText"
        assert "River Authority" in browser.evaluate(text)
        wait(watching.is_set)
        section = content / "sections" / "01-overview.md"
        section.write_text(section.read_text() + "\nSeen in the browser without a click.\n")

        def shown() -> bool:
            try:
                return "Seen in the browser without a click." in (browser.evaluate(text) or "")
            except RuntimeError:  # asked while the page was reloading
                return False

        wait(shown)
