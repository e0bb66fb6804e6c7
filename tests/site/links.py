"""A link check of a built site: every internal href, src, srcset and CSS url() resolves to a file,
and every fragment to an id on the page it points at. `mkdocs --strict` checks Markdown links only;
the pages are mostly raw HTML from the render functions, so this reads the finished files."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that make a browser fetch or navigate to a URL.
_URL_ATTRS = {"href", "src", "poster", "data"}
_CSS_URL = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.urls: list[tuple[str, str]] = []  # (where, url)
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name in _URL_ATTRS and not (tag == "form" or (tag == "object" and name != "data")):
                self.urls.append((f"<{tag} {name}>", value))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((f"<{tag} {name}>", candidate.split()[0]))
            elif name == "style":
                self.urls += [(f"<{tag} style>", m.group(2)) for m in _CSS_URL.finditer(value)]
        self._in_style = tag == "style"

    def handle_data(self, data):
        if self._in_style:
            self.urls += [("<style>", m.group(2)) for m in _CSS_URL.finditer(data)]

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False


def _external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme) or url.startswith("//")


def _target(site: Path, base: str, url: str) -> tuple[Path | None, str, str]:
    """The file a URL from a page at site path ``base`` (a folder, "/"-separated) points at."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if not path:
        return None, "", parts.fragment
    joined = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
    if joined.startswith(".."):
        return None, joined, parts.fragment
    file = site / joined if joined != "." else site
    if file.is_dir() or path.endswith("/"):
        file = file / "index.html"
    return file, joined, parts.fragment


def check_links(site: Path) -> list[str]:
    """Every broken internal link in a built site, as "page: <tag attr> url: what is wrong"."""
    site = site.resolve()
    pages: dict[Path, _Page] = {}
    for path in sorted(site.rglob("*.html")):
        parsed = _Page()
        parsed.feed(path.read_text(encoding="utf-8"))
        parsed.close()
        pages[path.resolve()] = parsed
    problems = []
    for path, page in pages.items():
        base = path.parent.relative_to(site).as_posix()
        for where, url in page.urls:
            url = url.strip()
            if not url or _external(url):
                continue
            file, joined, fragment = _target(site, base, url)
            here = f"{path.relative_to(site)}: {where} {url}"
            if file is None and joined.startswith(".."):
                problems.append(f"{here}: points outside the site")
                continue
            target = path if file is None else file.resolve()
            if not target.is_file():
                problems.append(f"{here}: no such file {target.relative_to(site) if site in target.parents else target}")
            # A fragment holding "key=value" is state for the target page's script (the training
            # planner prefills a record this way, never sending it), not an element id.
            elif fragment and "=" not in fragment and target.suffix == ".html" and fragment not in pages[target].ids:
                problems.append(f"{here}: no id '{fragment}' on {target.relative_to(site)}")
    for css in sorted(site.rglob("*.css")):
        base = css.parent.relative_to(site).as_posix()
        for m in _CSS_URL.finditer(css.read_text(encoding="utf-8")):
            url = m.group(2).strip()
            if _external(url) or url.startswith("#"):
                continue
            file, joined, _ = _target(site, base, url)
            if file is None or not file.is_file():
                problems.append(f"{css.relative_to(site)}: url({url}): no such file")
    return problems
