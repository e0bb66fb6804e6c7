"""How the explorer loads, served by nginx with the shipped configuration (docs/deploy/nginx.conf):
a slow link is reported as slow with the bytes so far, never as an unsupported browser, and a
second visit fetches none of the runtime.

These pages are not routed through Playwright (routing turns Chromium's HTTP cache off); requests
are watched with page.on("request") instead, and must all stay on loopback.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ..site.nginx import running_nginx
from .conftest import SITE, is_loopback

PAGE = "/frameworks/kirklees/explorer/"
# 1.6 Mbit/s, 40 ms: about 30 s for the runtime over gzip.
VERY_SLOW = {"offline": False, "latency": 40, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 1.6e6 / 8}
SLOW_DEADLINE_S = 240  # generous: a busy CI machine also has to start Python after the download
BYTES = re.compile(r"Still loading: (\d+\.\d) of (\d+\.\d) MB")
UNSUPPORTED = re.compile(r"cannot run in this browser", re.I)


@pytest.fixture()
def nginx_gzip(tmp_path):
    """nginx with the shipped config and brotli off: gzip only, as a browser gets over plain HTTP."""
    with running_nginx(SITE, tmp_path, brotli=False) as url:
        yield url, tmp_path / "access.log"


def watch_requests(page) -> list[str]:
    urls: list[str] = []
    page.on("request", lambda r: urls.append(r.url))
    return urls


def log_lines(log, start: int) -> list[tuple[str, int]]:
    """(path, status) of each request nginx logged after byte offset ``start``."""
    with log.open("rb") as f:
        f.seek(start)
        text = f.read().decode("utf-8", "replace")
    return [(m.group(1), int(m.group(2))) for m in re.finditer(r'"GET (\S+) HTTP/[\d.]+" (\d{3})', text)]


def test_a_very_slow_link_is_reported_as_slow_with_bytes_and_the_explorer_gets_ready(browser, nginx_gzip):
    url, _ = nginx_gzip
    context = browser.new_context()
    try:
        page = context.new_page()
        requests = watch_requests(page)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", VERY_SLOW)
        page.goto(url + PAGE, wait_until="commit")
        page.wait_for_selector("#explorer-status", state="attached", timeout=60_000)
        statuses, ticked, started = [], False, time.monotonic()
        while time.monotonic() - started < SLOW_DEADLINE_S:
            state = page.get_attribute("form#explorer", "data-state")
            text = (page.text_content("#explorer-status") or "").strip()
            if text and (not statuses or statuses[-1] != text):
                statuses.append(text)
            assert not UNSUPPORTED.search(text), f"a slow link was called an unsupported browser: {statuses}"
            assert state in ("loading", "ready"), (state, statuses)
            if state == "ready":
                break
            if not ticked and BYTES.search(text):
                # While it loads, the checklist is usable: a tick sticks and is assessed once ready.
                box = page.locator('#explorer .indicator input[type="checkbox"]').first
                box.check()
                assert box.is_checked()
                ticked = True
            page.wait_for_timeout(500)
        assert page.get_attribute("form#explorer", "data-state") == "ready", statuses[-3:]
        figures = [tuple(map(float, m.groups())) for m in map(BYTES.search, statuses) if m]
        assert len(figures) >= 3, f"the bytes loaded were not shown as they arrived: {statuses}"
        loaded = [f[0] for f in figures]
        assert loaded == sorted(loaded) and loaded[-1] > loaded[0], figures
        total = figures[-1][1]
        assert 3.0 < total < 6.0, f"total {total} MB is not the gzip runtime size"
        assert any("network is slow" in s.lower() for s in statuses)
        assert ticked and page.wait_for_selector("#explorer-result .result[data-rank]", timeout=30_000)
        assert all(is_loopback(u) for u in requests)
    finally:
        context.close()


def test_a_second_visit_fetches_none_of_the_runtime(browser, nginx_gzip):
    url, log = nginx_gzip
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(url + PAGE)
        page.wait_for_selector('form#explorer[data-state="ready"]', timeout=120_000)
        first = log_lines(log, 0)
        assert any("/pyodide/" in p and p.endswith(".wasm") for p, _ in first), first
        page.close()
        time.sleep(0.3)  # (nginx logs a request as it ends)

        start = log.stat().st_size
        page = context.new_page()
        requests = watch_requests(page)
        page.goto(url + PAGE)
        page.wait_for_selector('form#explorer[data-state="ready"]', timeout=120_000)
        page.wait_for_timeout(500)
        second = log_lines(log, start)
        # The browser asked for the runtime again (from its cache) but nginx never heard of it.
        assert any("/pyodide/" in u and u.endswith(".wasm") for u in requests), requests
        assert [p for p, _ in second if p.startswith("/pyodide/")] == [], second
        # Everything nginx did see is the page itself or a revalidation that sent no body.
        assert [(p, s) for p, s in second if p != PAGE and s != 304] == [], second
    finally:
        context.close()


class _CutsTheRuntime(SimpleHTTPRequestHandler):
    """Serves the site, but drops the connection a quarter of the way through the runtime's wasm."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".json": "application/json", ".zip": "application/zip"}

    def copyfile(self, source, outputfile):
        if not self.path.endswith(".wasm"):
            return super().copyfile(source, outputfile)
        data = source.read()
        outputfile.write(data[: len(data) // 4])
        outputfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)

    def log_message(self, format, *args):  # noqa: A002
        pass


def test_a_connection_lost_mid_download_is_the_networks_fault_not_the_browsers(browser):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_CutsTheRuntime, directory=str(SITE)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{httpd.server_address[1]}{PAGE}")
        page.wait_for_selector('form#explorer[data-state="unavailable"], form#explorer[data-state="ready"]',
                               state="attached", timeout=120_000)
        assert page.get_attribute("form#explorer", "data-state") == "unavailable"
        text = page.text_content("#explorer-status") or ""
        assert "network connection failed" in text and not UNSUPPORTED.search(text), text
        box = page.locator('#explorer .indicator input[type="checkbox"]').first
        box.check()
        assert box.is_checked(), "the checklist stays usable"
    finally:
        context.close()
        httpd.shutdown()
        httpd.server_close()
