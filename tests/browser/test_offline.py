"""Offline: every page, search and the explorer work with nothing but the site's own origin.

The recorder (conftest.record) aborts and lists any request off 127.0.0.1/localhost, including
requests made by Web Workers, and lists console errors (CSP violations and failed loads among them)
and uncaught page errors.
"""

from __future__ import annotations

import urllib.request

import pytest

from .conftest import is_loopback, site_pages

pytestmark = pytest.mark.browser


def test_tour_covers_every_page(site_tour, site_dir):
    pages = site_pages(site_dir)
    assert len(pages) >= 60
    assert set(pages) <= set(site_tour.visits)
    empty = [v.path for v in site_tour.visits.values() if not v.requests]
    assert empty == [], "pages that requested nothing (not visited?)"


def test_no_request_leaves_the_origin(site_tour):
    blocked = {v.path: v.blocked for v in site_tour.visits.values() if v.blocked}
    assert blocked == {}
    leaked = {v.path: [u for u in v.requests if not is_loopback(u)] for v in site_tour.visits.values()}
    assert {k: u for k, u in leaked.items() if u} == {}


def test_no_console_or_page_errors(site_tour):
    errors = {v.path: v.console_errors + v.page_errors for v in site_tour.visits.values()
              if v.console_errors or v.page_errors}
    assert errors == {}


def test_search_finds_pages_offline(site_tour, server):
    assert set(site_tour.searches) >= {"index.html"} and len(site_tour.searches) == 2
    for path, links in site_tour.searches.items():
        assert links, f"no search results on {path}"
        assert all(link.startswith(server) for link in links), links
    assert site_tour.search_landing.startswith(server)


def test_explorer_suggests_offline(site_tour):
    explorers = [v for v in site_tour.visits.values() if v.is_explorer]
    assert len(explorers) >= 5
    for visit in explorers:
        assert visit.result.startswith("Suggested:"), (visit.path, visit.result[:200])
        assert any("/pyodide/" in u and u.endswith(".wasm") for u in visit.requests), visit.path


def test_recorder_catches_off_origin_requests(page, serve_html):
    """The same recorder, on a page that reaches for other origins from the page and from a worker."""
    serve_html("leaky-worker.js", 'fetch("https://cdn.example.net/from-worker.json").catch(() => {});')
    url = serve_html("leaky.html", """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Leaky</title>
<script src="https://cdn.example.com/library.js"></script>
<link rel="stylesheet" href="//fonts.example.org/font.css"></head><body><img src="http://192.0.2.1/pixel.png" alt="">
<script>new Worker("leaky-worker.js"); console.error("deliberate"); setTimeout(() => { throw new Error("uncaught"); });</script>
</body></html>""")
    expected = {"https://cdn.example.com/library.js", "http://fonts.example.org/font.css",
                "http://192.0.2.1/pixel.png", "https://cdn.example.net/from-worker.json"}
    page.goto(url)
    # The worker's request comes whenever its script has loaded: wait for it (a loaded machine is slow),
    # up to a bound, rather than for a fixed time.
    for _ in range(100):
        if set(page.blocked) >= expected and page.page_errors:
            break
        page.wait_for_timeout(100)
    assert set(page.blocked) >= expected
    assert all(not is_loopback(u) for u in page.blocked)
    assert any(u.startswith("http://127.0.0.1") for u in page.requests)
    assert any("deliberate" in e for e in page.console_errors)
    assert any("uncaught" in e for e in page.page_errors)


@pytest.mark.parametrize(("path", "mime"), [
    ("pyodide/*/pyodide.asm.wasm", "application/wasm"),
    ("assets/explorer/worker.mjs", "text/javascript"),
    ("pyodide/*/pyodide-lock.json", "application/json"),
    ("index.html", "text/html"),
])
def test_server_sends_the_types_a_deployment_must(server, site_dir, path, mime):
    found = sorted(site_dir.glob(path))  # the runtime sits in a versioned folder
    assert found, path
    path = found[0].relative_to(site_dir).as_posix()
    with urllib.request.urlopen(urllib.request.Request(server + path, method="HEAD")) as response:
        assert response.headers.get_content_type() == mime
