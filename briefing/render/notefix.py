"""render: keep each WeasyPrint footnote on its call's page, at the cause instead of after it.

When a line does not fit at the foot of a page and widows or orphans forbid breaking before
it, WeasyPrint 70's line layout (`layout.block._linebox_layout`) moves the page's last notes
to the next page to make room for that line. Those notes' calls stay where they are, so the
notes print a page late, twice or not at all (Kozea/WeasyPrint #1564, #2432, #2502). This
turns that one step off: the line then breaks by the ordinary widows and orphans rules and
every note stays with its call. The library is patched only while a render runs, and only
when its source is exactly the pinned version's; otherwise nothing changes, and the
placement check with its page-break repair still guards every build.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
from collections.abc import Callable, Iterator
from typing import Any

import weasyprint
from weasyprint.layout import block

log = logging.getLogger(__name__)

PINNED = "70.0"
"""The WeasyPrint version whose line layout this was written against and tested with."""
_STEP = "report = not context.in_column and can_break_now and not could_break_before"
_WITHOUT_STEP = "report = False"


@functools.cache
def _fixed_linebox_layout() -> Callable[..., Any] | None:
    """WeasyPrint's own `_linebox_layout` with the note-moving step off, or None if the
    installed source is not the one this fix was made for."""
    if weasyprint.__version__ != PINNED:
        return None
    try:
        lines, first = inspect.getsourcelines(block._linebox_layout)
    except (OSError, TypeError):
        return None
    source = "".join(lines)
    if source.count(_STEP) != 1:
        return None
    # Blank lines in front keep tracebacks pointing at the library's own line numbers.
    code = compile(
        "\n" * (first - 1) + source.replace(_STEP, _WITHOUT_STEP), block.__file__, "exec"
    )
    namespace = dict(vars(block))
    exec(code, namespace)  # the library's own source, one line changed
    return namespace["_linebox_layout"]


@contextlib.contextmanager
def notes_stay_with_calls() -> Iterator[bool]:
    """While inside, WeasyPrint lays out lines with the fix; yields whether it is active."""
    fixed = _fixed_linebox_layout()
    if fixed is None:
        log.warning(
            "WeasyPrint %s is not the pinned %s: footnotes rely on the placement check alone",
            weasyprint.__version__,
            PINNED,
        )
        yield False
        return
    original = block._linebox_layout
    block._linebox_layout = fixed
    try:
        yield True
    finally:
        block._linebox_layout = original
