"""MkDocs hooks: validate the frameworks, add one set of pages per framework, ship the browser files.

A broken framework stops the build here with one line per problem (file:line: field: message):
nothing is published. Adding a framework means adding a YAML file: no Markdown, no nav edit.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # hooks are imported by path; render functions live beside them
    sys.path.insert(0, str(ROOT))

from mkdocs.exceptions import PluginError  # noqa: E402
from mkdocs.structure.files import File, Files  # noqa: E402

from macros import toolkit  # noqa: E402
from macros.explorer_data import explorer_json  # noqa: E402
from macros.runtime import runtime_folder  # noqa: E402
from macros.site import CATALOGUE, framework_pages  # noqa: E402
from thresholds import html  # noqa: E402
from thresholds.errors import FrameworkError  # noqa: E402
from thresholds.schema import SCHEMA_FILE  # noqa: E402

PYODIDE_BUILD = ROOT / "build" / "pyodide"
EXPLORER_JS = ROOT / "explorer" / "js"
NAV_MARKER = "Authorities"
TOOLKIT_NAV = "Organisational toolkit"


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
    # The global nav names no individual authority: each framework page carries its own local nav
    # (overrides/partials/nav.html), so a page's size does not grow with the number of frameworks.
    nav = list(config.get("nav") or [])
    if toolkit.nav():
        at = next((i + 1 for i, e in enumerate(nav) if isinstance(e, dict) and NAV_MARKER in e), len(nav))
        nav.insert(at, {TOOLKIT_NAV: toolkit.nav()})
    config["nav"] = nav
    return config


def _page_source(title: str, call: str, fw=None, explorer: bool = False) -> str:
    meta: dict = {"page_title": title}
    if explorer:
        # Full width for checklist and result side by side; kept out of search, whose index every
        # page downloads: its checklist repeats the indicator pages word for word.
        meta |= {"hide": ["toc"], "search": {"exclude": True}}
    if fw is not None:
        # authority and edition: printed on every page of a printout (overrides/main.html);
        # local_nav: this framework's pages, the sidebar's first section (overrides/partials/nav.html).
        meta |= {"authority": fw.authority, "edition": fw.edition,
                 "local_nav": [[p.nav_title, p.url] for p in framework_pages(fw)]}
    front = "".join(f"{key}: {json.dumps(value)}\n" for key, value in meta.items())
    return f"---\n{front}---\n\n{{{{ {call} }}}}\n"


def on_files(files: Files, config) -> Files:
    for fw in CATALOGUE.frameworks:
        for spec in framework_pages(fw):
            files.append(File.generated(config, spec.path, content=_page_source(f"{fw.authority}: {spec.nav_title}", spec.call, fw,
                                                                              explorer=spec.path.endswith("/explorer.md"))))
    for spec in toolkit.pages():
        files.append(File.generated(config, spec.path, content=_page_source(spec.nav_title, spec.call)))
    for item in CATALOGUE.items:
        # Only what the explorer uses (macros/explorer_data.py): the rest is on the framework's pages.
        files.append(File.generated(config, f"data/{item.framework.id}.json", content=explorer_json(item.data)))
    files.append(File.generated(config, "schema/framework.schema.json", abs_src_path=str(SCHEMA_FILE)))
    for js in sorted(EXPLORER_JS.glob("*.mjs")):
        files.append(File.generated(config, f"assets/explorer/{js.name}", abs_src_path=str(js)))
    # The runtime's versioned folder (macros/runtime.py), with its precompressed .br/.gz copies.
    runtime = runtime_folder(PYODIDE_BUILD)
    if runtime is not None:
        for asset in sorted(runtime.iterdir()):
            if asset.is_file():
                files.append(File.generated(config, f"pyodide/{runtime.name}/{asset.name}", abs_src_path=str(asset)))
    return files


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
    terms: dict[str, str] = {}
    # A framework's own definition wins on its pages; elsewhere the first authority's, by name.
    ordered = sorted(CATALOGUE.frameworks, key=lambda f: (f.id != framework_id, f.authority))
    for fw in reversed(ordered):
        terms.update({g["term"]: g["definition"] for g in fw.glossary if g.get("abbreviation")})
    return html.Abbreviations(terms)


def on_page_content(content: str, page, config, files) -> str:
    return _abbreviations(_framework_of(page)).apply(content)


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S)


def content_security_policy(page_html: str) -> str:
    """A CSP allowing only this origin, plus the exact inline scripts the theme writes (by hash).

    'wasm-unsafe-eval' lets Pyodide compile WebAssembly; nothing more lax is allowed.
    """
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for attrs, body in _INLINE_SCRIPT.findall(page_html)
        if "application/json" not in attrs and body.strip()
    })
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + " ".join(hashes),
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'none'",
    ]).replace("  ", " ")


_COMMAND = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    _COMMAND["name"] = command


def on_post_page(output: str, page, config) -> str:
    if _COMMAND["name"] == "serve":
        # `mkdocs serve` injects an inline live-reload script after this hook: a policy here would
        # block it, and the preview would not update as publishers save. Built sites always get one.
        return output
    csp = content_security_policy(output)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
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
