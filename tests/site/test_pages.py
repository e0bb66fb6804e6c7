"""Clean pages: every internal link resolves, and glossary tooltips stay on their own framework's pages."""

from __future__ import annotations

import html
import re

from macros.pages import root_of
from thresholds.catalog import framework_files, load_file

from .conftest import ROOT
from .links import check_links

FRAMEWORKS = {fw.id: fw for fw in (load_file(p).framework for p in framework_files(ROOT / "frameworks"))}


def test_every_internal_link_in_the_built_site_resolves(site):
    assert len(list(site.rglob("*.html"))) > 50
    assert check_links(site) == []


def test_the_authority_lists_link_to_each_authority(site):
    for page, suffix in (("explorer", "explorer/"), ("authorities", ""), ("", "")):
        text = (site / page / "index.html").read_text(encoding="utf-8")
        for fid in FRAMEWORKS:
            assert f'href="{root_of(page + "/" if page else "")}frameworks/{fid}/{suffix}"' in text, (page, fid)


def test_the_link_check_finds_a_missing_page_file_and_fragment(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text('<h2 id="here">Here</h2>')
    (tmp_path / "style.css").write_text("body { background: url(missing.png) } p { background: url(data:image/png;base64,AA) }")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="#top" id="top">ok</a><a href="https://example.org/x">out</a>'
        '<a href="tel:999">999</a><a href="b/">no page</a><a href="a/#gone">no id</a><a href="#nowhere">no id here</a>'
        '<img src="pic.png" srcset="a/index.html 1x, big.png 2x"><script src="../outside.js"></script>'
        '<link rel="stylesheet" href="style.css">')
    problems = check_links(tmp_path)
    assert problems == [
        "index.html: <a href> b/: no such file b/index.html",
        "index.html: <a href> a/#gone: no id 'gone' on a/index.html",
        "index.html: <a href> #nowhere: no id 'nowhere' on index.html",
        "index.html: <img src> pic.png: no such file pic.png",
        "index.html: <img srcset> big.png: no such file big.png",
        "index.html: <script src> ../outside.js: points outside the site",
        "style.css: url(missing.png): no such file",
    ]


def _abbreviations(page: str) -> set[tuple[str, str]]:
    return {(html.unescape(term), html.unescape(title))
            for title, term in re.findall(r'<abbr title="([^"]*)">(.*?)</abbr>', page)}


def test_glossary_tooltips_appear_only_on_their_own_frameworks_pages(site):
    seen = 0
    for path in site.rglob("*.html"):
        page = path.read_text(encoding="utf-8")
        found = _abbreviations(page)
        parts = path.relative_to(site).parts
        if parts[0] == "frameworks" and len(parts) > 2:
            fw = FRAMEWORKS[parts[1]]
            own = {(g["term"], g["definition"]) for g in fw.glossary if g.get("abbreviation")}
            assert found <= own, (path, found - own)
            seen += len(found)
        else:  # home, compare, authorities, toolkit: about no one framework
            assert not found, (path, found)
    assert seen > 100  # the frameworks' own pages do get their tooltips


def test_the_glossary_check_would_see_a_tooltip_from_elsewhere():
    page = '<p>Call <abbr title="Children&#x27;s Advice and Duty Service">CADS</abbr> now.</p>'
    assert _abbreviations(page) == {("CADS", "Children's Advice and Duty Service")}
    kirklees = {(g["term"], g["definition"]) for g in FRAMEWORKS["kirklees"].glossary if g.get("abbreviation")}
    assert not _abbreviations(page) <= kirklees


FRONT_MATTER_SHOWN = re.compile(r"<(h[1-6]|p)\b[^>]*>\s*-{3,}\s*</\1>|<hr\b")


def test_no_page_shows_its_front_matter(site):
    """A generated page's front matter must parse as such, never print as a "---" heading or rule."""
    shown = [str(p.relative_to(site)) for p in site.rglob("*.html") if FRONT_MATTER_SHOWN.search(p.read_text(encoding="utf-8"))]
    assert shown == []
    assert FRONT_MATTER_SHOWN.search('<article><h2 id="-">---</h2><h1>Norfolk: Overview</h1>')
