"""render: run an engine in a child process with a memory cap and a deadline.

Content is untrusted; no content may hang the build or exhaust the machine.
Either the engine is created in the parent and the child is forked with the
Document (`render_isolated`: nothing is pickled but the result), or the child
is forked before the content is loaded and imports the engine meanwhile
(`EngineChild`: it is sent the engine's input, e.g. the print HTML).
"""

from __future__ import annotations

import contextlib
import gc
import logging
import multiprocessing
import os
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from briefing.document import Document
    from briefing.render import Renderer

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 600.0
DEFAULT_MEMORY_MB = 4096


class RenderLimitError(Exception):
    """The engine ran past its time or memory limit, or died."""


class RenderChildError(Exception):
    """The engine raised in the child; the message is the child's exception."""


def can_fork() -> bool:
    """Whether children can be forked here (not on Windows)."""
    return "fork" in multiprocessing.get_all_start_methods()


def render_isolated(
    renderer: Renderer,
    document: Document,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> bytes:
    """`renderer.render(document)` in a forked child; in-process where fork does not exist."""
    if not can_fork():
        log.warning("no fork on this system: rendering without memory and time limits")
        return renderer.render(document)
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(
        target=_child, args=(renderer, document, sender, memory_mb), daemon=True
    )
    child.start()
    sender.close()
    try:
        return _answer(receiver, child, renderer.name, timeout, memory_mb)
    finally:
        _stop(child)
        receiver.close()


def _answer(receiver: Connection, child: Any, name: str, timeout: float, memory_mb: int) -> bytes:
    """The child's result, or the error that says why there is none."""
    if not receiver.poll(timeout):
        raise RenderLimitError(
            f"{name} took longer than {timeout:g} s; the content is too large or pathological"
        )
    try:
        status, payload = receiver.recv()
    except EOFError:
        child.join(5)
        raise RenderLimitError(
            f"{name} died (exit code {child.exitcode}); "
            f"it may have passed the {memory_mb} MB memory limit"
        ) from None
    if status == "ok":
        return payload
    if status == "memory":
        raise RenderLimitError(f"{name} passed the {memory_mb} MB memory limit")
    raise RenderChildError(payload)


def _stop(child: Any) -> None:
    if child.is_alive():
        child.kill()
    child.join(5)


class EngineChild:
    """A render child forked before the content is loaded.

    It imports the engine while the parent loads, checks and assembles
    (WeasyPrint's import is about 0.45 s, most of it cffi reading C
    declarations), and it starts without the content in its memory. It then
    renders one input sent to it, under the same memory cap and deadline.
    """

    def __init__(
        self, start: Callable[[], tuple[Any, Any]], *, memory_mb: int = DEFAULT_MEMORY_MB
    ) -> None:
        """`start()` runs in the child and returns (engine, what the parent learns of it)."""
        context = multiprocessing.get_context("fork")
        self.memory_mb = memory_mb
        self._to_child, self._inbox = context.Pipe(duplex=False)
        self._from_child, self._outbox = context.Pipe(duplex=False)
        self._child = context.Process(
            target=_serve, args=(start, self._to_child, self._outbox, memory_mb), daemon=True
        )
        self._child.start()
        self._to_child.close()
        self._outbox.close()

    def ready(self, timeout: float) -> Any | None:
        """What `start()` returned about the engine; None if it failed (say, an engine
        that cannot load): the caller then renders the ordinary way, which reports it."""
        try:
            return _answer(self._from_child, self._child, "engine start", timeout, self.memory_mb)
        except (RenderLimitError, RenderChildError) as exc:
            log.debug("render child could not start its engine: %s", exc)
            self.close()
            return None

    def render(
        self, name: str, method: str, payload: Any, *, timeout: float, env: dict[str, str]
    ) -> bytes:
        """`engine.<method>(payload)` in the child with `env` set; `name` names it in errors."""
        with contextlib.suppress(OSError):  # a child that is gone: _answer says how
            self._inbox.send((method, payload, env))
        try:
            return _answer(self._from_child, self._child, name, timeout, self.memory_mb)
        finally:
            self.close()

    def close(self) -> None:
        """Stop the child (if it still runs) and close the pipes; safe to call twice."""
        _stop(self._child)
        self._inbox.close()
        self._from_child.close()


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


def _reply(sender: Connection, work: Callable[[], bytes]) -> None:
    """Send `work()`'s result or why it failed, then end the child without cleanup."""
    try:
        sender.send(("ok", work()))
    except MemoryError:
        sender.send(("memory", ""))
    except BaseException as exc:  # the parent reports it; the child must always answer
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()
        os._exit(0)


def _child(renderer: Renderer, document: Document, sender: Connection, memory_mb: int) -> None:
    die_with_parent()
    _limit_memory(memory_mb)
    young = getattr(renderer, "young_collections", None)
    if young:  # an engine that collects best at its own pace (ReportLab: lower peak memory)
        gc.set_threshold(young, *gc.get_threshold()[1:])
    _reply(sender, lambda: renderer.render(document))


def _serve(start: Callable[[], Any], inbox: Connection, sender: Connection, memory_mb: int) -> None:
    die_with_parent()
    _limit_memory(memory_mb)

    try:
        engine, about = start()
    except BaseException as exc:  # the parent falls back to rendering the ordinary way
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
        sender.close()
        os._exit(0)
    sender.send(("ok", about))

    def work() -> bytes:
        method, payload, env = inbox.recv()  # EOFError when the build ends without a render
        os.environ.update(env)
        return getattr(engine, method)(payload)

    _reply(sender, work)
