"""A framework and a toolkit with planted markup in every text field, generated from the schemas.

The generator walks a JSON Schema and fills every property it defines, required or not, so a field
added to a schema is covered without anyone adding it here. A string field gets a unique payload
(a script, an image with an event handler, quotes that would end an attribute, a Jinja expression)
unless its schema constrains it (a pattern the payload cannot match, an enum): ids stay ids, dates
stay dates. Branches (if/then/else, oneOf, enums, small integer ranges, one-property blocks) are
covered by giving arrays one item per branch.

What the schema cannot say (an indicator's level must be a level's id, a toolkit role must be word
for word in its level's text) is set by the small ``_fix_*`` functions. A new cross-reference that
they do not know makes the fixture fail validation with a located message: the test then says
which field to add there, rather than silently skipping it.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

# {tag} is unique per field. Each part attacks one context: element content (<script>, <img>),
# double- and single-quoted attributes (data-planted), and template engines ({{ 7*7 }}).
PAYLOAD = ('<script>alert("{tag}")</script><img src=x onerror=alert("{tag}") data-planted={tag}>'
           '" data-planted="{tag}\' data-planted=\'{tag} & {{{{7*7}}}} {tag}')
TAG = re.compile(r"m[ft]\d{4}z")

# Values for constrained strings, tried in order: the first that the field's pattern accepts.
_SAMPLES = ["2020-01-01", "01234 567890", "planted@example.org", "https://example.org/planted", "sample"]


class Generator:
    """Builds instances of one schema: every property present, every branch somewhere."""

    def __init__(self, schema: dict[str, Any], prefix: str) -> None:
        self.schema = schema
        self.prefix = prefix
        self.planted: dict[str, str] = {}  # tag -> field path, to name a leak
        self._ids = itertools.count()

    # -- schema helpers
    def _resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            ref = node["$ref"]
            target: Any = self.schema
            for part in ref.removeprefix("#/").split("/"):
                target = target[part]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        return node

    def count(self, node: dict[str, Any], depth: int = 0) -> int:
        """How many variants of this node there are to cover (1 for plain values)."""
        node = self._resolve(node)
        if depth > 6:
            return 1
        if "if" in node:
            return self.count(node["then"], depth + 1) + self.count(node["else"], depth + 1)
        if "oneOf" in node:
            return sum(self.count(n, depth + 1) for n in node["oneOf"])
        if "enum" in node:
            return len(node["enum"])
        kind = node.get("type")
        if kind == "integer" and "minimum" in node and "maximum" in node and node["maximum"] - node["minimum"] < 6:
            return node["maximum"] - node["minimum"] + 1
        if kind == "object" or "properties" in node:
            props = node.get("properties", {})
            if node.get("maxProperties") == 1:
                return len(props)
            return max([self.count(p, depth + 1) for p in props.values()] or [1])
        return 1

    # -- generation
    def generate(self, node: dict[str, Any], path: tuple = (), k: int = 0, depth: int = 0) -> Any:
        """The k-th variant of ``node``; ``path`` names the field in planted payloads."""
        node = self._resolve(node)
        if "const" in node:
            return node["const"]
        if "if" in node:
            n = self.count(node["then"])
            return (self.generate(node["then"], path, k, depth + 1) if k < n
                    else self.generate(node["else"], path, k - n, depth + 1))
        if "oneOf" in node:
            for alt in node["oneOf"]:
                n = self.count(alt)
                if k < n:
                    return self.generate(alt, path, k, depth + 1)
                k -= n
            return self.generate(node["oneOf"][0], path, 0, depth + 1)
        if "enum" in node:
            return node["enum"][k % len(node["enum"])]
        kind = node.get("type")
        if isinstance(kind, list):
            kind = "object" if "properties" in node else kind[0]
        if kind == "array":
            return self._array(node, path, depth)
        if kind == "object" or "properties" in node or "additionalProperties" in node:
            return self._object(node, path, k, depth)
        if kind == "integer":
            low = node.get("minimum", 1)
            return low + (k % self.count(node))
        if kind == "boolean":
            return True
        return self._string(node, path)

    def _array(self, node: dict[str, Any], path: tuple, depth: int) -> list[Any]:
        items = node.get("items", {"type": "string"})
        # Deep down (nested lists in nested lists) keep to the simplest variant: the tree stays finite.
        # Recursive schemas (a branch's outcomes are branches) end there with what is required.
        deep = depth > 12
        wanted = 0 if deep else self.count(items)
        n = max(node.get("minItems", 0 if deep else 1), wanted)
        n = min(n, node.get("maxItems", n))
        return [self.generate(items, path + (i,), 0 if deep else i, depth + 1) for i in range(n)]

    def _object(self, node: dict[str, Any], path: tuple, k: int, depth: int) -> dict[str, Any]:
        props = node.get("properties", {})
        if node.get("maxProperties") == 1 and props:
            name = list(props)[k % len(props)]
            return {name: self.generate(props[name], path + (name,), 0, depth + 1)}
        out = {}
        required = node.get("required", [])
        for name, sub in props.items():
            if depth > 12 and name not in required:
                continue
            n = self.count(sub)
            out[name] = self.generate(sub, path + (name,), k % n, depth + 1)
        extra = node.get("additionalProperties")
        if isinstance(extra, dict) and not props:  # a map, e.g. a note per level id
            key = self.generate(node.get("propertyNames", {"type": "string"}), path + ("key",), 0, depth + 1)
            out[key] = self.generate(extra, path + (key,), 0, depth + 1)
        return out

    def _string(self, node: dict[str, Any], path: tuple) -> str:
        pattern = node.get("pattern")
        if path and path[-1] == "id" or (pattern and "[a-z0-9]+" in pattern):
            # An id: unique, so that ids never collide; references are set by the _fix functions.
            return f"{'-'.join(str(p) for p in path if isinstance(p, str))[-40:].strip('-').replace('_', '-')}-{next(self._ids)}"
        tag = f"{self.prefix}{len(self.planted):04d}z"
        text = PAYLOAD.format(tag=tag)
        if pattern is None or (re.search(pattern, text) and len(text) <= node.get("maxLength", len(text))):
            self.planted[tag] = ".".join(str(p) for p in path)
            return text
        for sample in _SAMPLES:
            if re.search(pattern, sample):
                return sample
        raise ValueError(f"no sample value fits the pattern {pattern!r} of {'.'.join(map(str, path))}: add one to _SAMPLES")


def text_fields(schema: dict[str, Any]) -> set[str]:
    """Every field of a schema that takes free text, as a dotted path without list indexes
    (``levels.definition.table.caption``). Found independently of the generator, to check it."""
    gen = Generator(schema, "xx")
    out: set[str] = set()

    def walk(node: dict[str, Any], path: tuple, refs: tuple) -> None:
        if "$ref" in node:
            if refs.count(node["$ref"]) > 1:  # recursive schemas: once round the loop is enough
                return
            refs += (node["$ref"],)
        node = gen._resolve(node)
        for key in ("then", "else"):
            if key in node:
                walk(node[key], path, refs)
        for alt in node.get("oneOf", []) + node.get("anyOf", []):
            walk(alt, path, refs)
        if "items" in node:
            walk(node["items"], path, refs)
        for name, sub in node.get("properties", {}).items():
            walk(sub, path + (name,), refs)
        if isinstance(node.get("additionalProperties"), dict):
            walk(node["additionalProperties"], path + ("*",), refs)
        if node.get("type") == "string" and "enum" not in node and "const" not in node:
            pattern = node.get("pattern")
            if pattern is None or re.search(pattern, PAYLOAD.format(tag="mx0000z")):
                out.add(".".join(path))

    walk(schema, (), ())
    return out


def field_of(path: str) -> str:
    """A planted value's path as a field (``levels.2.name`` → ``levels.name``; map keys → ``*``)."""
    parts = [p for p in path.split(".") if not p.isdigit()]
    return ".".join("*" if re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*-\d+", p) else p for p in parts)


def _objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        yield value
        for v in value.values():
            yield from _objects(v)
    elif isinstance(value, list):
        for v in value:
            yield from _objects(v)


def _renumber(data: Any) -> None:
    """Steps are numbered 1, 2, 3 in order."""
    for obj in _objects(data):
        for v in obj.values():
            if isinstance(v, list) and v and all(isinstance(x, dict) and "number" in x for x in v):
                for i, x in enumerate(v):
                    x["number"] = i + 1


def _fix_framework(data: dict[str, Any], gen: Generator) -> dict[str, Any]:
    data["id"] = "markup"
    data["schema_version"] = 2  # the version with every text field (next steps, bands, age groups)
    levels = data["levels"]
    for lv in levels:
        lv["contacts"] = [c["id"] for c in data["contacts"]]
    domains = data["domains"]
    # One indicator per level (so every level has its indicator page), alternating domains.
    template = data["indicators"][0]
    data["indicators"] = []
    for i, lv in enumerate(levels):
        ind = copy.deepcopy(template) if i == 0 else gen.generate(
            gen.schema["properties"]["indicators"]["items"], ("indicators", i))
        ind |= {"id": f"indicator-{i}", "level": lv["id"], "domain": domains[i % len(domains)]["id"]}
        # Version 2 references: one level (not levels too), a band of that level, declared age groups.
        ind.pop("levels", None)
        bands = [b["id"] for b in lv.get("bands") or []]
        if bands:
            ind["band"] = bands[0]
        else:
            ind.pop("band", None)
        ind["ages"] = [g["id"] for g in data.get("age_groups") or []][:1]
        if not ind["ages"]:
            ind.pop("ages")
        data["indicators"].append(ind)
    rules = []
    rule_schema = gen.schema["properties"]["rules"]["items"]
    for i, lv in enumerate(levels):
        rule = gen.generate(rule_schema, ("rules", i))
        rule |= {"id": f"rule-{i}", "level": lv["id"], "act_now": lv["rank"] == 4}
        rule["when"] = ({"any_of": [f"indicator-{i}"]} if lv["rank"] == 4 else
                        {"count_at_or_above": lv["id"], "min": 1, "min_domains": 1})
        rules.append(rule)
    data["rules"] = rules
    return data


def _quotes(value: Any) -> Iterator[dict[str, Any]]:
    for obj in _objects(value):
        if set(obj) == {"step", "quote"}:
            yield obj


def _fix_toolkit(data: dict[str, Any], gen: Generator) -> dict[str, Any]:
    _renumber(data)
    level_ids = [lv["id"] for lv in data["levels"]]
    for lv in data["levels"]:
        # Roles are word for word in the level's own text.
        lv["examples"] = lv["examples"] + " " + " ".join(lv["roles"])
    for element in data["training_content"]["elements"]:
        element["levels"] = level_ids[:1]
        element["notes"] = {level_ids[0]: next(iter(element.get("notes", {}).values()), "note")}
    sharing = data["information_sharing"]
    for q in _quotes(sharing["consent_decision"]):
        q["step"] = 1
        sharing["steps"][0]["text"] += " " + q["quote"]
    lna_first = data["learning_needs_analysis"]["steps"][0]
    for obj in _objects(data["templates"]):
        if "step" in obj and "id" in obj:  # a field standing for an analysis step
            obj["step"] = 1
            if "hint" in obj:
                lna_first["body"].append(obj["hint"])
    for group in (data.get("training_sources") or {}).get("groups") or []:
        for provider in group.get("providers") or []:
            # A provider's contact links are word for word in its own text.
            links = [v for kind in ("phones", "emails", "urls") for v in provider.get(kind) or []]
            if links:
                provider["body"] = list(provider.get("body") or []) + [" ".join(links)]
    return data


def framework_fixture() -> tuple[dict[str, Any], dict[str, str]]:
    """A valid framework with a payload in every text field; and tag -> field path."""
    from thresholds.schema import schema

    gen = Generator(schema(), "mf")
    return _fix_framework(gen.generate(gen.schema), gen), gen.planted


def toolkit_fixture() -> tuple[dict[str, Any], dict[str, str]]:
    """A valid toolkit with a payload in every text field; and tag -> field path."""
    from thresholds.toolkit import schema

    gen = Generator(schema(), "mt")
    return _fix_toolkit(gen.generate(gen.schema), gen), gen.planted


def write_fixtures(folder: Path) -> dict[str, str]:
    """Write markup.yaml and toolkit/nspcc.yaml into ``folder``; returns every planted tag -> field."""
    from thresholds.toolkit import TOOLKIT_FILE

    fw, planted_fw = framework_fixture()
    tk, planted_tk = toolkit_fixture()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "markup.yaml").write_text(yaml.safe_dump(fw, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    (folder / TOOLKIT_FILE).parent.mkdir(parents=True, exist_ok=True)
    (folder / TOOLKIT_FILE).write_text(yaml.safe_dump(tk, allow_unicode=True, sort_keys=False, width=1000), encoding="utf-8")
    return {t: f"framework {p}" for t, p in planted_fw.items()} | {t: f"toolkit {p}" for t, p in planted_tk.items()}


def build_markup_site(tmp: Path) -> tuple[Path, dict[str, str]]:
    """Build the site from the markup fixtures alone; returns the site folder and the planted tags."""
    from .conftest import build_site

    planted = write_fixtures(tmp / "frameworks")
    written = "".join(p.read_text(encoding="utf-8") for p in (tmp / "frameworks").rglob("*.yaml"))
    planted = {t: f for t, f in planted.items() if t in written}  # tags of values a fix-up replaced are gone
    out = tmp / "site"
    result = build_site(out, tmp / "frameworks")
    assert result.returncode == 0, result.stderr[-3000:]
    return out, planted
