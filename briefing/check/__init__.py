"""check: typed content -> diagnostics (cross-references and editorial rules)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from briefing.check.directives import check_directives
from briefing.check.editorial import apply_suppressions, editorial
from briefing.check.glyphs import glyph_coverage
from briefing.check.items import at, check_events, check_figures, check_tables, range_error
from briefing.check.links import check_anchors, check_nesting, check_urls
from briefing.check.provenance import check_quotes
from briefing.check.vocabulary import check_vocabulary
from briefing.codes import CODES
from briefing.diagnostics import Diagnostic, did_you_mean
from briefing.load import Content
from briefing.load.cite import find_citations, find_directives, line_column, position_in
from briefing.load.model import Citation

__all__ = ["CODES", "check", "citations_of", "still_reliable"]


def check(
    content: Content,
    *,
    archive: Path | None = None,
    editorial_warnings: list[Diagnostic] | None = None,
) -> list[Diagnostic]:
    """All problems at once, sorted by file and position; `editorial_warnings` when the
    caller already ran the editorial rules (the build runs them once, for assemble too)."""
    out: list[Diagnostic] = []
    source_ids = {s.id for s in content.sources}
    cited: set[str] = set()
    _check_ids(content, out)
    _check_yaml_citations(content, source_ids, cited, out)
    _check_markdown(content, source_ids, cited, out)
    check_events(content, out)
    check_figures(content, out)
    check_tables(content, out)
    check_vocabulary(content, out)
    check_directives(content, out)
    check_urls(content, out)
    check_nesting(content, out)
    _check_order(content, out)
    for index, source in enumerate(content.sources):
        if source.id not in cited:
            out.append(
                at(
                    content,
                    "sources",
                    ("sources", index, "id"),
                    "warning",
                    "W201",
                    f"source '{source.id}' is never cited",
                    "cite it or remove it",
                )
            )
        between = source.published_between
        # Compare the ends' spans: `[2020-10, 2020-10-05]` is a valid range of mixed precision.
        if between and between[1].last() < between[0].first():
            out.append(range_error(content, "sources", ("sources", index, "published_between")))
    if archive is not None:
        out.extend(check_quotes(content, archive))
    out.extend(editorial(content) if editorial_warnings is None else editorial_warnings)
    out.extend(glyph_coverage(content))
    check_anchors(content, out)  # last: it assembles the briefing when nothing else is wrong
    kept, _suppressed = apply_suppressions(content, out)
    return sorted(set(kept))


NEEDS = {
    "E102": "sources",
    "E103": "places",
    "E104": "sections",
    "E105": "figures",
    "E106": "tables",
    "E110": "sources",
    "E114": "briefing",
    "E115": "briefing",
    "E116": "briefing",
}
"""Errors that are only true when the file they compare with loaded."""


def still_reliable(found: list[Diagnostic], failed: set[str]) -> list[Diagnostic]:
    """The errors of a check over partly loaded content that the missing files cannot have
    caused; warnings wait until everything loads (a missing file makes many of them)."""
    return [
        d
        for d in found
        if d.severity == "error" and NEEDS.get(d.code) not in failed and d.code != "E118"
    ]


def citations_of(content: Content) -> Iterable[tuple[str, tuple[str | int, ...], Citation]]:
    """Every structured citation in YAML with its file stem and path."""
    for i, judgment in enumerate(content.briefing.key_judgments):
        for j, c in enumerate(judgment.citations):
            yield "briefing", ("key_judgments", i, "citations", j), c
    if content.briefing.bottom_line is not None:
        for j, c in enumerate(content.briefing.bottom_line.citations):
            yield "briefing", ("bottom_line", "citations", j), c
    for i, layer in enumerate(content.briefing.map.layers):
        for j, c in enumerate(layer.citations):
            yield "briefing", ("map", "layers", i, "citations", j), c
    for kind, items in (("events", content.events), ("figures", content.figures)):
        for i, item in enumerate(items):
            for j, c in enumerate(item.citations):
                yield kind, (kind, i, "citations", j), c
    for i, table in enumerate(content.tables):
        for j, c in enumerate(table.citations):
            yield "tables", ("tables", i, "citations", j), c


def _check_ids(content: Content, out: list[Diagnostic]) -> None:
    groups = [
        ("sources", "sources", content.sources),
        ("events", "events", content.events),
        ("figures", "topics", content.topics),
        ("figures", "figures", content.figures),
        ("tables", "tables", content.tables),
        ("places", "places", content.places),
    ]
    for stem, key, items in groups:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            if item.id in seen:
                first = content.where(stem, key, seen[item.id], "id")[1]
                out.append(
                    at(
                        content,
                        stem,
                        (key, index, "id"),
                        "error",
                        "E101",
                        f"duplicate id '{item.id}' (first on line {first})",
                        "give each item its own id",
                    )
                )
            seen.setdefault(item.id, index)
    seen_sections: dict[str, str] = {}
    for section in content.sections:
        if section.header.id in seen_sections:
            line = content.located[section.file].position(("id",))[0]
            out.append(
                Diagnostic(
                    section.file,
                    line,
                    1,
                    "error",
                    "E101",
                    f"duplicate section id '{section.header.id}' "
                    f"(also in {seen_sections[section.header.id]})",
                    "give each section its own id",
                )
            )
        seen_sections.setdefault(section.header.id, section.file)


def _check_yaml_citations(
    content: Content, source_ids: set[str], cited: set[str], out: list[Diagnostic]
) -> None:
    for stem, path, citation in citations_of(content):
        cited.add(citation.source)
        if citation.source not in source_ids:
            out.append(
                at(
                    content,
                    stem,
                    (*path, "source"),
                    "error",
                    "E102",
                    f"unknown source '{citation.source}'",
                    did_you_mean(citation.source, source_ids),
                )
            )


def _check_markdown(
    content: Content, source_ids: set[str], cited: set[str], out: list[Diagnostic]
) -> None:
    topics = {t.id for t in content.topics}
    tables = {t.id for t in content.tables}
    placed: set[tuple[str, str]] = set()
    texts: list[tuple[str, str, int, int]] = []  # file, text, first line, first column
    for i, judgment in enumerate(content.briefing.key_judgments):
        file, line, column = content.where("briefing", "key_judgments", i, "text")
        located = content.located.get(file)
        if located and ("key_judgments", i, "text") in located.quoted:
            column += 1  # the text starts after the opening quote
        texts.append((file, judgment.text, line, column))
        if not judgment.citations and not any(find_citations(judgment.text)):
            out.append(
                Diagnostic(
                    file,
                    line,
                    column,
                    "warning",
                    "W204",
                    "key judgment without a citation",
                    "add citations",
                )
            )
    for section in content.sections:
        texts.append((section.file, section.body, section.body_line, 1))
        for kind, ident, offset in find_directives(section.body):
            placed.add((kind, ident))
            if kind in ("map", "timeline"):
                continue
            known = tables if kind == "table" else topics
            if ident not in known:
                line, column = line_column(section.body, offset, first_line=section.body_line)
                code = "E106" if kind == "table" else "E105"
                out.append(
                    Diagnostic(
                        section.file,
                        line,
                        column,
                        "error",
                        code,
                        f"unknown {'table' if kind == 'table' else 'topic'} '{ident}'",
                        did_you_mean(ident, known),
                    )
                )
    for file, text, first_line, first_column in texts:
        for group in find_citations(text):
            for item in group.items:
                cited.add(item.source)
                if item.source not in source_ids:
                    line, column = position_in(text, item.offset, first_line, first_column)
                    out.append(
                        Diagnostic(
                            file,
                            line,
                            column,
                            "error",
                            "E110",
                            f"unknown source '{item.source}' in citation",
                            did_you_mean(item.source, source_ids),
                        )
                    )
    for stem, key, kind, items in (
        ("tables", "tables", "table", content.tables),
        ("figures", "topics", "claims", content.topics),
    ):
        for index, item in enumerate(items):
            if (kind, item.id) not in placed:
                out.append(
                    at(
                        content,
                        stem,
                        (key, index, "id"),
                        "warning",
                        "W203",
                        f"{key[:-1]} '{item.id}' is never placed",
                        f"add '[[{kind}: {item.id}]]' to a section",
                    )
                )


def _check_order(content: Content, out: list[Diagnostic]) -> None:
    files = {s.header.id for s in content.sections}
    for i, ident in enumerate(content.briefing.sections):
        if ident not in files:
            out.append(
                at(
                    content,
                    "briefing",
                    ("sections", i),
                    "error",
                    "E104",
                    f"unknown section '{ident}'",
                    did_you_mean(ident, files),
                )
            )
    listed = set(content.briefing.sections)
    for section in content.sections:
        if section.header.id not in listed:
            line = content.located[section.file].position(("id",))[0]
            out.append(
                Diagnostic(
                    section.file,
                    line,
                    1,
                    "warning",
                    "W202",
                    f"section '{section.header.id}' is not in briefing.yaml",
                    "add its id to 'sections:' or delete the file",
                )
            )
