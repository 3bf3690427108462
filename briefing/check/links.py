"""check: every link target written in Markdown: URLs a reader can trust, anchors that exist."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from briefing.diagnostics import Diagnostic, did_you_mean, invisible
from briefing.errors import ContentError
from briefing.load import Content
from briefing.load.cite import position_in
from briefing.load.limits import text_limits
from briefing.load.urls import SCHEMES, link_targets, url_problem


def markdown_texts(content: Content) -> Iterator[tuple[str, str, int, int]]:
    """`(file, text, line, column)` of every Markdown text: key judgments, the bottom line
    and the sections' bodies; line and column are where the text starts in its file."""
    judgments = [("key_judgments", i, "text") for i in range(len(content.briefing.key_judgments))]
    if content.briefing.bottom_line is not None:
        judgments.append(("bottom_line", "text"))
    for path in judgments:
        file, line, column = content.where("briefing", *path)
        located = content.located.get(file)
        quoted = located is not None and path in located.quoted
        text = content.briefing.bottom_line.text if path[0] == "bottom_line" else None
        text = text or content.briefing.key_judgments[int(path[1])].text
        yield file, text, line, column + quoted  # a quoted text starts after its quote
    for section in content.sections:
        yield section.file, section.body, section.body_line, 1


def check_nesting(content: Content, out: list[Diagnostic]) -> None:
    """E023 where a key judgment or the bottom line nests past the limits the loader
    applies to sections (they are Markdown too, but YAML text values)."""
    sections = {section.file for section in content.sections}
    for file, text, line, column in markdown_texts(content):
        if file in sections:
            continue  # the loader checked them
        try:
            text_limits(text, file, first_line=line, markdown=True)
        except ContentError as exc:
            out.extend(
                replace(d, column=d.column + column - 1) if d.line == line else d
                for d in exc.diagnostics
            )


def check_urls(content: Content, out: list[Diagnostic]) -> None:
    """E026 for a link whose target hides a character or spells its host with look-alikes.

    Other schemes (`javascript:`, `file:`) are not links at all: the text stays, unlinked."""
    for file, text, line, column in markdown_texts(content):
        for offset, target in link_targets(text):
            hidden = any(invisible(c) for c in target)
            if not hidden and (target.startswith("#") or not target.lower().startswith(SCHEMES)):
                continue
            problem = url_problem(target)
            if problem:
                where = position_in(text, offset, line, column)
                out.append(
                    Diagnostic(file, *where, "error", "E026", problem, "retype the URL by hand")
                )


def check_anchors(content: Content, out: list[Diagnostic]) -> None:
    """E118 for an in-page link (`[see](#x)`) to an anchor the briefing does not have, with
    the closest real one: ReportLab cannot build a dead link and WeasyPrint would ship it.

    The real anchors are the Document's, so the briefing is assembled to find them, only
    when there is such a link and nothing else is wrong (assemble needs sound content)."""
    links = [
        (file, text, line, column, offset, target[1:])
        for file, text, line, column in markdown_texts(content)
        for offset, target in link_targets(text)
        if target.startswith("#")
    ]
    if not links or any(d.severity == "error" for d in out):
        return
    from briefing.assemble import assemble

    anchors = document_anchors(assemble(content))
    for file, text, line, column, offset, anchor in links:
        if anchor not in anchors:
            out.append(
                Diagnostic(
                    file,
                    *position_in(text, offset, line, column),
                    "error",
                    "E118",
                    f"link to '#{anchor}', which is not an anchor of the briefing",
                    did_you_mean(anchor, anchors),
                )
            )


def document_anchors(document: Any) -> set[str]:
    """Every place an in-page link can go that both engines mark: the key judgments, the
    contents, each part, heading, figure and titled table."""
    found = {"contents"} | ({"key-judgments"} if document.key_judgments else set())
    stack: list[tuple[Any, str]] = [(part, part.title) for part in document.parts]
    while stack:
        node, part_title = stack.pop()
        anchor = getattr(node, "anchor", "")
        title = getattr(node, "title", None)
        if anchor and not (getattr(node, "kind", "") == "table" and title in ("", part_title)):
            found.add(anchor)
        for child in getattr(node, "blocks", None) or []:
            stack.append((child, part_title))
        for item in getattr(node, "items", None) or []:
            stack.extend((child, part_title) for child in item)
    return found
