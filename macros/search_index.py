"""MkDocs hooks for the site's search: mark what is searchable, then index the built site with Pagefind.

Material's search builds one index of the whole site, which every page downloads: at 150 authorities
that is megabytes on every cold page. Pagefind writes its index as small fragments, and a query fetches
only the few it needs, so neither a page nor a search grows with the number of authorities. The search
page (docs/search.md, docs/assets/site-search.mjs) reads that index; nothing leaves the site's origin.

What is searchable: every page's article, except pages marked ``search: {exclude: true}`` (the explorer
pages, whose checklist repeats the indicator pages word for word: the page registry's ``searchable=False``,
which ``Page.front_matter`` in macros/pages.py writes as that mark) and the 404 page. A framework's pages
carry its authority as a filter, so a search can put "the authority you are reading" first or keep to it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are imported by path
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402

from macros.site import CATALOGUE  # noqa: E402
from thresholds.html import escape  # noqa: E402 - the one escaping path for text from YAML

INDEX_FOLDER = "pagefind"  # beside index.html in the built site
# Printed-only lines (authority · edition · address) repeat on every page: noise in results.
EXCLUDE_SELECTORS = [".print-only"]
PAGEFIND_TIMEOUT_S = 600
_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset"')
_FRAMEWORK_PAGE = re.compile(r"frameworks/([a-z0-9-]+)/")


def page_authority(page) -> str | None:
    """The authority whose framework a page belongs to, as the YAML says it (None for other pages)."""
    m = _FRAMEWORK_PAGE.match(page.file.src_uri) if page is not None else None
    if not m:
        return None
    try:
        return CATALOGUE.get(m.group(1)).authority
    except KeyError:
        return None


def _html_attr(value) -> str:
    """A value for a quoted attribute: page.meta's template values are HTML already (escaped once by
    macros/hooks.py, marked safe), so only plain text is escaped here."""
    return str(value.__html__()) if hasattr(value, "__html__") else escape(str(value))


def search_query(page) -> str:
    """The query the header's search link carries from this page: ``?authority=<name>`` on a framework's
    pages (percent-encoded: only URL-safe characters remain), nothing elsewhere."""
    authority = page_authority(page)
    return f"?authority={quote(authority, safe='')}" if authority else ""


def searchable(page) -> bool:
    """Whether a page goes into the search index (not the explorer pages, not the 404 page)."""
    if page is None or page.file.src_uri == "404.md":
        return False
    meta = page.meta or {}
    search = meta.get("search")
    return not (isinstance(search, dict) and search.get("exclude"))


def article_attributes(title, authority: str | None) -> str:
    """The Pagefind attributes for a page's article: index its body, its title and (if any) its authority.

    ``title`` is plain text or already-escaped HTML (page.meta's); ``authority`` is plain text. Values
    sit in their own attributes (``name[attribute]`` syntax), escaped once, so no text (a comma or a
    colon in an authority's name) can be read as Pagefind syntax.
    """
    attrs = [' data-pagefind-body', ' data-pagefind-meta="title[data-search-title]"',
             f' data-search-title="{_html_attr(title)}"']
    if authority:
        attrs += [' data-pagefind-filter="authority[data-search-authority]"',
                  f' data-search-authority="{escape(authority)}"']
    return "".join(attrs)


def mark_page(output: str, page) -> str:
    """The page's HTML with its article marked for Pagefind (unchanged when it is not searchable)."""
    if not searchable(page):
        return output
    meta = page.meta or {}
    title = meta.get("page_title") or page.title or ""
    return _ARTICLE.sub(lambda m: m.group(0) + article_attributes(title, page_authority(page)), output, count=1)


def on_page_context(context, page, config, nav):
    # After macros/hooks.py's on_page_context (hooks run in mkdocs.yml's order).
    page.meta["search_query"] = search_query(page)
    return context


def on_post_page(output: str, page, config) -> str:
    return mark_page(output, page)


def pagefind_command(site_dir: Path) -> list[str]:
    """Pagefind, as installed from PyPI with the project (``pagefind[bin]``), indexing ``site_dir``."""
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--output-subdir", INDEX_FOLDER, "--quiet"]
    for selector in EXCLUDE_SELECTORS:
        cmd += ["--exclude-selectors", selector]
    return cmd


def build_index(site_dir: Path) -> None:
    """Index the built site; a failure stops the build (the last good site stays published)."""
    try:
        done = subprocess.run(pagefind_command(site_dir), capture_output=True, text=True, timeout=PAGEFIND_TIMEOUT_S,
                              check=False)
    except (OSError, subprocess.TimeoutExpired) as err:
        raise PluginError(f"the search index could not be built: {err}") from None
    if done.returncode != 0 or not (site_dir / INDEX_FOLDER / "pagefind.js").is_file():
        detail = (done.stderr or done.stdout).strip()[-2000:]
        if "No module named pagefind" in detail:
            detail = "Pagefind is not installed: run  python -m pip install -e \".[site]\"  in the project folder"
        raise PluginError(f"the search index could not be built (pagefind exit {done.returncode}): {detail}")


def on_post_build(config) -> None:
    build_index(Path(config.site_dir))
