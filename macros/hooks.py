"""MkDocs hooks: validate the frameworks, add the registry's pages (macros/pages.py), ship the browser files.

A broken framework stops the build here with one line per problem (file:line: field: message):
nothing is published. Adding a framework means adding a YAML file: no Markdown, no nav edit.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are imported by path; render functions live beside them
    sys.path.insert(0, str(ROOT))

from markupsafe import Markup  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402
from mkdocs.utils import get_relative_url  # noqa: E402

from macros import csp, pages  # noqa: E402
from macros.explorer_data import explorer_json  # noqa: E402
from macros.runtime import runtime_folder  # noqa: E402
from macros.site import CATALOGUE  # noqa: E402
from thresholds import html  # noqa: E402
from thresholds.catalog import CONCERNS_SCHEMA  # noqa: E402
from thresholds.compare import index_json  # noqa: E402
from thresholds.errors import FrameworkError  # noqa: E402
from thresholds.schema import SCHEMA_FILE  # noqa: E402
from thresholds.toolkit import SCHEMA_FILE as TOOLKIT_SCHEMA  # noqa: E402

_LOG = logging.getLogger("mkdocs.plugins.thresholds")
PYODIDE_BUILD = ROOT / "build" / "pyodide"
EXPLORER_JS = ROOT / "explorer" / "js"
NAV_MARKER = "Authorities"
TOOLKIT_NAV = "Organisational toolkit"
COMPARE_NAV = "Compare authorities"
# The schemas, published beside the site's data for editors and other tools.
SCHEMAS = {"framework.schema.json": SCHEMA_FILE, "concerns.schema.json": CONCERNS_SCHEMA,
           "toolkit.schema.json": TOOLKIT_SCHEMA}


def frameworks_dir(config) -> Path:
    """The frameworks folder: ``extra.frameworks_dir`` (for tests and previews) or ./frameworks."""
    configured = (config.get("extra") or {}).get("frameworks_dir", "frameworks")
    return (Path(config.config_file_path).parent / configured).resolve()


def on_config(config):
    _ABBR_CACHE.clear()
    try:
        CATALOGUE.load(frameworks_dir(config))
    except FrameworkError as err:
        count = len(err.problems)
        raise PluginError(
            f"{count} problem{'s' if count != 1 else ''} in the frameworks; nothing was built:\n{err}"
        ) from None
    for problem in CATALOGUE.warnings:  # INFO, not WARNING: --strict must not fail on them
        _LOG.info(str(problem))
    _SITE["pages"] = pages.site_pages(CATALOGUE)
    config["nav"] = site_nav(list(config.get("nav") or []), _SITE["pages"])
    return config


_SITE: dict[str, pages.SitePages] = {}  # this build's pages (the registry's), made once in on_config


def site_nav(nav: list, site: pages.SitePages) -> list:
    """The hand-written nav of mkdocs.yml with the registry's groups added.

    The global nav names no individual authority: each framework page carries its own local nav
    (overrides/partials/nav.html), so a page's size does not grow with the number of frameworks.
    The toolkit follows "Authorities"; the index of concerns sits beside the comparison of levels (each
    concern's page is reached from it).
    """
    if site.toolkit:
        at = next((i + 1 for i, e in enumerate(nav) if isinstance(e, dict) and NAV_MARKER in e), len(nav))
        nav.insert(at, {TOOLKIT_NAV: _escaped_nav(pages.toolkit_nav(site.toolkit))})
    index = next((p for p in site.concerns if p.path == pages.CONCERNS_INDEX), None)
    if index is not None:
        at = next((i + 1 for i, e in enumerate(nav) if isinstance(e, dict) and COMPARE_NAV in e), len(nav))
        nav.insert(at, {index.nav_title: index.path})
    return nav


def _html(text: str) -> Markup:
    """Text from YAML as HTML for a template: escaped here, once (thresholds.html).

    Marked safe so that a template that escapes (autoescape, ``| e``) does not escape it again;
    templates print these values as they are, so no other escaping is needed or wanted. Braces
    become character references too: mkdocs-macros renders a page title holding ``{{`` or ``{%``
    as Jinja, which would run framework text as template code at build time.
    """
    return Markup(html.escape(text).replace("{", "&#123;").replace("}", "&#125;"))


# Template values of each generated page, set in on_page_context. Only an index into this list is
# written into the page's front matter, so no framework text is ever read as YAML or Jinja there.
_PAGE_META: list[dict] = []


def page_meta(title: str, fw=None, head: str | None = None) -> dict:
    """What overrides/main.html and overrides/partials/nav.html print for one page, all escaped HTML.

    ``head`` is HTML from the page's own render function (pages.Page.head), which escaped its values.
    """
    meta: dict = {"page_title": _html(title)}
    if head:
        meta["head"] = Markup(head)
    if fw is not None:
        # authority and edition: printed on every page of a printout (overrides/main.html);
        # local_nav: this framework's pages, the sidebar's first section (overrides/partials/nav.html).
        meta |= {"authority": _html(fw.authority), "edition": _html(fw.edition),
                 "local_nav": [[_html(p.nav_title), p.url] for p in pages.framework_pages(fw, CATALOGUE)]}
    return meta


def page_source(page: pages.Page) -> str:
    """A generated page's Markdown: front matter (its flags, and the index of its template values), then
    what its render function returns. The body is final: it is never rendered as a template."""
    _PAGE_META.append(page_meta(page.title, page.framework, page.head() if page.head else None))
    meta = {"page_meta": len(_PAGE_META) - 1} | page.front_matter()
    front = "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items())
    return f"---\n{front}---\n\n{page.render()}\n"


def on_files(files: Files, config) -> Files:
    _PAGE_META.clear()
    for page in _SITE["pages"].all:
        files.append(File.generated(config, page.path, content=page_source(page)))
    for item in CATALOGUE.items:
        # Only what the explorer uses (macros/explorer_data.py): the rest is on the framework's pages.
        files.append(File.generated(config, f"data/{item.framework.id}.json", content=explorer_json(item.data)))
    if CATALOGUE.concerns.concerns:
        # What the explorer's "How other areas describe this" needs of every framework, in one small file.
        files.append(File.generated(config, "data/concerns-index.json",
                                    content=index_json([x.data for x in CATALOGUE.items], CATALOGUE.concerns)))
    for name, path in SCHEMAS.items():
        files.append(File.generated(config, f"schema/{name}", abs_src_path=str(path)))
    for js in sorted([*EXPLORER_JS.glob("*.js"), *EXPLORER_JS.glob("*.mjs")]):
        files.append(File.generated(config, f"assets/explorer/{js.name}", abs_src_path=str(js)))
    # The runtime's versioned folder (macros/runtime.py), with its precompressed .br/.gz copies.
    runtime = runtime_folder(PYODIDE_BUILD)
    if runtime is not None:
        for asset in sorted(runtime.iterdir()):
            if asset.is_file():
                files.append(File.generated(config, f"pyodide/{runtime.name}/{asset.name}", abs_src_path=str(asset)))
    return files


def on_page_context(context, page, config, nav):
    index = page.meta.get("page_meta")
    if isinstance(index, int) and 0 <= index < len(_PAGE_META):
        page.meta.update(_PAGE_META[index])
    return context


def _escaped_nav(entries: list) -> list:
    """Nav entries with their titles escaped: Material prints nav titles as HTML."""
    out = []
    for entry in entries:
        if isinstance(entry, dict):
            out.append({str(_html(k)): _escaped_nav(v) if isinstance(v, list) else v for k, v in entry.items()})
        else:
            out.append(entry)
    return out


def _framework_of(page) -> str | None:
    """The id of the framework a page belongs to, as the registry says (None for every other page)."""
    found = _SITE["pages"].at(page.file.src_uri) if "pages" in _SITE else None
    return found.framework.id if found is not None and found.framework is not None else None


_ABBR_CACHE: dict[str | None, html.Abbreviations] = {}


def _abbreviations(framework_id: str | None) -> html.Abbreviations:
    # One compiled pattern per framework (not per page): builds of many frameworks stay linear.
    if framework_id not in _ABBR_CACHE:
        _ABBR_CACHE[framework_id] = _make_abbreviations(framework_id)
    return _ABBR_CACHE[framework_id]


def _make_abbreviations(framework_id: str | None) -> html.Abbreviations:
    """A framework's own glossary, for its own pages only.

    Pages about no one framework (home, compare, authorities, the toolkit) get none: the same letters
    mean different services in different areas, and on the compare page one authority's definition
    would explain another authority's words.
    """
    if framework_id is None:
        return html.NO_ABBREVIATIONS
    fw = CATALOGUE.get(framework_id)
    return html.Abbreviations({g["term"]: g["definition"] for g in fw.glossary if g.get("abbreviation")})


def on_page_content(content: str, page, config, files) -> str:
    return _abbreviations(_framework_of(page)).apply(content)


# The theme's inline scripts for this build (read from its templates in on_env), by hash.
_THEME: dict[str, csp.ThemeScripts] = {}


def on_env(env, config, files):
    _THEME["scripts"] = csp.ThemeScripts(env, config)
    return env


def content_security_policy(page_html: str, base_url: str) -> str:
    """A CSP allowing only this origin, plus the theme's own inline scripts that the page carries.

    The allowed hashes come from the theme's templates (macros/csp.py), not from the page: an inline
    script that framework text smuggled into the page is not in that list, so it never runs.
    """
    return csp.page_policy(_THEME["scripts"].hashes(base_url), page_html)


_COMMAND = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _COMMAND["name"] = command


def on_post_page(output: str, page, config) -> str:
    if _COMMAND["name"] == "serve":
        # `mkdocs serve` injects an inline live-reload script after this hook: a policy here would
        # block it, and the preview would not update as publishers save. Built sites always get one.
        return output
    if page is not None:
        base_url = get_relative_url(".", page.url)  # as MkDocs computes it for the page's template
    else:
        base_url = urlsplit(config.site_url or "/").path  # as MkDocs does for the 404 template
    policy = content_security_policy(output, base_url)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return output.replace("<head>", "<head>\n    " + meta, 1)


def on_post_template(output_content: str, template_name: str, config) -> str:
    # The 404 page is rendered from a template, not a page: give it the same policy.
    if "<head>" in output_content:
        return on_post_page(output_content, None, config)
    return output_content


def on_post_build(config) -> None:
    # .br/.gz copies of the larger static files, for nginx's brotli_static/gzip_static.
    from macros.precompress import precompress_site

    precompress_site(Path(config["site_dir"]), ROOT / "build" / ".precompress-cache")
