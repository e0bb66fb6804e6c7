"""The built site's generated pages are exactly the page registry's (macros/pages.py): the same URLs, the
nav and each framework's local nav taken from it, each page's flags as its front matter said."""

from __future__ import annotations

import re
from pathlib import Path

from macros import pages
from macros.site import Catalogue

from .conftest import ROOT
from .test_build import parse

# (MkDocs builds a folder's README.md as its index page.)
HAND_WRITTEN = {re.sub(r"(^|/)README\.md$", r"\1index.md", p.relative_to(ROOT / "docs").as_posix())
                for p in (ROOT / "docs").rglob("*.md")}


def registry() -> pages.SitePages:
    catalogue = Catalogue()
    catalogue.load(ROOT / "frameworks")
    return pages.site_pages(catalogue)


def built_pages(site: Path) -> set[str]:
    """Every page's URL in the built site (folder of an index.html), but the hand-written ones and the 404."""
    urls = {p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    urls = {"" if u == "./" else u for u in urls}
    return urls - {pages.url_of(p) for p in HAND_WRITTEN} - {"pagefind/"}


def test_the_built_pages_are_the_registrys_pages(site):
    listed = registry().all
    assert {p.url for p in listed} == built_pages(site)
    for page in listed:
        parsed = parse(site / page.url / "index.html")
        assert parsed.h1.strip(), page.path


def test_each_framework_pages_local_nav_is_its_registry_pages_in_order(site):
    every = registry()
    by_framework: dict[str, list[pages.Page]] = {}
    for page in every.frameworks:
        by_framework.setdefault(page.framework.id, []).append(page)
    assert by_framework
    for fid, listed in by_framework.items():
        html = (site / "frameworks" / fid / "levels" / "index.html").read_text(encoding="utf-8")
        start = html.index('local-nav"')
        local = html[start:html.index("</nav>", start)]
        hrefs = re.findall(r'<a href="([^"]*)" class="md-nav__link', local)
        # The local nav's links, relative to frameworks/<id>/levels/, in the registry's order.
        assert hrefs == [pages.relative(f"frameworks/{fid}/levels.md", p.path) for p in listed], fid


def test_the_toolkit_nav_is_the_registrys(site):
    # On the toolkit's own pages the nav shows its section open (navigation.prune closes it elsewhere).
    # Templates are a section of their own, open on a template's page.
    toolkit = registry().toolkit
    template = next(p for p in toolkit if p.kind == pages.TEMPLATE_KIND)
    for page in toolkit:
        seen_from = template if page.kind == pages.TEMPLATE_KIND else toolkit[0]
        html = (site / seen_from.url / "index.html").read_text(encoding="utf-8")
        nav = html[html.index('class="md-nav md-nav--primary"'):html.index('data-md-type="toc"')]
        assert f'href="{pages.relative(seen_from.path, page.path)}"' in nav, page.path


def test_flags_shape_the_built_pages(site):
    every = registry().all
    for page in every:
        html = (site / page.url / "index.html").read_text(encoding="utf-8")
        toc = re.search(r'<div class="md-sidebar md-sidebar--secondary"[^>]*>', html).group(0)
        assert toc.endswith(" hidden>") == page.full_width, page.path
        assert ("data-pagefind-body" in html) == page.searchable, page.path


def test_no_generated_page_was_read_as_a_template(site):
    # A macro call left unexpanded, or framework text read as Jinja, would show here.
    for page in registry().all:
        html = (site / page.url / "index.html").read_text(encoding="utf-8")
        assert not re.search(r"\{\{\s*\w+\(", html), page.path
