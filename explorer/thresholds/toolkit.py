"""An organisational safeguarding toolkit (the NSPCC's), from YAML: model, loading and checks (build side).

The same pipeline and error type as the frameworks (``thresholds.catalog``): ``source.read`` (YAML with line
numbers) → ``schema.check`` against ``toolkit.schema.json`` (package data, beside this module) → the
references the schema cannot check (level ids, step numbers, quotes word for word, contact links the text
gives). Every problem comes back at once as ``file:line: field.path: message`` in one ``FrameworkError``.
The site (``macros.pages``, ``macros.toolkit_render``) only renders what this returns; ``thresholds validate`` checks it too.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from . import schema as framework_schema
from . import source
from .errors import FrameworkError, Problem
from .model import format_path, line_of

TOOLKIT_DIR = "toolkit"  # the toolkit's folder inside the frameworks folder
TOOLKIT_FILE = Path(TOOLKIT_DIR) / "nspcc.yaml"
SCHEMA_NAME = "toolkit.schema.json"
SCHEMA_FILE = Path(__file__).resolve().parent / SCHEMA_NAME


def toolkit_files(frameworks: Path) -> list[Path]:
    """The toolkit files in a frameworks folder (``toolkit/*.yaml``), in name order; none is fine."""
    folder = Path(frameworks) / TOOLKIT_DIR
    return sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_")) if folder.is_dir() else []


def is_toolkit_file(path: Path) -> bool:
    """A file in a folder named ``toolkit`` is a toolkit, not a framework."""
    return Path(path).parent.name == TOOLKIT_DIR


# --------------------------------------------------------------------------------------------- model

@dataclass(frozen=True)
class FormField:
    """One fillable field of a template (a single field, or one cell of a table)."""

    id: str  # unique in its template
    label: str  # the full label, e.g. "Advocacy: Self-referrals accepted?"
    type: str
    section: str | None
    row: str | None = None
    column: str | None = None


class Toolkit:
    """Validated toolkit data with the views the pages need (cumulative competencies, content per level)."""

    def __init__(self, data: Mapping[str, Any], path: Path | None = None) -> None:
        self.data = data
        self.path = path

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    @property
    def short_title(self) -> str:
        return self.data["short_title"]

    @property
    def levels(self) -> list[Mapping[str, Any]]:
        return list(self.data["levels"])

    def level(self, level_id: str) -> Mapping[str, Any]:
        for lv in self.levels:
            if lv["id"] == level_id:
                return lv
        raise KeyError(level_id)

    def levels_up_to(self, level_id: str) -> list[Mapping[str, Any]]:
        """This level and every level below it (lowest first): the competencies build on each other."""
        ids = [lv["id"] for lv in self.levels]
        return self.levels[: ids.index(level_id) + 1]

    def competencies(self) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
        """Every competency once, with the level that introduces it."""
        return [(lv, c) for lv in self.levels for c in lv["competencies"]]

    def cumulative(self, level_id: str) -> list[tuple[Mapping[str, Any], Mapping[str, Any]]]:
        """The competencies someone at this level must demonstrate: this level's and all lower levels'."""
        return [(lv, c) for lv in self.levels_up_to(level_id) for c in lv["competencies"]]

    def content_for(self, level_id: str) -> list[tuple[Mapping[str, Any], str | None]]:
        """The training content elements for this level, each with its note (e.g. 'trustees only')."""
        return [(e, (e.get("notes") or {}).get(level_id))
                for e in self.data["training_content"]["elements"] if level_id in e["levels"]]

    def lna_step(self, number: int) -> Mapping[str, Any]:
        for step in self.data["learning_needs_analysis"]["steps"]:
            if step["number"] == number:
                return step
        raise KeyError(number)

    def sharing_step(self, number: int) -> Mapping[str, Any]:
        for step in self.data["information_sharing"]["steps"]:
            if step["number"] == number:
                return step
        raise KeyError(number)

    @property
    def templates(self) -> list[Mapping[str, Any]]:
        return list(self.data["templates"])

    def template(self, template_id: str) -> Mapping[str, Any]:
        for t in self.templates:
            if t["id"] == template_id:
                return t
        raise KeyError(template_id)

    def field_label(self, field: Mapping[str, Any]) -> str:
        """A field's label: its own, or the title of the analysis step it stands for."""
        if field.get("label"):
            return field["label"]
        step = self.lna_step(field["step"])
        return f"{step['number']}. {step['title']}"

    def form_fields(self, template_id: str) -> list[FormField]:
        """Every fillable field of a template, table cells included (blank-row tables count one row)."""
        out: list[FormField] = []
        for section in self.template(template_id)["sections"]:
            title = section.get("title")
            for f in section.get("fields") or []:
                out.append(FormField(f["id"], self.field_label(f), f.get("type", "text"), title))
            table = section.get("table")
            if table:
                for row in table.get("rows") or [{"id": "1", "label": None}]:
                    for col in table["columns"]:
                        label = f"{row['label']}: {col['label']}" if row["label"] else col["label"]
                        out.append(FormField(f"{table['id']}-{row['id']}-{col['id']}", label, col.get("type", "text"),
                                             title, row["label"], col["label"]))
        return out


# ------------------------------------------------------------------------------------------ validation

@cache
def schema() -> dict[str, Any]:
    """The toolkit JSON Schema (shipped inside the package; frameworks/toolkit/ has the editors' copy)."""
    return json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))


def check_schema(data: Any, file: str, lines: Mapping[tuple, int], schema_doc: Mapping[str, Any]) -> list[Problem]:
    """Every JSON Schema problem, in the same plain words and with file lines as the frameworks'."""
    return framework_schema.check(data, file, lines, schema_doc)


def _texts(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, Mapping):
        for v in value.values():
            yield from _texts(v)
    elif isinstance(value, Sequence):
        for v in value:
            yield from _texts(v)


def check_references(data: Mapping[str, Any], file: str, lines: Mapping[tuple, int]) -> list[Problem]:
    """What the schema cannot say: unique ids, known levels and steps, quotes word for word."""
    problems: list[Problem] = []

    def problem(path: tuple, message: str) -> None:
        problems.append(Problem(file, line_of(lines, path), format_path(path), message))

    def unique(items: Sequence[Mapping[str, Any]], key: str, base: tuple, what: str) -> None:
        seen: dict[Any, int] = {}
        for i, item in enumerate(items):
            value = item[key]
            if value in seen:
                problem(base + (i, key), f"the {what} '{value}' is used twice (first at {format_path(base + (seen[value],))})")
            seen.setdefault(value, i)

    def numbered(items: Sequence[Mapping[str, Any]], base: tuple) -> None:
        for i, item in enumerate(items):
            if item["number"] != i + 1:
                problem(base + (i, "number"), f"expected step {i + 1} here (steps are numbered in order), got {item['number']}")

    levels = data["levels"]
    level_ids = [lv["id"] for lv in levels]
    unique(levels, "id", ("levels",), "level id")
    competencies = [(i, j, c) for i, lv in enumerate(levels) for j, c in enumerate(lv["competencies"])]
    seen_c: dict[str, tuple] = {}
    for i, j, c in competencies:
        if c["id"] in seen_c:
            problem(("levels", i, "competencies", j, "id"), f"the competency id '{c['id']}' is used twice")
        seen_c.setdefault(c["id"], (i, j))
    for i, lv in enumerate(levels):
        words = " ".join(_texts([lv.get("user_group"), lv.get("examples"), lv.get("examples_after"), lv.get("grid_examples")]))
        for j, role in enumerate(lv["roles"]):
            if role not in words:
                problem(("levels", i, "roles", j), f"the role '{role}' is not word for word in this level's user group or examples")

    elements = data["training_content"]["elements"]
    unique(elements, "id", ("training_content", "elements"), "content element id")
    for i, e in enumerate(elements):
        for j, lid in enumerate(e["levels"]):
            if lid not in level_ids:
                problem(("training_content", "elements", i, "levels", j), f"no level has id '{lid}' (known: {', '.join(level_ids)})")
        for lid in e.get("notes") or {}:
            if lid not in e["levels"]:
                problem(("training_content", "elements", i, "notes", lid), f"a note for '{lid}', but this element is not in that level's training")

    lna_steps = data["learning_needs_analysis"]["steps"]
    numbered(lna_steps, ("learning_needs_analysis", "steps"))
    sharing = data["information_sharing"]
    numbered(sharing["steps"], ("information_sharing", "steps"))
    numbered(data["early_help"]["what_to_do"]["steps"], ("early_help", "what_to_do", "steps"))
    step_text = {s["number"]: " ".join(_texts([s["text"], s.get("items")])) for s in sharing["steps"]}

    def quote(q: Mapping[str, Any], where: tuple) -> None:
        if q["step"] not in step_text:
            problem(where + ("step",), f"the procedure has no step {q['step']} (it has 1 to {len(step_text)})")
        elif q["quote"] not in step_text[q["step"]]:
            problem(where + ("quote",), f"these words are not in step {q['step']} word for word: '{q['quote'][:60]}'")

    def quotes(branches: Sequence[Mapping[str, Any]], base: tuple) -> None:
        unique(branches, "id", base, "branch id")
        for i, b in enumerate(branches):
            for part in ("when", "do", "record"):
                for j, q in enumerate(b.get(part) or []):
                    quote(q, base + (i, part, j))
            quotes(b.get("outcomes") or [], base + (i, "outcomes"))

    decision = sharing["consent_decision"]
    for j, q in enumerate(decision.get("always_record") or []):
        quote(q, ("information_sharing", "consent_decision", "always_record", j))
    quotes(decision["branches"], ("information_sharing", "consent_decision", "branches"))

    tools = (data.get("evaluation_tools") or {}).get("tools") or []
    unique(tools, "id", ("evaluation_tools", "tools"), "tool id")
    providers = [(g, k, p) for g, group in enumerate((data.get("training_sources") or {}).get("groups") or [])
                 for k, p in enumerate(group.get("providers") or [])]
    seen_p: dict[str, tuple] = {}
    for g, k, p in providers:
        base = ("training_sources", "groups", g, "providers", k)
        if p["id"] in seen_p:
            problem(base + ("id",), f"the provider id '{p['id']}' is used twice")
        seen_p.setdefault(p["id"], base)
        # A contact link must be one the source's text gives, never an address found elsewhere.
        words = " ".join(_texts(p["body"]))
        for kind in ("phones", "emails", "urls"):
            for j, value in enumerate(p.get(kind) or []):
                if value not in words:
                    problem(base + (kind, j), f"'{value}' is not in this provider's text word for word")

    lna_numbers = {s["number"]: " ".join(_texts(s["body"])) for s in lna_steps}
    unique(data["templates"], "id", ("templates",), "template id")
    for t, tpl in enumerate(data["templates"]):
        ids: dict[str, tuple] = {}
        for s, section in enumerate(tpl["sections"]):
            base = ("templates", t, "sections", s)
            named = [((base + ("fields", k)), f["id"]) for k, f in enumerate(section.get("fields") or [])]
            table = section.get("table")
            if table:
                named.append((base + ("table",), table["id"]))
                unique(table["columns"], "id", base + ("table", "columns"), "column id")
                unique(table.get("rows") or [], "id", base + ("table", "rows"), "row id")
            for where, fid in named:
                if fid in ids:
                    problem(where + ("id",), f"the field id '{fid}' is used twice in this template")
                ids.setdefault(fid, where)
            for k, f in enumerate(section.get("fields") or []):
                if "step" in f:
                    where = base + ("fields", k)
                    if f["step"] not in lna_numbers:
                        problem(where + ("step",), f"the learning needs analysis has no step {f['step']}")
                    elif f.get("hint") and f["hint"] not in lna_numbers[f["step"]]:
                        problem(where + ("hint",), f"the hint is not word for word in step {f['step']}")
    return problems


def load_file(path: Path) -> Toolkit:
    """Read and validate one toolkit file; FrameworkError lists every problem with its line."""
    data, lines = source.read(path)
    file = str(path)
    if not isinstance(data, dict):
        raise FrameworkError([Problem(file, 1, "", "expected a toolkit: fields such as schema_version, id, levels, templates")])
    problems = check_schema(data, file, lines, schema())
    if problems:
        raise FrameworkError(problems)
    problems = check_references(data, file, lines)
    if problems:
        raise FrameworkError(problems)
    return Toolkit(data, path)


def load_all(files: Sequence[Path]) -> list[Toolkit]:
    """Load every toolkit file; one FrameworkError carries the problems of all of them."""
    loaded, problems = [], []
    for path in files:
        try:
            loaded.append(load_file(Path(path)))
        except FrameworkError as err:
            problems.extend(err.problems)
        except OSError as err:
            problems.append(Problem(str(path), None, "", f"cannot read the file: {err.strerror}"))
    if problems:
        raise FrameworkError(problems)
    return loaded
