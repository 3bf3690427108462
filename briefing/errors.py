"""Every exception the builder raises, in one place, each with one name.

`ContentError` ends a build with exit code 1 (the content has errors), `OutputError` with
4 (the output cannot be written there), any `RenderError` with 3 (an engine failed or ran
past a limit). The previous output is never touched by a failed build.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from briefing.diagnostics import Diagnostic
    from briefing.load import Content


class ContentError(Exception):
    """The content has errors (or warnings, with --strict); carries every diagnostic.

    A load that failed for some files carries what did load (`partial`) and which files
    failed, so check can still report the other files' problems."""

    def __init__(
        self,
        diagnostics: list[Diagnostic],
        *,
        partial: Content | None = None,
        failed: set[str] | None = None,
    ) -> None:
        super().__init__("; ".join(d.format() for d in diagnostics))
        self.diagnostics = diagnostics
        self.partial = partial
        self.failed = failed or set()

    def __reduce__(self) -> tuple[type[ContentError], tuple[list[Diagnostic]]]:
        """Pickle with the diagnostics only: the build's child raises it in the build process."""
        return ContentError, (self.diagnostics,)


class OutputError(Exception):
    """The output path cannot be written (not a folder, no permission); found before any work."""


class SinceError(Exception):
    """The previous edition asked for with --since cannot be found (exit 2, a usage error)."""


class ServeError(Exception):
    """--serve cannot listen on the port asked for (in use, or not allowed): exit 2."""


class RenderError(Exception):
    """An engine failed; the previous output is untouched."""


class EngineUnavailable(RenderError):
    """The engine's libraries cannot be loaded on this machine."""


class RenderLimitError(RenderError):
    """The build ran past its time or memory limit, or died."""

    def __init__(self, message: str, limit: Literal["time", "memory"]) -> None:
        super().__init__(message)
        self.limit = limit
        """Which limit: the build's --timeout or its --memory-limit."""

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return type(self), (str(self), self.limit)  # so it crosses a pipe whole


class RenderChildError(RenderError):
    """The work raised in the child and its exception did not pickle: its text."""


class SandboxError(RenderError):
    """The document asked WeasyPrint for a resource outside the sandbox; the render stopped."""


class FootnotePlacementError(RenderError):
    """A footnote is not on its call's page (or is taller than a page): no PDF is written."""


class FetchRefused(PermissionError):
    """The sandbox refused a URL (raised inside WeasyPrint's fetcher, reported as SandboxError)."""


class MissingGlyphError(ValueError):
    """A character that no registered font can draw; the build stops rather than print boxes."""
