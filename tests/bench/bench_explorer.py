#!/usr/bin/env python3
"""Benchmark the threshold explorer in Debian Chromium (a script for `make bench`, not a test).

    .venv/bin/python tests/bench/bench_explorer.py [--site site] [--page kirklees/explorer/index.html]

Serves the built site with ``python -m http.server`` on 127.0.0.1 and prints:

(a) cold start, fresh browser context each run: time from navigation until the explorer form reaches
    data-state="ready", against bare pages calling stock ``loadPyodide()`` (stock stdlib) and
    ``loadPyodide({stdLibURL: compiled})`` from the same self-hosted files; medians and ratios;
(b) assess(): milliseconds per call in Pyodide (in a page, on the framework with the most indicators)
    and in CPython,
    and the page's round trip (tick → result panel updated, through the worker);
(c) bytes a cold explorer visit transfers, as served and gzip-compressed.

The bare pages are written to ``<site>/__bench__/`` and removed afterwards. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import time
import timeit
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
BENCH_DIR = "__bench__"
DONE = '[data-state="ready"], [data-state="unavailable"]'
TIMEOUT_MS = 60000

# Records when the explorer form's data-state becomes ready (ms since navigation started).
WATCH_READY = """
new MutationObserver((_, observer) => {
  const form = document.getElementById("explorer");
  if (form && ["ready", "unavailable"].includes(form.dataset.state) && window.__readyAt === undefined) {
    window.__readyAt = performance.now();
    window.__state = form.dataset.state;
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"], childList: true });
"""

# Bare pages beside the pyodide folder: stock loadPyodide(), and the same with the compiled stdlib.
BARE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<script type="module">
import {{ loadPyodide }} from "../pyodide/pyodide.mjs";
const pyodide = await loadPyodide({options});
window.__readyAt = performance.now();
window.__state = "ready";
document.documentElement.dataset.state = "ready";
</script></body></html>
"""

# Loads the engine the way the worker does, on the main thread, so JavaScript can time assess_json.
ASSESS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<script type="module">
import { loadPyodide } from "../pyodide/pyodide.mjs";
const base = new URL("../pyodide/", location.href).href;
const pyodide = await loadPyodide({ stdLibURL: base + "python_stdlib_compiled.zip", packages: ["thresholds"] });
const browser = pyodide.pyimport("thresholds.browser");
const framework = new URLSearchParams(location.search).get("framework");
browser.load_framework(await (await fetch(framework)).text());
window.__time = (tickedJson, calls) => {
  browser.assess_json(tickedJson);  // warm-up
  const t0 = performance.now();
  for (let i = 0; i < calls; i++) browser.assess_json(tickedJson);
  return (performance.now() - t0) / calls;
};
document.documentElement.dataset.state = "ready";
</script></body></html>
"""

# On the explorer page: tick/untick boxes one at a time; time each until the result panel changes.
ROUND_TRIPS = """
async (n) => {
  const boxes = [...document.querySelectorAll('input[type="checkbox"].indicator-box')];
  const panel = document.getElementById("explorer-result");
  const times = [];
  for (let i = 0; i < n; i++) {
    const box = boxes[(i * 7) % boxes.length];
    const changed = new Promise((resolve) => {
      const mo = new MutationObserver(() => { mo.disconnect(); resolve(); });
      mo.observe(panel, { childList: true, subtree: true, characterData: true });
    });
    const t0 = performance.now();
    box.checked = !box.checked;
    box.dispatchEvent(new Event("change", { bubbles: true }));
    await changed;
    times.push(performance.now() - t0);
  }
  return times;
}
"""


def free_port(start: int = 8765) -> int:
    for port in range(start, start + 200):
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
                return port
            except OSError:
                continue
    raise SystemExit("no free port on 127.0.0.1")


class Server:
    """``python -m http.server`` on 127.0.0.1, stopped on exit."""

    def __init__(self, site: Path):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory", str(site)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(self.base, timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise SystemExit("http.server did not start")

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=10)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def framework_of(page: Path) -> Path | None:
    """The framework JSON file an explorer page points at (data-framework-url), if it has the form."""
    match = re.search(r'data-framework-url="([^"]+)"', page.read_text(encoding="utf-8"))
    return (page.parent / unquote(match.group(1))).resolve() if match else None


def explorer_pages(site: Path) -> dict[Path, Path]:
    """Every explorer page in the site, with its framework file."""
    found = {page: framework_of(page) for page in sorted(site.rglob("explorer/index.html"))}
    return {page: fw for page, fw in found.items() if fw is not None and fw.is_file()}


async def cold_load(browser, url: str, records: list | None = None) -> float:
    """Open url in a fresh context; return ms from navigation until it is ready."""
    context = await browser.new_context()
    try:
        await context.add_init_script(WATCH_READY)
        if records is not None:
            context.on("requestfinished", lambda request: records.append(request.url))
        page = await context.new_page()
        await page.goto(url)
        # (A selector, not wait_for_function: the site's CSP forbids the eval that needs.)
        await page.wait_for_selector(DONE, state="attached", timeout=TIMEOUT_MS)
        state = await page.evaluate("window.__state")
        if state != "ready":
            status = await page.text_content("#explorer-status")
            raise SystemExit(f"{url}: the explorer is {state}: {status}")
        return await page.evaluate("window.__readyAt")
    finally:
        await context.close()


async def run(args: argparse.Namespace) -> None:
    from playwright.async_api import async_playwright

    site = args.site.resolve()
    page_file = (site / args.page).resolve()
    if not page_file.is_file() or framework_of(page_file) is None:
        raise SystemExit(f"no explorer form in {page_file} (build the site first, or pass --page)")
    largest = max(set(explorer_pages(site).values()) | {framework_of(page_file)},
                  key=lambda p: (len(json.loads(p.read_text(encoding="utf-8")).get("indicators", [])), p.stat().st_size))
    bench = site / BENCH_DIR
    bench.mkdir(exist_ok=True)
    (bench / "stock.html").write_text(BARE_PAGE.format(options=""))
    (bench / "compiled.html").write_text(BARE_PAGE.format(
        options='{stdLibURL: new URL("../pyodide/python_stdlib_compiled.zip", location.href).href}'))
    (bench / "assess.html").write_text(ASSESS_PAGE)
    server = Server(site)
    explorer_url = server.base + page_file.relative_to(site).as_posix()
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                await bench_start(browser, server, explorer_url, args.runs)
                await bench_assess(browser, server, site, explorer_url, largest, args.calls)
                await bench_bytes(browser, server, site, explorer_url)
            finally:
                await browser.close()
    finally:
        server.stop()
        shutil.rmtree(bench, ignore_errors=True)


async def bench_start(browser, server: Server, explorer_url: str, runs: int) -> None:
    print(f"(a) cold start, {runs} runs each, fresh browser context per run (ms from navigation to ready)")
    pages = {
        "explorer page (worker, compiled stdlib, thresholds, framework)": explorer_url,
        "bare page, stock loadPyodide()": server.base + f"{BENCH_DIR}/stock.html",
        "bare page, loadPyodide({stdLibURL: compiled})": server.base + f"{BENCH_DIR}/compiled.html",
    }
    times: dict[str, list[float]] = {name: [] for name in pages}
    await cold_load(browser, pages[next(iter(pages))])  # warm the OS file cache and the server
    for _ in range(runs):
        for name, url in pages.items():  # interleaved, so drift hits all alike
            times[name].append(await cold_load(browser, url))
    for name, values in times.items():
        print(f"    {name:64} median {median(values):7.0f}   runs {', '.join(f'{v:.0f}' for v in values)}")
    explorer, stock, compiled = (median(v) for v in times.values())
    print(f"    ratio explorer / stock:  {explorer / stock:.2f}")
    print(f"    ratio compiled / stock:  {compiled / stock:.2f}  (the standard library alone)")


async def bench_assess(browser, server: Server, site: Path, explorer_url: str, framework: Path, calls: int) -> None:
    data = json.loads(framework.read_text(encoding="utf-8"))
    ids = [i["id"] for i in data["indicators"]]
    step = max(1, len(ids) // 10)
    cases = {"1 ticked": ids[:1], f"{len(ids[::step][:10])} ticked": ids[::step][:10], f"all {len(ids)} ticked": ids}
    print(f"(b) assess() on the framework with the most indicators, {framework.relative_to(site)} "
          f"({len(ids)} indicators, {len(data.get('rules', []))} rules), ms per call, mean of {calls}")

    context = await browser.new_context()
    try:
        page = await context.new_page()
        url = server.base + f"{BENCH_DIR}/assess.html?framework=" + "/" + framework.relative_to(site).as_posix()
        await page.goto(url)
        await page.wait_for_selector("html[data-state=ready]", state="attached", timeout=TIMEOUT_MS)
        in_pyodide = {name: await page.evaluate("([t, n]) => window.__time(t, n)", [json.dumps(t), calls])
                      for name, t in cases.items()}
    finally:
        await context.close()

    from thresholds import browser as engine  # CPython, the same module

    engine.load_framework(framework.read_text(encoding="utf-8"))
    in_cpython = {}
    for name, ticked in cases.items():
        text = json.dumps(ticked)
        engine.assess_json(text)
        in_cpython[name] = timeit.timeit(lambda: engine.assess_json(text), number=calls) / calls * 1000
    for name in cases:
        print(f"    {name:16} Pyodide {in_pyodide[name]:8.3f}   CPython {in_cpython[name]:8.3f}   "
              f"ratio {in_pyodide[name] / in_cpython[name]:5.1f}")

    context = await browser.new_context()
    try:
        page = await context.new_page()
        await page.goto(explorer_url)
        await page.wait_for_selector("#explorer[data-state=ready]", state="attached", timeout=TIMEOUT_MS)
        trips = await page.evaluate(ROUND_TRIPS, 30)
        print(f"    explorer page round trip (tick → panel updated, via the worker): median {median(trips):.1f} ms, "
              f"max {max(trips):.1f} ms over {len(trips)} ticks")
    finally:
        await context.close()


async def bench_bytes(browser, server: Server, site: Path, explorer_url: str) -> None:
    urls: list[str] = []
    await cold_load(browser, explorer_url, urls)
    rows, foreign = [], []
    for url in dict.fromkeys(urls):
        parts = urlsplit(url)
        if parts.hostname != "127.0.0.1":
            foreign.append(url)
            continue
        path = unquote(parts.path)
        file = site / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
        if file.is_file():
            body = file.read_bytes()
            rows.append((path, len(body), len(gzip.compress(body, 6))))
    print("(c) a cold explorer visit transfers (bytes as served by http.server / gzip -6):")
    for path, raw, packed in sorted(rows, key=lambda r: -r[1]):
        print(f"    {raw:>12,} {packed:>12,}  {path}")
    print(f"    {sum(r[1] for r in rows):>12,} {sum(r[2] for r in rows):>12,}  total, {len(rows)} files")
    if foreign:
        print("    requests that left 127.0.0.1:", *foreign, sep="\n      ")
    else:
        print("    no request left 127.0.0.1")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: ./site)")
    parser.add_argument("--page", default=None,
                        help="the explorer page, relative to the site, e.g. frameworks/kirklees/explorer/index.html "
                             "(default: the first one found)")
    parser.add_argument("--runs", type=int, default=5, help="cold starts per variant (default 5)")
    parser.add_argument("--calls", type=int, default=200, help="assess() calls to time (default 200)")
    args = parser.parse_args(argv)
    if args.page is None:
        pages = list(explorer_pages(args.site.resolve()))
        if not pages:
            raise SystemExit(f"no explorer page under {args.site}: build the site first (make build)")
        args.page = pages[0].relative_to(args.site.resolve()).as_posix()
    print(f"site {args.site.resolve()}, page {args.page}, Chromium {CHROMIUM}")
    asyncio.run(run(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
