"""The organisational toolkit's pages: which pages, their nav, and the macro that fills them.

The data is loaded and checked by ``thresholds.toolkit`` (the frameworks' pipeline and error type); this
module only wires it into the site:
- ``load(root)``: load ``<frameworks>/toolkit/nspcc.yaml`` if there is one (raises FrameworkError);
- ``pages()`` and ``nav()``: the generated pages (macros.site.PageSpec) and their nav entries;
- ``register(env)``: the ``toolkit_page`` macro, which calls the render functions in ``macros.toolkit_render``.
Without the file (a test's own frameworks folder) the toolkit simply has no pages.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros import toolkit_render as r
from macros.site import PageSpec
from thresholds.toolkit import TOOLKIT_FILE, Toolkit, load_file

BASE = "toolkit"


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
