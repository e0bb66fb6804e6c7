"""The site's Content-Security-Policy: the one definition behind every page's <meta> tag and the
HTTP header a web server sends (docs/deploy/ compares against ``header_policy``).

Inline scripts are allowed by hash, and only the theme's own: their bodies are read from the theme's
template source and rendered with the page's base URL, never collected from a finished page, so a
script that framework text smuggles into a page is never trusted, however it got there.
The project itself ships no inline script (the explorer and toolkit load theirs by ``src``).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

import jinja2

# Everything but the inline-script hashes. 'wasm-unsafe-eval' lets Pyodide compile WebAssembly;
# nothing more lax is allowed.
DIRECTIVES: tuple[str, ...] = (
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'none'",
)
# Only an HTTP header can carry these (a <meta> policy ignores them).
HEADER_ONLY: tuple[str, ...] = ("frame-ancestors 'self'",)

# Where Material for MkDocs keeps the templates that write inline scripts.
THEME_SCRIPT_TEMPLATES = ("partials/javascripts/", "partials/integrations/")
# The deepest page the header policy allows for (frameworks/<id>/indicators/<level>/ is 4 deep).
MAX_DEPTH = 8

_INLINE = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)


def script_hash(body: str) -> str:
    """The CSP source expression allowing exactly this inline script body."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def inline_scripts(markup: str) -> list[str]:
    """The bodies of the inline scripts in some HTML (JSON data blocks excluded: they never run)."""
    return [body for attrs, body in _INLINE.findall(markup) if "application/json" not in attrs and body.strip()]


def _policy(directives: Iterable[str], hashes: Iterable[str]) -> str:
    extra = " ".join(sorted(set(hashes)))
    out = [d + " " + extra if d.startswith("script-src ") and extra else d for d in directives]
    return "; ".join(out)


def page_policy(allowed: Iterable[str], page_html: str | None = None) -> str:
    """The policy for one page's <meta> tag: the allowed (theme) script hashes that the page uses.

    ``page_html`` only narrows the list to the scripts the page contains; a script in the page that
    is not in ``allowed`` is never added.
    """
    allowed = set(allowed)
    if page_html is not None:
        allowed &= {script_hash(body) for body in inline_scripts(page_html)}
    return _policy(DIRECTIVES, allowed)


def header_policy(allowed: Iterable[str]) -> str:
    """The policy for the HTTP header on every response (pages, workers, data): every theme script
    hash a page of the site may carry, plus the header-only directives."""
    return _policy(DIRECTIVES + HEADER_ONLY, allowed)


class ThemeScripts:
    """The theme's inline scripts, rendered for a base URL, as CSP hashes (cached per base URL)."""

    def __init__(self, env, config) -> None:  # noqa: ANN001 - MkDocs' Jinja environment and config
        self.env = env
        self.config = config
        self._sources: list[str] = []
        for name in env.list_templates():
            if name.startswith(THEME_SCRIPT_TEMPLATES) and name.endswith(".html"):
                source = env.loader.get_source(env, name)[0]
                self._sources += [body for attrs, body in _INLINE.findall(source) if "application/json" not in attrs]
        self._cache: dict[str, frozenset[str]] = {}

    def bodies(self, base_url: str) -> list[str]:
        """The script bodies as the theme writes them on a page whose base URL is ``base_url``.

        A script that needs more than the site's config and base URL to render (a page's data) is
        left out: it cannot be known at build time, so it is not trusted.
        """
        out = []
        for src in self._sources:
            try:
                out.append(self.env.from_string(src).render(config=self.config, base_url=base_url))
            except jinja2.TemplateError:
                continue
        return out

    def hashes(self, base_url: str) -> frozenset[str]:
        """CSP hashes of the theme's scripts for one base URL."""
        if base_url not in self._cache:
            self._cache[base_url] = frozenset(script_hash(b) for b in self.bodies(base_url) if b.strip())
        return self._cache[base_url]

    def all_hashes(self) -> frozenset[str]:
        """Every base URL a page of this site can have: ".", "..", ... MAX_DEPTH deep, and "/" (404)."""
        bases = [".", "/"] + ["/".join([".."] * n) for n in range(1, MAX_DEPTH + 1)]
        return frozenset().union(*(self.hashes(b) for b in bases))


def site_header_policy(config_file: Path | None = None) -> str:
    """The header policy for this site's mkdocs.yml and theme (what nginx must send)."""
    from mkdocs.config import load_config

    config = load_config(str(config_file or Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    return header_policy(ThemeScripts(config.theme.get_env(), config).all_hashes())


if __name__ == "__main__":  # python -m macros.csp: the value for nginx's add_header line
    print(site_header_policy())
