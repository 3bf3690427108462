"""The HTML output in a real browser (headless Chromium): links resolve, nothing is fetched.

Skipped where Chromium is not installed; `.ci/run` installs it. The browser is
pointed at a dead local proxy and a resolver that resolves nothing, so no
request can leave the machine; its network log still records every request the
page tried to make.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlparse

import pytest
from chromium import CHROMIUM, FLAGS

from build_report import main

FULL = Path(__file__).parent / "fixtures" / "full"
# Chromium's own background services, which its flags (tests/chromium.py) still let it try.
BROWSER_SERVICES = ("google.com", "googleapis.com", "gvt1.com", "gstatic.com")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed"),
]


class _Links(HTMLParser):
    """Ids, in-page links and every URL-bearing attribute of a DOM."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.anchors: list[str] = []
        self.resources: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        href = values.get("href") or ""
        if tag == "a" and href.startswith("#"):
            self.anchors.append(href[1:])
        for name in ("src", "data", "poster", "srcset"):
            if values.get(name):
                self.resources.append(values[name] or "")
        if tag == "link" and href:
            self.resources.append(href)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str]]:
    folder = tmp_path_factory.mktemp("browser")
    content = folder / "content"
    shutil.copytree(FULL, content)
    summary = content / "sections" / "01-summary.md"
    # Raw HTML that would fetch; a Markdown image with a URL is refused at load (E027).
    summary.write_text(summary.read_text() + '\n<img src="http://127.0.0.1:9/pixel.png"> here\n')
    out = folder / "out" / "briefing.pdf"
    assert main(["--content", str(content), "--out", str(out), "--format", "html", "--quiet"]) == 0
    html = out.with_suffix(".html")
    log = folder / "net.json"
    shot = folder / "screenshot.png"
    common = [CHROMIUM, *FLAGS, f"--user-data-dir={folder / 'profile'}"]
    dom = subprocess.run(
        [*common, f"--log-net-log={log}", "--dump-dom", html.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    subprocess.run(
        [*common, f"--screenshot={shot}", "--window-size=1100,1600", html.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000
    events = json.loads(log.read_text()).get("events", [])
    urls = [str(e.get("params", {}).get("url")) for e in events if "url" in e.get("params", {})]
    return html, dom, urls


def test_every_in_page_link_resolves(page: tuple[Path, str, list[str]]) -> None:
    _, dom, _ = page
    links = _Links()
    links.feed(dom)
    assert len(links.anchors) > 20
    assert [a for a in links.anchors if a not in links.ids] == []
    notes = [a for a in links.anchors if a.startswith("note-")]
    assert notes, "note calls link to their notes"


def test_the_page_loads_nothing(page: tuple[Path, str, list[str]]) -> None:
    html, dom, urls = page
    links = _Links()
    links.feed(dom)
    assert [r for r in links.resources if not r.startswith("data:")] == []
    fetched = [
        u
        for u in urls
        if not u.startswith(html.as_uri())
        and not (urlparse(u).hostname or "").endswith(BROWSER_SERVICES)
    ]
    assert fetched == []
    assert "127.0.0.1:9/pixel.png" in dom, "the raw img tag is shown as text"
