"""The NSPCC organisational safeguarding toolkit, from YAML (issue: organisational toolkit).

Extension points used by macros/hooks.py and macros/__init__.py:
- ``load(root)``: read and validate the toolkit data (raise thresholds.errors.FrameworkError on problems);
- ``pages()``: the generated pages (macros.site.PageSpec) for the toolkit;
- ``nav()``: the nav entries for those pages;
- ``register(env)``: register the toolkit's macros with mkdocs-macros.

The data is ``<frameworks>/toolkit/nspcc.yaml``, checked against ``toolkit.schema.json`` beside it and then
for references (level ids, step numbers, quotes that must be word for word). Every problem is reported as
``file:line: field.path: message``, like the frameworks. Without the file (a test's own frameworks folder)
the toolkit simply has no pages.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from macros.site import PageSpec
from thresholds import schema as framework_schema
from thresholds import source
from thresholds.errors import FrameworkError, Problem
from thresholds.model import format_path, line_of

TOOLKIT_FILE = Path("toolkit") / "nspcc.yaml"
SCHEMA_NAME = "toolkit.schema.json"
SCHEMA_FILE = Path(__file__).resolve().parent.parent / "frameworks" / "toolkit" / SCHEMA_NAME
BASE = "toolkit"


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


# ------------------------------------------------------------------------------------------ the build

_current: Toolkit | None = None


def load(root: Path) -> None:
    """Read and validate the toolkit data under ``root`` (the frameworks folder); none there, no pages."""
    global _current
    _current = None
    path = Path(root) / TOOLKIT_FILE
    if path.is_file():
        _current = load_file(path)


def current() -> Toolkit:
    if _current is None:
        raise LookupError("no toolkit was loaded for this build")
    return _current


@dataclass(frozen=True)
class _Page:
    key: str
    path: str
    nav: str
    title: str  # the page's title after "<short title>: "
    arg: str | None = None


def _specs(tk: Toolkit) -> list[_Page]:
    out = [
        _Page("overview", f"{BASE}/index.md", "Overview", "Organisational safeguarding toolkit"),
        _Page("levels", f"{BASE}/levels.md", "Levels of responsibility and competencies",
              "Levels of responsibility and competencies"),
        _Page("training-content", f"{BASE}/training-content.md", "Training content by level",
              "Content of child protection training by level"),
        _Page("planner", f"{BASE}/planner.md", "Training planner", "Training planner"),
        _Page("training-plan-check", f"{BASE}/training-plan-check.md", "Is your training plan working?",
              "Is your training plan working?"),
        _Page("information-sharing", f"{BASE}/information-sharing.md", "Information sharing procedure",
              "Information sharing procedure"),
        _Page("learning", f"{BASE}/learning.md", "Learning needs and improvement",
              "Learning needs analysis, learning and improvement"),
        _Page("early-help", f"{BASE}/early-help.md", "Early help", "Early help: indicators and what to do"),
        _Page("business-plan", f"{BASE}/business-plan.md", "Example business plan",
              "Example business plan with capacity for multi-agency work"),
    ]
    if tk.data.get("evaluation_tools"):
        out.append(_Page("evaluation-tools", f"{BASE}/evaluation-tools.md", "Evaluation tools",
                         "Examples of evaluation tools and impact measurement systems"))
    if tk.data.get("training_sources"):
        out.append(_Page("training-sources", f"{BASE}/training-sources.md", "Sources of training",
                         "Sources of useful training"))
    out += [_Page("template", f"{BASE}/templates/{t['id']}.md", t["title"], f"Template: {t['title']}", t["id"])
            for t in tk.templates]
    return out


def _call(page: _Page) -> str:
    return f"toolkit_page({page.key!r}, {page.arg!r})" if page.arg else f"toolkit_page({page.key!r})"


def pages() -> list[PageSpec]:
    """The toolkit's generated pages, in nav order (none without toolkit data)."""
    if _current is None:
        return []
    return [PageSpec(p.path, f"{_current.short_title}: {p.title}", _call(p)) for p in _specs(_current)]


def nav() -> list[dict[str, Any]]:
    """Nav entries ({title: path}) for the toolkit's pages; the templates grouped under one heading."""
    if _current is None:
        return []
    specs = _specs(_current)
    entries: list[dict[str, Any]] = [{p.nav: p.path} for p in specs if p.key != "template"]
    templates = [{p.nav: p.path} for p in specs if p.key == "template"]
    if templates:
        entries.append({"Templates to fill in": templates})
    return entries


def url_of(path: str) -> str:
    """The directory URL of a page source path (toolkit/levels.md → toolkit/levels/)."""
    return PageSpec(path, "", "").url


def relative(from_path: str, to: str) -> str:
    """A link from one page (source path) to a page source path or a site file, relative (the site runs from any folder)."""
    here = url_of(from_path)
    target = url_of(to) if to.endswith(".md") else to
    rel = posixpath.relpath(target or ".", here or ".")
    if to.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return rel


def render_page(key: str, arg: str | None = None) -> str:
    """The Markdown of one toolkit page (what the ``toolkit_page`` macro returns)."""
    from macros import toolkit_render as r

    tk = current()
    specs = _specs(tk)
    page = next(p for p in specs if p.key == key and p.arg == arg)
    links = {p.key: relative(page.path, p.path) for p in specs if not p.arg}
    templates = {p.arg: relative(page.path, p.path) for p in specs if p.arg}
    if key == "overview":
        return r.overview(tk, [(relative(page.path, p.path), p.nav, p.key == "template") for p in specs[1:]])
    if key == "levels":
        return r.levels_page(tk, planner_url=links["planner"])
    if key == "training-content":
        return r.training_content_page(tk, planner_url=links["planner"])
    if key == "planner":
        return r.planner_page(tk, script_url=relative(page.path, "assets/explorer/planner.mjs"),
                              record_url=templates.get("staff-training-record"))
    if key == "training-plan-check":
        return r.training_plan_check_page(tk)
    if key == "information-sharing":
        return r.information_sharing_page(tk)
    if key == "learning":
        return r.learning_page(tk, template_url=templates.get("learning-needs-analysis"))
    if key == "early-help":
        return r.early_help_page(tk, template_url=templates.get("early-help-intervention-record"))
    if key == "business-plan":
        return r.business_plan_page(tk)
    if key == "evaluation-tools":
        return r.evaluation_tools_page(tk)
    if key == "training-sources":
        return r.training_sources_page(tk)
    if key == "template":
        return r.template_page(tk, arg, script_url=relative(page.path, "assets/explorer/templates.mjs"))
    raise KeyError(key)


def register(env) -> None:  # noqa: ANN001
    """Register the toolkit's macro: ``toolkit_page(kind, template_id=None)``."""
    env.macro(render_page, "toolkit_page")
