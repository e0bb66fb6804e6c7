"""Read a framework YAML file safely, remembering the line of every field (build side: needs PyYAML).

Problems come back as FrameworkError with file, line and field path, never as a traceback:
the people who edit these files are partnership staff, not programmers.
"""

from __future__ import annotations

import re
from pathlib import Path as FilePath
from typing import Any

import yaml

from .errors import FrameworkError, Problem
from .model import Path, format_path

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader that keeps dates as text and reads only true/false as booleans.

    Publishers write ``review_date: 2025-04-01`` and ``term: NO`` and mean text; YAML 1.1 would
    turn those into a date object and False.
    """


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


def _walk(node: yaml.Node, path: Path, lines: dict[Path, int], problems: list[Problem], file: str) -> None:
    lines[path] = node.start_mark.line + 1
    if node.tag not in _PLAIN_TAGS:
        problems.append(Problem(
            file, node.start_mark.line + 1, format_path(path),
            f"the YAML tag '{node.tag}' is not allowed: write plain text, numbers, lists and fields only",
        ))
        return
    if isinstance(node, yaml.MappingNode):
        seen: dict[Any, int] = {}
        for key, value in node.value:
            name = key.value
            if name in seen:
                problems.append(Problem(
                    file, key.start_mark.line + 1, format_path(path + (name,)),
                    f"the field '{name}' appears twice here (first at line {seen[name]}); keep one",
                ))
            seen[name] = key.start_mark.line + 1
            lines[path + (name,)] = key.start_mark.line + 1
            _walk(value, path + (name,), lines, problems, file)
            lines[path + (name,)] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _walk(item, path + (i,), lines, problems, file)


def parse(text: str, file: str) -> tuple[Any, dict[Path, int]]:
    """Parse YAML text into plain data and a map of field path → line.

    Raises FrameworkError for a syntax error, a non-plain tag, a repeated field or an empty file.
    """
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        what = " ".join(x for x in (err.context, err.problem) if x)
        raise FrameworkError([Problem(file, line, "", f"this is not valid YAML ({what}): check quotes, colons and indentation on this line and the one before")]) from None
    except yaml.YAMLError as err:
        raise FrameworkError([Problem(file, None, "", f"this is not valid YAML: {err}")]) from None
    if node is None:
        raise FrameworkError([Problem(
            file, 1, "", "the file is empty: expected a framework (schema_version, id, authority, levels, ...)"
        )])
    lines: dict[Path, int] = {}
    problems: list[Problem] = []
    _walk(node, (), lines, problems, file)
    if problems:
        raise FrameworkError(problems)
    try:
        # Construct from the node already composed: parsing twice doubles the cost on big files.
        data = _Loader("").construct_document(node)
    except yaml.YAMLError as err:  # pragma: no cover - composition already caught what this could
        raise FrameworkError([Problem(file, None, "", f"this is not valid YAML: {err}")]) from None
    return data, lines


def read(path: FilePath) -> tuple[Any, dict[Path, int]]:
    """Read and parse a framework file; the file must be UTF-8 text."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise FrameworkError([Problem(
            str(path), line, "",
            f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x}); save it as UTF-8 in your editor",
        )]) from None
    return parse(text.removeprefix("\ufeff"), str(path))
