"""The markup fixture (tests/site/markup.py: markup in every text field) in a real browser: no
dialog opens and no planted element, attribute or script exists on any page, explorer result included.

The pages are opened with the CSP bypassed, so that escaping alone is tested: the policy is a
second line of defence, checked on its own in tests/site/test_escaping.py.
"""

from __future__ import annotations

import functools
import threading

import pytest

from ..site.markup import build_markup_site
from .conftest import _Handler, _Server, record, wait_explorer_ready, wait_result

PROBE = """() => ({
  planted: [...document.querySelectorAll('[data-planted], img[src="x"], [onerror]')].map(e => e.outerHTML.slice(0, 120)),
  scripts: [...document.scripts].filter(s => /alert\\(/.test(s.textContent)).map(s => s.textContent.slice(0, 120)),
})"""


@pytest.fixture(scope="module")
def markup_server(tmp_path_factory):
    site, planted = build_markup_site(tmp_path_factory.mktemp("markup-browser"))
    scratch = tmp_path_factory.mktemp("markup-scratch")
    httpd = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site), scratch=scratch))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/", site, planted
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture()
def open_page(browser):
    context = browser.new_context(bypass_csp=True)
    page = record(context)
    page.dialogs = []

    def on_dialog(dialog) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield page
    finally:
        context.close()


def test_no_planted_markup_runs_or_exists_on_any_page(open_page, markup_server):
    base, site, planted = markup_server
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    assert len(pages) > 25
    for path in pages:
        open_page.goto(base + path.removesuffix("index.html"))
        found = open_page.evaluate(PROBE)
        assert found == {"planted": [], "scripts": []}, path
    assert open_page.dialogs == []
    assert open_page.page_errors == []


def test_the_explorer_shows_planted_text_as_text(open_page, markup_server):
    base, site, planted = markup_server
    open_page.goto(base + "frameworks/markup/explorer/")
    wait_explorer_ready(open_page)
    for box in open_page.query_selector_all("input.indicator-box"):
        box.check()
    text = wait_result(open_page)
    assert '<script>alert("mf' in text  # shown, as the words typed
    assert open_page.evaluate(PROBE) == {"planted": [], "scripts": []}
    assert open_page.dialogs == []


def test_the_probe_sees_markup_that_got_through(open_page, markup_server):
    base, _, _ = markup_server
    open_page.goto(base + "index.html")
    open_page.evaluate("""() => { document.body.insertAdjacentHTML('beforeend',
        '<img src=x data-planted=mf0001z>'); const s = document.createElement('script');
        s.textContent = 'alert("mf0001z")'; document.body.append(s); }""")
    found = open_page.evaluate(PROBE)
    assert len(found["planted"]) == 1 and len(found["scripts"]) == 1
    assert open_page.dialogs == ['mf0001z']


def test_a_script_that_got_into_a_page_is_refused_by_its_csp(browser, markup_server):
    """Were escaping to fail, the page's own policy (theme script hashes only) still refuses the script."""
    base, site, _ = markup_server
    built = (site / "frameworks" / "markup" / "levels" / "index.html").read_text(encoding="utf-8")
    tampered = built.replace("</h1>", '</h1><script>alert("mf0001z")</script>', 1)
    target = site / "frameworks" / "markup" / "levels" / "tampered.html"
    target.write_text(tampered, encoding="utf-8")
    context = browser.new_context()  # CSP enforced
    page = record(context)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(base + "frameworks/markup/levels/tampered.html")
        page.wait_for_load_state("load")
        assert dialogs == []
        refused = [e for e in page.console_errors if "Content Security Policy" in e]
        assert len(refused) == 1, page.console_errors  # the planted script, and nothing of the theme's
        assert page.evaluate("typeof __md_get") == "function"  # the theme's own inline script ran
    finally:
        context.close()
        target.unlink()
