"""Site search (Pagefind): the authority you are reading comes first, the authority filter keeps to one
authority, nothing leaves the site's origin, it works by keyboard alone, and axe finds nothing on it.

Timings and bytes are the benchmark's (tests/bench/bench_build.py), not asserted here.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from . import a11y
from .conftest import is_loopback, open_search, record, search_results

pytestmark = pytest.mark.browser

KIRKLEES = "frameworks/kirklees/levels/"
BLACKBURN = "frameworks/blackburn-with-darwen/levels/"


def _authorities(results: list[dict]) -> list[str]:
    return [r["authority"] for r in results]


def test_hungry_from_a_kirklees_page_lists_kirklees_first(page, server):
    page.goto(server + KIRKLEES)
    open_search(page)
    results = search_results(page, "hungry")
    assert results and results[0]["authority"] == "Kirklees", results
    assert "/frameworks/kirklees/" in results[0]["href"]
    # Others' matches still follow: first, not only.
    assert any(a != "Kirklees" for a in _authorities(results)), results
    assert "Kirklees first" in page.text_content("#site-search-status")


def test_the_same_search_from_another_authority_lists_that_one_first(page, server):
    page.goto(server + BLACKBURN)
    open_search(page)
    results = search_results(page, "hungry")
    assert results and results[0]["authority"] == "Blackburn with Darwen", results
    assert "Kirklees" in _authorities(results)


def test_the_authority_filter_keeps_to_one_authority(page, server):
    page.goto(server + "search/")
    page.wait_for_selector('#site-search[data-state="ready"]')
    everything = search_results(page, "neglect")
    assert len(set(_authorities(everything)) - {""}) >= 3, everything
    options = page.eval_on_selector_all("#site-search-authority option", "os => os.map((o) => o.value)")
    assert {"", "Kirklees", "Norfolk", "Worcestershire"} <= set(options)
    page.select_option("#site-search-authority", "Norfolk")
    page.wait_for_function("() => document.getElementById('site-search-status').textContent.includes('in Norfolk')")
    only = page.eval_on_selector_all("#site-search-results .site-search__authority", "els => els.map((e) => e.textContent)")
    assert only and set(only) == {"Norfolk"}
    assert len(only) < len(everything)


def test_search_leaves_out_the_explorer_pages_and_itself(page, server):
    page.goto(server + "search/")
    page.wait_for_selector('#site-search[data-state="ready"]')
    results = search_results(page, "hungry")
    assert results and not [r for r in results if "/explorer/" in r["href"]]
    # Words of the search page's own introduction find other pages, never the search page.
    results = search_results(page, "guidance")
    assert results and not [r for r in results if urlsplit(r["href"]).path.endswith("/search/")]


def test_search_works_offline_from_the_site_alone(page, server):
    page.goto(server + KIRKLEES)
    open_search(page)
    results = search_results(page, "hungry")
    assert results
    assert page.blocked == [] and all(is_loopback(u) for u in page.requests), page.requests
    fetched = {urlsplit(u).path for u in page.requests}
    assert "/pagefind/pagefind.js" in fetched and any(p.endswith(".pf_fragment") for p in fetched)
    assert page.console_errors == [] and page.page_errors == []  # a CSP violation would be a console error
    with page.expect_navigation():
        page.locator("#site-search-results > li a").first.click()
    assert page.url.startswith(server + "frameworks/kirklees/")


def _focused(page) -> str:
    return page.evaluate("""() => { const el = document.activeElement;
        return el ? (el.id || el.className || el.tagName) : ""; }""")


def test_search_by_keyboard_alone(page, server):
    page.goto(server + KIRKLEES)
    for _ in range(40):  # Tab from the top to the header's search link
        page.keyboard.press("Tab")
        if "site-search-link" in _focused(page):
            break
    assert "site-search-link" in _focused(page), "the header's search link is not reachable by Tab"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector('#site-search[data-state="ready"]')
    assert _focused(page) == "site-search-input"  # ready to type
    page.keyboard.type("hungry")
    page.wait_for_function("() => document.querySelectorAll('#site-search-results > li').length > 0")
    page.keyboard.press("Tab")
    assert _focused(page) == "site-search-authority"
    page.keyboard.press("Tab")
    assert "site-search__title" in _focused(page).split()  # the first result
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.startswith(server + "frameworks/kirklees/")


def test_axe_on_the_search_page_with_results(browser, server):
    context = browser.new_context(bypass_csp=True)  # axe is injected inline (see test_accessibility)
    try:
        page = record(context)
        page.goto(server + "search/?authority=Kirklees")
        page.wait_for_selector('#site-search[data-state="ready"]')
        assert search_results(page, "hungry")
        violations = a11y.axe_violations(page)
        assert not violations, a11y.describe(violations)
    finally:
        context.close()
