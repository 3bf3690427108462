"""render: lay a long briefing out in pieces on both cores, then join their PDFs (WeasyPrint).

The pieces (see `briefing.render.pieces`) are the front matter and two groups of parts,
each starting on a new page, so each lays out alone exactly as in the whole briefing. A
process of its own lays out each group; once its pages are made, and before their
headers and footers are, it reports how many there are and where its anchors fell, and
waits for the number of its first page and the page total. Meanwhile the process that
started the groups lays out the front matter with guessed contents page numbers, to learn
how many pages it takes; when the groups have reported, it lays the front matter out
again with the real numbers. Every piece writes its own PDF and `pdfjoin` joins them.

Nothing here decides what the briefing looks like: a piece that fails, or a front matter
that would change length, raises `SplitFailed`, and the caller lays the briefing out whole.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import inspect
import logging
import os
import re
import signal
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing import Pipe
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

import weasyprint
import weasyprint.layout
from weasyprint.pdf import VARIANTS
from weasyprint.urls import FatalURLFetchingError

from briefing.render.isolate import can_fork, die_with_parent
from briefing.render.pdfjoin import join
from briefing.render.pdfpiece import Captured, JoinError, PiecePdf, joinable, piece_writer
from briefing.render.weasyfix import PINNED, weasyprint_fixes

if TYPE_CHECKING:
    from briefing.render.weasy import WeasyRenderer

log = logging.getLogger(__name__)

Numbers = Callable[[list[Any]], tuple[int, int]]
"""Given a layout's pages (WeasyPrint page boxes), the number of the first and the total."""

CHARS_PER_PAGE, CHARS_PER_FIGURE = 4_200, 1_400
"""About how much print HTML (outside drawings) fills a page, and what a drawing counts as:
only for the guessed page numbers of the contents' first layout."""
_GUESSED_FRONT_PAGES = 4
_ID_OR_SVG = re.compile(r'\bid="([^"]+)"|<svg\b.*?</svg>', re.S)
_ALL_PAGES = weasyprint.layout.make_all_pages
_MARGINS = weasyprint.layout.make_margin_boxes
_LAYOUT_CALLS = (
    "pages = list(make_all_pages(context, root_box, html, pages))",
    "children.extend(make_margin_boxes(context, page, state))",
)


class SplitFailed(Exception):
    """The pieces could not be laid out or joined; lay the briefing out whole instead."""


@functools.cache
def available() -> bool:
    """Whether this machine and these library versions can lay out in pieces."""
    if not can_fork() or weasyprint.__version__ != PINNED or not joinable():
        return False
    try:
        source = inspect.getsource(weasyprint.layout.layout_document)
    except (OSError, TypeError):
        return False
    return all(source.count(call) == 1 for call in _LAYOUT_CALLS)


@contextlib.contextmanager
def numbered(numbers: Numbers) -> Iterator[None]:
    """While inside, a layout calls `numbers(pages)` once its pages are made and before their
    headers and footers are; `counter(page)` and `counter(pages)` then count from there."""
    made: list[Any] = []
    told: list[tuple[int, int]] = []

    def make_all_pages(context: Any, root_box: Any, html: Any, pages: Any) -> Iterator[Any]:
        made.clear()  # WeasyPrint may paginate again; the last pagination is the one kept
        for page in _ALL_PAGES(context, root_box, html, pages):
            made.append(page)
            yield page

    def make_margin_boxes(context: Any, page: Any, state: Any) -> Any:
        if not told:
            told.append(numbers(list(made)))
        first, total = told[0]
        quotes, counters, scopes, groups = state
        counters = {**counters, "pages": [total]}
        if "page" in counters:
            *outer, own = counters["page"]
            counters["page"] = [*outer, own + first - 1]
        return _MARGINS(context, page, (quotes, counters, scopes, groups))

    weasyprint.layout.make_all_pages = make_all_pages
    weasyprint.layout.make_margin_boxes = make_margin_boxes
    try:
        yield
    finally:
        weasyprint.layout.make_all_pages = _ALL_PAGES
        weasyprint.layout.make_margin_boxes = _MARGINS


@dataclass
class Survey:
    """Where a piece's anchors fell (0-based page in the piece) and where it links to."""

    pages: int
    anchors: dict[str, int] = field(default_factory=dict)
    links: set[str] = field(default_factory=set)


def survey(pages: list[Any]) -> Survey:
    """Walk a layout's page boxes for their anchors and internal link targets."""
    found = Survey(len(pages))
    for index, page in enumerate(pages):
        stack = [page]
        while stack:
            box = stack.pop()
            anchor = box.style["anchor"]
            if anchor and anchor not in found.anchors:
                found.anchors[anchor] = index
            link = box.link
            if link and link[1][0] == "internal":
                found.links.add(link[1][1])
            stack.extend(reversed(getattr(box, "children", ()) or ()))
    return found


def render_split(renderer: WeasyRenderer, pieces: tuple[str, ...]) -> bytes:
    """The PDF of `pieces` (the front matter, then the groups), laid out side by side."""
    front_html, *group_html = pieces
    groups: list[_Group] = []
    try:
        groups = [_Group(renderer, i, html) for i, html in enumerate(group_html, start=1)]
        with weasyprint_fixes() as fixed:
            if not fixed:
                raise SplitFailed(f"WeasyPrint {weasyprint.__version__} is not {PINNED}")
            front = _Front(renderer, front_html, _guessed_pages(group_html))
            reports = [group.laid_out() for group in groups]
            starts, total = front.fit(reports)
            for group, start, report in zip(groups, starts, reports, strict=True):
                elsewhere = set(front.survey.anchors).union(
                    *(r.anchors for r in reports if r is not report)
                )
                group.number(start, total, report.links & elsewhere)
            # The groups' pieces first: each group holds its whole layout until it has sent
            # its piece, and the front matter's layout would sit beside both at their peak
            # (N = 2,000: about 30 MiB of the build's 950).
            results = [group.result() for group in groups]
            front_piece = front.write(total, set().union(*(r.anchors for r in reports)))
            front_repairs = list(renderer.repairs)
        renderer.repairs = front_repairs + [line for _, repairs in results for line in repairs]
        pages = ", ".join(str(p.pages) for p in [front_piece, *(piece for piece, _ in results)])
        log.info("laid out in %d pieces side by side: %s pages", len(pieces), pages)
        return join([front_piece, *(piece for piece, _ in results)])
    except FatalURLFetchingError as exc:  # a BaseException: the whole layout reports it
        raise SplitFailed(f"the front matter asked for a refused resource: {exc}") from None
    except (JoinError, OSError, EOFError) as exc:
        raise SplitFailed(str(exc)) from exc
    except (SplitFailed, MemoryError):
        raise
    except Exception as exc:
        raise SplitFailed(f"{type(exc).__name__}: {exc}") from exc
    finally:
        for group in groups:
            group.stop()


class _Front:
    """The front matter, laid out in this process: first with guessed contents numbers, to
    learn its length, then with the real ones."""

    def __init__(self, renderer: WeasyRenderer, html: str, guesses: dict[str, int]) -> None:
        self.renderer = renderer
        self.source = renderer.source(html)
        self.links = [
            a
            for nav in self.source.etree_element.iter("nav")
            if "toc" in (nav.get("class") or "").split()
            for a in nav.iter("a")
            if (a.get("href") or "").startswith("#")
        ]
        self.survey = Survey(0)
        self.numbered = self._fill(guesses)
        self.pages = self._count()

    def _fill(self, pages_of: dict[str, int]) -> list[str]:
        """Print each contents line's page number; returns the numbers as printed."""
        printed = []
        for a in self.links:
            number = pages_of.get(a.get("href")[1:])
            text = "" if number is None else str(number)
            a.set("data-page", text)
            printed.append(text)
        return printed

    def _count(self) -> int:
        """Lay out to learn the front matter's pages (and its anchors and links)."""

        def numbers(pages: list[Any]) -> tuple[int, int]:
            self.survey = survey(pages)
            return 1, len(pages)

        laid_out = self.renderer.layout(self.source, numbers)
        return len(laid_out.pages)

    def fit(self, reports: list[Survey]) -> tuple[list[int], int]:
        """Each group's first page and the total, with the contents numbered for them.

        DejaVu's digits share one width, so numbers with as many digits as those of the last
        layout take the same room; until they do, the front matter is laid out again."""
        for _ in range(3):
            starts, page = [], self.pages + 1
            for report in reports:
                starts.append(page)
                page += report.pages
            pages_of = {name: 1 + at for name, at in self.survey.anchors.items()}
            for start, report in zip(starts, reports, strict=True):
                for name, at in report.anchors.items():
                    pages_of.setdefault(name, start + at)
            before = self.numbered
            self.numbered = self._fill(pages_of)
            if [len(n) for n in self.numbered] == [len(n) for n in before]:
                return starts, page - 1
            self.pages = self._count()
        raise SplitFailed("the contents do not settle on a length")

    def write(self, total: int, group_anchors: set[str]) -> PiecePdf:
        """Lay out with the real numbers and write the front matter's piece."""
        expected = self.pages

        def numbers(pages: list[Any]) -> tuple[int, int]:
            if len(pages) != expected:
                raise SplitFailed(f"the front matter took {len(pages)} pages, not {expected}")
            return 1, total

        laid_out = self.renderer.layout(self.source, numbers)
        return write_piece(self.renderer, laid_out, 0, self.survey.links & group_anchors)


def _guessed_pages(group_html: Iterable[str]) -> dict[str, int]:
    """Rough page numbers for the anchors of the groups, by how much HTML comes before them
    (a drawing's SVG counted as a third of a page)."""
    found: dict[str, int] = {}
    before = 0
    for html in group_html:
        shift = 0
        for match in _ID_OR_SVG.finditer(html):
            if match.group(1) is None:
                shift += CHARS_PER_FIGURE - len(match.group(0))
            else:
                page = _GUESSED_FRONT_PAGES + 1 + (before + match.start() + shift) // CHARS_PER_PAGE
                found.setdefault(match.group(1), page)
        before += len(html) + shift
    return found


def write_piece(renderer: WeasyRenderer, laid_out: Any, index: int, foreign: set[str]) -> PiecePdf:
    """Piece `index`'s share of the joined PDF; `foreign` are other pieces' anchors it links to."""
    anchors = laid_out.pages[0].anchors
    for name in foreign:
        anchors.setdefault(name, (0, 0, 0, 0))  # so that WeasyPrint keeps the links
    options = renderer.options()
    variant = VARIANTS.get(options.get("pdf_variant") or "")
    version = ((variant[1].get("pdf_version") if variant else None) or "1.7").encode()
    with piece_writer(index, version=version, foreign=frozenset(foreign)) as finisher:
        try:
            renderer.write(laid_out, finisher=finisher)
        except Captured as captured:
            return captured.piece
    raise SplitFailed(f"piece {index} was written without being joined")


class _Group:
    """A forked process that lays out and writes one group of parts."""

    def __init__(self, renderer: WeasyRenderer, index: int, html: str) -> None:
        ours, theirs = Pipe()
        self.index = index
        # Frozen objects are left out of the child's collections, which would otherwise
        # write to (and so copy) every page of objects it shares with this process.
        gc.freeze()
        self.pid = os.fork()
        if self.pid == 0:  # the child: never returns
            ours.close()
            _serve(renderer, index, html, theirs)
        gc.unfreeze()
        theirs.close()
        self.conn: Connection = ours

    def _receive(self, expected: str) -> Any:
        try:
            kind, payload, records = self.conn.recv()
        except EOFError:
            raise SplitFailed(f"piece {self.index} stopped without an answer") from None
        for name, level, message in records:
            logging.getLogger(name).log(level, "%s", message)
        if kind != expected:
            raise SplitFailed(f"piece {self.index}: {payload}")
        return payload

    def laid_out(self) -> Survey:
        """Wait until the group's pages are made; what they hold."""
        return self._receive("laid out")

    def number(self, first: int, total: int, foreign: set[str]) -> None:
        """Tell the group its first page number, the total, and the foreign anchors."""
        self.conn.send((first, total, foreign))

    def result(self) -> tuple[PiecePdf, list[str]]:
        """The group's piece and the footnote repairs it made."""
        return self._receive("done")

    def stop(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        self.conn.close()


class _Forward(logging.Handler):
    """Keeps a group's log records to send to the process that reports them."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.name, record.levelno, record.getMessage()))

    def take(self) -> list[tuple[str, int, str]]:
        taken, self.records = self.records, []
        return taken


def _serve(renderer: WeasyRenderer, index: int, html: str, conn: Connection) -> None:
    """The group process: lay out, report, wait for the numbers, write, answer, exit."""
    die_with_parent()
    forward = _Forward()
    for logger in [logging.root, *logging.root.manager.loggerDict.values()]:
        if isinstance(logger, logging.Logger):
            logger.handlers = []
    logging.root.addHandler(forward)
    foreign: set[str] = set()

    def numbers(pages: list[Any]) -> tuple[int, int]:
        conn.send(("laid out", survey(pages), forward.take()))
        first, total, names = conn.recv()
        foreign.update(names)
        return first, total

    try:
        with weasyprint_fixes():
            laid_out = renderer.layout(renderer.source(html), numbers)
            piece = write_piece(renderer, laid_out, index, foreign)
        conn.send(("done", (piece, renderer.repairs), forward.take()))
    except BaseException as exc:  # the parent lays out whole; it must always hear why
        with contextlib.suppress(Exception):
            conn.send(("error", f"{type(exc).__name__}: {exc}", forward.take()))
    finally:
        os._exit(0)
