"""check (items): each event, figure and table against the gazetteer, the topics and itself."""

from __future__ import annotations

from collections.abc import Callable

from briefing.diagnostics import Diagnostic, did_you_mean
from briefing.load import Content

ValuePath = tuple[str | int, ...]
Report = Callable[[ValuePath, str, str, str], None]
"""`report(path, code, message, hint)`."""


def at(
    content: Content,
    stem: str,
    path: ValuePath,
    severity: str,
    code: str,
    message: str,
    hint: str,
    *,
    key: bool = False,
) -> Diagnostic:
    """A diagnostic at a value (or, with `key`, its key) of a content file."""
    return content.diagnostic(
        stem, *path, severity=severity, code=code, message=message, hint=hint, key=key
    )  # type: ignore[arg-type]


def range_error(content: Content, stem: str, path: ValuePath) -> Diagnostic:
    """E109 at a range whose end comes before its start."""
    return at(
        content, stem, path, "error", "E109", "range ends before it starts", "swap the two ends"
    )


def errors_in(content: Content, stem: str, out: list[Diagnostic]) -> Report:
    """`report(path, code, message, hint)`: an error at a value of one file, added to `out`."""

    def report(path: ValuePath, code: str, message: str, hint: str) -> None:
        out.append(at(content, stem, path, "error", code, message, hint))

    return report


def check_events(content: Content, out: list[Diagnostic]) -> None:
    """Known places, a citation, a range in order, nothing after the as-of date."""
    error = errors_in(content, "events", out)
    places = {p.id for p in content.places}
    as_of = content.briefing.as_of
    for i, event in enumerate(content.events):
        for j, place in enumerate(event.places):
            if place not in places:
                hint = _place_hint(place, places)
                error(("events", i, "places", j), "E103", f"unknown place '{place}'", hint)
        if not event.citations:
            message = f"event '{event.id}' has no citation"
            error(("events", i, "id"), "E107", message, "add 'citations:'")
        if event.end is not None and event.end.last() < event.date.first():
            out.append(range_error(content, "events", ("events", i, "end")))
        if event.date.first() > as_of.last():
            message = f"event dated {event.date} is after the as-of date {as_of}"
            error(
                ("events", i, "date"), "E111", message, "fix the date or move the briefing's as_of"
            )


def _place_hint(place: str, places: set[str]) -> str:
    """`did you mean 'x'?`, or the known places and where to add a new one."""
    hint = did_you_mean(place, places)
    return hint if hint.startswith("did you mean") else f"{hint}; or add it to places.yaml"


def check_figures(content: Content, out: list[Diagnostic]) -> None:
    """A known topic, a citation, who and as of when, one value or one range in order."""
    error = errors_in(content, "figures", out)
    topics = {t.id for t in content.topics}
    as_of = content.briefing.as_of
    for i, figure in enumerate(content.figures):
        path, name = ("figures", i), f"figure '{figure.id}'"
        if figure.topic not in topics:
            message = f"unknown topic '{figure.topic}'"
            error((*path, "topic"), "E105", message, did_you_mean(figure.topic, topics))
        if not figure.citations:
            error((*path, "id"), "E107", f"{name} has no citation", "add 'citations:'")
        for field, what in (("claimant", "who says so"), ("as_of", "as of when")):
            if getattr(figure, field) is None:
                error((*path, "id"), "E108", f"{name} has no {field}", f"add '{field}:', {what}")
        if (figure.value is None) == (figure.range is None):
            message = f"{name} needs exactly one of 'value' or 'range'"
            error((*path, "id"), "E112", message, "write 'value: 100' or 'range: [100, 200]'")
        if figure.range and figure.range[1] < figure.range[0]:
            out.append(range_error(content, "figures", (*path, "range")))
        if figure.as_of and figure.as_of.first() > as_of.last():
            message = f"figure as of {figure.as_of} is after the as-of date {as_of}"
            error((*path, "as_of"), "E111", message, "fix the date")


def check_tables(content: Content, out: list[Diagnostic]) -> None:
    """As many cells in each row as the table has columns."""
    error = errors_in(content, "tables", out)
    for i, table in enumerate(content.tables):
        for j, row in enumerate(table.rows):
            if len(row) != len(table.columns):
                message = f"row has {len(row)} cells, the table {len(table.columns)} columns"
                error(("tables", i, "rows", j), "E113", message, "add or remove cells")
