"""assemble: footnotes, numbered once in reading order; full reference first, short form after."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from briefing.assemble.document import (
    Emph,
    Inline,
    Link,
    Note,
    NoteRef,
    Text,
)
from briefing.assemble.prose import SAFE_LINK
from briefing.i18n import Words, words
from briefing.load.model import Citation, Source

NotesMode = Literal["short", "full"]
Cited = tuple[str, str | None, str | None]  # source id, locator, quote


class NoteBook:
    """Numbers notes in reading order; a source's first note gives the full reference."""

    def __init__(
        self,
        sources: Sequence[Source],
        *,
        mode: NotesMode = "short",
        language: str = "en",
        brief: bool = False,
    ) -> None:
        self.sources = {s.id: s for s in sources}
        self.mode = mode
        self.brief = brief
        """The brief's notes name each source once, by its short name: its reader has the
        full briefing for the titles and the places in each source."""
        self.words = words(language)
        self.notes: list[Note] = []
        self.seen: set[str] = set()

    def add(self, items: Sequence[Cited]) -> NoteRef:
        """One note for the citations at one point; each source and locator once."""
        distinct: dict[tuple[str, str | None], Cited] = {}
        for item in items:
            if self.brief:
                item = (item[0], None, None)
            distinct.setdefault((item[0], item[1]), item)
        items = list(distinct.values())
        inlines: list[Inline] = []
        for index, (source_id, locator, quote) in enumerate(items):
            if index:
                inlines.append(Text(text="; "))
            inlines.extend(self._reference(source_id, locator, quote))
        inlines.append(Text(text="."))
        number = len(self.notes) + 1
        self.notes.append(
            Note(number=number, inlines=_join(inlines), sources=[i[0] for i in items])
        )
        return NoteRef(number=number)

    def cite(self, citations: Sequence[Citation]) -> NoteRef:
        """One note for structured YAML citations."""
        return self.add([(c.source, c.locator, c.quote) for c in citations])

    def _reference(self, source_id: str, locator: str | None, quote: str | None) -> list[Inline]:
        source = self.sources.get(source_id)
        if source is None:
            return [Text(text=source_id)]  # check stops the build before this
        out: list[Inline]
        if self.brief:
            name = short_name(source)
            return [Text(text=name)] if name else [Emph(children=[Text(text=source.title)])]
        if source_id not in self.seen:
            self.seen.add(source_id)
            out = full_reference(source, self.words)
        else:
            name = short_name(source)
            out = [Text(text=f"{name}, ")] if name else []
            out.append(Emph(children=[Text(text=source.title)]))
        if locator:
            out.append(Text(text=f", {_locator(locator, self.words)}"))
        if quote and self.mode == "full":
            out.append(Text(text=f": {self.words.quoted(quote)}"))
        return out


def full_reference(source: Source, w: Words) -> list[Inline]:
    """Author, *Title*, publisher, date, URL, grade."""
    out: list[Inline] = []
    if source.author:
        out.append(Text(text=f"{source.author}, "))
    out.append(Emph(children=[Text(text=source.title)]))
    if source.publisher:
        out.append(Text(text=f", {source.publisher}"))
    out.append(Text(text=f", {published_text(source, w)}"))
    if source.url and SAFE_LINK.match(source.url):
        out.extend([Text(text=", "), Link(href=source.url, children=[Text(text=source.url)])])
    grade = w.gettext("reliability {grade}").format(grade=source.reliability)
    out.append(Text(text=f" [{grade}]"))
    return out


def published_text(source: Source, w: Words) -> str:
    """`27 October 2020`, or `undated (between 1 Dec 2020 and 31 Dec 2021)`."""
    if source.published != "unknown":
        return w.partial(source.published, long=True)  # type: ignore[arg-type]
    if source.published_between:
        first, last = source.published_between
        return w.gettext("undated (between {first} and {last})").format(
            first=w.partial(first), last=w.partial(last)
        )
    return w.gettext("undated")


def short_name(source: Source) -> str:
    """The publisher, else the author, for the short form of later notes."""
    return source.publisher or source.author or ""


def _locator(locator: str, w: Words) -> str:
    """A heading is quoted; a page or paragraph number is not."""
    return locator if locator[:1].isdigit() or locator.startswith("para") else w.quoted(locator)


def _join(inlines: list[Inline]) -> list[Inline]:
    merged: list[Inline] = []
    for item in inlines:
        if isinstance(item, Text) and merged and isinstance(merged[-1], Text):
            merged[-1] = Text(text=merged[-1].text + item.text)
        else:
            merged.append(item)
    return merged
