#!/usr/bin/env python3
"""Page weight: what a cold visit transfers (a script for `make bench`, not a test).

    .venv/bin/python tests/bench/bench_weight.py [--site site]

Serves the built site with nginx and the shipped configuration (docs/deploy/nginx.conf, on loopback)
and opens, each in a fresh browser context (empty cache), a guidance page, the home page and an
explorer page (until the explorer is ready and has answered one tick). The transfer is what nginx
says it sent: the body bytes in its access log, every request of the page and its Web Worker. Each
visit is made three times: with brotli_static on (what a browser gets over HTTPS), off (gzip, what a
browser gets over plain HTTP), and with no compression at all (a server left as it was installed).
Prints the totals, the largest items, and the explorer's figures against the 4.0 MB target
(MB = 1,000,000 bytes). Nothing is asserted.
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit

from figures import figure  # (this folder: the script's own)

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 (the repository root is on the path now)
TARGET_BR = 4.0e6
BEFORE = "8.6 MB gzip, 16.5 MB as files (issue 13, before this work)"
# (label, brotli_static, gzip_static and gzip, what a browser meets so)
MODES = (("brotli", True, True, "brotli_static on: what a browser gets over HTTPS"),
         ("gzip", False, True, "brotli_static off, gzip_static and gzip on: what a browser gets over plain HTTP"),
         ("no compression", False, False, "all three off: a web server that compresses nothing"))
LOG_LINE = re.compile(r'"GET (\S+) HTTP/[\d.]+" (\d{3}) (\d+)')


def visit(browser, base: str, log: Path, path: str, explorer: bool = False) -> list[tuple[str, int, int]]:
    """(path, status, body bytes sent) for every request nginx answered during a cold visit."""
    start = log.stat().st_size if log.exists() else 0
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(base + path, wait_until="load")
        if explorer:
            page.wait_for_selector('form#explorer[data-state="ready"]', timeout=120_000)
            page.locator("input.indicator-box").last.check()
            page.wait_for_selector("#explorer-result .result[data-rank]", timeout=30_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)  # (nginx writes its log line as the response ends)
    finally:
        context.close()
    with log.open("rb") as f:
        f.seek(start)
        text = f.read().decode("utf-8", "replace")
    return [(unquote(urlsplit(m.group(1)).path), int(m.group(2)), int(m.group(3))) for m in LOG_LINE.finditer(text)]


def report(title: str, items: list[tuple[str, int, int]], top: int = 8) -> int:
    total = sum(i[2] for i in items)
    paths = [i[0] for i in items]
    repeats = sorted({p for p in paths if paths.count(p) > 1})
    print(f"\n{title}: {len(items)} responses, {total:,} bytes ({total / 1e6:.2f} MB)")
    for path, status, sent in sorted(items, key=lambda i: -i[2])[:top]:
        print(f"  {sent:>12,}  {status}  {path}")
    if repeats:
        print("  fetched more than once: " + ", ".join(repeats))
    return total


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
    files = sum(p.stat().st_size for p in (site / "pyodide").rglob("*") if p.is_file() and p.suffix not in (".br", ".gz"))

    from playwright.sync_api import sync_playwright

    from tests.site.nginx import running_nginx

    print(f"Page weight, cold visits (empty cache), site {site}, nginx with docs/deploy/nginx.conf")
    totals = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, brotli, gzip, how in MODES:
                with tempfile.TemporaryDirectory(prefix="bench-weight-") as tmp, \
                        running_nginx(site, Path(tmp), brotli=brotli, gzip=gzip) as url:
                    log = Path(tmp) / "access.log"
                    base = url + "/"
                    print(f"\n-- {label} ({how})")
                    report(f"Guidance page {guidance}", visit(browser, base, log, guidance))
                    report("Home page", visit(browser, base, log, ""))
                    items = visit(browser, base, log, explorer, explorer=True)
                    totals[label] = report(f"Explorer {explorer} (until ready and one result)", items)
                    search = [p for p, _, _ in items if "search" in p or "pagefind" in p]
                    print("  site search fetched on the explorer page: " + (", ".join(search) if search else "nothing"))
        finally:
            browser.close()
    print(f"\nCold explorer visit: {totals['brotli'] / 1e6:.2f} MB brotli, {totals['gzip'] / 1e6:.2f} MB gzip, "
          f"{totals['no compression'] / 1e6:.2f} MB from a server that compresses nothing "
          f"(target: at most {TARGET_BR / 1e6:.1f} MB brotli; before: {BEFORE}); the runtime is {files / 1e6:.1f} MB as files")
    figure("cold explorer visit, brotli", round(totals["brotli"] / 1e6, 3), TARGET_BR / 1e6, "MB", "before: " + BEFORE)
    figure("cold explorer visit, gzip", round(totals["gzip"] / 1e6, 2), None, "MB", "before: 8.6 MB gzip")
    figure("cold explorer visit, no compression", round(totals["no compression"] / 1e6, 2), None, "MB",
           "before: 16.5 MB as files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
