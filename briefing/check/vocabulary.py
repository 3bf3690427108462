"""check (vocabulary): the ids a briefing declares for itself: parties, categories, mark kinds.

The code knows no topic: briefing.yaml declares who the parties are, which event categories
and kinds of key date the briefing uses, and every reference to them is checked here.
"""

from __future__ import annotations

from briefing.check.items import at, range_error
from briefing.diagnostics import Diagnostic, did_you_mean
from briefing.i18n import LANGUAGES, base_language
from briefing.load import Content
from briefing.load.model import DEFAULT_CATEGORIES


def category_ids(content: Content) -> tuple[str, ...]:
    """The event categories: the briefing's own, or the general list."""
    declared = content.briefing.categories
    return tuple(c.id for c in declared) if declared else DEFAULT_CATEGORIES


def check_vocabulary(content: Content, out: list[Diagnostic]) -> None:
    """Every party, category and mark kind that content refers to is declared."""
    briefing = content.briefing
    parties = {p.id for p in briefing.parties}
    marks = {m.id for m in briefing.marks}
    known_order = category_ids(content)
    categories = set(known_order)

    def unknown(
        stem: str, path: tuple[str | int, ...], what: str, ident: str, known: set[str]
    ) -> None:
        code = {"party": "E114", "category": "E115", "mark": "E116"}[what]
        if what == "category":
            close = did_you_mean(ident, known)
            hint = (
                close
                if close.startswith("did")
                else "use one of " + ", ".join(f"'{k}'" for k in known_order)
            )
        elif known:
            hint = did_you_mean(ident, known)
        else:
            hint = f"declare it under '{'parties' if what == 'party' else what + 's'}:' in briefing.yaml"
        out.append(at(content, stem, path, "error", code, f"unknown {what} '{ident}'", hint))

    for stem, key, items in (
        ("briefing", "parties", briefing.parties),
        ("briefing", "categories", briefing.categories),
        ("briefing", "marks", briefing.marks),
        ("briefing", "map", briefing.map.layers),
    ):
        seen: set[str] = set()
        for index, item in enumerate(items):
            path = (key, "layers", index, "id") if key == "map" else (key, index, "id")
            if item.id in seen:
                out.append(
                    at(
                        content,
                        stem,
                        path,
                        "error",
                        "E101",
                        f"duplicate id '{item.id}'",
                        "give each its own id",
                    )
                )
            seen.add(item.id)
    for index, event in enumerate(content.events):
        if event.category not in categories:
            unknown("events", ("events", index, "category"), "category", event.category, categories)
    for index, figure in enumerate(content.figures):
        if figure.party is not None and figure.party not in parties:
            unknown("figures", ("figures", index, "party"), "party", figure.party, parties)
    for index, place in enumerate(content.places):
        for alias_index, alias in enumerate(place.aliases):
            if alias.party is not None and alias.party not in parties:
                path = ("places", index, "aliases", alias_index, "party")
                unknown("places", path, "party", alias.party, parties)
        for mark_index, mark in enumerate(place.marks):
            if mark.mark not in marks:
                unknown(
                    "places",
                    ("places", index, "marks", mark_index, "mark"),
                    "mark",
                    mark.mark,
                    marks,
                )
    for index, key_date in enumerate(briefing.key_dates):
        if key_date.mark not in marks:
            unknown("briefing", ("key_dates", index, "mark"), "mark", key_date.mark, marks)
    if base_language(briefing.language) not in LANGUAGES:
        out.append(
            at(
                content,
                "briefing",
                ("language",),
                "error",
                "E003",
                f"no catalogue for language '{briefing.language}'",
                "use one of " + ", ".join(f"'{code}'" for code in LANGUAGES),
            )
        )
    period = briefing.period
    if period is not None and period.end.last() < period.start.first():
        out.append(range_error(content, "briefing", ("period", "end")))
    region = briefing.region
    if region is not None and region.north <= region.south:
        out.append(
            at(
                content,
                "briefing",
                ("region", "north"),
                "error",
                "E109",
                "the region's north edge is not north of its south edge",
                "swap 'north' and 'south'",
            )
        )
