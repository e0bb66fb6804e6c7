"""Concern pages and "How other areas describe this" in Debian Chromium: every concern has a page that
passes axe on a phone and a desktop; ticking in one explorer shows the other areas' own levels, and no
request leaves the page."""

from __future__ import annotations

import re

import pytest

from thresholds.catalog import framework_files, load_file, load_concerns
from thresholds.compare import compare

from . import a11y
from .conftest import ROOT, wait_explorer_ready, wait_result

VOCABULARY = load_concerns(ROOT / "frameworks")
FRAMEWORKS = [load_file(p).framework for p in framework_files(ROOT / "frameworks")]
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def test_every_concern_has_a_page_listing_every_authority_that_names_it(site_dir):
    assert (site_dir / "concerns" / "index.html").is_file()
    index = (site_dir / "concerns" / "index.html").read_text(encoding="utf-8")
    for concern in VOCABULARY.concerns:
        page = site_dir / "concerns" / concern.id / "index.html"
        assert page.is_file(), concern.id
        text = page.read_text(encoding="utf-8")
        assert f'href="../../concerns/"' in text or 'href="../"' in text
        assert f'href="../{concern.id}/"' in index or f'href="{concern.id}/"' in index or f'concerns/{concern.id}/' in index
        for fw in FRAMEWORKS:
            for ind in (i for i in fw.indicators if concern.id in i.concerns):
                assert f"frameworks/{fw.id}/indicators/{ind.level}/#{ind.id}" in text, (concern.id, fw.id, ind.id)


@pytest.fixture(scope="module")
def axe_context(browser):
    context = browser.new_context(bypass_csp=True)  # axe is injected inline: see test_accessibility
    context.route(re.compile(r"/search/search_index\.json$"), lambda route: None)
    try:
        yield context
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", ["concerns/", "concerns/domestic-abuse/", "concerns/neglect/", "concerns/sexual-abuse/"])
def test_concern_pages_pass_axe_as_cards_on_a_phone_and_a_table_on_a_desktop(axe_context, server, viewport, path):
    page = axe_context.new_page()
    try:
        page.set_viewport_size(viewport)
        page.goto(server + path, wait_until="load")
        violations = a11y.axe_violations(page)
        assert not violations, f"{path}:\n{a11y.describe(violations)}"
        if path != "concerns/":
            display = page.eval_on_selector("table.concern-table tr.concern-authority", "el => getComputedStyle(el).display")
            assert display == ("block" if viewport is PHONE else "table-row")
            # Nothing wider than the screen: cards on a phone, no sideways scrolling.
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    finally:
        page.close()


def test_ticking_shows_how_other_areas_describe_it_and_nothing_leaves_the_page(page, server):
    kirklees = next(fw for fw in FRAMEWORKS if fw.id == "kirklees")
    ticked = ["parenting-capacity-3-08", "parenting-capacity-3-06"]  # domestic abuse; parental substance misuse
    page.goto(f"{server}frameworks/kirklees/explorer/")
    wait_explorer_ready(page)
    loaded = len(page.requests)
    assert any(url.endswith("/data/concerns-index.json") for url in page.requests[:loaded])
    for indicator_id in ticked:
        page.check(f'input.indicator-box[value="{indicator_id}"]')
    page.wait_for_selector("#explorer-result .elsewhere .elsewhere-authority[data-level]", timeout=15_000)
    wait_result(page)
    expected = compare(kirklees, ticked, FRAMEWORKS)
    section = page.locator("#explorer-result .elsewhere")
    text = section.inner_text()
    assert "How other areas describe this" in text and "not a decision" in text
    assert "the child's own area's framework applies" in text
    others = section.locator(".elsewhere-authority")
    assert others.count() == len(FRAMEWORKS) - 1
    for entry in expected.authorities:
        item = section.locator(f'.elsewhere-authority[data-framework="{entry.framework}"]')
        assert item.get_attribute("data-level") == entry.level, entry.framework
        assert entry.level_name in item.inner_text() and entry.authority in item.inner_text()
        other = next(fw for fw in FRAMEWORKS if fw.id == entry.framework)
        for i in entry.matched:
            assert item.locator(f'a[href$="/frameworks/{other.id}/indicators/{other.indicator(i).level}/#{i}"]').count() == 1
        for number in (p.number for c in entry.contacts for p in c.phones):
            assert number in item.inner_text()
    # Nothing left the page: no request after loading, nothing attempted off 127.0.0.1.
    assert page.requests[loaded:] == []
    assert page.blocked == []
    assert all(url.startswith(server) for url in page.requests)
    assert page.console_errors == [] and page.page_errors == []


def test_the_comparison_follows_the_ticks(page, server):
    page.goto(f"{server}frameworks/worcestershire/explorer/")
    wait_explorer_ready(page)
    page.check('input.indicator-box[value="neglect-3-01"]')
    page.wait_for_selector("#explorer-result .elsewhere-authority[data-framework='kirklees'][data-level]")
    page.uncheck('input.indicator-box[value="neglect-3-01"]')
    page.wait_for_function("() => !document.querySelector('#explorer-result .result[data-rank]') || !document.querySelector('#explorer-result .elsewhere')")
    assert page.locator("#explorer-result .elsewhere").count() == 0, "nothing ticked: nothing to compare"


def test_axe_on_the_explorer_with_the_comparison(browser, server):
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        page.goto(f"{server}frameworks/norfolk/explorer/")
        wait_explorer_ready(page)
        page.check('input.indicator-box[value="s47-criteria-4-10"]')
        page.wait_for_selector("#explorer-result .elsewhere-authority[data-level]")
        violations = a11y.axe_violations(page)
        assert not violations, a11y.describe(violations)
    finally:
        context.close()


def test_every_link_on_the_concern_pages_reaches_a_page_and_its_anchor(site_dir):
    ids: dict = {}

    def anchors(path):
        if path not in ids:
            ids[path] = set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))
        return ids[path]

    checked, broken = 0, []
    for page in sorted((site_dir / "concerns").rglob("index.html")):
        for href in re.findall(r'href="([^"]+)"', page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", href) or href.startswith("#") or "/assets/" in href or href.endswith(".css"):
                continue
            path, _, fragment = href.partition("#")
            target = (page.parent / path).resolve()
            target = target / "index.html" if target.is_dir() else target
            checked += 1
            if not target.is_file() or (fragment and fragment not in anchors(target)):
                broken.append(f"{page.relative_to(site_dir)}: {href}")
    assert checked > 1000 and broken == [], broken[:10]
