"""Check framework data against the JSON Schema, in words a publisher understands (build side).

jsonschema's own messages ("'x' is not valid under any of the given schemas") name no fix;
each problem here says what was expected, with "did you mean" for misspelt fields.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from collections.abc import Mapping
from functools import cache
from pathlib import Path as FilePath
from typing import Any

import jsonschema
from jsonschema.exceptions import ValidationError, best_match

from . import text as textcheck
from .errors import Problem
from .model import Path, close_matches, format_path, line_of

SCHEMA_FILE = FilePath(__file__).resolve().parent / "framework.schema.json"

EMAIL_PATTERN = "^[^@\\s<>\"]+@[^@\\s<>\".]+(\\.[^@\\s<>\".]+)+$"

_PATTERNS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "an id: lower-case letters and digits joined by hyphens, e.g. health-2-03",
    EMAIL_PATTERN: "an email address such as name@example.org",
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


# Unknown fields publishers really type, and where the words go instead: (field names, as
# lower-case letters only) → (fields to suggest, first one allowed here wins, message). Data, so
# an entry is one line to add or remove; a suggestion is made only where its field is allowed.
FIELD_HINTS: list[tuple[frozenset[str], tuple[str, ...], str]] = [
    (frozenset({"nextsteps", "actions", "whattodo", "nextstep"}), ("next_steps", "response"), "put next steps in `{field}`"),
]

DATE_FORMAT = "date-or-month"  # the schema's "format" for YYYY-MM-DD or YYYY-MM: a real calendar date


_DATE_SHAPE = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?")


def _real_date(value: object) -> bool:
    if not isinstance(value, str) or not _DATE_SHAPE.fullmatch(value):
        return True  # not a date's shape: the schema's pattern says so, once
    try:
        if len(value) == 7:
            dt.date.fromisoformat(value + "-01")
        else:
            dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


_FORMATS = jsonschema.FormatChecker(formats=())
_FORMATS.checks(DATE_FORMAT)(_real_date)


def _unique_items(validator: Any, unique: bool, instance: Any, schema_: Any) -> Any:
    """uniqueItems in linear time: jsonschema's own compares every pair of unhashable items."""
    if not (unique and validator.is_type(instance, "array")):
        return
    seen: dict[str, int] = {}
    for i, item in enumerate(instance):
        key = json.dumps(item, sort_keys=True, default=str)
        if key in seen:
            yield ValidationError(f"{instance!r} has non-unique elements", path=(i,))
            return
        seen[key] = i


@cache
def _validator(schema_json: str | None = None) -> jsonschema.protocols.Validator:
    cls = jsonschema.validators.extend(jsonschema.Draft202012Validator, {"uniqueItems": _unique_items})
    return cls(schema() if schema_json is None else json.loads(schema_json), format_checker=_FORMATS)


def _hidden(value: Any) -> str:
    """", and it has a non-breaking space (U+00A0)": the first hidden character in a value, if any."""
    if not isinstance(value, str):
        return ""
    for ch in value:
        about = textcheck.describe(ch)
        if about is not None:
            return f"; it has {about.name}"
    return ""


def _field_hint(key: str, allowed: list[str]) -> str | None:
    squashed = re.sub(r"[^a-z]", "", key.lower())
    for names, fields, message in FIELD_HINTS:
        if squashed in names:
            target = next((f for f in fields if f in allowed and f != key), None)
            if target is not None:
                return message.format(field=target)
    return None


def _quote_hint(path: Path, value: Any, raw: Mapping[Path, str]) -> str:
    """"put the number in quotes: number: "999"": what to type when YAML read text as a number."""
    typed = raw.get(path, json.dumps(value) if isinstance(value, bool) else str(value))
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    what = "the number" if isinstance(value, (int, float)) and not isinstance(value, bool) else "it"
    written = f"{name}: " if path and isinstance(path[-1], str) else "- "
    return f": put {what} in quotes: {written}\"{typed}\""


def _date_problem(value: str) -> str:
    year, month = int(value[:4]), int(value[5:7])
    if len(value) > 7:
        days = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
        return (f"expected a real date written YYYY-MM-DD, got '{value}': "
                f"{calendar.month_name[month]} {year} has {days} days")
    return f"expected a real date written YYYY-MM-DD (or YYYY-MM), got '{value}'"


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f"'{value[:40]}'" if value.strip() else "blank text"
    return _TYPES.get({list: "array", dict: "object", int: "integer", float: "number"}.get(type(value), ""), type(value).__name__)


def _explain(error: ValidationError, raw: Mapping[Path, str] | None = None) -> list[tuple[Path, str]]:
    raw = raw or {}
    path: Path = tuple(error.absolute_path)
    kind, sub = error.validator, error.schema
    if kind == "additionalProperties":
        allowed = list(sub.get("properties", {}))
        out = []
        for key in sorted(set(error.instance) - set(allowed)):
            where = _field_hint(key, allowed)
            hint = [] if where else close_matches(key, allowed, 1)
            if where:
                did = f": {where}"
            elif hint:
                did = f"; did you mean '{hint[0]}'?"
            else:
                did = f"; allowed here: {', '.join(allowed)}"
            out.append((path + (key,), f"unknown field '{key}'{did}"))
        return out
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return [(path, f"missing required field '{missing}'")]
    if kind == "type":
        want = sub["type"] if isinstance(sub["type"], str) else sub["type"][0]
        hint = ""
        if want == "string" and isinstance(error.instance, (int, float, bool)):
            hint = _quote_hint(path, error.instance, raw)
        return [(path, f"expected {_TYPES.get(want, want)}, got {_describe(error.instance)}{hint}")]
    if kind == "pattern" and sub["pattern"] in ("\\S", textcheck.VISIBLE_PATTERN):
        if isinstance(error.instance, str) and error.instance and not error.instance.isspace():
            return [(path, f"must not be blank: it holds only invisible characters{_hidden(error.instance)}")]
        return [(path, "must not be blank")]
    if kind == "pattern":
        return [(path, f"expected {_PATTERNS.get(sub['pattern'], 'text matching ' + sub['pattern'])}, "
                       f"got {_describe(error.instance)}{_hidden(error.instance)}")]
    if kind == "format" and sub.get("format") == DATE_FORMAT:
        return [(path, _date_problem(error.instance))]
    if kind == "minLength":
        return [(path, "must not be empty")]
    if kind == "maxLength":
        return [(path, f"is {len(error.instance):,} characters long; at most {sub['maxLength']:,} are allowed here")]
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
                return [item for e in best for item in _explain(e, raw)]
        if "description" in sub:
            return [(path, f"expected {sub['description'][0].lower()}{sub['description'][1:]}")]
        return _explain(best_match(error.context), raw) if error.context else [(path, error.message)]
    return [(path, error.message)]


def check(data: Any, file: str, lines: Mapping[Path, int], schema_doc: Mapping[str, Any] | None = None) -> list[Problem]:
    """Every schema problem in the data, one per line, with the file's line numbers.

    ``schema_doc`` checks against another schema (the toolkit's) with the same plain-words messages.
    """
    key = None if schema_doc is None else json.dumps(schema_doc, sort_keys=True)
    raw = getattr(lines, "raw", {})
    problems = [
        Problem(file, line_of(lines, path), format_path(path), message)
        for error in _validator(key).iter_errors(data)
        for path, message in _explain(error, raw)
    ]
    problems.sort(key=lambda p: (p.line or 0, p.path))
    return problems
