"""Every explorer page starts its engine from the top of its <head>, and only explorer pages do.

The page script is a plain (classic, blocking) script before the stylesheets, so it runs before the
body is parsed; its URLs, its own attributes, point at files the build wrote. Nothing is preloaded.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

SCRIPT = re.compile(r"<script\b([^>]*)>", re.I)


def _attrs(tag_attrs: str) -> dict[str, str]:
    return {k.lower(): v for k, v in re.findall(r'([\w-]+)="([^"]*)"', tag_attrs)}


def _head(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return text[:text.index("</head>")]


def _engine_script(head: str) -> tuple[int, dict[str, str]] | None:
    for m in SCRIPT.finditer(head):
        attrs = _attrs(m.group(1))
        if attrs.get("src", "").endswith("assets/explorer/explorer.js"):
            return m.start(), attrs | {"_raw": m.group(1)}
    return None


def test_every_explorer_page_starts_the_engine_from_the_top_of_its_head(site):
    pages = sorted(site.glob("frameworks/*/explorer/index.html"))
    assert len(pages) == len(list(site.glob("frameworks/*/index.html"))) > 0
    for page in pages:
        head = _head(page)
        found = _engine_script(head)
        assert found is not None, f"{page}: no page script in the head"
        at, attrs = found
        assert at < head.index('rel="stylesheet"'), f"{page}: the page script comes after a stylesheet"
        assert not re.search(r"\b(async|defer)\b|type=\"module\"", attrs["_raw"]), f"{page}: {attrs['_raw']}"
        for key in ("src", "data-framework-url", "data-worker-url"):
            target = (page.parent / unquote(attrs[key])).resolve()
            assert target.is_file() and target.is_relative_to(site.resolve()), f"{page}: {key}={attrs[key]}"
        runtime = (page.parent / attrs["data-pyodide-url"]).resolve()
        assert (runtime / "runtime.json").is_file(), f"{page}: {attrs['data-pyodide-url']}"
        text = page.read_text(encoding="utf-8")
        assert 'rel="preload"' not in text and "data-worker-url" not in text[len(head):], page


def test_no_other_page_loads_the_explorer(site):
    others = [p for p in site.rglob("*.html") if p.parent.name != "explorer"]
    assert others
    for page in others:
        assert "explorer.js" not in page.read_text(encoding="utf-8"), page
