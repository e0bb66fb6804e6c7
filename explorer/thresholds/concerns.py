"""The shared vocabulary of concerns, and the check that every indicator names concerns from it.

A concern (``domestic-abuse``, ``neglect``) is a topic that several authorities' indicators share, whatever
words each uses: it lets one case be read across areas. The vocabulary is data
(``frameworks/concerns/concerns.yaml``); this module is the model built from it.
Standard library only: the browser builds the same model from JSON.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .errors import FrameworkError, Problem, UnknownIdError
from .model import Framework, Path, _Checker, close_matches, format_path, line_of

# The three sides of the assessment triangle, in the order pages list them.
GROUPS: dict[str, str] = {
    "child-development": "The child's developmental needs",
    "parenting-capacity": "Parenting capacity",
    "family-and-environment": "Family and environmental factors",
}


@dataclass(frozen=True)
class Concern:
    """One topic of concern: its id, a label, a one-line definition and the words people use for it."""

    id: str
    label: str
    definition: str
    group: str
    synonyms: tuple[str, ...] = ()

    @property
    def group_label(self) -> str:
        return GROUPS.get(self.group, self.group)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON shape of ``thresholds concerns --json``."""
        return {"id": self.id, "label": self.label, "definition": self.definition,
                "synonyms": list(self.synonyms), "group": self.group}


@dataclass(frozen=True)
class Vocabulary:
    """Every concern, in the order the vocabulary file lists them."""

    concerns: tuple[Concern, ...] = ()

    def ids(self) -> list[str]:
        return [c.id for c in self.concerns]

    def get(self, concern_id: str) -> Concern:
        """The concern with this id; UnknownIdError lists close matches."""
        for concern in self.concerns:
            if concern.id == concern_id:
                return concern
        raise UnknownIdError("concern", concern_id, close_matches(concern_id, self.ids()))

    def __contains__(self, concern_id: object) -> bool:
        return any(c.id == concern_id for c in self.concerns)

    def words_for(self, concern_ids: tuple[str, ...] | list[str]) -> tuple[str, ...]:
        """The labels and synonyms of these concerns, each once: what a filter should also match
        an indicator by ("violence at home" finds an indicator tagged domestic-abuse)."""
        out: list[str] = []
        for concern in self.concerns:
            if concern.id in concern_ids:
                for word in (concern.label, *concern.synonyms):
                    if word.lower() not in (w.lower() for w in out):
                        out.append(word)
        return tuple(out)

    def by_group(self) -> list[tuple[str, str, list[Concern]]]:
        """(group id, group label, concerns) for each group that has concerns, triangle order."""
        return [(g, label, [c for c in self.concerns if c.group == g])
                for g, label in GROUPS.items() if any(c.group == g for c in self.concerns)]


EMPTY = Vocabulary()


def vocabulary_from_dict(data: Mapping[str, Any], file: str = "<concerns>",
                         lines: Mapping[Path, int] | None = None) -> Vocabulary:
    """Build the vocabulary from schema-valid data; FrameworkError for duplicate ids."""
    check = _Checker(file, lines)
    items = list(data.get("concerns") or [])
    check.unique(items, "concerns", "concern")
    if check.problems:
        raise FrameworkError(check.problems)
    return Vocabulary(tuple(
        Concern(id=c["id"], label=c["label"], definition=c["definition"], group=c["group"],
                synonyms=tuple(c.get("synonyms") or ()))
        for c in items
    ))


def check_framework(framework: Framework, vocabulary: Vocabulary, file: str,
                    lines: Mapping[Path, int] | None = None) -> list[Problem]:
    """Problems with a framework's concerns: an unknown id is an error (with "did you mean");
    an indicator naming no concern is a warning, so a publisher's file still builds."""
    lines = lines or {}
    known = vocabulary.ids()
    problems = []
    for i, ind in enumerate(framework.indicators):
        for j, concern_id in enumerate(ind.concerns):
            if concern_id not in vocabulary:
                path: Path = ("indicators", i, "concerns", j)
                hint = close_matches(concern_id, known, 1)
                did = f"; did you mean '{hint[0]}'?" if hint else ""
                problems.append(Problem(file, line_of(lines, path), format_path(path),
                                        f"no concern has id '{concern_id}' in the vocabulary of concerns{did}"))
        if not ind.concerns:
            path = ("indicators", i)
            problems.append(Problem(
                file, line_of(lines, path), format_path(path),
                f"indicator '{ind.id}' names no concern: add `concerns: [...]` with ids from "
                "frameworks/concerns/concerns.yaml, so it can be compared with other areas",
                severity="warning"))
    return problems


def concerns_of(framework: Framework, indicator_ids: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The concerns of these indicators, each once, in the order the indicators name them."""
    out: list[str] = []
    for indicator_id in indicator_ids:
        for concern_id in framework.indicator(indicator_id).concerns:
            if concern_id not in out:
                out.append(concern_id)
    return tuple(out)
