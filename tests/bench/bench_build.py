#!/usr/bin/env python3
"""Benchmark the site build against the number of frameworks (a script for `make bench`, not a test).

    .venv/bin/python tests/bench/bench_build.py [--counts 1,10,50,150] [--profile]

For each N, writes N synthetic frameworks (copies of the largest real one in ./frameworks, each with
its own id and authority name) to a temporary folder and times the real build on them:

    THRESHOLDS_FRAMEWORKS=<folder> .venv/bin/mkdocs build --strict -d <tmp>

and, for comparison, plain MkDocs (theme material with navigation.prune, Material's search plugin, the
same Markdown extensions; no macros, no hooks) building the same pages: the Markdown the macros produce
for those frameworks, written out as ordinary files with the same nav. Prints, per N: pages, total
and per-framework seconds, the plain build's seconds and the ratio, the bytes of one built page
(navigation.prune should keep it flat), of the site's Pagefind index (all of it: a search fetches a
few of its fragments) and of the one index Material's search would have every page download.

At the largest N (150 by default: about as many safeguarding partnerships as England has), a browser
then measures, against the targets of issue 10:
  - a cold guidance page (empty cache): every response's bytes as served, gzip (level 6) and brotli
    (quality 11), as a web server compressing text would send them (already-compressed files, such as
    Pagefind's, count as they are when compressing gains nothing): target at most 300 KB compressed;
  - one search from that page (follow the header's link, type a word, wait for the results): the bytes
    of every response that the cold page had not already fetched: target at most 500 KB;
  - the build's time: target at most 2 minutes.
Nothing is asserted.

If a build takes more than --profile-over seconds (default 120), or with --profile, the largest N is
built again under cProfile and the top functions are printed.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import pstats
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
from tests.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402 (the repository root is on the path now)

FRAMEWORKS = ROOT / "frameworks"
SEARCH_WORD = "neglect"  # in every seed framework: a search with results from every synthetic authority
KB = 1000
TARGET_PAGE_KB = 300
TARGET_SEARCH_KB = 500
TARGET_BUILD_S = 120
MKDOCS = [sys.executable, "-m", "mkdocs"]
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def largest_framework() -> Path:
    from thresholds.catalog import framework_files

    return max(framework_files(FRAMEWORKS), key=lambda p: p.stat().st_size)


def synthesise(source: Path, n: int, out: Path) -> list[str]:
    """n copies of source in out, ids synthetic-001…, authorities "Synthetic Authority 001"…"""
    out.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    ids = []
    for k in range(1, n + 1):
        fid = f"synthetic-{k:03d}"
        copy = re.sub(r"^id: .*$", f"id: {fid}", text, count=1, flags=re.M)
        copy = re.sub(r"^authority: .*$", f'authority: "Synthetic Authority {k:03d}"', copy, count=1, flags=re.M)
        (out / f"{fid}.yaml").write_text(copy, encoding="utf-8")
        ids.append(fid)
    shutil.copy(FRAMEWORKS / "framework.schema.json", out / "framework.schema.json")
    return ids


def timed(cmd: list[str], env: dict[str, str] | None = None, cwd: Path = ROOT) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env or ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-3000:]}")
    return elapsed


def real_build(frameworks: Path, out: Path) -> float:
    return timed([*MKDOCS, "build", "--strict", "-q", "-d", str(out)], env=dict(ENV, THRESHOLDS_FRAMEWORKS=str(frameworks)))


class _Env:
    """Stands in for mkdocs-macros' environment: collects the macros by name."""

    def __init__(self) -> None:
        self.macros: dict = {}
        self.page = None  # the page being rendered: macros that link relatively read its url

    def macro(self, function, name: str | None = None):
        self.macros[name or function.__name__] = function
        return function


def plain_project(frameworks: Path, dest: Path) -> Path:
    """The same pages as plain Markdown files, with the same nav, for a build with no macros or hooks."""
    import jinja2

    import macros
    from macros.pages import framework_pages
    from macros.site import CATALOGUE

    CATALOGUE.load(frameworks)
    env = _Env()
    macros.define_env(env)
    docs = dest / "docs"
    docs.mkdir(parents=True)
    section = []
    for fw in sorted(CATALOGUE.frameworks, key=lambda f: f.authority.lower()):
        entries = []
        for spec in framework_pages(fw):
            target = docs / spec.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(spec.render(), encoding="utf-8")
            entries.append({spec.nav_title: spec.path})
        section.append({fw.authority: entries})
    for md in (ROOT / "docs").glob("*.md"):  # the hand-written pages, their macro calls rendered
        env.page = SimpleNamespace(url="" if md.stem == "index" else f"{md.stem}/")
        (docs / md.name).write_text(jinja2.Template(md.read_text(encoding="utf-8")).render(**env.macros), encoding="utf-8")
    shutil.copytree(ROOT / "docs" / "stylesheets", docs / "stylesheets")
    nav = [{"Home": "index.md"}, {"Threshold explorer": "explorer.md"}, {"Compare authorities": "compare.md"},
           {"Authorities": section}, {"Search": "search.md"},
           {"About": [{"Privacy": "privacy.md"}, {"Accessibility statement": "accessibility.md"}]},
           {"For publishers": [{"Publishing guide": "publishing.md"}]}]
    config = {
        "site_name": "Plain", "use_directory_urls": True, "docs_dir": "docs",
        "theme": {"name": "material", "font": False, "features": ["navigation.prune", "navigation.indexes"]},
        "extra_css": ["stylesheets/site.css"],
        "plugins": ["search"],
        "markdown_extensions": ["attr_list", "admonition", "abbr", {"toc": {"permalink": False}}],
        "nav": nav,
    }
    (dest / "mkdocs.yml").write_text(json.dumps(config, indent=1), encoding="utf-8")  # JSON is YAML
    return dest / "mkdocs.yml"


def plain_build(config: Path, out: Path) -> float:
    return timed([*MKDOCS, "build", "-q", "-f", str(config), "-d", str(out)], cwd=config.parent)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else 0


# What a browser transfers, at the largest N -------------------------------------------------------


class _Handler(SimpleHTTPRequestHandler):
    extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".js": "text/javascript", ".json": "application/json"}

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):  # navigated away mid-download
            super().handle_error(request, client_address)


def _body(site: Path, url: str) -> bytes | None:
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    if path == "" or path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target.read_bytes() if target.is_file() else None


def sizes(site: Path, urls: list[str]) -> tuple[int, int, int, int, str]:
    """(responses, raw, gzip, brotli bytes, the three largest by gzip) for these URLs, each once;
    compressed sizes never exceed raw."""
    import brotli

    count = raw = gz = br = 0
    items = []
    for url in dict.fromkeys(urls):
        data = _body(site, url)
        if data is None:
            continue
        count += 1
        raw += len(data)
        g = min(len(data), len(gzip.compress(data, compresslevel=6)))
        gz += g
        br += min(len(data), len(brotli.compress(data, quality=11)))
        items.append((g, urlsplit(url).path))
    top = ", ".join(f"{path.rsplit('/', 1)[-1] or path} {g / KB:.0f}" for g, path in sorted(items, reverse=True)[:3])
    return count, raw, gz, br, top


def measure_transfers(site: Path, guidance: str) -> dict[str, tuple[int, int, int, int]]:
    """A cold visit to a guidance page, then one search from it (only what the visit had not fetched)."""
    from playwright.sync_api import sync_playwright

    httpd = _Server(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}/"
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context()
                urls: list[str] = []
                context.on("request", lambda r: urls.append(r.url))
                page = context.new_page()
                page.goto(base + guidance, wait_until="load")
                page.wait_for_load_state("networkidle")
                cold = list(urls)
                page.locator("a.site-search-link").click()
                page.wait_for_selector('#site-search[data-state="ready"]', timeout=60_000)
                page.locator("#site-search-input").press_sequentially(SEARCH_WORD, delay=20)
                page.wait_for_function("w => document.getElementById('site-search-status').textContent.includes(w)",
                                       arg=SEARCH_WORD, timeout=60_000)
                page.wait_for_load_state("networkidle")
                status = page.text_content("#site-search-status")
                first = page.evaluate("() => (document.querySelector('#site-search-results .site-search__authority') || {}).textContent")
                seen = set(cold)
                search = [u for u in urls[len(cold):] if u not in seen]
                context.close()
            finally:
                browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()
    print(f"  searching {SEARCH_WORD!r} from {guidance}: {status.strip()} The first result is {first}'s.")
    return {"page": sizes(site, cold), "search": sizes(site, search)}


def _kb(n: int) -> str:
    return f"{n / KB:,.0f} KB"


def html_pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("*.html"))


def profile(frameworks: Path, out: Path, top: int = 25) -> None:
    stats_file = out.parent / "build.prof"
    cmd = [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)]
    elapsed = timed(cmd, env=dict(ENV, THRESHOLDS_FRAMEWORKS=str(frameworks)))
    print(f"\ncProfile of the build ({elapsed:.1f} s under the profiler), top {top} by cumulative time:")
    stats = pstats.Stats(str(stats_file))
    stats.sort_stats("cumulative").print_stats(top)
    print(f"top {top} by own time:")
    stats.sort_stats("tottime").print_stats(top)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--counts", default="1,10,50,150", help="numbers of frameworks (default 1,10,50,150)")
    parser.add_argument("--profile", action="store_true", help="profile the largest build regardless of its time")
    parser.add_argument("--profile-over", type=float, default=120.0, help="profile when a build takes longer (s)")
    args = parser.parse_args(argv)
    counts = [int(c) for c in args.counts.split(",")]

    source = largest_framework()
    print(f"Build benchmark: copies of {source.relative_to(ROOT)} ({source.stat().st_size:,} bytes), "
          f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs")
    header = (f"{'N':>4} {'pages':>6} {'build s':>8} {'s/fw':>6} {'plain s':>8} {'ratio':>6} "
              f"{'plain pages':>11} {'page bytes':>11} {'Pagefind index':>15} {'Material index (gzip)':>22}")
    print(header)
    slowest = 0.0
    largest: dict = {}
    with tempfile.TemporaryDirectory(prefix="bench-build-") as tmp:
        tmp_path = Path(tmp)
        for n in counts:
            work = tmp_path / f"n{n}"
            frameworks = work / "frameworks"
            ids = synthesise(source, n, frameworks)
            site = work / "site"
            seconds = real_build(frameworks, site)
            slowest = max(slowest, seconds)
            config = plain_project(frameworks, work / "plain")
            plain_site = work / "plain-site"
            plain_seconds = plain_build(config, plain_site)
            page = site / "frameworks" / ids[0] / "levels" / "index.html"
            material = (plain_site / "search" / "search_index.json").read_bytes()
            material_gz = len(gzip.compress(material, compresslevel=6))
            print(f"{n:>4} {html_pages(site):>6} {seconds:>8.1f} {seconds / n:>6.2f} {plain_seconds:>8.1f} "
                  f"{seconds / plain_seconds:>6.2f} {html_pages(plain_site):>11} {page.stat().st_size:>11,} "
                  f"{folder_bytes(site / 'pagefind'):>15,} {f'{len(material):,} ({material_gz:,})':>22}", flush=True)
            shutil.rmtree(plain_site)
            if n == max(counts):
                from macros.search_index import pagefind_command

                largest = {"n": n, "seconds": seconds, "site": site, "page": f"frameworks/{ids[0]}/levels/",
                           "material": (len(material), material_gz), "plain_seconds": plain_seconds,
                           "index_seconds": timed(pagefind_command(site))}  # the same step again, alone
            else:
                shutil.rmtree(site)
        if largest:
            transfers = measure_transfers(largest["site"], largest["page"])
            n = largest["n"]
            print(f"\nAt {n} frameworks, against issue 10's targets (KB = 1,000 bytes; gzip / brotli as sent compressed):")
            print(f"  {'figure':<44} {'measured':>24} {'target':>12}  baseline")
            _, raw, gz, br, top = transfers["page"]
            m_raw, m_gz = largest["material"]
            print(f"  {'cold guidance page, ' + str(transfers['page'][0]) + ' responses':<44} "
                  f"{_kb(gz) + ' / ' + _kb(br):>24} {'<= ' + str(TARGET_PAGE_KB) + ' KB':>12}  "
                  f"{_kb(raw)} uncompressed (largest, KB gzip: {top}); Material's search would add its index to "
                  f"every page: {_kb(m_raw)} ({_kb(m_gz)} gzip)")
            _, raw, gz, br, top = transfers["search"]
            print(f"  {'one search, ' + str(transfers['search'][0]) + ' more responses':<44} "
                  f"{_kb(gz) + ' / ' + _kb(br):>24} {'<= ' + str(TARGET_SEARCH_KB) + ' KB':>12}  "
                  f"{_kb(raw)} uncompressed: the search page, its script, Pagefind's runtime and index "
                  f"(largest, KB gzip: {top})")
            print(f"  {'build':<44} {largest['seconds']:>22.1f} s {'<= ' + str(TARGET_BUILD_S) + ' s':>12}  "
                  f"{largest['seconds'] / n:.2f} s per framework, of which the search index "
                  f"{largest['index_seconds']:.1f} s; Material's own build of the same pages "
                  f"{largest['plain_seconds']:.1f} s")
            shutil.rmtree(largest["site"])
        if args.profile or slowest > args.profile_over:
            n = max(counts)
            profile(tmp_path / f"n{n}" / "frameworks", tmp_path / "profiled-site")
    print("page bytes: frameworks/synthetic-001/levels/index.html; ratio: build s / plain s; "
          "the real build also validates the YAML, writes the explorer's JSON, copies the Pyodide runtime and "
          "builds the Pagefind index.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
