"""The build's child: load, check, assemble and render run in it under a memory cap and a deadline.

Content is untrusted; no content may hang the build or exhaust the machine. The build
process forks one child for the four stages (`isolated`), waits, then writes: it never
holds the content or the Document, and never imports an engine. The child reports each
stage's progress line over its pipe as it goes.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import signal
import time
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from briefing.errors import RenderChildError, RenderLimitError

if TYPE_CHECKING:
    from briefing.render import Renderer

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 600.0
DEFAULT_MEMORY_MB = 4096

Progress = Callable[[int, str, str, float], None]
"""What the caller is told after each stage: number, name, detail, seconds."""
Report = Callable[[int, str, str], None]
"""How a stage says it is done: number, name, detail (timed by the `Clock`)."""


class Clock:
    """Stage timings for the progress lines."""

    def __init__(self, progress: Progress | None = None) -> None:
        self.progress = progress or (lambda *_: None)
        self.started = time.perf_counter()

    def done(self, stage: int, name: str, detail: str, *, seconds: float | None = None) -> None:
        """Report a stage; `seconds` when it was timed elsewhere (the build's child)."""
        now = time.perf_counter()
        self.progress(stage, name, detail, now - self.started if seconds is None else seconds)
        self.started = now


_NEXT = {1: "the check", 2: "assembling", 3: "rendering"}
"""What runs after each stage, to name it when it fails or runs past a limit."""


def isolated(work: Callable[[Report], Any], clock: Clock, *, timeout: float, memory_mb: int) -> Any:
    """`work(report)` in a forked child under the memory cap, each stage under the deadline;
    in this process, without limits, where there is no fork."""
    if not can_fork():
        log.warning("no fork on this system: building without memory and time limits")
        return work(clock.done)

    def in_child(pipe: Connection) -> Any:
        def report(stage: int, name: str, detail: str) -> None:
            now = time.perf_counter()
            pipe.send(("passed", (stage, name, detail, now - clock.started)))
            clock.started = now

        return work(report)

    child = Forked(in_child, memory_mb=memory_mb)
    name = "loading the content"
    try:
        while True:
            kind, payload = child.receive(name, timeout=timeout)
            if kind != "passed":
                return payload
            clock.done(*payload[:3], seconds=payload[3])
            name = _NEXT.get(payload[0], name)
    except RenderChildError as exc:
        raise RenderChildError(f"{name} failed: {exc}") from None
    finally:
        child.close()


def can_fork() -> bool:
    """Whether children can be forked here (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def _message(
    receiver: Connection, child: Any, name: str, timeout: float | None, memory_mb: int
) -> tuple[str, Any]:
    """The child's next message as (kind, payload); raises what a failed child means.

    A child's own exception arrives as itself when it pickles ("raise"), else as text."""
    if not receiver.poll(timeout):
        raise RenderLimitError(
            f"{name} took longer than {timeout:g} s; the content is too large or pathological",
            "time",
        )
    try:
        status, payload = receiver.recv()
    except EOFError:
        child.join(5)
        raise RenderLimitError(
            f"{name} died (exit code {child.exitcode}); "
            f"it may have passed the {memory_mb} MB memory limit",
            "memory",
        ) from None
    if status == "memory":
        raise RenderLimitError(f"{name} passed the {memory_mb} MB memory limit", "memory")
    if status == "raise":
        raise payload
    if status == "error":
        raise RenderChildError(payload)
    return status, payload


def _stop(child: Any) -> None:
    if child.is_alive():
        child.kill()
    child.join(5)


class Forked:
    """A child forked to run `work(link)` under the memory cap, and exit.

    `link` is the child's end of a duplex pipe: the work may tell the parent
    things and wait for its answers on it (see `receive`) before it returns.
    What it returns ends the child as an ("ok", result) message; an exception
    that pickles reaches the parent as itself, with the child's traceback as a
    note (or, without `errors_as_raised`, as `RenderChildError` with its text);
    a MemoryError or a child that dies as `RenderLimitError`.
    """

    def __init__(
        self,
        work: Callable[[Connection], Any],
        *,
        memory_mb: int,
        errors_as_raised: bool = True,
    ) -> None:
        context = multiprocessing.get_context("fork")
        self.memory_mb = memory_mb
        self._link, theirs = context.Pipe(duplex=True)
        args = (work, theirs, memory_mb, errors_as_raised)
        self._child = context.Process(target=_run, args=args, daemon=True)
        self._child.start()
        theirs.close()

    def receive(self, name: str, *, timeout: float | None = None) -> tuple[str, Any]:
        """The child's next message as (kind, payload); `name` names the work in errors."""
        return _message(self._link, self._child, name, timeout, self.memory_mb)

    def send(self, message: Any) -> None:
        """Answer the child."""
        with contextlib.suppress(OSError):  # a child that is gone: `receive` says how
            self._link.send(message)

    def close(self) -> None:
        """Stop the child (if it still runs) and close the pipe; safe to call twice."""
        _stop(self._child)
        self._link.close()


def die_with_parent() -> None:
    """Linux: the kernel kills this child when the build that forked it dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _limit_memory(memory_mb: int) -> None:
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError) as exc:
        log.warning("could not set the memory limit: %s", exc)


def _reply(sender: Connection, work: Callable[[], Any], *, as_raised: bool = False) -> None:
    """Send `work()`'s result or why it failed, then end the child without cleanup.

    With `as_raised`, an exception that pickles is sent as itself, to be raised again."""
    try:
        kind, payload = _outcome(work, as_raised=as_raised)
        # The work's frames are gone here: a child that ran out of memory has it back to answer.
        instead = _send(sender, kind, payload)
        del payload  # a result that did not go may be most of the memory left
        if instead is not None:
            sender.send(instead)
    finally:
        sender.close()
        os._exit(0)


def _send(sender: Connection, kind: str, payload: Any) -> tuple[str, str] | None:
    """Send (kind, payload); when it cannot go, the short answer to send instead."""
    try:
        sender.send((kind, payload))
    except MemoryError:  # the result does not fit in the memory left
        return "memory", ""
    except Exception as exc:  # it does not pickle: an exception as its text
        shown = payload if kind == "raise" else exc
        return "error", f"{type(shown).__name__}: {shown}"
    return None


def _outcome(work: Callable[[], Any], *, as_raised: bool) -> tuple[str, Any]:
    """("ok", result), ("memory", ""), ("raise", the exception) or ("error", its text)."""
    try:
        return "ok", work()
    except MemoryError:
        return "memory", ""
    except BaseException as exc:  # the parent reports it; the child must always answer
        if as_raised and isinstance(exc, Exception):
            exc.add_note("".join(traceback.format_exception(exc)).rstrip())
            return "raise", exc.with_traceback(None)  # the note keeps it; the frames may go
        return "error", f"{type(exc).__name__}: {exc}"


def collect_for(renderer: Renderer) -> None:
    """In a render process: collect garbage at the engine's own pace, if it has one
    (ReportLab: lower peak memory)."""
    young = getattr(renderer, "young_collections", None)
    if young:
        gc.set_threshold(young, *gc.get_threshold()[1:])


def _run(
    work: Callable[[Connection], Any], link: Connection, memory_mb: int, as_raised: bool
) -> None:
    die_with_parent()
    _limit_memory(memory_mb)
    _reply(link, lambda: work(link), as_raised=as_raised)
