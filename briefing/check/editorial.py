"""check: editorial rules of a contested briefing (attribution, corroboration, drift, dates)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from briefing.check.flags import drift
from briefing.check.grades import check_grades
from briefing.check.voice import QUOTED, SENTENCE_END, voice
from briefing.diagnostics import Diagnostic
from briefing.load import Content
from briefing.load.cite import CITATION_GROUP, position_in
from briefing.load.model import Place


@dataclass(frozen=True)
class Prose:
    """A piece of text in the briefing's own voice and where it starts."""

    file: str
    text: str
    line: int
    column: int
    markdown: bool

    def warning(self, offset: int, code: str, message: str, hint: str) -> Diagnostic:
        """A warning at `offset` in this text, as a line and column of its file."""
        line, column = position_in(self.text, offset, self.line, self.column)
        return Diagnostic(self.file, line, column, "warning", code, message, hint)


def own_voice(content: Content) -> Iterator[Prose]:
    """Key judgments, then sections in briefing order: the prose a reader meets first."""
    for i, judgment in enumerate(content.briefing.key_judgments):
        file, line, column = content.where("briefing", "key_judgments", i, "text")
        yield Prose(file, judgment.text, line, column, False)
    by_id = {s.header.id: s for s in content.sections}
    for section_id in content.briefing.sections:
        section = by_id.get(section_id)
        if section is not None:
            yield Prose(section.file, section.body, section.body_line, 1, True)
    for i, event in enumerate(content.events):
        file, line, column = content.where("events", "events", i, "summary")
        yield Prose(file, event.summary, line, column, False)


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """Replace matches with spaces, keeping offsets."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _sentence(text: str, offset: int) -> str:
    starts = [0, *(m.end() for m in SENTENCE_END.finditer(text))]
    start = max(s for s in starts if s <= offset)
    end = next((s for s in starts if s > offset), len(text))
    return text[start:end]


def attribution_lint(content: Content) -> list[Diagnostic]:
    """W301: a term that takes a side, in the briefing's own voice."""
    own = voice(content.briefing.language)
    terms = dict(own.terms)
    unless: dict[str, list[str]] = {}
    for word, said in content.briefing.attribution_terms.items():
        # Content's words are literal: a regular expression from a pull request could hang.
        terms[re.escape(word)] = said if isinstance(said, str) else said.hint
        unless[re.escape(word)] = [] if isinstance(said, str) else said.unless
    patterns = [
        (re.compile(rf"\b{term}\b", re.I), hint, unless.get(term, []))
        for term, hint in terms.items()
    ]
    # One pass of all the terms first: most prose has none, and one search of each text
    # costs a quarter of a search per term.
    any_term = re.compile("|".join(rf"\b(?:{term})\b" for term in terms), re.I)
    out = []
    for prose in own_voice(content):
        text = _blank(_blank(prose.text, CITATION_GROUP), QUOTED)
        if not any_term.search(text):
            continue
        for pattern, hint, phrases in patterns:
            spared = _spans(text, phrases)
            for match in pattern.finditer(text):
                if any(a <= match.start() and match.end() <= b for a, b in spared):
                    continue
                if own.attribution.search(_sentence(text, match.start())):
                    continue
                out.append(
                    prose.warning(
                        match.start(),
                        "W301",
                        f"'{match.group(0)}' takes a side in the briefing's own voice",
                        f"use {hint}",
                    )
                )
    return out


def _spans(text: str, phrases: Sequence[str]) -> list[tuple[int, int]]:
    """Where the phrases occur in the text (any case)."""
    folded = text.casefold()
    out = []
    for phrase in phrases:
        needle = phrase.casefold()
        start = folded.find(needle)
        while needle and start >= 0:
            out.append((start, start + len(needle)))
            start = folded.find(needle, start + 1)
    return out


def first_mentions(content: Content) -> list[Diagnostic]:
    """W305: the first mention of a place that parties name differently gives every name."""
    out = []
    proses = [p for p in own_voice(content) if p.file != content.files.get("events")]
    for place in content.places:
        names = list(party_names(place))
        if len(names) < 2:
            continue
        pattern = re.compile(r"\b(" + "|".join(map(re.escape, names)) + r")\b")
        for prose in proses:
            text = _blank(prose.text, CITATION_GROUP)
            match = pattern.search(text)
            if match is None:
                continue
            others = [n for n in names if n != match.group(0)]
            window = text[match.start() : match.end() + 60 * len(others)]
            missing = [other for other in others if other not in window]
            if missing:
                shown = "', '".join(missing)
                out.append(
                    prose.warning(
                        match.start(),
                        "W305",
                        f"first mention of '{match.group(0)}' without '{shown}'",
                        f"write '{match.group(0)} ({', '.join(missing)})' the first time",
                    )
                )
            break
    return out


def party_names(place: Place) -> tuple[str, ...]:
    """The briefing's name of a place, then each party's first name for it where it differs."""
    names = [place.name]
    seen: set[str] = set()
    for alias in place.aliases:
        if alias.party and alias.party not in seen:
            seen.add(alias.party)
            if _fold(alias.name) not in {_fold(n) for n in names}:  # Füzuli, Fuzuli
                names.append(alias.name)
    return tuple(names)


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def dates_against_sources(content: Content) -> list[Diagnostic]:
    """E130: an event dated after the publication of every source cited for it."""
    sources = {s.id: s for s in content.sources}
    out = []
    for i, event in enumerate(content.events):
        latest = [sources[c.source].latest_date() for c in event.citations if c.source in sources]
        if not latest or any(d is None for d in latest):
            continue  # a source with an unknown date is exempt (counted in the method note)
        newest = max(d.last() for d in latest if d is not None)
        if event.date.first() > newest:
            out.append(
                content.diagnostic(
                    "events",
                    "events",
                    i,
                    "date",
                    severity="error",
                    code="E130",
                    message=f"event dated {event.date} is after every cited source was "
                    f"published (latest {newest.isoformat()})",
                    hint="cite a later source or fix the date",
                )
            )
    return out


def editorial(content: Content) -> list[Diagnostic]:
    """All editorial rules; the grades and the key judgments' support in check/grades.py."""
    rules = (attribution_lint, first_mentions, drift, dates_against_sources, check_grades)
    return [d for rule in rules for d in rule(content)]


def apply_suppressions(
    content: Content, diagnostics: list[Diagnostic]
) -> tuple[list[Diagnostic], list[tuple[Diagnostic, str]]]:
    """Drop warnings the content suppresses with a reason; W306 for a suppression that is unused."""
    kept: list[Diagnostic] = []
    suppressed: list[tuple[Diagnostic, str]] = []
    used: set[int] = set()
    rules = content.briefing.suppress
    for diagnostic in diagnostics:
        for index, rule in enumerate(rules):
            if (
                diagnostic.severity == "warning"
                and rule.code == diagnostic.code
                and (rule.file is None or diagnostic.file.endswith(rule.file))
                and (rule.contains is None or rule.contains in diagnostic.message)
            ):
                suppressed.append((diagnostic, rule.reason))
                used.add(index)
                break
        else:
            kept.append(diagnostic)
    for index, rule in enumerate(rules):
        if index not in used:
            kept.append(
                content.diagnostic(
                    "briefing",
                    "suppress",
                    index,
                    "code",
                    severity="warning",
                    code="W306",
                    message=f"suppression of {rule.code} matches nothing",
                    hint="remove it",
                )
            )
    return kept, suppressed
