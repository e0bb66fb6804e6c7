"""Which pages each framework gets, and the frameworks the current build uses.

Shared by the MkDocs hooks (which add the pages and the nav) and the macros (which fill them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from thresholds.catalog import Loaded, load_all, load_concerns, previous_edition
from thresholds.concerns import EMPTY, Vocabulary
from thresholds.errors import FrameworkError, Problem
from thresholds.model import Framework
from thresholds.search import PlainWords
from thresholds.vocabulary import load as load_vocabulary, vocabulary_file


@dataclass(frozen=True)
class PageSpec:
    """One generated page: where it lives, its nav title, and the macro call that fills it."""

    path: str  # docs-relative source path, e.g. frameworks/kirklees/levels.md
    nav_title: str
    call: str  # Jinja expression rendered by mkdocs-macros

    @property
    def url(self) -> str:
        stem = self.path.removesuffix(".md")
        return (stem.removesuffix("index") if stem.endswith("index") else stem + "/")


def root_of(page_url: str) -> str:
    """The relative path from a page (its directory URL, e.g. "explorer/") to the site root."""
    depth = len([part for part in page_url.split("/")[:-1] if part]) if page_url else 0
    return "../" * depth


def framework_pages(fw: Framework) -> list[PageSpec]:
    """The pages one framework gets, in nav order. Adding a framework needs no Markdown."""
    base = f"frameworks/{fw.id}"
    q = repr(fw.id)
    pages = [
        PageSpec(f"{base}/index.md", "Overview", f"framework_overview({q})"),
        PageSpec(f"{base}/explorer.md", "Threshold explorer", f"framework_explorer({q})"),
        PageSpec(f"{base}/levels.md", "Levels and responses", f"framework_levels({q})"),
    ]
    for lv in fw.levels:
        if fw.indicators_at(lv.id):  # an indicator listed at several levels appears on each
            pages.append(PageSpec(f"{base}/indicators/{lv.id}.md", f"{lv.name} indicators",
                                  f"framework_indicators({q}, {lv.id!r})"))
    pages += [
        PageSpec(f"{base}/consent.md", "Information sharing and consent", f"framework_consent({q})"),
        PageSpec(f"{base}/escalation.md", "Resolving disagreement", f"framework_escalation({q})"),
        PageSpec(f"{base}/guidance.md", "Guidance", f"framework_guidance({q})"),
        PageSpec(f"{base}/contacts.md", "Contacts", f"framework_contacts({q})"),
        PageSpec(f"{base}/glossary.md", "Glossary", f"framework_glossary({q})"),
        PageSpec(f"{base}/changes.md", "Editions and amendments", f"framework_changes({q})"),
    ]
    return pages


class Catalogue:
    """The frameworks of the current build, loaded once per build (mkdocs serve reloads it)."""

    def __init__(self) -> None:
        self.directory: Path | None = None
        self.items: list[Loaded] = []
        self.previous: dict[str, Framework] = {}
        self.warnings: list[Problem] = []
        self.vocabulary: list[PlainWords] = []  # the explorer filter's plain words (frameworks/vocabulary/)
        self.concerns: Vocabulary = EMPTY  # frameworks/concerns/concerns.yaml, when the folder has one

    def load(self, directory: Path) -> list[Loaded]:
        """Load and validate every framework; raises FrameworkError listing every problem."""
        self.directory = directory
        self.warnings = []
        self.items = load_all(directory)
        self.concerns = load_concerns(directory) or EMPTY
        self.previous, problems = {}, []
        for item in self.items:
            try:
                old = previous_edition(directory, item.framework.id)
            except FrameworkError as err:
                problems += err.problems
                continue
            if old is not None:
                self.previous[item.framework.id] = old.framework
        try:
            self.vocabulary = load_vocabulary(vocabulary_file(directory))
        except FrameworkError as err:
            problems += err.problems
        if problems:
            raise FrameworkError(problems)
        # Printed by the build, never a reason to stop it (thresholds.errors: severity WARNING).
        self.warnings = [w for item in self.items for w in item.warnings]
        return self.items

    @property
    def frameworks(self) -> list[Framework]:
        return [x.framework for x in self.items]

    def get(self, framework_id: str) -> Framework:
        for item in self.items:
            if item.framework.id == framework_id:
                return item.framework
        raise KeyError(f"no framework '{framework_id}' in {self.directory}")


CATALOGUE = Catalogue()
