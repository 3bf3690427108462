"""load (model): the value types and the strict base every content model shares."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StringConstraints,
    WithJsonSchema,
)

from briefing.load.urls import url_problem

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=80)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20_000)]
Reliability = Literal["A", "B", "C", "D", "E", "F"]
SourceKind = Literal[
    "news", "encyclopedia", "advocacy", "official", "ngo", "aggregator", "analysis"
]
Qualifier = Literal["exactly", "at least", "more than", "about", "up to", "fewer than"]
Confidence = Literal["high", "moderate", "low"]
GeoPath = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\.geojson$")]
DEFAULT_CATEGORIES = (
    "political",
    "diplomatic",
    "military",
    "security",
    "humanitarian",
    "economic",
    "legal",
    "health",
    "environment",
    "information",
    "other",
)
"""Event categories of a briefing that declares none; their labels are in the catalogue."""


def _number(value: Any) -> Any:
    """Read `1,166` or `2300` as a number; content is text, so the model does the typing."""
    if isinstance(value, str):
        try:
            number = Decimal(value.replace(",", "").strip())
        except InvalidOperation:
            raise ValueError(f"'{value}' is not a number") from None
        if not number.is_finite():
            raise ValueError(f"'{value}' is not a finite number")
        if number.adjusted() > 15:
            # `1e999999` would become a million-digit int: minutes of CPU for one value.
            raise ValueError(f"'{value}' is too large a number (10^16 or more)")
        return int(number) if number == number.to_integral_value() else float(number)
    return value


Number = Annotated[
    int | float,
    BeforeValidator(_number),
    PlainSerializer(lambda v: v),
    WithJsonSchema({"type": ["number", "string"]}),
]


def _url(value: str) -> str:
    """A source's URL must take the reader where it says (see briefing/load/urls.py)."""
    problem = url_problem(value)
    if problem:
        raise ValueError(problem)
    return value


Url = Annotated[str, AfterValidator(_url)]


class Strict(BaseModel):
    """Base: unknown fields are errors, values never change after loading."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        arbitrary_types_allowed=True,
    )


class Citation(Strict):
    """One source backing one statement."""

    source: Id
    """Id of a source in sources.yaml."""
    locator: str | None = None
    """Where in the source: a section heading, paragraph or page."""
    quote: str | None = Field(default=None, max_length=400)
    """A short verbatim excerpt (at most about 25 words) that supports the statement."""
