#!/usr/bin/env python3
"""bench: valid synthetic content of any size N, deterministic from a seed.

N chronology events, N/4 sources, N/10 Markdown sections (a citation every
other sentence), N/40 tables and N/40 figures topics, a gazetteer and a
glossary. The text is neutral filler: no term the editorial lint flags, and
no place with two sides' names, so `build_report.py --check --strict` passes.

    python bench/generate.py N OUTDIR [--seed S]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sys
from pathlib import Path

YEAR = 2021
AS_OF = dt.date(YEAR + 1, 3, 31)
SENTENCES_PER_PARAGRAPH = 5
PARAGRAPHS_PER_SECTION = 4
FIGURES_PER_TOPIC = 6
ROWS_PER_TABLE = 8

SYLLABLES = [
    "ka",
    "ro",
    "mi",
    "ten",
    "sar",
    "vo",
    "li",
    "dan",
    "ber",
    "to",
    "na",
    "gel",
    "ur",
    "pa",
]
SUBJECTS = [
    "The monitoring mission",
    "The regional council",
    "A relief agency",
    "The district administration",
    "Local officials",
    "The transport ministry",
    "An observer group",
    "The water authority",
    "A survey team",
    "The provincial court",
]
VERBS = [
    "reported",
    "recorded",
    "reviewed",
    "published",
    "described",
    "counted",
    "documented",
    "summarised",
    "examined",
    "noted",
]
OBJECTS = [
    "repairs to the northern road",
    "a delay in grain deliveries",
    "new figures on school attendance",
    "the reopening of two clinics",
    "changes to the bus timetable",
    "a rise in river levels",
    "the results of a household survey",
    "a shortage of spare parts",
    "progress on the bridge project",
    "the schedule for power repairs",
]
TAILS = [
    "in the first week of the month",
    "after a meeting with residents",
    "in a statement to the press",
    "according to its weekly bulletin",
    "with figures from the previous quarter",
    "in a short written note",
    "during a visit to the area",
    "before the end of the season",
]
CLAIMANTS = [
    ("Ministry of Health of Party A", "party-a"),
    ("Statistics office of Party B", "party-b"),
    ("International monitoring mission", None),
]
KINDS = ["news", "encyclopedia", "advocacy", "official", "ngo", "aggregator", "analysis"]
PERSPECTIVES = ["neutral", "party-a", "party-b", "third-country"]
PUBLISHERS = ["Daily Courier", "Regional Gazette", "Field Notes", "Open Archive", "The Observer"]
CATEGORIES = ["military", "security", "diplomatic", "humanitarian", "political", "information"]
QUALIFIERS = ["exactly", "at least", "more than", "about", "up to"]


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


class _Writer:
    """Draws names, sentences and dates from one seeded random generator."""

    def __init__(self, n: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = n
        self.n_sources = max(2, n // 4)
        self.n_sections = max(1, n // 10)
        self.n_tables = max(1, n // 40)
        self.n_topics = max(1, n // 40)
        self.n_places = max(4, n // 10)
        self.n_terms = max(3, n // 20)
        self.sources = [f"src-{i:04d}" for i in range(1, self.n_sources + 1)]
        self.places = [f"place-{i:04d}" for i in range(1, self.n_places + 1)]
        self.place_names = self._unique_names(self.n_places)

    def _unique_names(self, count: int) -> list[str]:
        names: list[str] = []
        seen: set[str] = set()
        while len(names) < count:
            word = "".join(self.rng.choice(SYLLABLES) for _ in range(self.rng.randint(2, 3)))
            name = word.capitalize()
            if name not in seen:
                seen.add(name)
                names.append(name)
        return names

    def sentence(self) -> str:
        r = self.rng
        text = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}"
        if r.random() < 0.3:
            text += f" near {r.choice(self.place_names)}"
        if r.random() < 0.15:
            text += f", and *{r.choice(OBJECTS)}* followed"
        return text + "."

    def day(self, start: dt.date, end: dt.date) -> dt.date:
        return start + dt.timedelta(days=self.rng.randint(0, (end - start).days))

    def citation_yaml(self, source: str, indent: str) -> str:
        locator = f"para. {self.rng.randint(1, 40)}"
        quote = " ".join(self.sentence().rstrip(".").split()[:12])
        return f"{indent}- {{source: {source}, locator: {_q(locator)}, quote: {_q(quote)}}}\n"

    def markdown_cite(self) -> str:
        r = self.rng
        first, second = r.sample(self.sources, 2)
        if r.random() < 0.2:
            return f' [@{first}; @{second}, "para. {r.randint(1, 40)}"]'
        return f' [@{first}, "para. {r.randint(1, 40)}"]'


def _briefing(w: _Writer) -> str:
    sections = ", ".join(f"s{i:03d}" for i in range(1, w.n_sections + 1))
    out = [
        "# yaml-language-server: $schema=../schema/briefing.schema.json\n",
        f"title: {_q(f'Synthetic briefing, N = {w.n}')}\n",
        'subtitle: "Generated content for benchmarks; every name and number is invented"\n',
        f"short_title: {_q(f'Synthetic N={w.n}')}\n",
        f"as_of: {AS_OF.isoformat()}\n",
        'edition: "1"\n',
        'prepared_by: "bench/generate.py"\n',
        'marking: "PUBLIC"\n',
        "language: en\n",
        "keywords: [benchmark, synthetic]\n",
        "page_size: A4\n",
        "parties:\n",
        "  - {id: party-a, name: Party A, adjective: Party A}\n",
        "  - {id: party-b, name: Party B, adjective: Party B}\n",
        f"sections: [{sections}]\n",
        "key_judgments:\n",
    ]
    for i in range(5):
        out.append(f"  - text: {_q(w.sentence() + ' ' + w.sentence())}\n")
        out.append("    citations:\n")
        out.append(w.citation_yaml(w.sources[i % len(w.sources)], "      "))
    return "".join(out)


def _sources(w: _Writer) -> str:
    out = ["# yaml-language-server: $schema=../schema/sources.schema.json\n", "sources:\n"]
    for i, sid in enumerate(w.sources):
        r = w.rng
        published = w.day(dt.date(YEAR + 1, 1, 1), dt.date(YEAR + 1, 2, 28))
        out += [
            f"  - id: {sid}\n",
            f"    title: {_q(f'Report {i + 1}: ' + r.choice(OBJECTS))}\n",
            f"    author: {_q(f'Author {r.choice(w.place_names)}')}\n",
            f"    publisher: {_q(r.choice(PUBLISHERS))}\n",
            f"    published: {published.isoformat()}\n",
            f"    url: {_q(f'https://example.org/reports/{sid}')}\n",
            f"    kind: {r.choice(KINDS)}\n",
            "    language: en\n",
            f"    perspective: {r.choice(PERSPECTIVES)}\n",
            f"    reliability: {r.choice('ABCDEF')}\n",
            f"    reliability_rationale: {_q('Synthetic grade: ' + w.sentence())}\n",
        ]
    return "".join(out)


def _events(w: _Writer) -> str:
    out = ["# yaml-language-server: $schema=../schema/events.schema.json\n", "events:\n"]
    start, end = dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 20)
    for i in range(w.n):
        r = w.rng
        day = w.day(start, end)
        precision = r.random()
        date = day.strftime("%Y-%m") if precision < 0.1 else day.isoformat()
        out += [f"  - id: event-{i + 1:05d}\n", f"    date: {date}\n"]
        if precision > 0.9:
            out.append(f"    end: {(day + dt.timedelta(days=r.randint(1, 5))).isoformat()}\n")
        if r.random() < 0.1:
            out.append("    approximate: true\n")
        if precision >= 0.1 and r.random() < 0.3:
            out.append(f'    time: "{r.randint(0, 23):02d}:{r.choice([0, 15, 30, 45]):02d}"\n')
        places = sorted(set(r.sample(w.places, r.randint(1, 2))))
        out.append(f"    places: [{', '.join(places)}]\n")
        out.append("    actors: [Party A, Party B]\n")
        out.append(f"    category: {r.choice(CATEGORIES)}\n")
        out.append(f"    summary: {_q(w.sentence() + ' ' + w.sentence())}\n")
        if r.random() < 0.3:
            out.append(f"    claimed_by: {_q(r.choice(['Party A', 'Party B']))}\n")
        grade, at = r.randint(1, 6), len(out)
        out.append("")  # the grade, once the citations say which it may be
        if r.random() < 0.1:
            out.append(f"    note: {_q(w.sentence())}\n")
        out.append("    citations:\n")
        # Round-robin first, so every source is cited at least once.
        cited = [w.sources[i % len(w.sources)]]
        if r.random() < 0.4:
            cited.append(r.choice(w.sources))
        out[at] = f"    credibility: {_allowed(grade, len(set(cited)))}\n"
        for sid in cited:
            out.append(w.citation_yaml(sid, "      "))
    return "".join(out)


def _allowed(grade: int, sources: int) -> int:
    """The drawn grade, or the nearest the grading rules allow (E131): nothing generated
    contradicts anything, so 5 never; 1 needs two sources, 4 only one."""
    if sources >= 2:
        return {4: 3, 5: 3}.get(grade, grade)
    return {1: 2, 5: 4}.get(grade, grade)


def _figures(w: _Writer) -> str:
    out = [
        "# yaml-language-server: $schema=../schema/figures.schema.json\n",
        "topics:\n",
    ]
    for t in range(1, w.n_topics + 1):
        out += [
            f"  - id: topic-{t:03d}\n",
            f"    title: {_q(f'Counted item {t}: ' + w.rng.choice(OBJECTS))}\n",
            "    unit: items\n",
            "    cumulative: true\n",
        ]
    out.append("figures:\n")
    for t in range(1, w.n_topics + 1):
        r = w.rng
        base = r.randint(100, 5000)
        days = sorted(w.day(dt.date(YEAR, 1, 1), dt.date(YEAR, 12, 20)) for _ in range(6))
        for k, day in enumerate(days[:FIGURES_PER_TOPIC]):
            claimant, side = CLAIMANTS[k % len(CLAIMANTS)]
            # Rising and within a factor of two of each other: no W302 or W303.
            value = base + k * max(1, base // 10)
            out += [f"  - id: fig-{t:03d}-{k + 1}\n", f"    topic: topic-{t:03d}\n"]
            if k % 4 == 3:
                out.append(f"    range: [{value}, {value + value // 10}]\n")
            else:
                out.append(f"    value: {value}\n")
            out += [
                f"    qualifier: {r.choice(QUALIFIERS)}\n",
                f"    as_of: {day.isoformat()}\n",
                f"    claimant: {_q(claimant)}\n",
                *([f"    party: {side}\n"] if side else []),
                f"    credibility: {_allowed(r.randint(1, 6), 1)}\n",
                "    citations:\n",
                w.citation_yaml(r.choice(w.sources), "      "),
            ]
    return "".join(out)


def _tables(w: _Writer) -> str:
    out = ["# yaml-language-server: $schema=../schema/tables.schema.json\n", "tables:\n"]
    for t in range(1, w.n_tables + 1):
        r = w.rng
        out += [
            f"  - id: table-{t:03d}\n",
            f"    title: {_q(f'Table of measures {t}')}\n",
            f"    caption: {_q(w.sentence())}\n",
            '    columns: ["Item", "First count", "Second count", "Remark"]\n',
            "    rows:\n",
        ]
        for row in range(ROWS_PER_TABLE):
            cells = [
                f"Item {row + 1}",
                f"{r.randint(10, 9999):,}",
                f"{r.randint(10, 9999):,}",
                " ".join(w.sentence().split()[:8]),
            ]
            out.append(f"      - [{', '.join(_q(c) for c in cells)}]\n")
        out.append("    citations:\n")
        out.append(w.citation_yaml(r.choice(w.sources), "      "))
    return "".join(out)


def _places(w: _Writer) -> str:
    out = ["# yaml-language-server: $schema=../schema/places.schema.json\n", "places:\n"]
    for pid, name in zip(w.places, w.place_names, strict=True):
        r = w.rng
        out += [f"  - id: {pid}\n", f"    name: {name}\n"]
        if r.random() < 0.5:
            # A language alias only: a side's alias would need both names at first mention.
            out += ["    aliases:\n", f"      - {{name: {name}a, language: xx}}\n"]
        out += [
            f"    admin: {_q(f'District {r.randint(1, 20)}')}\n",
            f"    coordinates: [{r.uniform(35, 45):.4f}, {r.uniform(40, 50):.4f}]\n",
        ]
    return "".join(out)


def _glossary(w: _Writer) -> str:
    out = ["# yaml-language-server: $schema=../schema/glossary.schema.json\n", "terms:\n"]
    for i in range(w.n_terms):
        letters = "".join(w.rng.choice("ABCDEFGHKLMNPRSTUVW") for _ in range(3))
        out.append(f"  - term: {_q(f'{letters}-{i + 1}')}\n")
        out.append(f"    definition: {_q(w.sentence())}\n")
    return "".join(out)


def _section(w: _Writer, index: int, directives: list[str]) -> str:
    """A section: paragraphs whose every other sentence carries a citation."""
    out = [
        f"---\nid: s{index:03d}\ntitle: {_q(f'Section {index}: ' + w.rng.choice(OBJECTS))}\n---\n"
    ]
    for p in range(PARAGRAPHS_PER_SECTION):
        if p == PARAGRAPHS_PER_SECTION // 2:
            out.append(f"\n## {w.rng.choice(OBJECTS).capitalize()}\n")
        sentences = []
        for s in range(SENTENCES_PER_PARAGRAPH):
            text = w.sentence()
            if s % 2 == 1:
                text = text[:-1] + w.markdown_cite() + "."
            sentences.append(text)
        out.append("\n" + " ".join(sentences) + "\n")
        if p == 0 and w.rng.random() < 0.3:
            out.append("\n" + "".join(f"- {w.sentence()}\n" for _ in range(3)))
    for directive in directives:
        out.append(f"\n{directive}\n")
    return "".join(out)


def generate(n: int, seed: int, folder: Path) -> Path:
    """Write a complete, valid content folder of size `n` into `folder` (replaced)."""
    if n < 1:
        raise ValueError("n must be at least 1")
    w = _Writer(n, seed)
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "sections").mkdir(parents=True)
    files = {
        "briefing.yaml": _briefing(w),
        "sources.yaml": _sources(w),
        "events.yaml": _events(w),
        "figures.yaml": _figures(w),
        "tables.yaml": _tables(w),
        "places.yaml": _places(w),
        "glossary.yaml": _glossary(w),
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    # Every table and topic is placed once, spread over the sections.
    placed: dict[int, list[str]] = {}
    directives = [f"[[table: table-{t:03d}]]" for t in range(1, w.n_tables + 1)]
    directives += [f"[[claims: topic-{t:03d}]]" for t in range(1, w.n_topics + 1)]
    for k, directive in enumerate(directives):
        placed.setdefault(k % w.n_sections + 1, []).append(directive)
    for i in range(1, w.n_sections + 1):
        text = _section(w, i, placed.get(i, []))
        (folder / "sections" / f"{i:03d}-s{i:03d}.md").write_text(text, encoding="utf-8")
    return folder


def main(argv: list[str] | None = None) -> int:
    """CLI: `generate.py N OUTDIR [--seed S]`."""
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("n", type=int, help="number of chronology events (sets every other count)")
    p.add_argument("outdir", type=Path, help="content folder to write (replaced)")
    p.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    args = p.parse_args(argv)
    generate(args.n, args.seed, args.outdir)
    print(f"wrote {args.outdir} (N = {args.n}, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
