"""render: the briefing's colours, one table for every engine.

The HTML gets them as CSS custom properties (`var(--navy)` in styles/*.css), ReportLab as
its colours; neither engine names a colour of its own.
"""

from __future__ import annotations

PALETTE: dict[str, str] = {
    "ink": "#1a1a1a",
    "ink-soft": "#333333",
    "navy": "#1f3864",
    "link": "#123f73",
    "grey": "#5f6670",
    "rule": "#9aa3ad",
    "pale": "#e4e9f0",
    "stripe": "#f4f6f9",
    "marking": "#8b1a1a",
}


def css_variables() -> str:
    """`:root { --ink: #1a1a1a; ... }` for the HTML's own style element."""
    return ":root { " + " ".join(f"--{name}: {value};" for name, value in PALETTE.items()) + " }"
