"""Time charts from the data: axes that suit any span, claims drawn over their dates' spans,
a timeline that counts in bins that fit, key dates from content, and alt text that agrees."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Polygon, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from briefing.assemble import assemble
from briefing.assemble.document import Chart, Document, Table
from briefing.assemble.figures.axes import MAX_TICKS, DateScale, date_ticks
from briefing.assemble.figures.claims import claims_chart
from briefing.assemble.figures.data import Category, Claim, DateMarker, Span, TimelineEvent
from briefing.assemble.figures.draw import drawing
from briefing.assemble.figures.keydates import BAND, KEY_DASHES
from briefing.assemble.figures.spans import bin_unit, bins, claims_span, events_span, tally
from briefing.assemble.figures.svg import drawing_to_svg
from briefing.assemble.figures.timeline import BAR, timeline_chart
from briefing.assemble.figures.words import claims_alt_text, timeline_alt_text
from briefing.check.directives import check_directives
from briefing.diagnostics import Diagnostic
from briefing.i18n import words
from briefing.load import load

ROOT = Path(__file__).parent.parent
FULL = Path(__file__).parent / "fixtures" / "full"
FRENCH = ROOT / "examples" / "exercice-fr"
DAY = dt.timedelta(days=1)


def _charts(document: Document) -> list[Chart]:
    return [b for p in document.parts for b in p.blocks if isinstance(b, Chart)]


def _walk(node: object) -> list[object]:
    if isinstance(node, Group | Drawing):
        return [leaf for child in node.contents for leaf in _walk(child)]
    return [node]


# --- date ticks -------------------------------------------------------------------------

SPANS = [
    (dt.date(2021, 3, 14), dt.date(2021, 3, 14)),  # one day
    (dt.date(2024, 5, 3), dt.date(2024, 5, 5)),  # three days
    (dt.date(2024, 5, 3), dt.date(2024, 5, 12)),  # a flood's ten days
    (dt.date(2020, 9, 27), dt.date(2020, 11, 10)),  # the shipped war
    (dt.date(2020, 10, 1), dt.date(2020, 10, 31)),  # a month
    (dt.date(2031, 1, 1), dt.date(2031, 12, 31)),  # a year
    (dt.date(2031, 1, 1), dt.date(2033, 3, 31)),  # the French exercise
    (dt.date(2010, 6, 15), dt.date(2020, 6, 14)),  # ten years
    (dt.date(1990, 1, 1), dt.date(2019, 12, 31)),  # an epidemic's thirty years
    (dt.date(1970, 6, 1), dt.date(2020, 5, 31)),  # fifty years
]


@pytest.mark.parametrize(("start", "end"), SPANS)
@pytest.mark.parametrize("language", ["en", "fr", "ru"])
def test_date_ticks_fit_and_read_well_from_a_day_to_fifty_years(
    start: dt.date, end: dt.date, language: str
) -> None:
    width = 400.0
    ticks = date_ticks(start, end, language=language, width=width)
    assert 1 <= len(ticks) <= MAX_TICKS
    assert all(start <= t.date <= end for t in ticks)
    assert [t.date for t in ticks] == sorted({t.date for t in ticks})
    scale = DateScale(start, end, 0, width)
    for a, b in itertools.pairwise(ticks):  # no two labels touch
        room = scale(b.date, fraction=b.fraction) - scale(a.date, fraction=a.fraction)
        assert (
            room
            >= (stringWidth(a.label, "DejaVuSans", 6.8) + stringWidth(b.label, "DejaVuSans", 6.8))
            / 2
        )
    assert str(ticks[0].date.year) in ticks[0].label  # the year where the axis starts
    for a, b in itertools.pairwise(ticks):  # ... and wherever it changes
        if a.date.year != b.date.year:
            assert str(b.date.year) in b.label
    steps = {(b.date - a.date).days for a, b in itertools.pairwise(ticks)}
    assert max(steps, default=0) - min(steps, default=0) <= 31 * 6  # a regular step
    if (end - start).days >= 2:
        assert len(ticks) >= 2


def test_date_ticks_pick_the_unit_that_suits_the_span() -> None:
    def labels(start: dt.date, end: dt.date) -> list[str]:
        return [t.label for t in date_ticks(start, end, width=400)]

    assert labels(dt.date(2024, 5, 3), dt.date(2024, 5, 5)) == ["3 May 2024", "4 May", "5 May"]
    war = date_ticks(dt.date(2020, 9, 27), dt.date(2020, 11, 10), width=400)
    assert [t.date.weekday() for t in war] == [0] * len(war)  # weeks, on Mondays
    assert labels(dt.date(2031, 1, 1), dt.date(2031, 12, 31))[:3] == ["Jan 2031", "Feb", "Mar"]
    assert labels(dt.date(2031, 1, 1), dt.date(2033, 3, 31))[:3] == ["Jan 2031", "Apr", "Jul"]
    assert labels(dt.date(1970, 6, 1), dt.date(2020, 5, 31))[:2] == ["1975", "1980"]
    assert [t.label for t in date_ticks(dt.date(2031, 1, 1), dt.date(2031, 12, 31), language="fr")][
        :2
    ] == ["janv. 2031", "févr."]


def test_a_day_tick_stands_at_noon_and_a_month_tick_at_the_months_start() -> None:
    (tick,) = date_ticks(dt.date(2021, 3, 14), dt.date(2021, 3, 14))
    assert (tick.date, tick.fraction) == (dt.date(2021, 3, 14), 0.5)
    year = date_ticks(dt.date(2031, 1, 1), dt.date(2031, 12, 31))
    assert {t.fraction for t in year} == {0.0} and {t.date.day for t in year} == {1}


# --- spans and bins ---------------------------------------------------------------------


def test_the_timeline_counts_in_the_finest_bins_that_fit() -> None:
    assert bin_unit(Span(dt.date(2024, 5, 3), dt.date(2024, 5, 12))) == "day"
    assert bin_unit(Span(dt.date(2020, 9, 27), dt.date(2020, 11, 10))) == "week"
    assert bin_unit(Span(dt.date(2031, 1, 1), dt.date(2033, 3, 31))) == "month"
    assert bin_unit(Span(dt.date(1990, 1, 1), dt.date(2019, 12, 31))) == "year"
    assert bin_unit(Span(dt.date(1970, 6, 1), dt.date(2020, 5, 31))) == "5 years"
    war = bins(Span(dt.date(2020, 9, 27), dt.date(2020, 11, 10)), "week")
    assert [b.first.isoformat() for b in war][:2] == ["2020-09-27", "2020-10-04"]
    assert (war[-1].first, war[-1].last, war[-1].partial) == (
        dt.date(2020, 11, 8),
        dt.date(2020, 11, 10),
        True,
    )
    months = bins(Span(dt.date(2031, 1, 15), dt.date(2031, 3, 31)), "month")
    assert [(b.unit_first.month, b.first.day, b.partial) for b in months] == [
        (1, 15, True),
        (2, 1, False),
        (3, 1, False),
    ]


def test_an_event_counts_where_its_whole_date_fits_a_bin() -> None:
    events = [
        TimelineEvent(dt.date(2031, 3, 10), "a"),
        TimelineEvent(dt.date(2031, 6, 1), "a", "month"),
        TimelineEvent(dt.date(2031, 1, 1), "b", "year"),
        TimelineEvent(dt.date(2029, 5, 5), "b"),  # before the period
    ]
    period = Span(dt.date(2031, 1, 1), dt.date(2033, 3, 31))
    counted = tally(events, period)
    assert counted.unit == "month"
    assert counted.counts == {("a", 2): 1, ("a", 5): 1}
    assert (counted.coarse, counted.outside) == (1, 1)  # a year fits no month; 2029 is outside
    weekly = tally(events, Span(dt.date(2031, 3, 1), dt.date(2031, 6, 30)), "week")
    assert weekly.total == 1 and weekly.coarse == 2  # a month fits no week


def test_spans_from_the_data_or_the_period() -> None:
    claims = [
        Claim("A", dt.date(2020, 10, 1), 5, precision="month"),
        Claim("B", dt.date(2020, 10, 5), 9),
    ]
    assert claims_span(claims) == Span(dt.date(2020, 9, 29), dt.date(2020, 11, 2))
    war = Span(dt.date(2020, 9, 27), dt.date(2020, 10, 20))
    assert claims_span(claims, war) == Span(war.start, dt.date(2020, 10, 31))  # widened to October
    events = [TimelineEvent(dt.date(1991, 10, 5), "a"), TimelineEvent(dt.date(2019, 3, 1), "a")]
    assert events_span(events) == Span(dt.date(1991, 1, 1), dt.date(2019, 12, 31))  # whole years
    assert events_span(events, war) == war
    assert events_span([]) is None


# --- claims over time -------------------------------------------------------------------

MIXED = [
    Claim("Ministry", dt.date(2031, 1, 1), 14, qualifier="about", precision="year"),
    Claim("Ministry", dt.date(2032, 4, 5), 1, qualifier="fewer than"),
    Claim("Rebels", dt.date(2032, 4, 1), 6, qualifier="about", precision="month"),
    Claim("Commission", dt.date(2032, 6, 14), 3, 4),
    Claim("Commission", dt.date(2033, 2, 1), 12, precision="month"),
]
PERIOD = Span(dt.date(2031, 1, 1), dt.date(2033, 3, 31))


def _claim_marks(drawn: Drawing) -> list[Group]:
    return list(drawn.chart.claims.contents)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "claims",
    [
        MIXED,
        MIXED[:2],
        [Claim(f"C{i % 3}", dt.date(2020, 1, 1) + 40 * i * DAY, 10 * i) for i in range(25)],
        [
            Claim("A", dt.date(1975, 1, 1), 10, precision="year"),
            Claim("B", dt.date(2012, 2, 2), 35),
        ],
    ],
)
def test_every_claim_is_one_mark_in_the_drawing_and_the_svg(claims: list[Claim]) -> None:
    drawn = claims_chart(claims, span=claims_span(claims))
    assert drawn is not None
    marks = _claim_marks(drawn)
    assert len(marks) == len(claims)
    symbols = [m.symbol for m in marks]
    assert sum(isinstance(s, Circle | Rect | Polygon | Group) for s in symbols) == len(claims)
    assert sum(hasattr(m, "bracket") for m in marks) == sum(c.precision != "day" for c in claims)
    assert sum(hasattr(m, "range") for m in marks) == sum(c.high is not None for c in claims)
    # in the SVG: each claimant's symbol once per claim, plus once in the legend
    svg = ElementTree.fromstring(drawing_to_svg(drawn))
    circles = [e for e in svg.iter() if e.tag.endswith("circle")]
    first = sorted(
        {c.claimant for c in claims}, key=lambda n: min(c.date for c in claims if c.claimant == n)
    )[0]
    assert len(circles) == sum(c.claimant == first for c in claims) + 1


def test_a_month_or_a_year_is_drawn_across_its_span_not_on_its_first_day() -> None:
    drawn = claims_chart(MIXED, span=PERIOD)
    assert drawn is not None
    scale_lines = [n for n in _walk(drawn) if isinstance(n, Line)]
    axis = max(scale_lines, key=lambda n: n.x2 - n.x1 if n.y1 == n.y2 else 0)  # the baseline
    scale = DateScale(PERIOD.start, PERIOD.end, axis.x1, axis.x2)
    for claim, mark in zip(
        sorted(MIXED, key=lambda c: (c.date, c.last)), _claim_marks(drawn), strict=True
    ):
        if claim.precision == "day":
            assert not hasattr(mark, "bracket")
            continue
        bracket = mark.bracket
        assert bracket.x1 == pytest.approx(scale(claim.date, fraction=0))
        assert bracket.x2 == pytest.approx(scale(claim.last, fraction=1))
        assert bracket.x2 - bracket.x1 > (150 if claim.precision == "year" else 10)
        assert mark.symbol.fillColor is not None and mark.symbol.fillColor.hexval() == "0xffffff"


def test_a_claims_chart_moves_with_the_period() -> None:
    """The same claims on a longer period sit closer together: the axis is the data's."""
    short = claims_chart(MIXED, span=claims_span(MIXED))
    long = claims_chart(MIXED, span=Span(dt.date(2020, 1, 1), dt.date(2040, 1, 1)))
    assert short is not None and long is not None

    def spread(drawn: Drawing) -> float:
        xs = [m.symbol.cx if isinstance(m.symbol, Circle) else 0 for m in _claim_marks(drawn)]
        return max(xs) - min(x for x in xs if x)

    assert spread(long) < spread(short) / 2


def test_the_issue_example_alt_text() -> None:
    claims = [
        Claim("Artsakh Defence Army", dt.date(2020, 10, 5), 231, qualifier="at least"),
        Claim("Karabakh Armenian authorities", dt.date(2020, 10, 28), 1166),
    ]
    assert claims_alt_text(claims, topic="Armenian military deaths") == (
        "Claims of Armenian military deaths: 231 on 5 Oct 2020 (Artsakh Defence Army, at least)"
        " to 1,166 on 28 Oct (Karabakh Armenian authorities)."
    )


def test_alt_text_names_every_claim_that_is_drawn() -> None:
    text = claims_alt_text(MIXED, topic="Flow")
    assert text.startswith("Claims of Flow: 1 on 5 Apr 2032 (Ministry, fewer than) to 14 in 2031")
    assert "All 5 claims by 3 claimants, by date:" in text
    assert text.count(";") == len(MIXED) - 1 and "3–4 on 14 Jun" in text
    assert "in February 2033" in text
    french = claims_alt_text(MIXED, topic="Débit", language="fr")
    assert "avril 2032" in french and "février 2033" in french


# --- the timeline -----------------------------------------------------------------------

MONTHLY = [
    TimelineEvent(dt.date(2031, 3, 10), "politique"),
    TimelineEvent(dt.date(2031, 6, 1), "politique", "month"),
    TimelineEvent(dt.date(2032, 4, 2), "militaire"),
    TimelineEvent(dt.date(2032, 4, 9), "militaire"),
    TimelineEvent(dt.date(2032, 4, 14), "eau"),
    TimelineEvent(dt.date(2031, 1, 1), "eau", "year"),
]
ROWS = [
    Category("politique", "Politique"),
    Category("militaire", "Militaire"),
    Category("eau", "Eau"),
]
KEYS = [
    DateMarker(dt.date(2032, 4, 25), "Cessez-le-feu", "cessez-le-feu", "Cessez-le-feu ou trêve"),
    DateMarker(dt.date(2032, 11, 18), "Accord", "accord", "Accord"),
    DateMarker(
        dt.date(2032, 6, 1), "Trêve de juin", "cessez-le-feu", "Cessez-le-feu ou trêve", "month"
    ),
]


def test_every_counted_cell_is_one_bar_as_tall_as_its_count() -> None:
    drawn = timeline_chart(MONTHLY, KEYS, span=PERIOD, categories=ROWS, language="fr")
    assert drawn is not None
    bars = drawn.chart.bars.contents  # type: ignore[attr-defined]
    counted = tally(MONTHLY, PERIOD)
    assert len(bars) == len(counted.counts) == 4  # the year-dated event fits no month
    assert all(isinstance(b, Rect) and b.fillColor == BAR for b in bars)
    heights = sorted(round(b.height, 3) for b in bars)
    assert heights[-1] == pytest.approx(2 * heights[0])  # April's two military events
    texts = {s.text for s in _walk(drawn) if isinstance(s, String)}
    assert {"janv. 2031", "Politique", "Cessez-le-feu", words("fr").gettext("All")} <= texts
    assert "Cessez-le-feu ou trêve" in texts and "Accord" in texts  # two kinds: a legend


def test_key_dates_one_line_style_per_kind_and_a_band_for_a_month() -> None:
    drawn = timeline_chart(MONTHLY, KEYS, span=PERIOD, categories=ROWS)
    assert drawn is not None
    dashed = [n for n in _walk(drawn) if isinstance(n, Line) and n.strokeDashArray]
    assert {tuple(n.strokeDashArray) for n in dashed} == {
        tuple(KEY_DASHES[0]),
        tuple(KEY_DASHES[1]),
    }
    bands = [n for n in _walk(drawn) if isinstance(n, Rect) and n.fillColor == BAND]
    assert len(bands) == 1
    scale_left = min(b.x for b in drawn.chart.bars.contents)  # type: ignore[attr-defined]
    assert bands[0].x > scale_left and bands[0].width > 0
    only_one_kind = timeline_chart(MONTHLY, KEYS[:1], span=PERIOD, categories=ROWS)
    texts = {s.text for s in _walk(only_one_kind) if isinstance(s, String)}
    assert "Cessez-le-feu ou trêve" not in texts  # one kind: the caption says it


def test_the_timeline_alt_text_gives_the_counts_the_bars_show() -> None:
    text = timeline_alt_text(MONTHLY, KEYS, title="La crise", span=PERIOD, categories=ROWS)
    assert text.startswith("La crise: 5 events from 1 January 2031 to 31 March 2033")
    assert "counted per month and category." in text
    assert "March 2031: 1 (Politique 1); June 2031: 1 (Politique 1); April 2032: 3" in text
    assert "(Militaire 2, Eau 1)" in text
    totals = [int(n) for n in re.findall(r"\d{4}: (\d+) \(", text)]
    assert sum(totals) == tally(MONTHLY, PERIOD).total == 5
    assert "Key dates: Cessez-le-feu (25 April 2032, Cessez-le-feu ou trêve)" in text
    assert "Trêve de juin (June 2032, " in text


def test_a_long_span_counts_per_year_and_a_short_one_per_day() -> None:
    years = [TimelineEvent(dt.date(1990 + i, 3, 1), "a") for i in range(30)]
    drawn = timeline_chart(years, categories=[Category("a", "A")])
    assert drawn is not None and len(drawn.chart.bars.contents) == 30  # type: ignore[attr-defined]
    days = [TimelineEvent(dt.date(2024, 5, 3) + i * DAY, "a") for i in range(10)]
    drawn = timeline_chart(days, categories=[Category("a", "A")])
    assert drawn is not None and len(drawn.chart.bars.contents) == 10  # type: ignore[attr-defined]
    texts = {s.text for s in _walk(drawn) if isinstance(s, String)}
    assert "3 May 2024" in texts


# --- from content -----------------------------------------------------------------------


def test_the_shipped_briefing_shows_its_period_key_dates_and_title() -> None:
    charts = _charts(assemble(load(ROOT / "content")))
    timeline = next(c for c in charts if c.chart == "timeline")
    assert timeline.title == "The war at a glance"
    assert timeline.span == Span(dt.date(2020, 9, 27), dt.date(2020, 11, 10))
    assert [m.label for m in timeline.markers] == ["10 Oct", "17–18 Oct", "26 Oct", "10 Nov"]
    assert {m.kind_label for m in timeline.markers} == {"Ceasefires"}
    caption = timeline.caption[0].text  # type: ignore[union-attr]
    assert "per week" in caption and "Vertical lines: Ceasefires." in caption
    assert "Week from 27 Sept 2020: 44 (" in timeline.alt
    claims = [c for c in charts if c.chart == "claims"]
    assert len(claims) == 8
    for chart in claims:
        assert chart.span is not None and chart.span.start <= dt.date(2020, 9, 27)
        assert chart.alt.startswith("Claims of ")
        marks = _claim_marks(drawing(chart))  # type: ignore[arg-type]
        assert len(marks) == len(chart.claims)


def test_the_french_example_gets_a_monthly_timeline_and_charts_over_its_period() -> None:
    charts = _charts(assemble(load(FRENCH)))
    timeline = next(c for c in charts if c.chart == "timeline")
    counted = tally(timeline.events, timeline.span)  # type: ignore[arg-type]
    assert counted.unit == "month" and counted.total == len(timeline.events) == 23
    assert timeline.title == "La crise en un coup d’œil"
    assert [c.label for c in timeline.categories][:2] == ["Politique", "Diplomatie et médiation"]
    bars = drawing(timeline).chart.bars.contents  # type: ignore[union-attr]
    assert len(bars) == len(counted.counts)
    for chart in (c for c in charts if c.chart == "claims"):
        assert chart.span == Span(dt.date(2031, 1, 1), dt.date(2033, 3, 31))
        assert len(_claim_marks(drawing(chart))) == len(chart.claims)  # type: ignore[arg-type]
        strings = {s.text for s in _walk(drawing(chart)) if isinstance(s, String)}
        assert "janv. 2032" in strings


def test_a_chart_with_one_claim_is_its_table_with_a_warning(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    course = content / "sections" / "02-course.md"
    course.write_text(course.read_text().replace("[[claims: fighters]]", "[[chart: fighters]]"))
    loaded = load(content)
    found: list[Diagnostic] = []
    check_directives(loaded, found)
    warnings = [d for d in found if d.code == "W307"]
    assert len(warnings) == 1 and "fighters" in warnings[0].message
    document = assemble(loaded)
    blocks = [b for p in document.parts for b in p.blocks]
    tables = [b for b in blocks if isinstance(b, Table) and "Syrian fighters" in b.title]
    assert len(tables) == 1 and [r.key for r in tables[0].rows] == ["sohr-fighters"]
    assert not any(isinstance(b, Chart) and "Syrian" in b.title for b in blocks)


def test_a_chart_with_one_claim_and_its_table_shows_the_table_once(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(FULL, content)
    course = content / "sections" / "02-course.md"
    course.write_text(
        course.read_text().replace(
            "[[claims: fighters]]", "[[chart: fighters]]\n\n[[claims: fighters]]"
        )
    )
    blocks = [b for p in assemble(load(content)).parts for b in p.blocks]
    assert sum(isinstance(b, Table) and "Syrian fighters" in b.title for b in blocks) == 1
