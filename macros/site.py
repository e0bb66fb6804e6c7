"""What the current build is made from: the frameworks, their previous editions, the explorer's plain words,
the concerns vocabulary and the organisational toolkit, loaded once per build.

Shared by the page registry (macros/pages.py), the hooks and the search marking. Which pages these make is
the registry's business, not this module's.
"""

from __future__ import annotations

from pathlib import Path

from thresholds.catalog import Loaded, load_all, load_concerns, previous_edition
from thresholds.concerns import EMPTY, Vocabulary
from thresholds.errors import FrameworkError, Problem
from thresholds.model import Framework
from thresholds.search import PlainWords
from thresholds.toolkit import TOOLKIT_FILE, Toolkit, load_file as load_toolkit
from thresholds.vocabulary import load as load_vocabulary, vocabulary_file


class Catalogue:
    """The content of the current build, loaded once per build (mkdocs serve reloads it)."""

    def __init__(self) -> None:
        self.directory: Path | None = None
        self.items: list[Loaded] = []
        self.previous: dict[str, Framework] = {}
        self.warnings: list[Problem] = []
        self.vocabulary: list[PlainWords] = []  # the explorer filter's plain words (frameworks/vocabulary/)
        self.concerns: Vocabulary = EMPTY  # frameworks/concerns/concerns.yaml, when the folder has one
        self.toolkit: Toolkit | None = None  # frameworks/toolkit/nspcc.yaml, when the folder has one

    def load(self, directory: Path) -> list[Loaded]:
        """Load and validate every framework (and the toolkit, if the folder has one); raises FrameworkError
        listing every problem."""
        self.directory = directory
        self.warnings = []
        self.toolkit = None
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
        toolkit_file = Path(directory) / TOOLKIT_FILE
        if toolkit_file.is_file():  # without it (a test's own frameworks folder) the toolkit has no pages
            try:
                self.toolkit = load_toolkit(toolkit_file)
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
