"""The built site: every framework's pages, titles naming the authority, nothing off-origin."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from thresholds.catalog import framework_files, load_file

from .conftest import ROOT, build_site

FRAMEWORKS = [load_file(p).framework for p in framework_files(ROOT / "frameworks")]


class _Page(HTMLParser):
    """Collects what a browser would fetch, the <title> and the first <h1>."""

    FETCHING = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"), ("audio", "src"),
                ("video", "src"), ("embed", "src"), ("object", "data"), ("input", "src")}

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.title = ""
        self.h1 = ""
        self._in: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            if (tag, name) in self.FETCHING and value:
                self.fetches.append(value)
        if tag == "link" and a.get("href") and a.get("rel") not in ("canonical", "prev", "next", "alternate"):
            self.fetches.append(a["href"])
        if tag in ("title", "h1") and not getattr(self, tag):
            self._in = tag

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in:
            setattr(self, self._in, getattr(self, self._in) + data)


def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def off_origin(url: str) -> bool:
    return bool(re.match(r"^(https?:)?//", url.strip(), re.I))


def test_every_framework_has_its_pages(site):
    for fw in FRAMEWORKS:
        base = site / "frameworks" / fw.id
        for page in ("index.html", "levels/index.html", "explorer/index.html", "consent/index.html",
                     "escalation/index.html", "contacts/index.html", "glossary/index.html", "guidance/index.html"):
            assert (base / page).is_file(), f"{fw.id}/{page}"
        for lv in fw.levels:
            has = bool(fw.indicators_at(lv.id))  # including indicators listed at several levels
            assert (base / "indicators" / lv.id / "index.html").is_file() == has
        data = json.loads((site / "data" / f"{fw.id}.json").read_text(encoding="utf-8"))
        assert len(data["indicators"]) == len(fw.indicators)


def test_every_framework_page_names_its_authority_in_title_and_first_heading(site):
    for fw in FRAMEWORKS:
        for path in (site / "frameworks" / fw.id).rglob("index.html"):
            page = parse(path)
            assert fw.authority in page.title, (path, page.title)
            assert page.h1.strip().startswith(f"{fw.authority}:"), (path, page.h1)


def test_every_indicator_text_appears_on_its_level_page(site):
    import html as htmllib
    for fw in FRAMEWORKS:
        for lv in fw.levels:
            path = site / "frameworks" / fw.id / "indicators" / lv.id / "index.html"
            if not path.exists():
                continue
            text = htmllib.unescape(re.sub(r"<[^>]+>", "", path.read_text(encoding="utf-8")))
            for ind in fw.indicators:
                if lv.id in ind.levels:
                    assert ind.text.replace("**", "") in text, (fw.id, ind.id)


def test_no_page_stylesheet_or_script_fetches_from_another_origin(site):
    pages = list(site.rglob("*.html"))
    assert len(pages) > 50
    for path in pages:
        page = parse(path)
        bad = [u for u in page.fetches if off_origin(u)]
        assert not bad, (path, bad)
        head = path.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in head, path
    for css in site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", css.read_text(encoding="utf-8")) + \
                re.findall(r"@import\s+['\"]([^'\"]+)", css.read_text(encoding="utf-8")):
            assert not off_origin(url), (css, url)
    for js in (site / "assets" / "explorer").glob("*.mjs"):
        assert not re.search(r"""(import|fetch|importScripts|Worker)\s*\(?\s*['"`](https?:)?//""", js.read_text()), js


def test_the_off_origin_check_can_fail(tmp_path):
    bad = tmp_path / "bad.html"
    bad.write_text('<html><head><title>x</title><link rel="stylesheet" href="https://fonts.example.net/css">'
                   '<script src="//cdn.example/x.js"></script></head></html>')
    assert [u for u in parse(bad).fetches if off_origin(u)] == ["https://fonts.example.net/css", "//cdn.example/x.js"]


def test_schema_is_published_for_editors(site):
    schema = json.loads((site / "schema" / "framework.schema.json").read_text(encoding="utf-8"))
    assert schema["title"] == "Continuum of need framework"
    # The toolkit's and the concerns' schemas beside it, byte for byte the package data.
    from thresholds import catalog, toolkit

    for name, source in (("toolkit.schema.json", toolkit.SCHEMA_FILE), ("concerns.schema.json", catalog.CONCERNS_SCHEMA)):
        assert (site / "schema" / name).read_bytes() == source.read_bytes(), name


def test_a_new_framework_file_builds_into_its_own_pages_with_no_code_change(tmp_path):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "tiny.yaml", folder / "tiny.yaml")
    out = tmp_path / "site"
    result = build_site(out, folder)
    assert result.returncode == 0, result.stderr[-3000:]
    for page in ("index.html", "levels/index.html", "indicators/level-2/index.html", "explorer/index.html"):
        assert "Tinytown" in parse(out / "frameworks" / "tiny" / page).title
    assert "Tinytown" in (out / "compare" / "index.html").read_text(encoding="utf-8")
    assert "Tinytown" in (out / "index.html").read_text(encoding="utf-8")


def test_a_broken_framework_stops_the_build_and_names_the_problem(tmp_path):
    folder = tmp_path / "frameworks"
    folder.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "broken" / "unknown-level.yaml", folder / "unknown-level.yaml")
    shutil.copy(ROOT / "tests" / "data" / "broken" / "unsafe-tag.yaml", folder / "unsafe-tag.yaml")
    out = tmp_path / "site"
    result = build_site(out, folder)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "unknown-level.yaml:54: indicators[3].level: no level has id 'level-5'" in result.stderr
    assert "unsafe-tag.yaml:9: edition: the YAML tag" in result.stderr
    assert not (out / "index.html").exists(), "nothing is published from a broken framework"
