"""Read the explorer filter's plain-words vocabulary (build side: YAML and JSON Schema).

frameworks/vocabulary/plain-words.yaml maps the words people type to the terms frameworks use; it is
checked against plain-words.schema.json beside it, with the same located messages as a framework.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from . import schema, source
from .errors import FrameworkError, Problem
from .search import PlainWords, vocabulary_from_dict

FOLDER = "vocabulary"
FILE = "plain-words.yaml"
SCHEMA = "plain-words.schema.json"


@cache
def _schema(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def vocabulary_file(frameworks_dir: Path) -> Path:
    """Where a frameworks folder keeps its vocabulary."""
    return frameworks_dir / FOLDER / FILE


def load(path: Path) -> list[PlainWords]:
    """The vocabulary in a file; FrameworkError lists every problem (file:line: field: message).

    A missing file is an empty vocabulary: the filter still matches the frameworks' own words.
    """
    if not path.is_file():
        return []
    data, lines = source.read(path)
    file = str(path)
    if not isinstance(data, dict):
        raise FrameworkError([Problem(file, 1, "", "expected a vocabulary: schema_version and entries")])
    problems = schema.check(data, file, lines, _schema(path.parent / SCHEMA))
    if problems:
        raise FrameworkError(problems)
    return vocabulary_from_dict(data)
