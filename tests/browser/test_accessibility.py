"""Accessibility: axe-core (WCAG 2.0/2.1 A and AA, 2.2 AA) on every built page and on the explorer
in its loaded and result states; the explorer by keyboard alone; and each check shown to fail."""

from __future__ import annotations

import re

import pytest

from . import a11y
from .conftest import SITE, site_pages, wait_explorer_ready, wait_result

pytestmark = pytest.mark.browser

PAGES = site_pages()
EXPLORER = "frameworks/kirklees/explorer/"  # the framework with the most indicators


@pytest.fixture(scope="module")
def axe_page(browser):
    """One page reused for every axe scan. bypass_csp=True because axe is injected as an inline
    script, which the site's Content-Security-Policy (rightly) blocks; used for the axe tests only."""
    context = browser.new_context(bypass_csp=True)
    # These scans do not need Pyodide: it is held back (never answered) to spare the CPU, which leaves
    # the explorer pages in their first, "loading" state. The loaded and result states are scanned on
    # their own below (and the search page with results in test_search.py).
    context.route(re.compile(r"/pyodide/.*$"), lambda route: None)
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.mark.parametrize("path", PAGES or ["(no built site)"])
def test_axe_every_page(axe_page, server, site_dir, path):
    if path not in PAGES:  # no ./site: site_dir has already failed with "run make build first"
        pytest.fail("no built pages")
    axe_page.goto(server + path, wait_until="load")
    violations = a11y.axe_violations(axe_page)
    assert not violations, f"{path}:\n{a11y.describe(violations)}"


def test_pages_found():
    """The parametrisation above covers the whole built site, not an empty or partial list."""
    assert len(PAGES) >= 60 and "index.html" in PAGES and "404.html" in PAGES
    assert len(PAGES) == len(list(SITE.rglob("*.html")))


@pytest.fixture()
def axe_explorer(browser):
    """A page for scanning the explorer once loaded (bypass_csp=True: see axe_page)."""
    context = browser.new_context(bypass_csp=True)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_axe_explorer_loaded_and_result(axe_explorer, server):
    axe_explorer.goto(server + EXPLORER)
    wait_explorer_ready(axe_explorer)
    violations = a11y.axe_violations(axe_explorer)
    assert not violations, f"explorer, ready:\n{a11y.describe(violations)}"

    # Tick the first indicator of every rank: the panel shows the highest level, with act-now contacts.
    for rank in (1, 2, 3, 4):
        box = axe_explorer.locator(f"fieldset.rank-{rank} input.indicator-box").first
        if box.count():
            box.check()
    text = wait_result(axe_explorer)
    assert axe_explorer.get_attribute("#explorer-result .result", "data-rank") == "4", text[:300]
    violations = a11y.axe_violations(axe_explorer)
    assert not violations, f"explorer, result:\n{a11y.describe(violations)}"


def test_axe_catches_an_unlabelled_checkbox(axe_page, serve_html):
    url = serve_html("unlabelled.html", """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Bad page</title></head><body><main><h1>Bad page</h1>
<form><input type="checkbox" name="x" id="x"> <button type="button">Go</button></form></main></body></html>""")
    axe_page.goto(url)
    violations = a11y.axe_violations(axe_page)
    assert "label" in {v["id"] for v in violations}, a11y.describe(violations)


# Keyboard only ---------------------------------------------------------------------------------


def _explorer_ids(page) -> tuple[list[str], list[str]]:
    controls = ["explorer-filter", "explorer-copy", "explorer-print", "explorer-clear"]
    boxes = page.eval_on_selector_all("form#explorer input[type=checkbox]", "els => els.map((e) => e.id)")
    return controls, boxes


def test_explorer_by_keyboard(page, server):
    page.goto(server + EXPLORER)
    wait_explorer_ready(page)
    controls, boxes = _explorer_ids(page)
    assert len(boxes) > 100, "expected Kirklees' full checklist"
    focusable = page.evaluate("document.querySelectorAll('a[href], button, input, select, textarea, [tabindex]').length")
    steps = a11y.tab_walk(page, controls + boxes, max_steps=focusable + 20)

    assert a11y.order_problems(steps, controls + boxes) == []
    # Focus is visible on the filter, every button and every checkbox.
    assert a11y.focus_style_problems(page, steps, set(controls + boxes)) == []
    assert a11y.unlabelled(page, "form#explorer input") == []
    assert page.get_attribute("#explorer-live", "aria-live") in ("polite", "assertive")  # the short line, not the panel

    # Space ticks the focused checkbox, and the result (inside the live region) follows.
    page.focus(f"#{boxes[-1]}")
    page.keyboard.press("Space")
    assert page.is_checked(f"#{boxes[-1]}")
    wait_result(page)
    page.keyboard.press("Space")
    assert not page.is_checked(f"#{boxes[-1]}")
    assert page.console_errors == [] and page.page_errors == []


def test_keyboard_checks_catch_a_bad_form(page, serve_html):
    """The same helpers flag: an element Tab never reaches, Tab order against document order,
    focus with no visible change, an unlabelled checkbox."""
    url = serve_html("bad-form.html", """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad form</title>
<style>input, button { outline: none !important; box-shadow: none !important; }</style></head><body>
<form><button type="button" id="b1">One</button>
<input type="checkbox" id="c1"><label for="c1">First</label>
<input type="checkbox" id="c2" tabindex="1">
<input type="checkbox" id="c3" tabindex="-1"><label for="c3">Third</label></form></body></html>""")
    page.goto(url)
    ids = ["b1", "c1", "c2", "c3"]
    steps = a11y.tab_walk(page, ids, max_steps=10)
    problems = a11y.order_problems(steps, ids)
    assert "never reached by Tab: #c3" in problems
    assert any("Tab order differs" in p for p in problems), problems
    assert {p.split()[4] for p in a11y.focus_style_problems(page, steps, set(ids))} == {"#b1", "#c1", "#c2"}
    assert a11y.unlabelled(page, "input") == ["c2"]
