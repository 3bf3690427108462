"""render: run an engine in a child process with a memory cap and a deadline.

Content is untrusted; no content may hang the build or exhaust the machine.
The engine is created in the parent (imports are paid once) and the child is
forked, so nothing is pickled but the result.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from briefing.document import Document
    from briefing.render import Renderer

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 600.0
DEFAULT_MEMORY_MB = 4096


class RenderLimitError(Exception):
    """The engine ran past its time or memory limit, or died."""


def render_isolated(
    renderer: Renderer,
    document: Document,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> bytes:
    """`renderer.render(document)` in a forked child; in-process where fork does not exist."""
    if "fork" not in multiprocessing.get_all_start_methods():
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
        if not receiver.poll(timeout):
            raise RenderLimitError(
                f"{renderer.name} took longer than {timeout:g} s; "
                "the content is too large or pathological"
            )
        try:
            status, payload = receiver.recv()
        except EOFError:
            child.join(5)
            raise RenderLimitError(
                f"{renderer.name} died (exit code {child.exitcode}); "
                f"it may have passed the {memory_mb} MB memory limit"
            ) from None
    finally:
        if child.is_alive():
            child.kill()
        child.join(5)
        receiver.close()
    if status == "ok":
        return payload
    if status == "memory":
        raise RenderLimitError(f"{renderer.name} passed the {memory_mb} MB memory limit")
    raise RenderChildError(payload)


class RenderChildError(Exception):
    """The engine raised in the child; the message is the child's exception."""


def _die_with_parent() -> None:
    """Linux: the kernel kills this child when the build that forked it dies (even by SIGKILL)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _child(renderer: Renderer, document: Document, sender: Connection, memory_mb: int) -> None:
    _die_with_parent()
    try:
        import resource

        limit = memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError) as exc:
        log.warning("could not set the memory limit: %s", exc)
    try:
        sender.send(("ok", renderer.render(document)))
    except MemoryError:
        sender.send(("memory", ""))
    except BaseException as exc:  # the parent reports it; the child must always answer
        sender.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        sender.close()
        os._exit(0)
