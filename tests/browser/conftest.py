"""Shared fixtures for the browser tests: the built site, a local server, Debian Chromium, recorded pages.

    site_dir  ./site, or $THRESHOLDS_SITE_DIR (fails with "run make build first" when it is missing)
    server    the base URL ("http://127.0.0.1:PORT/") of a threaded http.server serving site_dir,
              with the MIME types the site needs; test-only pages go under /__test__/ (serve_html)
    browser   one Playwright Chromium per session (Debian's, never a downloaded one); missing
              Chromium fails in CI and skips elsewhere
    page      a fresh context and page per test that records every request (page.requests), aborts
              and records any request off the loopback host (page.blocked), and records console
              errors (page.console_errors) and uncaught page errors (page.page_errors)

Every test under tests/browser is marked ``browser``.
"""

from __future__ import annotations

import functools
import os
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.chromium import CHROMIUM, CHROMIUM_ARGS

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("THRESHOLDS_SITE_DIR") or ROOT / "site").resolve()  # override: test another build
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LOOPBACK = {"127.0.0.1", "localhost"}
SCRATCH_PREFIX = "/__test__/"  # test-only pages (serve_html), never written into site_dir
EXPLORER_READY_MS = 60_000  # Pyodide loads in ~4 s here; generous for a busy CI machine

MIME_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".json": "application/json",
    ".html": "text/html",
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".zip": "application/zip",
    ".whl": "application/zip",
}


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)


def site_pages(site: Path = SITE) -> list[str]:
    """Every built HTML page as a site-relative path (e.g. "frameworks/kirklees/levels/index.html")."""
    if not site.is_dir():
        return []
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


# The site and its server ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not (SITE / "index.html").is_file():
        pytest.fail(f"{SITE} has no built site: run make build first", pytrace=False)
    return SITE


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME_TYPES}

    def __init__(self, *args, scratch: Path, **kwargs):
        self.scratch = scratch
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        clean = unquote(urlsplit(path).path)
        if clean.startswith(SCRATCH_PREFIX):
            name = clean.removeprefix(SCRATCH_PREFIX)
            target = (self.scratch / name).resolve()
            return str(target) if self.scratch in target.parents or target == self.scratch else str(self.scratch / "-")
        return super().translate_path(path)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the base class's name
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        # A browser that navigates away mid-download resets the connection: not an error here.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


@pytest.fixture(scope="session")
def scratch_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("scratch-pages").resolve()


@pytest.fixture(scope="session")
def server(site_dir: Path, scratch_dir: Path) -> Iterator[str]:
    handler = functools.partial(_Handler, directory=str(site_dir), scratch=scratch_dir)
    httpd = _Server(("127.0.0.1", 0), handler)  # port 0: the OS picks a free port
    thread = threading.Thread(target=httpd.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture()
def serve_html(server: str, scratch_dir: Path) -> Callable[..., str]:
    """Write a test-only file and return its URL on the same server (under /__test__/)."""
    def write(name: str, content: str | bytes) -> str:
        target = scratch_dir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content.encode() if isinstance(content, str) else content)
        return server + SCRATCH_PREFIX.lstrip("/") + name
    return write


# The browser ------------------------------------------------------------------------------------


def _unavailable(reason: str) -> None:
    if in_ci():
        pytest.fail(f"{reason} (CI: browser tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).is_file():
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def is_loopback(url: str) -> bool:
    """True for http(s)/ws(s) URLs on 127.0.0.1 or localhost."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and (parts.hostname or "") in LOOPBACK


def record(context, page=None):
    """Record a context's traffic and its page's errors; abort anything off the loopback host.

    Returns the page with list attributes: requests (every URL requested, including by workers),
    blocked (URLs aborted for leaving 127.0.0.1/localhost), console_errors, page_errors.
    Routing is set on the context so requests from Web Workers are caught too.
    """
    requests: list[str] = []
    blocked: list[str] = []

    def route(r) -> None:
        url = r.request.url
        requests.append(url)
        if is_loopback(url):
            r.continue_()
        else:
            blocked.append(url)
            r.abort("blockedbyclient")

    context.route("**/*", route)
    page = page or context.new_page()
    page.requests = requests
    page.blocked = blocked
    page.console_errors = []
    page.page_errors = []

    def on_console(message) -> None:
        if message.type == "error":
            loc = message.location or {}
            page.console_errors.append(f"{message.text} ({loc.get('url', '?')}:{loc.get('lineNumber', '?')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: page.page_errors.append(str(error)))
    return page


def reset_records(page) -> None:
    """Empty a recorded page's lists in place (for a page reused across checks)."""
    for name in ("requests", "blocked", "console_errors", "page_errors"):
        getattr(page, name).clear()


@pytest.fixture()
def page(browser):
    context = browser.new_context()
    try:
        yield record(context)
    finally:
        context.close()


# Helpers shared by the browser tests ------------------------------------------------------------


def wait_explorer_ready(page, timeout: int = EXPLORER_READY_MS) -> None:
    """Wait for form#explorer[data-state] to be "ready" (the explorer's contract); fail on "unavailable"."""
    page.wait_for_selector('form#explorer[data-state="ready"], form#explorer[data-state="unavailable"]',
                           state="attached", timeout=timeout)
    state = page.get_attribute("form#explorer", "data-state")
    status = page.text_content("#explorer-status") or ""
    assert state == "ready", f"explorer is {state!r}: {status.strip()}"


def wait_result(page, timeout: int = 15_000) -> str:
    """Wait for the result panel to show the assessment of the current ticks; return its text.

    The panel is aria-busy from a tick until the answer to the newest request arrives, so an
    answer to an earlier tick (still on show while later ones are assessed) is not taken for it.
    """
    page.wait_for_selector("#explorer-result:not([aria-busy]) .result[data-rank]", timeout=timeout)
    return page.inner_text("#explorer-result")


def settle(page, quiet_ms: int = 100, timeout_ms: int = 3000) -> None:
    """Wait until the page has requested nothing new for quiet_ms (late fetches such as the search
    index), at most timeout_ms. Cheaper than Playwright's "networkidle" (500 ms per page)."""
    waited, seen = 0, -1
    step = 50
    quiet = 0
    while waited < timeout_ms and quiet < quiet_ms:
        page.wait_for_timeout(step)
        waited += step
        count = len(page.requests)
        quiet = quiet + step if count == seen else 0
        seen = count


# A tour of the whole built site, shared by the offline and page-weight tests -------------------


@dataclass
class Visit:
    path: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    result: str = ""  # explorer pages: the result panel's text after ticking

    @property
    def is_explorer(self) -> bool:
        return "/explorer/" in f"/{self.path}" and self.path.startswith("frameworks/")


@dataclass
class Tour:
    visits: dict[str, Visit]
    searches: dict[str, list[str]]  # page path → result links after typing a query
    search_landing: str = ""  # where clicking the first result led


SEARCH_QUERY = "safeguarding"
SEARCH_READY_MS = 15_000


def open_search(page) -> None:
    """From the current page, follow the header's search link and wait for the search page to be ready."""
    page.locator("a.site-search-link").click()
    page.wait_for_selector('#site-search[data-state="ready"], #site-search[data-state="unavailable"]',
                           timeout=SEARCH_READY_MS)
    state = page.get_attribute("#site-search", "data-state")
    assert state == "ready", f"search is {state!r}: {page.text_content('#site-search-status')}"


def search_results(page, query: str) -> list[dict]:
    """Type a query into the search page; return its results (href, title, authority) once shown."""
    box = page.locator("#site-search-input")
    box.fill("")
    box.press_sequentially(query, delay=20)
    page.wait_for_function(
        "q => document.getElementById('site-search-status').textContent.includes(`“${q}”`)", arg=query,
        timeout=SEARCH_READY_MS)
    return page.eval_on_selector_all("#site-search-results > li", """items => items.map((li) => ({
        href: li.querySelector("a").href, title: li.querySelector("a").textContent,
        authority: (li.querySelector(".site-search__authority") || {}).textContent || ""}))""")


def _search(page, server: str, path: str) -> list[str]:
    page.goto(server + path)
    open_search(page)
    return [r["href"] for r in search_results(page, SEARCH_QUERY)]


@pytest.fixture(scope="session")
def site_tour(browser, server: str, site_dir: Path) -> Tour:
    """Visit every built page in one recorded page (guidance pages first, explorers last): each
    explorer is waited for, ticked and its result read; then the site's search is used from the home
    page and from a deep page. Records per page what was requested, blocked and logged as an error."""
    context = browser.new_context()
    try:
        page = record(context)
        paths = site_pages(site_dir)
        visits: dict[str, Visit] = {}
        for path in sorted(paths, key=lambda p: (Visit(p).is_explorer, p)):
            reset_records(page)
            visit = Visit(path)
            page.goto(server + path, wait_until="load")
            if visit.is_explorer:
                wait_explorer_ready(page)
                # The page's last indicator, at the framework's highest level: a result beyond the default.
                page.locator("fieldset.indicator-group input.indicator-box").last.check()
                visit.result = wait_result(page)
            settle(page)
            visit.requests = list(page.requests)
            visit.blocked = list(page.blocked)
            visit.console_errors = list(page.console_errors)
            visit.page_errors = list(page.page_errors)
            visits[path] = visit

        searches: dict[str, list[str]] = {}
        deep = next((p for p in paths if p.count("/") >= 4), paths[-1])
        tour = Tour(visits, searches)
        for path in ("index.html", deep):
            reset_records(page)
            searches[path] = _search(page, server, path)
            visit = visits.setdefault(f"search:{path}", Visit(f"search:{path}"))
            with page.expect_navigation():
                page.locator("#site-search-results > li a").first.click()
            tour.search_landing = page.url
            settle(page)
            visit.requests, visit.blocked = list(page.requests), list(page.blocked)
            visit.console_errors, visit.page_errors = list(page.console_errors), list(page.page_errors)
        return tour
    finally:
        context.close()
