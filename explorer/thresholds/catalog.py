"""Load framework files into models: YAML → schema → cross-references (build side).

Every problem in every file is collected, so a publisher fixes them all in one pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import safety, schema, source
from .errors import FrameworkError, Problem, UnknownIdError
from .model import Framework, close_matches, framework_from_dict

DEFAULT_DIR = Path("frameworks")


@dataclass(frozen=True)
class Loaded:
    """A framework with the validated data it came from (the browser gets that data as JSON)."""

    framework: Framework
    data: dict[str, Any]
    path: Path
    # Safety-rule warnings the framework's recorded exceptions allow (errors stop loading).
    warnings: tuple[Problem, ...] = ()


def load_file(path: Path, check_name: bool = True) -> Loaded:
    """Read, validate and build one framework file; FrameworkError lists all its problems.

    The id must match the file name, except for archived editions and ``thresholds diff``
    (``check_name=False``), whose files are named by date.
    """
    data, lines = source.read(path)
    file = str(path)
    if not isinstance(data, dict):
        raise FrameworkError([Problem(file, 1, "", "expected a framework: fields such as schema_version, id, authority, levels")])
    problems = schema.check(data, file, lines)
    if problems:
        raise FrameworkError(problems)
    if check_name and data["id"] != path.stem:
        raise FrameworkError([Problem(file, lines.get(("id",)), "id",
                                      f"the id '{data['id']}' must match the file name '{path.stem}'")])
    framework = framework_from_dict(data, file, lines)
    found = safety.check(framework, file, lines)
    errors = [p for p in found if p.severity != "warning"]
    if errors:
        raise FrameworkError(found)
    return Loaded(framework, data, path, tuple(found))


def framework_files(directory: Path) -> list[Path]:
    """The framework files in a folder, in name order."""
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


def load_all(directory: Path = DEFAULT_DIR, files: list[Path] | None = None) -> list[Loaded]:
    """Load every framework; raise one FrameworkError carrying the problems of all files."""
    paths = files if files is not None else framework_files(directory)
    loaded, problems = [], []
    for path in paths:
        try:
            loaded.append(load_file(path))
        except FrameworkError as err:
            problems.extend(err.problems)
        except OSError as err:
            problems.append(Problem(str(path), None, "", f"cannot read the file: {err.strerror}"))
    if problems:
        raise FrameworkError(problems)
    return loaded


EDITIONS = "editions"


def previous_edition(directory: Path, framework_id: str) -> Loaded | None:
    """The newest archived edition (frameworks/editions/ID/*.yaml, named so they sort by date), if any."""
    folder = directory / EDITIONS / framework_id
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        return None
    item = load_file(files[-1], check_name=False)
    if item.framework.id != framework_id:
        raise FrameworkError([Problem(str(files[-1]), None, "id",
                                      f"an archived edition of '{framework_id}' must have id '{framework_id}'")])
    return item


def find(loaded: list[Loaded], framework_id: str) -> Loaded:
    """The framework with this id; UnknownIdError lists close matches."""
    for item in loaded:
        if item.framework.id == framework_id:
            return item
    raise UnknownIdError("framework", framework_id,
                         close_matches(framework_id, [x.framework.id for x in loaded]))


def to_json(item: Loaded) -> str:
    """The validated data as compact JSON, for the browser's copy of the core."""
    return json.dumps(item.data, ensure_ascii=False, separators=(",", ":"))
