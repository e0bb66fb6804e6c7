"""The one error family: a problem in a framework file, located by file, line and field path."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a framework: where it is and what was expected."""

    file: str
    line: int | None
    path: str
    message: str
    # "error" stops publishing; "warning" is reported and allowed (e.g. a safety rule the source
    # itself cannot meet, recorded with its reason in the framework's exceptions).
    severity: str = "error"

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        warn = "warning: " if self.severity == "warning" else ""
        return f"{where}: {self.path or '(top level)'}: {warn}{self.message}"


@dataclass
class FrameworkError(Exception):
    """Raised when a framework cannot be used; carries every problem found, not just the first."""

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
