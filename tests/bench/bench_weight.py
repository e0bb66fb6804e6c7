#!/usr/bin/env python3
"""Page weight: what a cold visit transfers (a script for `make bench`, not a test).

    .venv/bin/python tests/bench/bench_weight.py [--site site]

Serves the built site on 127.0.0.1 and opens, each in a fresh browser context (empty cache), a guidance
page, the home page and an explorer page (until the explorer is ready and has answered one tick). Every
request (the page's and its Web Workers') is recorded; the transfer is the sum of the response bodies as
served (the files' bytes) and gzip-compressed (level 6, what a web server with gzip on would send).
Prints the totals and the largest items. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps"]
MIME = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}


class Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, **MIME}

    def log_message(self, format, *args):  # noqa: A002
        pass


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):  # navigated away mid-download
            super().handle_error(request, client_address)


def body_file(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    if target.is_dir() or path == "" or path.endswith("/"):
        target = target / "index.html"
    return target if target.is_file() else None


def visit(browser, base: str, site: Path, path: str, explorer: bool = False) -> list[tuple[str, int, int]]:
    """(path, raw bytes, gzip bytes) for every response body of a cold visit."""
    context = browser.new_context()
    urls: list[str] = []
    page = context.new_page()
    context.on("request", lambda r: urls.append(r.url))
    try:
        page.goto(base + path, wait_until="load")
        if explorer:
            page.wait_for_selector('form#explorer[data-state="ready"]', timeout=120_000)
            page.locator("input.indicator-box").last.check()
            page.wait_for_selector("#explorer-result .result[data-rank]", timeout=30_000)
        page.wait_for_load_state("networkidle")
    finally:
        context.close()
    items = []
    for url in dict.fromkeys(urls):  # each URL once: a second request for it would be a cache hit
        f = body_file(site, url)
        if f is None:
            continue
        data = f.read_bytes()
        items.append((urlsplit(url).path, len(data), len(gzip.compress(data, compresslevel=6))))
    return items


def report(title: str, items: list[tuple[str, int, int]], top: int = 6) -> None:
    raw = sum(i[1] for i in items)
    gz = sum(i[2] for i in items)
    print(f"\n{title}: {len(items)} responses, {raw:,} bytes as served, {gz:,} bytes gzip-compressed")
    for path, r, g in sorted(items, key=lambda i: -i[1])[:top]:
        print(f"  {r:>12,} {g:>12,}  {path}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--guidance", default=None, help="a guidance page (default: the largest framework's levels page)")
    parser.add_argument("--explorer", default=None, help="an explorer page (default: the largest framework's)")
    args = parser.parse_args(argv)
    site = args.site.resolve()
    if not (site / "index.html").is_file():
        raise SystemExit(f"{site} has no built site: run make build first")
    largest = max((site / "frameworks").glob("*/explorer/index.html"), key=lambda p: p.stat().st_size).parent.parent.name
    guidance = args.guidance or f"frameworks/{largest}/levels/"
    explorer = args.explorer or f"frameworks/{largest}/explorer/"

    from playwright.sync_api import sync_playwright

    httpd = Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    print(f"Page weight, cold visits (empty cache), site {site}")
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                report(f"Guidance page {guidance}", visit(browser, base, site, guidance))
                report("Home page", visit(browser, base, site, ""))
                report(f"Explorer {explorer} (until ready and one result)", visit(browser, base, site, explorer, explorer=True))
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
