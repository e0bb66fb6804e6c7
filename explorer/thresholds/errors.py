"""The one error family: a problem in a framework file, located by file, line and field path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from .text import printable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a framework: where it is and what was expected.

    ``severity`` is ERROR (the file cannot be published) or WARNING (it can, but a publisher should
    look: printed as ``file:line: field: warning: message``; never fails validate or the build).
    """

    file: str
    line: int | None
    path: str
    message: str
    # ERROR stops publishing; WARNING is reported and allowed (e.g. a safety rule the source
    # itself cannot meet, recorded with its reason in the framework's exceptions).
    severity: str = ERROR

    @property
    def is_warning(self) -> bool:
        """True for a warning, False for an error."""
        return self.severity == WARNING

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        label = "warning: " if self.is_warning else ""
        # One line, and nothing from a framework file may drive the terminal (escape codes).
        return printable(f"{where}: {self.path or '(top level)'}: {label}{self.message}")


def warning(file: str, line: int | None, path: str, message: str) -> Problem:
    """A warning: reported with the errors, but it never stops validate or the build."""
    return Problem(file, line, path, message, WARNING)


def errors_in(problems: Iterable[Problem]) -> list[Problem]:
    """The errors among problems (warnings left out)."""
    return [p for p in problems if not p.is_warning]


def warnings_in(problems: Iterable[Problem]) -> list[Problem]:
    """The warnings among problems."""
    return [p for p in problems if p.is_warning]


@dataclass
class FrameworkError(Exception):
    """Raised when a framework cannot be used; carries every problem found, not just the first.

    ``problems`` may include warnings found in the same pass: they are printed with the errors.
    """

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UnknownIdError(LookupError):
    """An id asked for (framework, indicator) that does not exist; carries close matches."""

    def __init__(self, kind: str, wanted: str, suggestions: list[str]):
        self.kind = kind
        self.wanted = wanted
        self.suggestions = suggestions
        hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} '{wanted}'.{hint}")
