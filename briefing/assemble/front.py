"""assemble: the front matter: metadata, cover rows, fixed labels, key judgments, contents."""

from __future__ import annotations

from briefing.assemble.document import CoverRow, Heading, Labels, Meta, Part, TocEntry
from briefing.assemble.prose import image_node
from briefing.i18n import Words
from briefing.load import Content


def meta(content: Content, w: Words, *, build_id: str, created: str) -> Meta:
    """What the cover, the running header and the PDF metadata show."""
    b = content.briefing
    as_of = w.partial(b.as_of, long=True)
    rows = [
        (w.gettext("As of"), as_of),
        (w.gettext("Edition"), b.edition),
        (w.gettext("Organisation"), b.organisation or ""),
        (w.gettext("Prepared by"), b.prepared_by or ""),
    ]
    return Meta(
        title=b.title,
        subtitle=b.subtitle or "",
        short_title=b.short_title or b.title,
        as_of=as_of,
        as_of_iso=str(b.as_of),
        created=created or f"{b.as_of}T00:00:00Z",
        edition=b.edition,
        prepared_by=b.prepared_by or "",
        organisation=b.organisation or "",
        marking=b.marking,
        language=b.language,
        keywords=b.keywords,
        page_size=b.page_size,
        build_id=build_id,
        cover=[CoverRow(label=label, value=value) for label, value in rows if value],
        logo=image_node(content.pictures[b.logo], alt=b.organisation or b.title)
        if b.logo and b.logo in content.pictures
        else None,
    )


def labels(w: Words, as_of: str) -> Labels:
    """The fixed words every engine prints, in the briefing's language; `as_of` is the
    briefing's date as the cover prints it."""
    return Labels(
        kicker=w.gettext("Briefing"),
        cover=w.gettext("Cover"),
        key_judgments=w.gettext("Key judgments"),
        contents=w.gettext("Contents"),
        summary=w.gettext("Bottom line up front"),
        notes=w.gettext("Notes"),
        back_to_text=w.gettext("back to the text"),
        running_date=w.gettext("As of {date}").format(date=as_of),
        # i18n: the page footer; keep {page} and {pages}
        page_of=w.gettext("Page {page} of {pages}"),
        # i18n: between "Figure 1" or "Table 1" and the title; French puts a space before it
        label_end=w.gettext(":"),
    )


def toc(parts: list[Part]) -> list[TocEntry]:
    """Each part, and each section's second-level headings."""
    entries = []
    for part in parts:
        entries.append(TocEntry(level=1, label=part.label, title=part.title, anchor=part.anchor))
        for block in part.blocks:
            if isinstance(block, Heading) and block.level == 2 and part.kind == "section":
                entries.append(
                    TocEntry(level=2, label=block.number, title=block.title, anchor=block.anchor)
                )
    return entries
