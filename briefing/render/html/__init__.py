"""render: Document -> HTML through Jinja2 templates (autoescape on, undefined names fail)."""

from __future__ import annotations

import base64
import functools
import logging
import re
from pathlib import Path
from typing import Literal

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from briefing.assemble.document import Chart, Document, Image
from briefing.assemble.figures.draw import svg_of
from briefing.render.palette import css_variables
from briefing.resources import STYLES, TEMPLATES

log = logging.getLogger(__name__)


NotesAs = Literal["footnotes", "endnotes"]

# Right-to-left scripts: Hebrew, Arabic (with Persian), Syriac, Thaana, N'Ko and their
# presentation forms. A run may hold spaces and joiners (Persian uses ZWNJ inside words).
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
_RTL_RUN = re.compile(f"[{_RTL}](?:[{_RTL}\u200c\u200d\\s]*[{_RTL}])?")
_PERSIAN = re.compile("[\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]")
_HEBREW = re.compile("[\u0590-\u05ff]")


def rtl_language(run: str) -> str:
    """A best guess at the language of a right-to-left run, for `lang` on its `<bdi>`."""
    if _HEBREW.search(run):
        return "he"
    return "fa" if _PERSIAN.search(run) else "ar"


def rich(value: object) -> Markup:
    """Escape text, isolate right-to-left runs in `<bdi>` and keep hard line breaks.

    Escaping happens first, on the whole string, so nothing from content is ever markup.
    """
    escaped = str(escape(str(value)))
    wrapped = _RTL_RUN.sub(
        lambda m: f'<bdi dir="rtl" lang="{rtl_language(m.group(0))}">{m.group(0)}</bdi>',
        escaped,
    )
    return Markup(wrapped.replace("\n", "<br>"))


def chart_svg(figure: Chart) -> Markup:
    """The figure's shared drawing as inline SVG (checked to hold no external reference)."""
    return Markup(svg_of(figure))


def image_src(image: Image) -> str:
    """A `data:` URL of an image's checked bytes: the HTML stays self-contained and
    WeasyPrint reads nothing from the content folder for it."""
    return f"data:{image.media_type};base64,{base64.b64encode(image.data).decode('ascii')}"


@functools.cache
def environment() -> Environment:
    """The one Jinja2 environment: templates from templates/, every value escaped."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
    )
    env.filters["rich"] = rich
    env.filters["chart_svg"] = chart_svg
    env.filters["image_src"] = image_src
    return env


def render_html(
    document: Document,
    *,
    notes_as: NotesAs,
    stylesheets: tuple[str, ...] = (),
    inline_css: str = "",
) -> str:
    """The briefing as one HTML page; content is passed as data, never rendered as a template."""
    if "</" in inline_css:
        raise ValueError("a stylesheet must not contain '</'")
    template = environment().get_template("briefing.html.j2")
    return template.render(
        document=document,
        notes_as=notes_as,
        stylesheets=list(stylesheets),
        inline_css=Markup(inline_css),
        page_footer=Markup(page_footer(document.labels.page_of)),
        palette=Markup(css_variables()),
    )


def page_footer(pattern: str) -> str:
    """`Page {page} of {pages}` as a CSS `content` value with the page counters."""
    out = []
    for index, piece in enumerate(re.split(r"(\{page\}|\{pages\})", pattern)):
        if index % 2:
            out.append("counter(page)" if piece == "{page}" else "counter(pages)")
        elif piece:
            out.append(_css_string(piece))
    return " ".join(out) or '""'


def _css_string(text: str) -> str:
    """A CSS string literal: quotes, backslashes, line ends and `<` escaped."""
    escaped = "".join(c if c.isalnum() or c in " .,:;-–/()" else f"\\{ord(c):x} " for c in text)
    return f'"{escaped}"'


PRINT_STYLESHEETS = ("print.css",)
"""Stylesheets under styles/ that the print HTML links; WeasyPrint fetches them through
the sandbox."""


def print_html(document: Document) -> str:
    """The page WeasyPrint lays out: notes as footnotes, the print stylesheet linked."""
    return render_html(document, notes_as="footnotes", stylesheets=PRINT_STYLESHEETS)


class HtmlRenderer:
    """A self-contained HTML page: CSS inlined, notes as endnotes linked both ways."""

    name = "html"
    extension = "html"
    pages = None

    def __init__(self, *, content_dir: Path | None = None) -> None:
        self.content_dir = content_dir

    def render(self, document: Document) -> bytes:
        """The HTML file's bytes (UTF-8)."""
        css = (STYLES / "screen.css").read_text(encoding="utf-8")
        html = render_html(document, notes_as="endnotes", inline_css=css)
        log.debug("html: %d characters", len(html))
        return html.encode("utf-8")
