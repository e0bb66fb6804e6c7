"""MkDocs hooks: validate the frameworks, add one set of pages per framework, ship the browser files.

A broken framework stops the build here with one line per problem (file:line: field: message):
nothing is published. Adding a framework means adding a YAML file: no Markdown, no nav edit.
"""

from __future__ import annotations

import json
import logging
import re
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

from macros import concerns_render, csp, toolkit  # noqa: E402
from macros.explorer_data import explorer_json  # noqa: E402
from macros.runtime import runtime_folder  # noqa: E402
from macros.site import CATALOGUE, framework_pages  # noqa: E402
from thresholds import html  # noqa: E402
from thresholds.catalog import CONCERNS_SCHEMA  # noqa: E402
from thresholds.compare import index_json  # noqa: E402
from thresholds.errors import FrameworkError  # noqa: E402
from thresholds.schema import SCHEMA_FILE  # noqa: E402

_LOG = logging.getLogger("mkdocs.plugins.thresholds")
PYODIDE_BUILD = ROOT / "build" / "pyodide"
EXPLORER_JS = ROOT / "explorer" / "js"
NAV_MARKER = "Authorities"
TOOLKIT_NAV = "Organisational toolkit"
COMPARE_NAV = "Compare authorities"
CONCERNS_NAV = "Concerns"


def frameworks_dir(config) -> Path:
    """The frameworks folder: ``extra.frameworks_dir`` (for tests and previews) or ./frameworks."""
    configured = (config.get("extra") or {}).get("frameworks_dir", "frameworks")
    return (Path(config.config_file_path).parent / configured).resolve()


def on_config(config):
    _ABBR_CACHE.clear()
    try:
        CATALOGUE.load(frameworks_dir(config))
        toolkit.load(frameworks_dir(config))
    except FrameworkError as err:
        count = len(err.problems)
        raise PluginError(
            f"{count} problem{'s' if count != 1 else ''} in the frameworks; nothing was built:\n{err}"
        ) from None
    for problem in CATALOGUE.warnings:  # INFO, not WARNING: --strict must not fail on them
        _LOG.info(str(problem))
    # The global nav names no individual authority: each framework page carries its own local nav
    # (overrides/partials/nav.html), so a page's size does not grow with the number of frameworks.
    nav = list(config.get("nav") or [])
    if toolkit.nav():
        at = next((i + 1 for i, e in enumerate(nav) if isinstance(e, dict) and NAV_MARKER in e), len(nav))
        nav.insert(at, {TOOLKIT_NAV: _escaped_nav(toolkit.nav())})
    if CATALOGUE.concerns.concerns:
        # The index of concerns, beside the comparison of levels; each concern's page is reached from it.
        at = next((i + 1 for i, e in enumerate(nav) if isinstance(e, dict) and COMPARE_NAV in e), len(nav))
        nav.insert(at, {CONCERNS_NAV: concerns_render.INDEX_PATH})
    config["nav"] = nav
    return config


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


def page_meta(title: str, fw=None) -> dict:
    """What overrides/main.html and overrides/partials/nav.html print for one page, all escaped HTML."""
    meta: dict = {"page_title": _html(title)}
    if fw is not None:
        # authority and edition: printed on every page of a printout (overrides/main.html);
        # local_nav: this framework's pages, the sidebar's first section (overrides/partials/nav.html).
        meta |= {"authority": _html(fw.authority), "edition": _html(fw.edition),
                 "local_nav": [[_html(p.nav_title), p.url] for p in framework_pages(fw)]}
    return meta


def _page_source(title: str, call: str, fw=None, explorer: bool = False) -> str:
    """A generated page's Markdown: front matter naming its template values, and its macro call."""
    _PAGE_META.append(page_meta(title, fw))
    meta: dict = {"page_meta": len(_PAGE_META) - 1}
    if explorer:
        # Full width for checklist and result side by side; kept out of search, whose index every
        # page downloads: its checklist repeats the indicator pages word for word.
        meta |= {"hide": ["toc"], "search": {"exclude": True}}
    front = "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items())
    return f"---\n{front}---\n\n{{{{ {call} }}}}\n"


def on_files(files: Files, config) -> Files:
    _PAGE_META.clear()
    for fw in CATALOGUE.frameworks:
        for spec in framework_pages(fw):
            files.append(File.generated(config, spec.path, content=_page_source(f"{fw.authority}: {spec.nav_title}", spec.call, fw,
                                                                              explorer=spec.path.endswith("/explorer.md"))))
    for spec in toolkit.pages():
        files.append(File.generated(config, spec.path, content=_page_source(spec.nav_title, spec.call)))
    for item in CATALOGUE.items:
        # Only what the explorer uses (macros/explorer_data.py): the rest is on the framework's pages.
        files.append(File.generated(config, f"data/{item.framework.id}.json", content=explorer_json(item.data)))
    if CATALOGUE.concerns.concerns:
        files.append(File.generated(config, concerns_render.INDEX_PATH, content=_page_source("Concerns across authorities", "concerns_index()")))
        for concern in CATALOGUE.concerns.concerns:
            # Full width (no table of contents): five authorities' columns side by side.
            source = _page_source(f"Concern: {concern.label}", f"concern_page({concern.id!r})")
            files.append(File.generated(config, concerns_render.concern_path(concern.id),
                                        content=source.replace("---\n", '---\nhide: ["toc"]\n', 1)))
        # What the explorer's "How other areas describe this" needs of every framework, in one small file.
        files.append(File.generated(config, "data/concerns-index.json",
                                    content=index_json([x.data for x in CATALOGUE.items], CATALOGUE.concerns)))
    files.append(File.generated(config, "schema/framework.schema.json", abs_src_path=str(SCHEMA_FILE)))
    files.append(File.generated(config, "schema/concerns.schema.json", abs_src_path=str(CONCERNS_SCHEMA)))
    for js in sorted(EXPLORER_JS.glob("*.mjs")):
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
    m = re.match(r"frameworks/([a-z0-9-]+)/", page.file.src_uri)
    return m.group(1) if m else None


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
