"""The registry of the site's generated pages: every page kind, its path, titles, render function and flags.

One place says which pages the build makes and how each is filled:
- ``framework_pages(fw)``: the pages one framework gets (overview, explorer, levels, one indicator page per
  level with indicators, consent, escalation, guidance, contacts, glossary, editions);
- ``toolkit_pages(tk)``: the organisational toolkit's pages (its kinds are listed in ``TOOLKIT_KINDS``);
- ``concern_pages(...)``: the index of concerns and one page per concern;
- ``site_pages(catalogue)``: all of them, for the hooks (macros/hooks.py), which write each page's front
  matter from its flags (``Page.front_matter``) and its body from its render function, and add the nav
  (``site_nav``). No page goes through Jinja: framework text is never read as a template.
- ``MACROS``: the few macros the hand-written pages under docs/ call (registered by ``define_env``).

The render functions themselves live in ``render``, ``toolkit_render`` and ``concerns_render``; this module
only decides which page calls which, with which links.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

from thresholds.concerns import Vocabulary
from thresholds.model import Framework
from thresholds.toolkit import Toolkit

from . import concerns_render, render, toolkit_render
from .runtime import pyodide_path
from .site import CATALOGUE, Catalogue

CONCERNS_INDEX = "concerns/index.md"
CONCERNS_NAV = "Concerns"
TOOLKIT_BASE = "toolkit"
TOOLKIT_TEMPLATES_NAV = "Templates to fill in"


# ------------------------------------------------------------------------------------------------ paths

def url_of(path: str) -> str:
    """The directory URL of a page source path (toolkit/levels.md → toolkit/levels/, x/index.md → x/)."""
    stem = path.removesuffix(".md")
    return stem.removesuffix("index") if stem == "index" or stem.endswith("/index") else stem + "/"


def root_of(page_url: str) -> str:
    """The relative path from a page (its directory URL, e.g. "explorer/") to the site root."""
    depth = len([part for part in page_url.split("/")[:-1] if part]) if page_url else 0
    return "../" * depth


def relative(from_path: str, to: str) -> str:
    """A link from one page (source path) to a page source path or a site file, relative (the site runs
    from any folder)."""
    here = url_of(from_path)
    target = url_of(to) if to.endswith(".md") else to
    rel = posixpath.relpath(target or ".", here or ".")
    if to.endswith(".md"):
        rel = "./" if rel == "." else rel + "/"
    return rel


# ------------------------------------------------------------------------------------------------ pages

@dataclass(frozen=True)
class Page:
    """One generated page.

    ``render`` returns the page's Markdown (with embedded, escaped HTML); it is called once, by the hooks.
    ``title`` is the page's full title (plain text: escaped once, by the hooks); ``nav_title`` the shorter
    one the nav and the framework's local nav show. Flags: ``full_width`` hides the table of contents;
    ``searchable=False`` keeps the page out of the search index (macros/search_index.py). ``head``, if
    set, returns HTML for the page's ``<head>`` (escaped by its render function; overrides/main.html).
    ``theme_scripts_later``: the theme's scripts wait in a ``<template id="theme-scripts">`` for the
    page's own script to load them (overrides/main.html; the explorer's, once it has started).
    """

    kind: str
    path: str  # docs-relative source path, e.g. frameworks/kirklees/levels.md
    nav_title: str
    title: str
    render: Callable[[], str] = field(compare=False, repr=False)
    framework: Framework | None = field(default=None, compare=False, repr=False)
    full_width: bool = False
    searchable: bool = True
    head: Callable[[], str] | None = field(default=None, compare=False, repr=False)
    theme_scripts_later: bool = False

    @property
    def url(self) -> str:
        return url_of(self.path)

    def front_matter(self) -> dict[str, Any]:
        """The page's flags as MkDocs front matter (the one place they become front matter).

        ``render_macros: false``: the body is final Markdown, never a template, so mkdocs-macros must not
        read framework text (``{{ … }}`` in a title or an indicator) as Jinja.
        """
        meta: dict[str, Any] = {"render_macros": False}
        if self.full_width:
            meta["hide"] = ["toc"]
        if not self.searchable:
            meta["search"] = {"exclude": True}
        if self.theme_scripts_later:
            meta["theme_scripts_later"] = True
        return meta


def _framework_explorer(fw: Framework, catalogue: Catalogue) -> str:
    return render.explorer_page(fw, vocabulary=catalogue.vocabulary, concerns=catalogue.concerns)


def _framework_explorer_head(fw: Framework, path: str) -> str:
    root = root_of(url_of(path))
    return render.explorer_head(script_url=f"{root}assets/explorer/explorer.js", data_url=f"{root}data/{fw.id}.json",
                                pyodide_url=root + pyodide_path(), worker_url=f"{root}assets/explorer/worker.mjs")


def _framework_changes(fw: Framework, catalogue: Catalogue) -> str:
    return render.changes_page(fw, catalogue.previous.get(fw.id))


def framework_pages(fw: Framework, catalogue: Catalogue = CATALOGUE) -> list[Page]:
    """The pages one framework gets, in nav order. Adding a framework needs no Markdown.

    The explorer page is full width (checklist and result side by side) and kept out of search, whose
    index every page downloads: its checklist repeats the indicator pages word for word.
    """
    base = f"frameworks/{fw.id}"

    def page(kind: str, slug: str, nav_title: str, fill: Callable[[], str], **flags: Any) -> Page:
        return Page(kind, f"{base}/{slug}.md", nav_title, f"{fw.authority}: {nav_title}", fill, fw, **flags)

    explorer = f"{base}/explorer.md"
    rest = [
        page("explorer", "explorer", "Threshold explorer", partial(_framework_explorer, fw, catalogue),
             full_width=True, searchable=False, head=partial(_framework_explorer_head, fw, explorer),
             theme_scripts_later=True),
        page("levels", "levels", "Levels and responses", partial(render.levels_page, fw)),
    ]
    rest += [page("indicators", f"indicators/{lv.id}", f"{lv.name} indicators", partial(render.indicators_page, fw, lv.id))
             for lv in fw.levels if fw.indicators_at(lv.id)]  # an indicator listed at several levels appears on each
    rest += [
        page("consent", "consent", "Information sharing and consent", partial(render.consent_page, fw)),
        page("escalation", "escalation", "Resolving disagreement", partial(render.escalation_page, fw)),
        page("guidance", "guidance", "Guidance", partial(render.guidance_page, fw)),
        page("contacts", "contacts", "Contacts", partial(render.contacts_page, fw)),
        page("glossary", "glossary", "Glossary", partial(render.glossary_page, fw)),
        page("changes", "changes", "Editions and amendments", partial(_framework_changes, fw, catalogue)),
    ]
    index = f"{base}/index.md"
    links = [(relative(index, p.path), p.nav_title) for p in rest]
    return [page("overview", "index", "Overview", partial(render.overview, fw, links)), *rest]


# ---------------------------------------------------------------------------------------------- toolkit

@dataclass(frozen=True)
class ToolkitLinks:
    """Where a toolkit page links to, relative to that page: the other pages by kind, the templates by id."""

    path: str  # the page's own source path
    pages: Mapping[str, str]  # kind → source path (pages that are not templates)
    templates: Mapping[str, str]  # template id → source path
    contents: tuple[tuple[str, str, str], ...] = ()  # every toolkit page in nav order: (kind, path, nav title)

    def page(self, kind: str) -> str:
        return relative(self.path, self.pages[kind])

    def template(self, template_id: str) -> str | None:
        return relative(self.path, self.templates[template_id]) if template_id in self.templates else None

    def file(self, site_path: str) -> str:
        return relative(self.path, site_path)


# Each toolkit page kind's render: (toolkit, its links) → Markdown. Those needing no links ignore them.
ToolkitRender = Callable[[Toolkit, ToolkitLinks], str]


def _tk_overview(tk: Toolkit, at: ToolkitLinks) -> str:
    entries = [(relative(at.path, path), nav, kind == TEMPLATE_KIND) for kind, path, nav in at.contents if path != at.path]
    return toolkit_render.overview(tk, entries)


def _tk_levels(tk: Toolkit, at: ToolkitLinks) -> str:
    return toolkit_render.levels_page(tk, planner_url=at.page("planner"))


def _tk_training_content(tk: Toolkit, at: ToolkitLinks) -> str:
    return toolkit_render.training_content_page(tk, planner_url=at.page("planner"))


def _tk_planner(tk: Toolkit, at: ToolkitLinks) -> str:
    return toolkit_render.planner_page(tk, script_url=at.file("assets/explorer/planner.mjs"),
                                       record_url=at.template("staff-training-record"))


def _tk_learning(tk: Toolkit, at: ToolkitLinks) -> str:
    return toolkit_render.learning_page(tk, template_url=at.template("learning-needs-analysis"))


def _tk_early_help(tk: Toolkit, at: ToolkitLinks) -> str:
    return toolkit_render.early_help_page(tk, template_url=at.template("early-help-intervention-record"))


def _tk_only(function: Callable[[Toolkit], str]) -> ToolkitRender:
    """A render that needs the toolkit only, as a ToolkitRender."""
    def fill(tk: Toolkit, at: ToolkitLinks) -> str:
        return function(tk)
    fill.__name__ = function.__name__
    return fill


def _tk_template(tk: Toolkit, at: ToolkitLinks, template_id: str) -> str:
    return toolkit_render.template_page(tk, template_id, script_url=at.file("assets/explorer/templates.mjs"))


@dataclass(frozen=True)
class ToolkitKind:
    """A kind of toolkit page: its slug under toolkit/, nav title, title, render, and (optionally) the
    section of the data without which the page is not made."""

    kind: str
    slug: str
    nav_title: str
    title: str  # after "<short title>: "
    render: ToolkitRender
    needs: str | None = None


TOOLKIT_KINDS: tuple[ToolkitKind, ...] = (
    ToolkitKind("overview", "index", "Overview", "Organisational safeguarding toolkit", _tk_overview),
    ToolkitKind("levels", "levels", "Levels of responsibility and competencies",
                "Levels of responsibility and competencies", _tk_levels),
    ToolkitKind("training-content", "training-content", "Training content by level",
                "Content of child protection training by level", _tk_training_content),
    ToolkitKind("planner", "planner", "Training planner", "Training planner", _tk_planner),
    ToolkitKind("training-plan-check", "training-plan-check", "Is your training plan working?",
                "Is your training plan working?", _tk_only(toolkit_render.training_plan_check_page)),
    ToolkitKind("information-sharing", "information-sharing", "Information sharing procedure",
                "Information sharing procedure", _tk_only(toolkit_render.information_sharing_page)),
    ToolkitKind("learning", "learning", "Learning needs and improvement",
                "Learning needs analysis, learning and improvement", _tk_learning),
    ToolkitKind("early-help", "early-help", "Early help", "Early help: indicators and what to do", _tk_early_help),
    ToolkitKind("business-plan", "business-plan", "Example business plan",
                "Example business plan with capacity for multi-agency work", _tk_only(toolkit_render.business_plan_page)),
    ToolkitKind("evaluation-tools", "evaluation-tools", "Evaluation tools",
                "Examples of evaluation tools and impact measurement systems",
                _tk_only(toolkit_render.evaluation_tools_page), needs="evaluation_tools"),
    ToolkitKind("training-sources", "training-sources", "Sources of training", "Sources of useful training",
                _tk_only(toolkit_render.training_sources_page), needs="training_sources"),
)
TEMPLATE_KIND = "template"  # one page per template, under toolkit/templates/, rendered by _tk_template


def toolkit_pages(tk: Toolkit | None) -> list[Page]:
    """The toolkit's pages, in nav order: its kinds, then one page per template (none without toolkit data)."""
    if tk is None:
        return []
    kinds = [k for k in TOOLKIT_KINDS if k.needs is None or tk.data.get(k.needs)]
    paths = {k.kind: f"{TOOLKIT_BASE}/{k.slug}.md" for k in kinds}
    templates = {t["id"]: f"{TOOLKIT_BASE}/templates/{t['id']}.md" for t in tk.templates}
    specs: list[tuple[str, str, str, str, ToolkitRender]] = [
        (k.kind, paths[k.kind], k.nav_title, k.title, k.render) for k in kinds]
    specs += [(TEMPLATE_KIND, templates[t["id"]], t["title"], f"Template: {t['title']}",
               partial(_tk_template, template_id=t["id"])) for t in tk.templates]
    contents = tuple((kind, path, nav) for kind, path, nav, _, _ in specs)
    return [Page(kind, path, nav, f"{tk.short_title}: {title}",
                 partial(fill, tk, ToolkitLinks(path, paths, templates, contents)))
            for kind, path, nav, title, fill in specs]


def toolkit_nav(pages: Sequence[Page]) -> list[dict[str, Any]]:
    """Nav entries ({title: path}) for the toolkit's pages; the templates grouped under one heading."""
    entries: list[dict[str, Any]] = [{p.nav_title: p.path} for p in pages if p.kind != TEMPLATE_KIND]
    templates = [{p.nav_title: p.path} for p in pages if p.kind == TEMPLATE_KIND]
    if templates:
        entries.append({TOOLKIT_TEMPLATES_NAV: templates})
    return entries


# --------------------------------------------------------------------------------------------- concerns

def concern_pages(vocabulary: Vocabulary, frameworks: Sequence[Framework]) -> list[Page]:
    """The index of concerns and one page per concern (none without a concerns vocabulary).

    A concern's page is full width (no table of contents): five authorities' columns side by side.
    """
    if not vocabulary.concerns:
        return []
    pages = [Page("concerns-index", CONCERNS_INDEX, CONCERNS_NAV, "Concerns across authorities",
                  partial(concerns_render.concerns_index, vocabulary, frameworks, root_of(url_of(CONCERNS_INDEX))))]
    for concern in vocabulary.concerns:
        path = f"concerns/{concern.id}.md"
        pages.append(Page("concern", path, concern.label, f"Concern: {concern.label}",
                          partial(concerns_render.concern_page, concern, frameworks, root_of(url_of(path))),
                          full_width=True))
    return pages


# ------------------------------------------------------------------------------------------- the site

@dataclass(frozen=True)
class SitePages:
    """Every generated page of one build, by group (the nav places each group differently)."""

    frameworks: list[Page]
    toolkit: list[Page]
    concerns: list[Page]

    @property
    def all(self) -> list[Page]:
        return [*self.frameworks, *self.toolkit, *self.concerns]

    @cached_property
    def _by_path(self) -> dict[str, Page]:
        return {p.path: p for p in self.all}

    def at(self, path: str) -> Page | None:
        """The generated page at a docs-relative source path (None for a hand-written page)."""
        return self._by_path.get(path)


def site_pages(catalogue: Catalogue = CATALOGUE) -> SitePages:
    """Every generated page of the catalogue's build, in nav order."""
    return SitePages(
        frameworks=[p for fw in catalogue.frameworks for p in framework_pages(fw, catalogue)],
        toolkit=toolkit_pages(catalogue.toolkit),
        concerns=concern_pages(catalogue.concerns, catalogue.frameworks),
    )


# ----------------------------------------------------------------------------- hand-written pages' macros

def authority_links(page_url: str, suffix: str = "") -> str:
    """``{{ authority_links(suffix) }}``: every authority, linked relative to the page it is on."""
    return render.authority_links(CATALOGUE.frameworks, suffix, root_of(page_url) + "frameworks/")


def compare_authorities(page_url: str) -> str:
    """``{{ compare_authorities() }}``: every authority's levels side by side."""
    return render.compare_page(CATALOGUE.frameworks)


# Macro name → function of (the calling page's URL, the macro's own arguments). Only docs/*.md call these.
MACROS: Mapping[str, Callable[..., str]] = {
    "authority_links": authority_links,
    "compare_authorities": compare_authorities,
}
