"""load: which URLs content may give, for sources and Markdown links alike.

A link must take the reader where it says: no character that cannot be seen (a
zero-width space, a soft hyphen, a bidi mark) and no host spelt with letters that
look like others (Cyrillic `а` for Latin `a`). Hosts are ASCII; an internationalised
one is written in its `xn--` form, which cannot pass for another.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from briefing.diagnostics import invisible

SCHEMES = ("http://", "https://", "mailto:")


def url_problem(url: str) -> str | None:
    """Why `url` may not be used as a link, or None when it may."""
    hidden = next((c for c in url if invisible(c) or c.isspace()), None)
    if hidden is not None:
        return f"URL has an invisible character U+{ord(hidden):04X}"
    if not url.lower().startswith(SCHEMES):
        return "URL must start with http://, https:// or mailto:"
    if url.lower().startswith("mailto:"):
        host = url.rpartition("@")[2]
    else:
        try:
            parts = urlsplit(url)
        except ValueError as exc:
            return f"URL does not parse: {exc}"
        if parts.username is not None or parts.password is not None:
            return "URL has a user name before '@': readers take it for the host"
        host = parts.hostname or ""
        if not host:
            return "URL has no host"
    if not host.isascii():
        odd = next(c for c in host if not c.isascii())
        return f"URL host has the non-ASCII letter '{odd}', which can pass for another"
    return None


_LINK_TARGET = re.compile(
    r"\]\(\s*<?(?P<inline>[^)\s>]+)"  # [text](url) and ![alt](url)
    r"|<(?P<auto>(?:https?://|mailto:)[^>\s]+)>"  # <https://...>
    r"|^[ ]{0,3}\[[^\]\n]+\]:\s*<?(?P<ref>[^>\s]+)",  # [id]: url
    re.M,
)


def link_targets(text: str) -> list[tuple[int, str]]:
    """`(offset, target)` of every link and image target written in Markdown `text`."""
    found = []
    for match in _LINK_TARGET.finditer(text):
        kind = match.lastgroup or "inline"
        found.append((match.start(kind), match.group(kind)))
    return found
