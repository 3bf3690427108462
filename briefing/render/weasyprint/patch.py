"""render: ten fixes to WeasyPrint 70 and pydyf 0.13, applied only while a render runs.

Notes stay with their calls, fixed at the cause instead of repaired after.

When a line does not fit at the foot of a page and widows or orphans forbid breaking before
it, WeasyPrint 70's line layout (`layout.block._linebox_layout`) moves the page's last notes
to the next page to make room for that line. Those notes' calls stay where they are, so the
notes print a page late, twice or not at all (Kozea/WeasyPrint #1564, #2432, #2502). This
turns that one step off: the line then breaks by the ordinary widows and orphans rules and
every note stays with its call.

The note area is measured by sums, and put together from its notes' layouts when the page
is finished: each note is laid out once (`briefing.render.weasyprint.notearea`), with the
same bytes as WeasyPrint's own layout of the whole area at every note (tested).

A contents line's leader dots are one run of text instead of one text box a dot
(`briefing.render.weasyprint.leaders`): the same dots in the same places.

Page references are listed once. Writing a tagged PDF asks pydyf for the list of page
references for every tagged element, and pydyf builds that list anew at each request:
quadratic in pages, and most of the writing time of a long briefing. The list is kept
while the page count is unchanged.

Streams are compressed at zlib's default level (6), where pydyf asks for its slowest (9):
the same content, written in a quarter of the compression time, about 5% larger.

Pages are written one by one (`briefing.render.weasyprint.drawn`). WeasyPrint keeps every page's
layout until the last is drawn, to tag them all; each page is now tagged as it is drawn and
its layout let go (N = 2,000: about 80 MiB less at the peak), and its drawing is joined
into one bytes object instead of one per PDF operator.

Pseudo-elements get styles when used. WeasyPrint's user-agent stylesheet gives every element
six pseudo-elements (`::marker`, `::footnote-call`, `::footnote-marker` and three for notes),
and WeasyPrint computes a style for each of them before building any box: six unshared
styles per element, of which a briefing uses a few hundred. They are now computed when the
box builder first asks for one, from the same cascade, so the boxes and the bytes are the
same (tested); each distinct cascade is kept once (N = 2,000: 100 MiB less at the peak).

Fonts are subset the same way on every machine, and fast: by the HarfBuzz the pinned
uharfbuzz wheel carries, as WeasyPrint's HarfBuzz path does (`briefing.render.weasyprint.subset`).

Tags describe. Header cells get `/Scope` and SVG figures their description as `/Alt`
(`briefing.render.weasyprint.tagfix`), which WeasyPrint's tagger leaves out.

All apply only when the libraries' sources are exactly the pinned versions'; otherwise
nothing changes, and the placement check with its page-break repair still guards every
build.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import logging
import zlib
from collections.abc import Callable, Iterator
from typing import Any

import pydyf
import weasyprint
from weasyprint.css import StyleFor
from weasyprint.layout import block

import briefing.render.weasyprint.drawn as weasydrawn
import briefing.render.weasyprint.leaders as leaders
import briefing.render.weasyprint.notearea as notearea
import briefing.render.weasyprint.subset as fontsubset
import briefing.render.weasyprint.tagfix as tagfix
from briefing.render.weasyprint.pinning import has_source, source

log = logging.getLogger(__name__)

PINNED = "70.0"
"""The WeasyPrint version whose line layout this was written against and tested with."""
PINNED_PYDYF = "0.13.0"
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


_ORIGINAL_LINES = block._linebox_layout


_ALL_PAGE_REFERENCES = pydyf.PDF.page_references
_PAGE_REFERENCES_SOURCE = """    @property
    def page_references(self):
        return tuple(
            f'{object_number} 0 R'.encode('ascii')
            for object_number in self.pages['Kids'][::3])
"""


def _listed_page_references(pdf: Any) -> tuple[bytes, ...]:
    """`pydyf.PDF.page_references`, built again only when a page was added."""
    kids = len(pdf.pages["Kids"])
    cached = pdf.__dict__.get("_briefing_page_references")
    if cached is None or cached[0] != kids:
        cached = (kids, _ALL_PAGE_REFERENCES.fget(pdf))
        pdf._briefing_page_references = cached
    return cached[1]


_STYLES_INIT = StyleFor.__init__
_SET_STYLES = StyleFor.set_computed_styles
_GET_STYLE = StyleFor.__call__
_PSEUDO_LOOP = """        for element, pseudo_type in cascaded_styles:
            if pseudo_type:
                self.set_computed_styles(
                    element, pseudo_type=pseudo_type,
                    # The pseudo-element inherits from the element.
                    root=html.etree_element, parent=element,
                    base_url=html.base_url, target_collector=target_collector)
"""
_GET_STYLE_START = "if style := self._computed_styles.get((element, pseudo_type)):"


def _deferring_init(self: Any, *args: Any, **kwargs: Any) -> None:
    """`StyleFor.__init__`, leaving the pseudo-elements' styles to `_style_when_used`."""
    self._briefing_waiting = {}  # pseudo type -> element -> its cascade
    self._briefing_cascades = {}  # the distinct cascades, while the styles are being set
    try:
        _STYLES_INIT(self, *args, **kwargs)
    finally:
        self._briefing_cascades = None


def _set_or_defer(
    self: Any,
    element: Any,
    parent: Any,
    root: Any = None,
    pseudo_type: str | None = None,
    base_url: str | None = None,
    target_collector: Any = None,
) -> None:
    """`StyleFor.set_computed_styles`; while `__init__` runs, a pseudo-element's cascade is
    put aside instead (its parent is always its element)."""
    cascades = self.__dict__.get("_briefing_cascades")
    if pseudo_type is None or cascades is None:
        _SET_STYLES(self, element, parent, root, pseudo_type, base_url, target_collector)
        return
    cascaded = self._cascaded_styles.get((element, pseudo_type), {})
    key = tuple((name, id(value), weight) for name, (value, weight) in cascaded.items())
    waiting = self._briefing_waiting.setdefault(pseudo_type, {})
    waiting[element] = cascades.setdefault(key, cascaded)
    self._briefing_where = (root, base_url, target_collector)


def _style_when_used(self: Any, element: Any, pseudo_type: str | None = None) -> Any:
    """`StyleFor.__call__`, computing a put-aside pseudo-element style on first use."""
    waiting = self.__dict__.get("_briefing_waiting", {}).get(pseudo_type)
    cascaded = waiting.pop(element, None) if waiting else None
    if cascaded is not None:
        root, base_url, target_collector = self._briefing_where
        self._cascaded_styles[element, pseudo_type] = cascaded
        try:
            _SET_STYLES(self, element, element, root, pseudo_type, base_url, target_collector)
        finally:
            del self._cascaded_styles[element, pseudo_type]
    return _GET_STYLE(self, element, pseudo_type)


def _styles_are_pinned() -> bool:
    init = source(_STYLES_INIT)
    return (
        init.count(_PSEUDO_LOOP) == 1
        and init.find(_PSEUDO_LOOP) < init.find("self._cascaded_styles.clear()")
        and _GET_STYLE_START in source(_GET_STYLE)
        and list(inspect.signature(_SET_STYLES).parameters)
        == ["self", "element", "parent", "root", "pseudo_type", "base_url", "target_collector"]
    )


_STREAM_DATA = pydyf.Stream.data
_STREAM_DATA_SHA256 = "bdc2bc513f286de7b7a7220a43e6085daa6ed0056d9c04e3c9b5abe40f3ecf81"
COMPRESSION = 6
"""zlib's level for every stream: its default, where pydyf 0.13 asks for 9. A quarter of the
time (N = 400: 0.17 s instead of 0.69 s) for a file about 5% larger."""


def _stream_data(stream: Any) -> bytes:
    """`pydyf.Stream.data`, compressed at `COMPRESSION`."""
    data = b"\n".join(pydyf._to_bytes(item) for item in stream.stream)
    extra = pydyf.Dictionary(stream.extra.copy())
    if stream.compress:
        extra["Filter"] = "/FlateDecode"
        data = zlib.compress(data, COMPRESSION)
    extra["Length"] = len(data)
    return b"\n".join((extra.data, b"stream", data, b"endstream"))


def _pydyf_is_pinned() -> bool:
    return source(_ALL_PAGE_REFERENCES.fget) == _PAGE_REFERENCES_SOURCE and has_source(
        _STREAM_DATA.fget, _STREAM_DATA_SHA256
    )


@contextlib.contextmanager
def weasyprint_fixes() -> Iterator[bool]:
    """While inside, WeasyPrint lays out and writes with the fixes; yields whether they are on."""
    fixed = _fixed_linebox_layout()
    if (
        fixed is None
        or not _pydyf_is_pinned()
        or not _styles_are_pinned()
        or not fontsubset.pinned()
        or not weasydrawn.pinned()
        or not tagfix.pinned()
        or not notearea.pinned()
        or not leaders.pinned()
    ):
        log.warning(
            "WeasyPrint %s or pydyf %s is not the pinned %s and %s: "
            "footnotes rely on the placement check alone",
            weasyprint.__version__,
            pydyf.VERSION,
            PINNED,
            PINNED_PYDYF,
        )
        yield False
        return
    block._linebox_layout = fixed
    notearea.install()
    leaders.install()
    pydyf.PDF.page_references = property(_listed_page_references)
    pydyf.Stream.data = property(_stream_data)
    weasydrawn.install()
    tagfix.install()
    StyleFor.__init__ = _deferring_init
    StyleFor.set_computed_styles = _set_or_defer
    StyleFor.__call__ = _style_when_used
    fontsubset.install()
    try:
        yield True
    finally:
        fontsubset.uninstall()
        block._linebox_layout = _ORIGINAL_LINES
        notearea.uninstall()
        leaders.uninstall()
        pydyf.PDF.page_references = _ALL_PAGE_REFERENCES
        pydyf.Stream.data = _STREAM_DATA
        weasydrawn.uninstall()
        tagfix.uninstall()
        StyleFor.__init__ = _STYLES_INIT
        StyleFor.set_computed_styles = _SET_STYLES
        StyleFor.__call__ = _GET_STYLE
