"""Find planted markup (tests/site/markup.py) that a built site lets through unescaped."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from .markup import TAG

# Raw markers of a payload that reached HTML as markup rather than text.
_RAW = [re.compile(r"<script>alert\("), re.compile(r"<img src=x", re.I), re.compile(r"49 m[ft]\d{4}z")]


class _Elements(HTMLParser):
    """Elements and attributes a browser would create from one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("data-planted", "onerror") or name.startswith("mf") or name.startswith("mt"):
                self.found.append(f"<{tag}> has a planted attribute {name}={value!r}")
        if tag == "img" and dict(attrs).get("src") == "x":
            self.found.append("a planted <img src=x>")
        if tag == "script":
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            body = "".join(self._script)
            if TAG.search(body) and "application/json" not in body:
                self.found.append(f"a script carrying planted text: {body[:80]!r}")
            self._script = None


def html_leaks(markup: str) -> list[str]:
    """What planted markup in one HTML document (or fragment) became elements, attributes or code."""
    out = []
    for pattern in _RAW:
        for m in pattern.finditer(markup):
            near = TAG.search(markup, m.start())
            out.append(f"raw {m.group(0)!r} ({near.group(0) if near else '?'}) at offset {m.start()}")
    parser = _Elements()
    parser.feed(markup)
    parser.close()
    return out + parser.found


def site_leaks(site: Path) -> list[str]:
    """Every leak in a built site: HTML pages, the search index (rendered as HTML), JSON data."""
    leaks = []
    for path in sorted(site.rglob("*.html")):
        leaks += [f"{path.relative_to(site)}: {x}" for x in html_leaks(path.read_text(encoding="utf-8"))]
    index = site / "search" / "search_index.json"
    if index.exists():
        # Material's search shows each entry's title and text as HTML.
        for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
            for key in ("title", "text"):
                leaks += [f"search index {doc['location']} {key}: {x}" for x in html_leaks(doc.get(key, ""))]
    for path in sorted(site.rglob("*.json")):
        json.loads(path.read_text(encoding="utf-8"))  # data is JSON: it must still parse
    return leaks
