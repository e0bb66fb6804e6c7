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
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from ..site.nginx import running_nginx
from .conftest import SITE, is_loopback

PAGE = "/frameworks/kirklees/explorer/"
# 1.6 Mbit/s, 40 ms: about 20 s for the runtime (3.7 MB: the wasm and library as brotli copies, the rest gzip).
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
        assert any("/pyodide/" in p and "/pyodide.asm.wasm" in p for p, _ in first), first
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
        assert any("/pyodide/" in u and "/pyodide.asm.wasm" in u for u in requests), requests
        assert [p for p, _ in second if p.startswith("/pyodide/")] == [], second
        # Everything nginx did see is the page itself or a revalidation that sent no body.
        assert [(p, s) for p, s in second if p != PAGE and s != 304] == [], second
    finally:
        context.close()


class _PlainServer(SimpleHTTPRequestHandler):
    """Serves the site as a plain web server would: every file as it is, nothing compressed."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".json": "application/json", ".zip": "application/zip"}

    def log_message(self, format, *args):  # noqa: A002
        pass


class _CutsTheRuntime(_PlainServer):
    """Drops the connection a quarter of the way through the runtime's wasm (as whichever file)."""

    def copyfile(self, source, outputfile):
        if "/pyodide.asm.wasm" not in self.path:
            return super().copyfile(source, outputfile)
        data = source.read()
        outputfile.write(data[: len(data) // 4])
        outputfile.flush()
        self.close_connection = True
        self.connection.shutdown(socket.SHUT_RDWR)


class _Lacks(_PlainServer):
    """A copy of the site without the files whose path matches ``missing`` (set by a subclass)."""

    missing: re.Pattern

    def send_head(self):
        if self.missing.search(self.path):
            self.send_error(404)
            return None
        return super().send_head()


class _DamagesTheCopy(_PlainServer):
    """Sends the wasm's brotli copy with a run of its bytes changed (what a meddling proxy might do)."""

    def copyfile(self, source, outputfile):
        data = bytearray(source.read())
        if self.path.endswith("/pyodide.asm.wasm.br"):
            middle = len(data) // 2
            data[middle:middle + 4096] = bytes(b ^ 0x5A for b in data[middle:middle + 4096])
        outputfile.write(data)


@contextmanager
def plain_server(handler: type[_PlainServer]) -> Iterator[str]:
    """The site on loopback through ``handler``; yields the base URL."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(handler, directory=str(SITE)))
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def load_until_settled(browser, url: str) -> tuple[str, str, list]:
    """Open the explorer at ``url``; its final state, its status line, and every finished request.

    Ready, it must answer a tick; unavailable, its checklist must stay usable.
    """
    context = browser.new_context()
    try:
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda r: finished.append((urlsplit(r.url).path, r.sizes()["responseBodySize"])))
        page.goto(url + PAGE)
        page.wait_for_selector('form#explorer[data-state="unavailable"], form#explorer[data-state="ready"]',
                               state="attached", timeout=120_000)
        state = page.get_attribute("form#explorer", "data-state")
        box = page.locator('#explorer .indicator input[type="checkbox"]').first
        box.check()
        if state == "ready":  # and it answers
            page.wait_for_selector("#explorer-result .result[data-rank]", timeout=30_000)
        else:
            assert box.is_checked(), "the checklist stays usable"
        return state, page.text_content("#explorer-status") or "", finished
    finally:
        context.close()


def test_a_connection_lost_mid_download_is_the_networks_fault_not_the_browsers(browser):
    with plain_server(_CutsTheRuntime) as url:
        state, text, _ = load_until_settled(browser, url)
    assert state == "unavailable"
    assert "network connection failed" in text and not UNSUPPORTED.search(text), text


def _runtime_folder() -> Path:
    return next(p.parent for p in (SITE / "pyodide").glob("*/runtime.json"))


def test_a_server_that_compresses_nothing_still_sends_the_runtime_at_its_brotli_size(browser):
    folder = _runtime_folder()
    with plain_server(_PlainServer) as url:
        state, status, finished = load_until_settled(browser, url)
    assert state == "ready", status
    sent = {path.rsplit("/", 1)[-1]: size for path, size in finished if "/pyodide/" in path}
    for name in ("pyodide.asm.wasm", "stdlib.zip"):
        assert name not in sent and name + ".br" in sent, sorted(sent)
        assert sent[name + ".br"] == (folder / (name + ".br")).stat().st_size, name
    raw = sum((folder / n).stat().st_size for n in ("pyodide.asm.wasm", "stdlib.zip", "pyodide.asm.mjs"))
    assert raw > 12e6 and sum(sent.values()) < 4.0e6 + 1.3e6, sent  # (pyodide.asm.mjs comes as it is: 1.25 MB)


# Built without the brotli module, say; or a runtime folder that lost the decoder.
@pytest.mark.parametrize("missing", [r"\.br$", r"/brotli_dec_wasm"], ids=["no brotli copies", "no decoder"])
def test_without_the_copies_or_the_decoder_the_explorer_fetches_the_files_themselves(browser, missing):
    with plain_server(type("_Lacking", (_Lacks,), {"missing": re.compile(missing)})) as url:
        state, status, finished = load_until_settled(browser, url)
    assert state == "ready", status
    fetched = {path.rsplit("/", 1)[-1] for path, _ in finished}
    assert {"pyodide.asm.wasm", "stdlib.zip"} <= fetched, sorted(fetched)


def test_a_damaged_brotli_copy_is_a_failed_download_not_an_unsupported_browser(browser):
    with plain_server(_DamagesTheCopy) as url:
        state, status, _ = load_until_settled(browser, url)
    assert state == "unavailable"
    assert "could not finish downloading" in status and not UNSUPPORTED.search(status), status
