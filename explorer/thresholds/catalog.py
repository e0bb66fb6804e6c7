"""Load framework files into models: YAML → schema → cross-references (build side).

Every problem in every file is collected, so a publisher fixes them all in one pass.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import safety, schema, source
from .concerns import Vocabulary, check_framework, vocabulary_from_dict
from .errors import FrameworkError, Problem, UnknownIdError, errors_in
from .model import Framework, check_references, close_matches, framework_from_dict

DEFAULT_DIR = Path("frameworks")


MAX_PROBLEMS_PER_FILE = 200  # a hostile file can produce a problem per value: list the first ones


@dataclass(frozen=True)
class Loaded:
    """A framework with the validated data it came from (the browser gets that data as JSON).

    ``warnings`` are the file's warnings (Problem with severity WARNING): printed by validate and
    the build, never a reason to stop.
    """

    framework: Framework
    data: dict[str, Any]
    path: Path
    # Warnings (safety rules the framework's recorded exceptions allow, indicators naming no
    # concern) are reported by validate; the file is still published. Errors stop loading.
    warnings: tuple[Problem, ...] = ()


def _ordered(problems: list[Problem], file: str) -> list[Problem]:
    # Sorted by line; the same message twice (two schema branches saying one thing) once.
    problems = sorted(dict.fromkeys(problems), key=lambda p: (p.line or 0, p.path, p.is_warning))
    if len(problems) > MAX_PROBLEMS_PER_FILE:
        more = len(problems) - MAX_PROBLEMS_PER_FILE
        problems = problems[:MAX_PROBLEMS_PER_FILE] + [
            Problem(file, None, "", f"… and {more:,} more problems in this file: fix these first")]
    return problems


def load_file(path: Path, check_name: bool = True, vocabulary: Vocabulary | None = None) -> Loaded:
    """Read, validate and build one framework file; FrameworkError lists all its problems.

    Schema and reference problems are found in one pass (the reference check is safe on data that
    fails the schema), with the reader's findings on values (control and hidden characters, curly
    quotes). The error carries the file's warnings too, so they are printed with the errors.

    The id must match the file name, except for archived editions and ``thresholds diff``
    (``check_name=False``), whose files are named by date. With a ``vocabulary``, the indicators'
    concerns are checked against it (unknown ids are errors, indicators without one warnings).
    """
    src = source.load(path)
    data, lines = src.data, src.lines
    file = str(path)
    if not isinstance(data, dict):
        raise FrameworkError([Problem(file, 1, "", "expected a framework: fields such as schema_version, id, authority, levels")])
    problems = list(src.problems) + schema.check(data, file, lines)
    at_schema = {p.path for p in problems}
    # A value the schema already explains (say, an id with capitals) needs no second message.
    problems += [p for p in check_references(data, file, lines) if p.path not in at_schema]
    if check_name and isinstance(data.get("id"), str) and data["id"] != path.stem:
        problems.append(Problem(file, lines.get(("id",)), "id",
                                f"the id '{data['id']}' must match the file name '{path.stem}'"))
    if errors_in(problems):
        raise FrameworkError(_ordered(problems, file))
    framework = framework_from_dict(data, file, lines)
    # Safety rules need the built model; warnings they allow (recorded exceptions) ride along.
    problems += safety.check(framework, file, lines)
    if vocabulary is not None:
        problems += check_framework(framework, vocabulary, file, lines)
    if errors_in(problems):
        raise FrameworkError(_ordered(problems, file))
    return Loaded(framework, data, path, tuple(_ordered(problems, file)))


def framework_files(directory: Path) -> list[Path]:
    """The framework files in a folder, in name order."""
    return sorted(p for p in directory.glob("*.yaml") if not p.name.startswith("_"))


def _folder_problems(directory: Path) -> list[Problem]:
    """Why a frameworks folder cannot be used: missing, not a folder, empty, or only .yml files."""
    where = str(directory)
    if not directory.exists():
        return [Problem(where, None, "", "there is no frameworks folder here: run the command in the folder that "
                        "holds frameworks/, or give the folder with --frameworks DIR")]
    if not directory.is_dir():
        return [Problem(where, None, "", "this is a file, not a folder: give --frameworks the folder that holds "
                        "the framework files")]
    misnamed = [Problem(str(p), None, "", f"framework files must end in .yaml: rename it to {p.stem}.yaml")
                for p in sorted(directory.glob("*.yml")) if not p.name.startswith("_")]
    if misnamed:
        return misnamed
    if not framework_files(directory):
        return [Problem(where, None, "", "this folder has no framework files (*.yaml): add one, for example with "
                        "`thresholds new ID`")]
    return []


def load_all(directory: Path = DEFAULT_DIR, files: list[Path] | None = None) -> list[Loaded]:
    """Load every framework; raise one FrameworkError carrying the problems of all files.

    A missing or empty folder, or one with .yml files, is an error: a site with no authorities,
    or without the one just added, must not be built.
    """
    if files is None:
        folder = _folder_problems(directory)
        if folder:
            raise FrameworkError(folder)
        paths = framework_files(directory)
    else:
        paths = files
    loaded, problems = [], []
    vocabulary = None
    try:
        vocabulary = load_concerns(directory)
    except FrameworkError as err:
        problems.extend(err.problems)
    for path in paths:
        if path.suffix == ".yml":
            problems.append(Problem(str(path), None, "", f"framework files must end in .yaml (the build reads no "
                                    f".yml files): rename it to {path.stem}.yaml"))
            continue
        try:
            loaded.append(load_file(path, vocabulary=vocabulary))
        except FrameworkError as err:
            problems.extend(err.problems)
    if errors_in(problems):
        raise FrameworkError(problems + [w for item in loaded for w in item.warnings])
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


CONCERNS_FILE = Path("concerns") / "concerns.yaml"
CONCERNS_SCHEMA = Path(__file__).resolve().parent / "concerns.schema.json"


def load_concerns(directory: Path = DEFAULT_DIR) -> Vocabulary | None:
    """The vocabulary of concerns (DIR/concerns/concerns.yaml), validated like a framework.

    None when the folder has none: its frameworks' concerns are then not checked.
    """
    path = directory / CONCERNS_FILE
    if not path.is_file():
        return None
    data, lines = source.read(path)
    if not isinstance(data, dict):
        raise FrameworkError([Problem(str(path), 1, "", "expected a vocabulary of concerns: schema_version and concerns")])
    problems = schema.check(data, str(path), lines, json.loads(CONCERNS_SCHEMA.read_text(encoding="utf-8")))
    if problems:
        raise FrameworkError(problems)
    return vocabulary_from_dict(data, str(path), lines)
