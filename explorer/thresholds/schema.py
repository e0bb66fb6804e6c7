"""Check framework data against the JSON Schema, in words a publisher understands (build side).

jsonschema's own messages ("'x' is not valid under any of the given schemas") name no fix;
each problem here says what was expected, with "did you mean" for misspelt fields.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path as FilePath
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from .errors import Problem
from .model import Path, close_matches, format_path, line_of

SCHEMA_FILE = FilePath(__file__).resolve().parent / "framework.schema.json"

_PATTERNS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "an id: lower-case letters and digits joined by hyphens, e.g. health-2-03",
    "^[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?$": "a date written YYYY-MM-DD (or YYYY-MM)",
    "^(https?://|www\\.)[^\\s<>\"]+$": "a web address starting https://, http:// or www.",
    "^[0-9+][0-9 ()+-]{1,30}$": "a phone number: digits and spaces, e.g. 01484 414960",
}

_TYPES = {"string": "text", "array": "a list", "object": "a set of fields", "integer": "a whole number",
          "boolean": "true or false", "number": "a number"}


@cache
def schema() -> dict[str, Any]:
    """The framework JSON Schema (shipped inside the package, published on the site)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


@cache
def _validator(schema_json: str | None = None) -> jsonschema.protocols.Validator:
    return jsonschema.Draft202012Validator(schema() if schema_json is None else json.loads(schema_json))


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"'{value[:40]}'" if value.strip() else "blank text"
    return _TYPES.get({list: "array", dict: "object", int: "integer", float: "number"}.get(type(value), ""), type(value).__name__)


def _explain(error: ValidationError) -> list[tuple[Path, str]]:
    path: Path = tuple(error.absolute_path)
    kind, sub = error.validator, error.schema
    if kind == "additionalProperties":
        allowed = list(sub.get("properties", {}))
        out = []
        for key in sorted(set(error.instance) - set(allowed)):
            hint = close_matches(key, allowed, 1)
            did = f"; did you mean '{hint[0]}'?" if hint else f"; allowed here: {', '.join(allowed)}"
            out.append((path + (key,), f"unknown field '{key}'{did}"))
        return out
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [(path, f"missing required field '{missing}'")]
    if kind == "type":
        want = sub["type"] if isinstance(sub["type"], str) else sub["type"][0]
        return [(path, f"expected {_TYPES.get(want, want)}, got {_describe(error.instance)}")]
    if kind == "pattern" and sub["pattern"] == "\\S":
        return [(path, "must not be blank")]
    if kind == "pattern":
        return [(path, f"expected {_PATTERNS.get(sub['pattern'], 'text matching ' + sub['pattern'])}, got {_describe(error.instance)}")]
    if kind == "minLength":
        return [(path, "must not be empty")]
    if kind == "minItems":
        return [(path, f"must have at least {sub['minItems']} entr{'y' if sub['minItems'] == 1 else 'ies'}")]
    if kind == "maxItems":
        return [(path, f"must have at most {sub['maxItems']} entr{'y' if sub['maxItems'] == 1 else 'ies'}")]
    if kind in ("minimum", "maximum"):
        return [(path, f"expected a number from {sub.get('minimum', '…')} to {sub.get('maximum', '…')}, got {error.instance}")]
    if kind == "const":
        return [(path, f"expected {json.dumps(sub['const'])}, got {_describe(error.instance)}")]
    if kind == "enum":
        return [(path, f"expected one of {', '.join(map(str, sub['enum']))}, got {_describe(error.instance)}")]
    if kind == "maxProperties" or kind == "minProperties":
        allowed = ", ".join(sub.get("properties", {}))
        return [(path, f"use exactly one of: {allowed}")]
    if kind == "uniqueItems":
        return [(path, "has the same entry twice")]
    if kind == "oneOf":
        # Prefer the branch the author was evidently writing (the most keys in common), so the
        # message names the specific fix rather than "not valid under any of the given schemas".
        if isinstance(error.instance, Mapping) and error.context:
            branches: dict[int, list[ValidationError]] = {}
            for e in error.context:
                branches.setdefault(e.relative_schema_path[0], []).append(e)

            def overlap(errors: list[ValidationError]) -> int:
                props = next((e.schema.get("properties", {}) for e in errors
                              if isinstance(e.schema, Mapping) and tuple(e.absolute_path) == path
                              and "properties" in e.schema), {})
                return len(set(error.instance) & set(props))

            best = max(branches.values(), key=overlap)
            if overlap(best):
                return [item for e in best for item in _explain(e)]
        if "description" in sub:
            return [(path, f"expected {sub['description'][0].lower()}{sub['description'][1:]}")]
        return _explain(best_match(error.context)) if error.context else [(path, error.message)]
    return [(path, error.message)]


def check(data: Any, file: str, lines: Mapping[Path, int], schema_doc: Mapping[str, Any] | None = None) -> list[Problem]:
    """Every schema problem in the data, one per line, with the file's line numbers.

    ``schema_doc`` checks against another schema (the toolkit's) with the same plain-words messages.
    """
    key = None if schema_doc is None else json.dumps(schema_doc, sort_keys=True)
    problems = [
        Problem(file, line_of(lines, path), format_path(path), message)
        for error in _validator(key).iter_errors(data)
        for path, message in _explain(error)
    ]
    problems.sort(key=lambda p: (p.line or 0, p.path))
    return problems
