"""--watch: rebuild on every save of content, templates or styles; serve nothing."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from pathlib import Path

import watchfiles

log = logging.getLogger(__name__)


def _relevant(change: watchfiles.Change, path: str) -> bool:
    """Ignore editor swap files and our own temporary files."""
    name = Path(path).name
    return not (name.startswith(".") or name.endswith(("~", ".swp", ".tmp")))


def watch(
    paths: Iterable[Path],
    rebuild: Callable[[], object],
    *,
    stop: threading.Event | None = None,
    debounce_ms: int = 150,
) -> None:
    """Build once, then again after every batch of saves, until `stop` is set or Ctrl-C."""
    rebuild()
    folders = [str(p) for p in paths if p.exists()]
    for changes in watchfiles.watch(
        *folders,
        watch_filter=_relevant,
        stop_event=stop,
        debounce=debounce_ms,
        raise_interrupt=False,
    ):
        log.info("changed: %s", ", ".join(sorted({Path(p).name for _, p in changes})))
        rebuild()
