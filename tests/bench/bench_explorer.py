#!/usr/bin/env python3
"""Benchmark the threshold explorer in Debian Chromium (a script for `make bench`, not a test).

    .venv/bin/python tests/bench/bench_explorer.py [--site site] [--page kirklees/explorer/index.html]

Prints, in one run:

(a) cold start, fresh browser context each run: time from navigation until the explorer form reaches
    data-state="ready", against a bare page calling stock ``loadPyodide()`` (the npm package's own
    files: stock stdlib and lock file, copied beside the site for the run); medians and the ratio,
    with a 95% bootstrap interval over the runs, against the 0.45 target. Both are served by one
    loopback server that, like the shipped nginx config, marks the versioned runtime folder immutable
    and sends everything else uncompressed (the explorer's worker still fetches the wasm's and the
    library's brotli copies and decodes them itself, as it does from any server). Chromium is started
    with tests/chromium.py's flags, which stop it building its address bar's popup for every new
    context's window: about 1 s of CPU that landed on both pages' start-up;
(b) assess(): milliseconds per call in Pyodide (in a page, on the framework with the most indicators)
    and in CPython, and the page's round trip (tick → result panel updated, through the worker);
(c) slow link: the explorer served by nginx with the shipped config and brotli off (gzip only, as a
    browser on plain HTTP gets it), on an emulated 10 Mbit/s, 40 ms link (Chromium's
    Network.emulateNetworkConditions); time to ready against the 5 s target, and the status line the
    page showed while loading.

Lines starting with "@figure " carry the headline figures for tests/bench/run.py's summary. The bench
pages are written to ``<site>/__bench__/`` and removed afterwards. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import sys
import time
import timeit
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
import threading
from urllib.parse import unquote

from figures import figure  # (this folder: the script's own)

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 (the repository root is on the path now)
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

# On the explorer page, the moment it is ready: tick the first box and record when the result panel
# changes (a practitioner who ticked while it loaded waits this long after ready for the first answer).
TICK_AT_READY = """
new MutationObserver((_, observer) => {
  const form = document.getElementById("explorer");
  if (!form || form.dataset.state !== "ready") return;
  observer.disconnect();
  const box = form.querySelector('input[type="checkbox"].indicator-box');
  const panel = document.getElementById("explorer-result");
  if (!box || !panel) return;
  new MutationObserver((_, o) => { o.disconnect(); window.__answerAt = performance.now(); })
    .observe(panel, { childList: true, subtree: true, characterData: true });
  window.__tickedAt = performance.now();
  box.checked = true;
  box.dispatchEvent(new Event("change", { bubbles: true }));
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"], childList: true });
"""

# A bare page calling stock loadPyodide() from the npm package's own files (copied to __bench__/stock/).
BARE_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<script type="module">
import { loadPyodide } from "./stock/pyodide.mjs";
const pyodide = await loadPyodide();
window.__readyAt = performance.now();
window.__state = "ready";
document.documentElement.dataset.state = "ready";
</script></body></html>
"""
STOCK_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
SLOW_LINK = {"offline": False, "latency": 40, "downloadThroughput": 10e6 / 8, "uploadThroughput": 10e6 / 8}
TARGET_RATIO = 0.45
TARGET_SLOW_S = 5.0
SLOW_DEADLINE_S = 180

# Loads the engine the way the worker does, on the main thread, so JavaScript can time assess_json.
ASSESS_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bench</title></head><body>
<script type="module">
const params = new URLSearchParams(location.search);
const base = new URL(params.get("runtime"), location.href).href;
const { loadPyodide } = await import(base + "pyodide.mjs");
const pyodide = await loadPyodide({ indexURL: base, stdLibURL: base + "stdlib.zip", lockFileURL: base + "pyodide-lock.json" });
const browser = pyodide.pyimport("thresholds.browser");
browser.load_framework(await (await fetch(params.get("framework"))).text());
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


class _Handler(SimpleHTTPRequestHandler):
    """Files as they are (no compression); the versioned runtime folder immutable, the rest revalidated."""

    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".json": "application/json", ".zip": "application/zip"}

    def end_headers(self):
        versioned = re.match(r"/pyodide/\d[^/]*-[0-9a-f]{12}/", self.path)
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if versioned else "no-cache")
        super().end_headers()

    def log_message(self, format, *args):  # noqa: A002
        pass


class _Threaded(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


class Server:
    """A threaded http.server on 127.0.0.1 (see _Handler), stopped on exit."""

    def __init__(self, site: Path):
        self.httpd = _Threaded(("127.0.0.1", 0), partial(_Handler, directory=str(site)))
        self.port = self.httpd.server_address[1]
        self.base = f"http://127.0.0.1:{self.port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratio_interval(top: list[float], bottom: list[float], draws: int = 2000) -> tuple[float, float]:
    """A 95% bootstrap interval of median(top) / median(bottom): how far this run's ratio can be trusted.

    On a 2-core machine one cold start varies by 10-20%, so a ratio within a few hundredths of its target
    is at the target, not on either side of it. The seed is fixed, so the same runs give the same interval.
    """
    rng = random.Random(13)
    ratios = sorted(median(rng.choices(top, k=len(top))) / median(rng.choices(bottom, k=len(bottom)))
                    for _ in range(draws))
    return ratios[round(0.025 * draws)], ratios[round(0.975 * draws) - 1]


def framework_of(page: Path) -> Path | None:
    """The framework JSON file an explorer page points at (data-framework-url), if it has the form."""
    match = re.search(r'data-framework-url="([^"]+)"', page.read_text(encoding="utf-8"))
    return (page.parent / unquote(match.group(1))).resolve() if match else None


def explorer_pages(site: Path) -> dict[Path, Path]:
    """Every explorer page in the site, with its framework file."""
    found = {page: framework_of(page) for page in sorted(site.rglob("explorer/index.html"))}
    return {page: fw for page, fw in found.items() if fw is not None and fw.is_file()}


async def cold_load(browser, url: str, records: list | None = None, answers: list | None = None) -> float:
    """Open url in a fresh context; return ms from navigation until it is ready.

    With ``answers``, a box is ticked the moment the page is ready, and the ms from then until the
    result panel changed is appended to it.
    """
    context = await browser.new_context()
    try:
        await context.add_init_script(WATCH_READY)
        if answers is not None:
            await context.add_init_script(TICK_AT_READY)
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
        if answers is not None:
            for _ in range(TIMEOUT_MS // 20):  # (polled: see above)
                answered = await page.evaluate("window.__answerAt - window.__readyAt")
                if answered is not None and answered == answered:  # (NaN until the answer)
                    answers.append(answered)
                    break
                await page.wait_for_timeout(20)
            else:
                raise SystemExit(f"{url}: no answer to a tick {TIMEOUT_MS / 1000:.0f} s after ready")
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
    (bench / "stock").mkdir(parents=True, exist_ok=True)
    for name in STOCK_FILES:
        shutil.copyfile(ROOT / "node_modules" / "pyodide" / name, bench / "stock" / name)
    (bench / "stock.html").write_text(BARE_PAGE)
    (bench / "assess.html").write_text(ASSESS_PAGE)
    server = Server(site)
    explorer_url = server.base + page_file.relative_to(site).as_posix()
    runtime = re.search(r'data-pyodide-url="([^"]+)"', page_file.read_text(encoding="utf-8")).group(1)
    runtime_path = "/" + (page_file.parent / runtime).resolve().relative_to(site).as_posix() + "/"
    try:
        async with async_playwright() as p:
            browser = await p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                if "a" in args.parts:
                    await bench_start(browser, server, explorer_url, args.runs)
                if "b" in args.parts:
                    await bench_assess(browser, server, site, explorer_url, largest, args.calls, runtime_path)
                if "c" in args.parts:
                    await bench_slow_link(browser, site, page_file.relative_to(site).as_posix(), args.slow_runs)
            finally:
                await browser.close()
    finally:
        server.stop()
        shutil.rmtree(bench, ignore_errors=True)


async def bench_start(browser, server: Server, explorer_url: str, runs: int) -> None:
    print(f"    load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs: other work on this machine slows both alike")
    print(f"(a) cold start, {runs} runs each, fresh browser context per run (ms from navigation to ready)")
    pages = {
        "explorer page (worker, trimmed stdlib with the engine, framework)": explorer_url,
        "bare page, stock loadPyodide() (npm package files)": server.base + f"{BENCH_DIR}/stock.html",
    }
    times: dict[str, list[float]] = {name: [] for name in pages}
    answers: list[float] = []  # the explorer's first answer, for a box ticked the moment it is ready
    for url in pages.values():
        await cold_load(browser, url)  # warm the OS file cache and the server
    for _ in range(runs):
        for name, url in pages.items():  # interleaved, so drift hits both alike
            times[name].append(await cold_load(browser, url, answers=answers if url == explorer_url else None))
    for name, values in times.items():
        print(f"    {name:68} median {median(values):7.0f}   runs {', '.join(f'{v:.0f}' for v in values)}")
    explorer, stock = (median(v) for v in times.values())
    low, high = ratio_interval(*times.values())
    print(f"    ratio explorer / stock:  {explorer / stock:.3f}  (95% bootstrap interval over these runs "
          f"{low:.3f}-{high:.3f}; target at most {TARGET_RATIO})")
    print(f"    a box ticked the moment the explorer is ready: its answer came {median(answers):.0f} ms later "
          f"(median; runs {', '.join(f'{v:.0f}' for v in answers)}): it includes what the engine imports just after ready")
    figure("start-up, explorer ready / stock loadPyodide()", round(explorer / stock, 3), TARGET_RATIO, "x",
           f"{explorer:.0f} ms vs {stock:.0f} ms, medians of {runs}; 95% interval {low:.3f}-{high:.3f}")
    figure("first answer after ready (a box ticked at ready)", round(median(answers)), None, "ms", f"median of {runs}")


async def bench_slow_link(browser, site: Path, page_path: str, runs: int) -> None:
    from tests.site.nginx import running_nginx

    print(f"(c) slow link: nginx with the shipped config, gzip only (brotli_static off), "
          f"{SLOW_LINK['downloadThroughput'] * 8 / 1e6:.0f} Mbit/s, {SLOW_LINK['latency']} ms; "
          f"fresh context per run (s from navigation to ready)")
    import tempfile

    times, statuses, encodings, downloaded = [], [], {}, []
    with tempfile.TemporaryDirectory(prefix="bench-nginx-") as tmp, \
            running_nginx(site, Path(tmp), brotli=False) as url:
        for _ in range(runs):
            context = await browser.new_context()
            try:
                await context.add_init_script(WATCH_READY)
                page = await context.new_page()
                page.on("response", lambda r: encodings.__setitem__(r.url.rsplit("/", 1)[-1], r.headers.get("content-encoding"))
                        if "/pyodide/" in r.url else None)
                cdp = await context.new_cdp_session(page)
                await cdp.send("Network.enable")
                await cdp.send("Network.emulateNetworkConditions", SLOW_LINK)
                seen, wasm_done = [], []
                context.on("requestfinished", lambda r: wasm_done.append(r.timing) if "/pyodide.asm.wasm" in r.url else None)
                await page.goto(f"{url}/{page_path}", wait_until="commit")
                deadline = time.monotonic() + SLOW_DEADLINE_S
                while time.monotonic() < deadline:
                    if await page.evaluate("window.__state") is not None:
                        break
                    text = await page.evaluate("document.getElementById('explorer-status')?.textContent || ''")
                    if text and (not seen or seen[-1] != text):
                        seen.append(text)
                    await page.wait_for_timeout(500)
                state = await page.evaluate("window.__state")
                if state != "ready":
                    raise SystemExit(f"slow link: the explorer is {state or 'not ready'} after {SLOW_DEADLINE_S} s; "
                                     f"status: {seen[-1:]}")
                times.append(await page.evaluate("window.__readyAt") / 1000)
                statuses.append(seen)
                origin = await page.evaluate("performance.timeOrigin")
                if wasm_done:  # when the last byte of the runtime's largest file arrived
                    t = wasm_done[0]
                    downloaded.append((t["startTime"] + t["responseEnd"] - origin) / 1000)
            finally:
                await context.close()
    print(f"    runs {', '.join(f'{t:.2f}' for t in times)} s; median {median(times):.2f} s "
          f"(target at most {TARGET_SLOW_S:.0f} s)")
    print("    the runtime's files as nginx sent them: " + ", ".join(
        f"{name} {encoding or 'as it is'}" for name, encoding in sorted(encodings.items())))
    if downloaded:
        print(f"    the wasm's last byte arrived at {', '.join(f'{t:.2f}' for t in downloaded)} s: the rest is the CPU "
              f"starting Python (load average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs)")
    for text in statuses[-1][:6]:
        print(f"    status: {text}")
    figure("slow link 10 Mbit/s, 40 ms (gzip): explorer ready", round(median(times), 3), TARGET_SLOW_S, "s",
           f"median of {runs}, nginx with the shipped config, brotli off")


async def bench_assess(browser, server: Server, site: Path, explorer_url: str, framework: Path, calls: int,
                       runtime_path: str) -> None:
    data = json.loads(framework.read_text(encoding="utf-8"))
    ids = [i["id"] for i in data["indicators"]]
    step = max(1, len(ids) // 10)
    cases = {"1 ticked": ids[:1], f"{len(ids[::step][:10])} ticked": ids[::step][:10], f"all {len(ids)} ticked": ids}
    print(f"(b) assess() on the framework with the most indicators, {framework.relative_to(site)} "
          f"({len(ids)} indicators, {len(data.get('rules', []))} rules), ms per call, mean of {calls}")

    context = await browser.new_context()
    try:
        page = await context.new_page()
        url = (server.base + f"{BENCH_DIR}/assess.html?runtime={runtime_path}&framework=/"
               + framework.relative_to(site).as_posix())
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="the built site (default: ./site)")
    parser.add_argument("--page", default=None,
                        help="the explorer page, relative to the site, e.g. frameworks/kirklees/explorer/index.html "
                             "(default: the first one found)")
    parser.add_argument("--runs", type=int, default=15,
                        help="cold starts per variant (default 15: one run varies by 10-20%% on 2 cores)")
    parser.add_argument("--parts", default="abc", help="which parts to run (default abc)")
    parser.add_argument("--slow-runs", type=int, default=3, help="throttled cold starts (default 3)")
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
