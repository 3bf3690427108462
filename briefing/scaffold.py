"""`new DIR`: a minimal content folder to start from, every field explained, that builds clean.

One source, one section, one event, one place and one figure: enough for every part of
the briefing to show what it does, with comments saying what each field is for. Like
`mkdocs new` or `quarto create`, it never overwrites a file.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefing.diagnostics import safe_text

FILES: dict[str, str] = {
    "briefing.yaml": """\
# What the briefing is and how it is put together. Every field is explained in
# docs/authoring.md; `--schema DIR` writes JSON Schemas an editor can complete them from.
title: "Flooding in the river valley"       # on the cover and in the PDF's metadata
subtitle: "What the sources report, and where they disagree"   # under the title
short_title: "River valley floods"           # in the running header of every page
as_of: 2024-05-10                            # the date the briefing speaks for
edition: "1"                                 # printed on the cover
organisation: "Your organisation"            # who issues it, on the cover
prepared_by: "Your name or team"             # who wrote it, on the cover
marking: "PUBLIC"                            # distribution marking, on every page
language: en                                 # en, fr or ru: every fixed label and date
parties:                                     # who makes claims; place names refer to them
  - {id: authority, name: "River Authority", adjective: "Authority"}
sections: [overview]                         # the sections' ids (sections/*.md), in order
key_judgments:                               # the first page: one or two sentences each
  - text: "The River Authority reports that the flood peaked on 8 May [@authority-bulletin]."
    confidence: moderate                     # high, moderate or low: no higher than `support` allows
    support: [peak-2024-05-08]               # the events and figures it rests on
""",
    "sources.yaml": """\
# Every source the briefing cites, with its Admiralty reliability grade (A to F).
sources:
  - id: authority-bulletin                   # the id citations use: [@authority-bulletin]
    title: "Flood bulletin no. 3"            # as the source gives it
    publisher: "River Authority"             # the outlet or issuer
    published: 2024-05-09                    # YYYY, YYYY-MM or YYYY-MM-DD, or `unknown`
    kind: official                           # news, encyclopedia, advocacy, official, ngo, aggregator or analysis
    language: en                             # the source's language
    perspective: authority                   # its stance, shown in the source list
    # derived_from: [other-source]           # a source that copies another does not corroborate it
    reliability: B                           # A completely reliable ... F cannot be judged
    reliability_rationale: "The agency that measures the river; it reports on its own response."
""",
    "events.yaml": """\
# The chronology. Say who claims what; grade each entry's credibility (1 to 6).
events:
  - id: peak-2024-05-08                      # unique id
    date: 2024-05-08                         # YYYY, YYYY-MM or YYYY-MM-DD; `end:` for a range
    places: [lower-town]                     # ids from places.yaml
    category: environment                    # political, diplomatic, military, security, humanitarian, economic, legal, health, environment, information or other
    summary: "The River Authority reported that the river peaked at the lower town gauge."
    credibility: 3                           # 1 confirmed by independent sources ... 6 cannot be judged (rules: docs/authoring.md)
    citations:                               # at least one; `quote:` is checked with --archive
      - {source: authority-bulletin, locator: "para. 1"}
""",
    "figures.yaml": """\
# Attributed numbers: who claims what, as of when. Keep each claim's own qualifier.
topics:
  - id: evacuated                            # `[[claims: evacuated]]` in a section shows its table
    title: "People evacuated"
    unit: people
figures:
  - id: evacuated-authority-2024-05-09
    topic: evacuated
    value: "1,200"                           # or `range: [1000, 1500]`
    qualifier: at least                      # exactly, at least, more than, about, up to or fewer than
    as_of: 2024-05-09
    claimant: "River Authority"              # who says so
    party: authority                         # the party the claimant speaks for
    credibility: 3
    citations:
      - {source: authority-bulletin, locator: "para. 2"}
""",
    "places.yaml": """\
# The gazetteer: names in the briefing's own voice, other names by party or language.
places:
  - id: lower-town
    name: "Lower Town"
    coordinates: [47.3769, 8.5417]           # latitude, longitude: puts it on the locator map
""",
    "sections/01-overview.md": """\
---
# The section's header: its id (listed in briefing.yaml `sections`) and its title.
# Below it, Markdown prose. Cite sources as the sentence below does (several: separate
# them with a semicolon). Place tables and figures with a directive alone on its line,
# in double square brackets: map, timeline, "claims: topic", "chart: topic" (two dated
# claims or more) and "table: id" (a table of tables.yaml).
id: overview
title: Overview
---
The River Authority reported that the river peaked at the gauge in Lower Town on
8 May [@authority-bulletin, "para. 1"].

[[map]]

[[claims: evacuated]]
""",
}


def scaffold(folder: Path) -> list[Path]:
    """Write the starter files into `folder` (created if needed); refuse to overwrite."""
    existing = [folder / name for name in FILES if (folder / name).exists()]
    if existing:
        raise FileExistsError(f"{existing[0]} exists already; choose an empty folder")
    written = []
    for name, text in FILES.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def new_command(argv: list[str], prog: str) -> int:
    """`new DIR`: write a starter content folder that builds with no warnings."""
    p = argparse.ArgumentParser(
        prog=f"{prog} new", description="Write a minimal content folder to start from."
    )
    p.add_argument("folder", type=Path, metavar="DIR", help="where to write it (new or empty)")
    try:
        args = p.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        written = scaffold(args.folder)
    except (FileExistsError, OSError) as exc:
        print(safe_text(f"error: {exc}"), file=sys.stderr)
        return 2
    for path in written:
        print(safe_text(f"wrote {path}"))
    print(f"next: {prog} --content {args.folder} --out {args.folder}-out/briefing.pdf")
    return 0
